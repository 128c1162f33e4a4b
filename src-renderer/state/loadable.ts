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

/**
 * The headline of a failure of the data folder itself (issue 16 L6/L7: busy with another process, disk full,
 * damaged or unwritable database), shown above the API's message, which says what to do; null for any other error.
 */
export function storageFailureTitleOf(error: unknown): string | null {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  switch (code) {
    case 'busy':
      return 'Not saved: the data folder is busy';
    case 'disk_full':
      return 'Not saved: the disk is full';
    case 'storage_failed':
      return 'The data folder needs attention';
    default:
      return null;
  }
}

export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return 'Something went wrong.';
}
