// A value the renderer fetches: its data, whether it is loading, and the last error's message.
export interface Loadable<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  data: T | null;
  error: string | null;
  /** Loading again while the previous data is still shown. */
  refreshing: boolean;
}

export function idle<T>(): Loadable<T> {
  return { status: 'idle', data: null, error: null, refreshing: false };
}

/** Loading again keeps the previous data on screen (no flash); only the first load shows a skeleton. */
export function loading<T>(prev: Loadable<T> | undefined): Loadable<T> {
  const has = prev?.data != null;
  return { status: has ? 'ready' : 'loading', data: prev?.data ?? null, error: null, refreshing: has };
}

export function ready<T>(data: T): Loadable<T> {
  return { status: 'ready', data, error: null, refreshing: false };
}

/** A failed reload keeps the data it had; the screen shows the error only when there is nothing else. */
export function failed<T>(prev: Loadable<T> | undefined, error: unknown): Loadable<T> {
  return { status: prev?.data != null ? 'ready' : 'error', data: prev?.data ?? null, error: messageOf(error), refreshing: false };
}

export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return 'Something went wrong.';
}
