// The designed states of anything loaded, in one place: the error (with Try again) while there is nothing
// to show, the skeleton until the first answer, the empty state when the answer holds nothing, and the
// content otherwise. Data already shown stays through a refresh or a failed reload (state/loadable.ts).
import type { ReactNode } from 'react';
import { Card } from './page';
import { ErrorState, SkeletonRows } from './states';

/** Anything with a loadable's status, data and error (state/loadable.ts, a list's state). */
export interface LoadableLike<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  data: T | null;
  error: string | null;
}

export interface LoadedProps<T> {
  value: LoadableLike<T> | undefined;
  /** The error's title, e.g. "Could not load the users". */
  errorTitle?: string;
  onRetry?: () => void;
  /** Shown instead of the standard error state (a quiet line in a small card). */
  renderError?: (message: string | null) => ReactNode;
  /** The placeholder until the first answer (default: three skeleton rows). */
  loading?: ReactNode;
  /** Shown when `isEmpty` says the answer holds nothing (without it, empty data goes to `children`). */
  empty?: ReactNode;
  /** Default: an empty array. */
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}

export type LoadedState = 'error' | 'loading' | 'empty' | 'ready';

/** Which of the designed states a loadable is in. */
export function loadedState<T>(value: LoadableLike<T> | undefined, isEmpty: ((data: T) => boolean) | null): LoadedState {
  if (value?.data == null) return value?.status === 'error' ? 'error' : 'loading';
  return isEmpty?.(value.data) ? 'empty' : 'ready';
}

const emptyArray = (data: unknown) => Array.isArray(data) && data.length === 0;

export function Loaded<T>({ value, errorTitle, onRetry, renderError, loading, empty, isEmpty, children }: LoadedProps<T>) {
  switch (loadedState(value, empty === undefined ? null : (isEmpty ?? emptyArray))) {
    case 'error':
      return renderError ? renderError(value?.error ?? null) : <ErrorState title={errorTitle} message={value?.error ?? null} onRetry={onRetry} />;
    case 'loading':
      return loading ?? <SkeletonRows rows={3} columns={3} />;
    case 'empty':
      return empty;
    case 'ready':
      return children(value!.data as T);
  }
}

/** A card whose body is a loaded value in its designed states. */
export function LoadableCard<T>({
  title,
  description,
  actions,
  className,
  testId,
  flush,
  ...loaded
}: LoadedProps<T> & { title?: ReactNode; description?: ReactNode; actions?: ReactNode; className?: string; testId?: string; flush?: boolean }) {
  return (
    <Card title={title} description={description} actions={actions} className={className} testId={testId} flush={flush}>
      <Loaded {...loaded} />
    </Card>
  );
}
