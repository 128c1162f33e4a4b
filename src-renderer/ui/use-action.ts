// Hooks over ui/action-state.ts for the buttons of the screens: `useAction` (busy while running, one run at
// a time; errors are the store action's toast) and `useConfirmedAction` (ask, then confirm or cancel; shown
// with ConfirmActionDialog from ui/dialog.tsx). The latest `run` closure is used, so it may read props.
import { useState, useSyncExternalStore } from 'react';
import { ActionState, ConfirmationState, type ActionOptions, type ConfirmationOptions } from './action-state';

export interface Action<A extends unknown[]> {
  busy: boolean;
  /** The arguments of the run in progress (e.g. which row's button is busy), or null. */
  running: A | null;
  run(...args: A): Promise<boolean>;
}

export function useAction<A extends unknown[]>(run: (...args: A) => Promise<unknown>, options: ActionOptions<A> = {}): Action<A> {
  const [state] = useState(() => new ActionState(run, options));
  state.run = run;
  state.options = options;
  const { running } = useSyncExternalStore(state.subscribe, state.snapshot);
  return { busy: running !== null, running, run: (...args: A) => state.start(...args) };
}

export interface ConfirmedAction<T> {
  /** What the open question is about (null: no question open). */
  target: T | null;
  busy: boolean;
  ask(target: T): void;
  cancel(): void;
  confirm(): Promise<boolean>;
}

export function useConfirmedAction<T>(run: (target: T) => Promise<unknown>, options: ConfirmationOptions<T> = {}): ConfirmedAction<T> {
  const [state] = useState(() => new ConfirmationState(run, options));
  state.run = run;
  state.options = options;
  const { target, busy } = useSyncExternalStore(state.subscribe, state.snapshot);
  return { target, busy, ask: (t: T) => state.ask(t), cancel: () => state.cancel(), confirm: () => state.confirm() };
}
