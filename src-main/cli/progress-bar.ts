// A one-line progress bar on stderr for long CLI jobs (only on a terminal): bar, percentage, counts,
// rate and time left, redrawn at most five times a second.
export interface ProgressBar {
  update(done: number, total: number, rows: number): void;
  finish(): void;
}

export function createProgressBar(stream: NodeJS.WriteStream, label: string): ProgressBar {
  const started = performance.now();
  let last = 0;
  let drawn = false;
  const width = 28;
  const n = (value: number) => Math.round(value).toLocaleString('en');
  const clock = (seconds: number) => {
    const s = Math.max(0, Math.round(seconds));
    return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  };
  return {
    update(done, total, rows) {
      const now = performance.now();
      if (!stream.isTTY || (now - last < 200 && done < total)) return;
      last = now;
      const elapsed = (now - started) / 1000;
      const share = total === 0 ? 1 : Math.min(1, done / total);
      const filled = Math.round(share * width);
      const rate = elapsed > 0 ? rows / elapsed : 0;
      const eta = share > 0 ? (elapsed / share) * (1 - share) : 0;
      const line = `  ${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${n(done)}/${n(total)}  ${n(rate)} rows/s  ETA ${clock(eta)}`;
      stream.write(`\r${line.slice(0, (stream.columns || 120) - 1)}\x1b[K`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
