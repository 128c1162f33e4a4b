// What every slice of the store receives: zustand's set/get, the console client, and the refresh
// scheduler that coalesces refetches (a burst of pushed events causes one reload, not fifty).
import type { StoreApi } from 'zustand/vanilla';
import type { RendererConsoleClient } from '../api/console-client';
import { ApiError } from '../../src-shared/api/errors';
import type { LoadTarget } from './keyed-loader';
import type { Loadable } from './loadable';
import type { AppState } from './store';
import { messageOf, storageFailureTitleOf } from './loadable';

/** The console client as slices see it: calls, and the acting company this window's calls carry. */
export type ConsoleApi = Pick<RendererConsoleClient, 'call' | 'setActing' | 'acting'>;

export interface SliceContext {
  set: StoreApi<AppState>['setState'];
  get: StoreApi<AppState>['getState'];
  client: ConsoleApi;
  /** Runs `fn` once after a short delay, however often the same `key` is scheduled meanwhile. */
  schedule(key: string, fn: () => void): void;
}

type SliceKey = Exclude<keyof AppState, 'actions'>;

/** Shallow-merges `patch` into one slice's state. */
export function patch<K extends SliceKey>(
  ctx: Pick<SliceContext, 'set'>,
  key: K,
  update: Partial<AppState[K]> | ((current: AppState[K]) => Partial<AppState[K]>),
): void {
  ctx.set((state) => {
    const current = state[key];
    const changes = typeof update === 'function' ? update(current) : update;
    return { [key]: { ...current, ...changes } } as Partial<AppState>;
  });
}

type LoadableField<S> = { [F in keyof S]-?: S[F] extends Loadable<unknown> ? F : never }[keyof S];
type LoadableRecord<S> = { [F in keyof S]-?: S[F] extends Record<string | number, Loadable<unknown>> ? (S[F] extends Loadable<unknown> ? never : F) : never }[keyof S];
type DataOf<L> = L extends Loadable<infer T> ? T : never;
type EntryData<R> = R extends Record<string | number, infer L> ? DataOf<L> : never;

/** A loadable in the store: a load target that a change can also update in place. */
export interface SliceTarget<T> extends LoadTarget<T> {
  update(change: (current: Loadable<T> | undefined) => Loadable<T>): void;
}

/** A loadable field of a slice (`requests.list`) as the target of a load. */
export function fieldTarget<K extends SliceKey, F extends LoadableField<AppState[K]>>(
  ctx: Pick<SliceContext, 'set' | 'get'>,
  slice: K,
  field: F,
): SliceTarget<DataOf<AppState[K][F]>> {
  type L = Loadable<DataOf<AppState[K][F]>>;
  const update = (change: (current: L | undefined) => L) =>
    patch(ctx, slice, (current) => ({ [field]: change(current[field] as L) }) as unknown as Partial<AppState[K]>);
  return { get: () => ctx.get()[slice][field] as L, set: (next) => update(() => next), update };
}

/** One entry of a slice's record of loadables (`users.byCompany[7]`) as the target of a load. */
export function entryTarget<K extends SliceKey, F extends LoadableRecord<AppState[K]>>(
  ctx: Pick<SliceContext, 'set' | 'get'>,
  slice: K,
  field: F,
  id: string | number,
): SliceTarget<EntryData<AppState[K][F]>> {
  type L = Loadable<EntryData<AppState[K][F]>>;
  const update = (change: (current: L | undefined) => L) =>
    patch(ctx, slice, (current) => {
      const record = current[field] as Record<string | number, L>;
      return { [field]: { ...record, [id]: change(record[id]) } } as unknown as Partial<AppState[K]>;
    });
  return { get: () => (ctx.get()[slice][field] as Record<string | number, L>)[id], set: (next) => update(() => next), update };
}

/**
 * Runs a change through the API: shows a success toast when it worked, an error toast with the API's
 * message when it did not, and rethrows so a form can put field errors next to its fields.
 */
export async function mutate<T>(ctx: SliceContext, run: () => Promise<T>, success?: string | ((result: T) => string)): Promise<T> {
  try {
    const result = await run();
    if (success) ctx.get().actions.toast('success', typeof success === 'function' ? success(result) : success);
    return result;
  } catch (error) {
    const apiError = error instanceof ApiError ? error : null;
    if (apiError && apiError.code === 'validation_failed' && Object.keys(apiError.fields).length > 0) {
      ctx.get().actions.toast('error', 'Please correct the highlighted fields.', apiError.message);
    } else {
      const storageTitle = storageFailureTitleOf(error);
      if (storageTitle) ctx.get().actions.toast('error', storageTitle, messageOf(error));
      else ctx.get().actions.toast('error', messageOf(error));
    }
    throw error;
  }
}
