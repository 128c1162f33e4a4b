import { describe, expect, it } from 'vitest';
import { createProgressBar } from '../../../../src-main/cli/progress-bar';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, columns: 200, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream, writes };
}

describe('progress bar', () => {
  it('draws the bar, percentage, counts, rate and time left on one line of a terminal', () => {
    const { stream, writes } = fakeStream(true);
    const bar = createProgressBar(stream, 'orders');
    bar.update(500, 1000, 2000);
    bar.update(1000, 1000, 4000);
    bar.finish();
    expect(writes[0].endsWith('\u001b[K')).toBe(true);
    expect(writes[0].slice(0, -3)).toMatch(/^\r {2}orders \[█{14}░{14}\] {2}50% {2}500\/1,000 {2}[\d,]+ rows\/s {2}ETA \d+:\d\d$/);
    expect(writes[1]).toContain('100%');
    expect(writes.at(-1)).toBe('\n');
  });

  it('stays silent when stderr is not a terminal', () => {
    const { stream, writes } = fakeStream(false);
    const bar = createProgressBar(stream, 'orders');
    bar.update(1, 2, 3);
    bar.finish();
    expect(writes).toEqual([]);
  });
});
