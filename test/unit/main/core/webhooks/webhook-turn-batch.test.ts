// The per-turn batcher of the worker's reports and the dispatcher's recording: what is added in one event-loop turn
// is handed on once, in order, at the next; what was taken out before is not handed on; a later turn batches anew.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { turnBatch } from '../../../../../src-main/core/webhooks/webhook-turn-batch';

describe('turnBatch', () => {
  it('hands on what one turn added, once and in order, then batches the next turn anew', async () => {
    const flushed: number[][] = [];
    const batch = turnBatch<number>((items) => flushed.push(items));
    batch.add(1);
    batch.add(2);
    batch.add(3);
    expect(flushed).toEqual([]);
    await nextTurn();
    expect(flushed).toEqual([[1, 2, 3]]);
    batch.add(4);
    await nextTurn();
    expect(flushed).toEqual([[1, 2, 3], [4]]);
  });

  it('does not hand on what was taken out before the turn ended', async () => {
    const flushed: string[][] = [];
    const batch = turnBatch<string>((items) => flushed.push(items));
    batch.add('a');
    expect(batch.take()).toEqual(['a']);
    await nextTurn();
    expect(flushed).toEqual([]);
    batch.add('b');
    await nextTurn();
    expect(flushed).toEqual([['b']]);
  });
});
