// Durations as people type them for the platform clock: `90s`, `15m`, `2h`, `3d`, `1w`, `1h30m`, `1d 12h`.
// Shared by the CLI (`partnerdeck clock advance 2h`), the console's clock control and the API boundary.

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const PART = /(\d+)\s*(ms|s|m|h|d|w)/gy;

/** Milliseconds, or null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const source = text.trim().toLowerCase();
  if (source === '') return null;
  let total = 0;
  let index = 0;
  PART.lastIndex = 0;
  while (index < source.length) {
    PART.lastIndex = index;
    const match = PART.exec(source);
    if (!match) return null;
    total += Number(match[1]) * UNIT_MS[match[2]];
    index = PART.lastIndex;
    while (source[index] === ' ') index += 1;
  }
  return Number.isSafeInteger(total) ? total : null;
}

/** A short human form: `2 d 3 h`, `15 min`, `90 s` -> `1 min 30 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const parts: string[] = [];
  let rest = Math.round(ms / 1_000);
  const units: [number, string][] = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  for (const [size, label] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${label}`);
      rest %= size;
    }
  }
  return parts.slice(0, 2).join(' ');
}

/** The longest single move of the clock (it never moves back, so a typo must not cost years). */
export const MAX_CLOCK_ADVANCE_MS = 366 * 86_400_000;
