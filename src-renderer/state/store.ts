// The renderer's one zustand store, built from typed slices: the frame's own two (session, ui) and every
// area's (src-renderer/areas.ts; an area's manifest declares its slices' types in `AreaSlices` below and
// registers their factories in its `slices`). Actions (under `actions`) are the only code that calls the
// console client; components read state through one selector per value.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SliceParts } from '../area';
import { RENDERER_AREAS } from '../areas';
import { idle } from './loadable';
import { createSessionSlice, type SessionActions, type SessionState } from './session-slice';
import type { ConsoleApi, SliceContext } from './slice-context';
import { createUiSlice, type UiActions, type UiState } from './ui-slice';

/**
 * The areas' slices: key -> its state and actions. Each area adds its own with a module augmentation in its
 * manifest (`declare module '../state/store' { interface AreaSlices { billing: { state: BillingState;
 * actions: BillingActions } } }`) and registers the factory under the same key in its `slices`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the areas' augmentations
export interface AreaSlices {}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export type AreaSliceKey = keyof AreaSlices;
export type AreaSliceState<K extends AreaSliceKey> = AreaSlices[K] extends { state: infer S } ? S : never;
export type AreaSliceActions<K extends AreaSliceKey> = AreaSlices[K] extends { actions: infer A } ? A : never;
type AreaStates = { [K in AreaSliceKey]: AreaSliceState<K> };
type AreaActions = UnionToIntersection<{ [K in AreaSliceKey]: AreaSliceActions<K> }[AreaSliceKey]>;

interface ResetActions {
  /** Runs `fn` once after a short delay however often `key` is scheduled meanwhile (pushed events use it). */
  scheduleRefresh(key: string, fn: () => void): void;
  /** Another user signed in: nothing loaded for the previous one may stay. */
  resetForUser(): void;
  /** The acting company changed: data that depends on it is stale. */
  resetForActing(): void;
  /** Reloads what the areas show after the event stream was down (the session slice's resyncAll calls it). */
  resyncAreas(): void;
}

export type AppActions = SessionActions & UiActions & AreaActions & ResetActions;

export type AppState = AreaStates & {
  session: SessionState;
  ui: UiState;
  actions: AppActions;
};

export type AppStore = StoreApi<AppState>;

export interface AppStoreOptions {
  /** How long refetches triggered by events are coalesced (ms). */
  refreshDelayMs?: number;
}

export function createAppStore(client: ConsoleApi, options: AppStoreOptions = {}): AppStore {
  const delay = options.refreshDelayMs ?? 60;
  const pending = new Map<string, () => void>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  function schedule(key: string, fn: () => void): void {
    pending.set(key, fn);
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      const due = [...pending.values()];
      pending.clear();
      for (const run of due) run();
    }, delay);
  }

  return createStore<AppState>()((set, get) => {
    const ctx: SliceContext = { set, get, client, schedule };
    const session = createSessionSlice(ctx);
    const ui = createUiSlice(ctx);
    const slices = new Map<string, SliceParts<unknown, unknown>>();
    for (const area of RENDERER_AREAS) {
      for (const [key, factory] of Object.entries(area.slices ?? {}) as [string, (c: SliceContext) => SliceParts<unknown, unknown>][]) {
        if (slices.has(key) || key === 'session' || key === 'ui' || key === 'actions') throw new Error(`store slice "${key}" is declared twice (area ${area.name})`);
        slices.set(key, factory(ctx));
      }
    }
    const areaStates = (pick: (parts: SliceParts<unknown, unknown>, current: unknown) => unknown, current?: AppState) =>
      Object.fromEntries([...slices].map(([key, parts]) => [key, pick(parts, current?.[key as AreaSliceKey])]));

    const reset: ResetActions = {
      scheduleRefresh: schedule,
      resetForUser() {
        set((s) => ({
          session: { ...s.session, switcher: idle(), candidates: s.session.candidates },
          ...(areaStates((parts, current) => (parts.forUser ? parts.forUser(current) : parts.state), s) as AreaStates),
        }));
      },
      resetForActing() {
        set((s) => areaStates((parts, current) => (parts.forActing ? parts.forActing(current) : current), s) as AreaStates);
        for (const parts of slices.values()) parts.afterActing?.();
      },
      resyncAreas() {
        for (const parts of slices.values()) parts.resync?.();
      },
    };

    const actions = mergeActions([['session', session.actions], ...[...slices].map(([key, p]): [string, unknown] => [key, p.actions]), ['ui', ui.actions], ['store', reset]]) as unknown as AppActions;
    return { ...(areaStates((parts) => parts.state) as AreaStates), session: session.state, ui: ui.state, actions } as AppState;
  });
}

/**
 * The store's one `actions` object from every slice's actions. A name declared by two slices is refused (a
 * plain merge let a later slice's action silently replace an earlier one's, e.g. the palette's `searchShop`
 * over the shop's; the types cannot see it because the slices are an intersection).
 */
export function mergeActions(parts: readonly (readonly [owner: string, actions: unknown])[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  const ownerOf = new Map<string, string>();
  for (const [owner, actions] of parts) {
    for (const [name, action] of Object.entries((actions ?? {}) as Record<string, unknown>)) {
      const first = ownerOf.get(name);
      if (first !== undefined) throw new Error(`store action "${name}" is declared by both the ${first} and the ${owner} slice`);
      ownerOf.set(name, owner);
      merged[name] = action;
    }
  }
  return merged;
}
