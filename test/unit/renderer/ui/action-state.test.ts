// A button's action (busy while running, one run at a time) and the confirmed action behind a question
// (ask, confirm, cancel; a failure keeps the question open unless told to close it).
import { describe, expect, it } from 'vitest';
import { ActionState, ConfirmationState } from '../../../../src-renderer/ui/action-state';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('an action', () => {
  it('is busy with its arguments while it runs, and runs once however often it is started meanwhile', async () => {
    const runs: number[] = [];
    const gate = deferred();
    const action = new ActionState(async (id: number) => {
      runs.push(id);
      await gate.promise;
    });
    const changes: unknown[] = [];
    action.subscribe(() => changes.push(action.snapshot().running));
    const first = action.start(7);
    expect(action.busy).toBe(true);
    expect(action.snapshot().running).toEqual([7]);
    expect(await action.start(8)).toBe(false);
    gate.resolve();
    expect(await first).toBe(true);
    expect(runs).toEqual([7]);
    expect(action.busy).toBe(false);
    expect(changes).toEqual([[7], null]);
  });

  it('reports a failure (the toast already said why) and is ready again', async () => {
    const errors: unknown[] = [];
    const action = new ActionState(
      async () => {
        throw new Error('refused');
      },
      { onError: (error) => errors.push((error as Error).message) },
    );
    expect(await action.start()).toBe(false);
    expect(errors).toEqual(['refused']);
    expect(action.busy).toBe(false);
  });
});

describe('a confirmed action', () => {
  it('runs nothing until confirmed, then runs for the asked target and closes the question', async () => {
    const removed: string[] = [];
    const gate = deferred();
    const confirmation = new ConfirmationState(async (user: string) => {
      removed.push(user);
      await gate.promise;
    });
    confirmation.ask('Anna');
    expect(confirmation.snapshot()).toEqual({ target: 'Anna', busy: false });
    expect(removed).toEqual([]);
    const done = confirmation.confirm();
    expect(confirmation.snapshot()).toEqual({ target: 'Anna', busy: true });
    expect(await confirmation.confirm()).toBe(false);
    gate.resolve();
    expect(await done).toBe(true);
    expect(removed).toEqual(['Anna']);
    expect(confirmation.snapshot()).toEqual({ target: null, busy: false });
  });

  it('cancel closes the question without running', async () => {
    let ran = false;
    const confirmation = new ConfirmationState(async () => {
      ran = true;
    });
    confirmation.ask('x');
    confirmation.cancel();
    expect(await confirmation.confirm()).toBe(false);
    expect(ran).toBe(false);
    expect(confirmation.snapshot().target).toBeNull();
  });

  it('keeps the question open after a failure, so the user can try again', async () => {
    let attempts = 0;
    const confirmation = new ConfirmationState(async () => {
      attempts++;
      if (attempts === 1) throw new Error('busy');
    });
    confirmation.ask('order 12');
    expect(await confirmation.confirm()).toBe(false);
    expect(confirmation.snapshot()).toEqual({ target: 'order 12', busy: false });
    expect(await confirmation.confirm()).toBe(true);
    expect(confirmation.snapshot().target).toBeNull();
  });

  it('closes the question after a failure when asked to, and tells onError', async () => {
    const seen: unknown[] = [];
    const confirmation = new ConfirmationState(
      async () => {
        throw new Error('stale preview');
      },
      { afterError: 'close', onError: (error, target) => seen.push([(error as Error).message, target]) },
    );
    confirmation.ask('2026-11');
    expect(await confirmation.confirm()).toBe(false);
    expect(confirmation.snapshot()).toEqual({ target: null, busy: false });
    expect(seen).toEqual([['stale preview', '2026-11']]);
  });
});
