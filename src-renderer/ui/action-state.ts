// What a button's action goes through, without React (ui/use-action.ts wraps it in hooks): busy while it
// runs, one run at a time (a double click does not send twice), and for destructive actions a confirmation
// step first: ask names the target, confirm runs it, success closes the question, a failure keeps it open
// (the store's action already said why in a toast) unless the caller wants it closed.

type Listener = () => void;

/** A tiny observable value (useSyncExternalStore reads it). */
class Observable<S> {
  private listeners = new Set<Listener>();
  constructor(private state: S) {}
  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  readonly snapshot = (): S => this.state;
  protected set(next: S): void {
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  }
}

export interface ActionOptions<A extends unknown[]> {
  /** After a failed run (the store's action has shown the error already). */
  onError?(error: unknown, ...args: A): void;
}

/** A running action: the arguments of the run in progress (null when idle). */
export class ActionState<A extends unknown[]> extends Observable<{ running: A | null }> {
  constructor(
    public run: (...args: A) => Promise<unknown>,
    public options: ActionOptions<A> = {},
  ) {
    super({ running: null });
  }

  get busy(): boolean {
    return this.snapshot().running !== null;
  }

  /** Runs the action unless a run is under way; resolves to whether it succeeded. */
  async start(...args: A): Promise<boolean> {
    if (this.busy) return false;
    this.set({ running: args });
    try {
      await this.run(...args);
      return true;
    } catch (error) {
      this.options.onError?.(error, ...args);
      return false;
    } finally {
      this.set({ running: null });
    }
  }
}

export interface ConfirmationOptions<T> {
  /** What a failure does to the question: kept open to try again (default), or closed. */
  afterError?: 'keep-open' | 'close';
  onError?(error: unknown, target: T): void;
}

/** A destructive action behind a question: ask(target), then confirm() or cancel(). */
export class ConfirmationState<T> extends Observable<{ target: T | null; busy: boolean }> {
  constructor(
    public run: (target: T) => Promise<unknown>,
    public options: ConfirmationOptions<T> = {},
  ) {
    super({ target: null, busy: false });
  }

  ask(target: T): void {
    if (this.snapshot().busy) return;
    this.set({ target, busy: false });
  }

  cancel(): void {
    this.set({ target: null, busy: this.snapshot().busy });
  }

  /** Runs the action for the asked target; resolves to whether it succeeded. */
  async confirm(): Promise<boolean> {
    const { target, busy } = this.snapshot();
    if (target === null || busy) return false;
    this.set({ target, busy: true });
    try {
      await this.run(target);
      this.set({ target: null, busy: false });
      return true;
    } catch (error) {
      this.options.onError?.(error, target);
      // The question stays unless it was cancelled meanwhile or the caller closes it on failure.
      const still = this.snapshot().target === target && this.options.afterError !== 'close';
      this.set({ target: still ? target : null, busy: false });
      return false;
    }
  }
}
