// Items that arrive within one event-loop turn, handed on together at the next (setImmediate): the worker reports
// the outcomes of one turn in one message, and the dispatcher records the results of several messages in one
// transaction. Both sides of the worker protocol use it.

export interface TurnBatch<T> {
  /** Items added before the next turn reach `flush` in one array, in the order they were added. */
  add(item: T): void;
  /** What is waiting now, taken out (the next turn's flush then has nothing to hand on). */
  take(): T[];
}

export function turnBatch<T>(flush: (items: T[]) => void): TurnBatch<T> {
  let pending: T[] = [];
  let queued = false;
  const take = () => {
    const items = pending;
    pending = [];
    return items;
  };
  return {
    add(item) {
      pending.push(item);
      if (queued) return;
      queued = true;
      setImmediate(() => {
        queued = false;
        const items = take();
        if (items.length > 0) flush(items);
      });
    },
    take,
  };
}
