// What a feature area contributes to the renderer (VS Code's `*.contribution.ts` is the model, as on the shared
// and main sides): its routes with their screens and who may open them, its navigation entries, its store
// slices and how it follows pushed events. The list of areas is ./areas.ts; the router, the frame's route view,
// the side navigation, the store and the pushed-event handling are loops over it. An area's manifest sees only
// its own routes, so nothing here depends on the list (no import cycle through the types); its slices' types
// go into the store's `AreaSlices` by a module augmentation in the manifest.
import type { ReactNode } from 'react';
import { lazyScreens, screenModule, type LazyScreens, type ScreenModule } from './lazy-screens';
import type { AreaName } from '../src-shared/api/areas';
import type { PushedEvent } from '../src-shared/api/ipc';
import type { SessionInfo } from '../src-shared/api/types';
import type { Capabilities, StoreArea } from './state/capabilities';
import type { SliceContext } from './state/slice-context';
import type { AppActions, AppStore, AreaSliceActions, AreaSliceKey, AreaSliceState } from './state/store';
import type { IconName } from './ui/icons';

/** Params of a route without any. */
export type NoParams = Record<never, never>;

export interface RouteDef<P extends object = NoParams> {
  /** The route's params from the hash path's segments (and its query), or null when it is another route. */
  parse(parts: readonly string[], query: URLSearchParams): P | null;
  /** The hash path (without `#`): `parse` gives the params back. */
  path(params: P): string;
  /** Whether the screen stays after switching company (an object of the company left behind does not). */
  keepOnSwitch?(params: P): boolean;
}

/** A route definition; `P` says its params (`routeDef<{ companyId: number }>({...})`). */
export function routeDef<P extends object = NoParams>(def: RouteDef<P>): RouteDef<P> {
  return def;
}

export type RouteDefs = Record<string, RouteDef<object>>;
export type ParamsOf<D> = D extends RouteDef<infer P> ? P : never;
/** One route of a set of definitions: its name and its params. */
export type RouteIn<R extends RouteDefs, N extends keyof R = keyof R> = { [K in N]: { name: K } & ParamsOf<R[K]> }[N];

/** Why a route cannot be opened now (the screen explains it). */
export type RouteAccess = { ok: true } | { ok: false; reason: 'self-only' | 'client-only' | 'permission' | 'store-locked' };

/** The navigation's sections, top to bottom (side-nav.tsx gives them headings). */
export type NavSection = 'home' | 'store' | 'clients' | 'company' | 'extensions' | 'operator' | 'platform';

export interface NavEntry<R extends RouteDefs> {
  section: NavSection;
  /** Place in the section, ascending (areas share sections). */
  order: number;
  route: RouteIn<R> | ((caps: Capabilities) => RouteIn<R>);
  icon: IconName;
  label: string;
  testId: string;
  /** Whether the entry is shown (default: always). */
  show?(caps: Capabilities): boolean;
  /** Shown but locked, with the reason as tooltip (store functions as Self). */
  locked?(caps: Capabilities): boolean;
  /** Which of the area's routes mark the entry current (default: its own route's name). */
  activeFor?(route: RouteIn<R>): boolean;
  /** A count beside the label. */
  badge?: () => ReactNode;
}

/** What a slice factory returns: its state and actions, and how it follows a new user or acting company. */
export interface SliceParts<S, A> {
  state: S;
  actions: A;
  /** The state for another user (default: the initial state). */
  forUser?(current: S): S;
  /** The state when the acting company changes (default: kept). */
  forActing?(current: S): S;
  /** Runs after the acting company changed (e.g. reset loaders). */
  afterActing?(): void;
  /** Reloads what is on screen after the event stream was down. */
  resync?(): void;
}

export type SliceFactory<S = unknown, A = unknown> = (ctx: SliceContext) => SliceParts<S, A>;
/** An area's slices: under a key its manifest declared in the store's `AreaSlices`, the factory of that type. */
export type SliceFactories = { [K in AreaSliceKey]?: SliceFactory<AreaSliceState<K>, AreaSliceActions<K>> };

export interface RendererArea<N extends AreaName = AreaName, R extends RouteDefs = RouteDefs, S extends SliceFactories = SliceFactories> {
  name: N;
  /** Loads the area's screens module (its own chunk): the router starts it early (a company switch, start-up). */
  loadScreens?: ScreenModule<unknown>;
  routes: R;
  /** The screen of each route (lazy components of `loadScreens`: lazy-screens.tsx). */
  screens: { [K in keyof R]: (route: RouteIn<R, K>) => ReactNode };
  /**
   * Routes whose screen is in the start-up bundle instead of the screens module (the first screen of a launch:
   * the overview), so opening them loads no chunk (issue 18 cold start).
   */
  startScreens?: readonly (keyof R & string)[];
  /** Who may open a route now (default: anyone signed in). */
  access?: { [K in keyof R]?: (route: RouteIn<R, K>, caps: Capabilities) => RouteAccess };
  /** The page title a locked route keeps, so it is clear what is unavailable. */
  lockedTitle?: { [K in keyof R]?: (route: RouteIn<R, K>) => string };
  /** What a route's screen shows first, loaded before it is put on screen after a company switch. */
  prefetch?: { [K in keyof R]?: (route: RouteIn<R, K>, actions: AppActions, info: SessionInfo) => Promise<unknown> };
  nav?: NavEntry<R>[];
  slices?: S;
  /** A pushed event: refresh what the area shows of it (through the store's scheduler). */
  onEvent?(event: PushedEvent, store: AppStore): void;
}

/** What a manifest writes: its screens module and the screen of each route made from that module's screens. */
export interface RendererAreaManifest<N extends AreaName, R extends RouteDefs, S extends SliceFactories, M extends object> extends Omit<RendererArea<N, R, S>, 'loadScreens' | 'screens'> {
  /** `() => import('./screens')`: the area's screens module (only re-exports of its screens), a chunk of its own. */
  screenModule: () => Promise<M>;
  /** The screen of each route, from the module's screens as lazy components: `(S) => ({ sales: (r) => <S.SalesScreen tab={r.tab} /> })`. */
  screens: (S: LazyScreens<M>) => RendererArea<N, R, S>['screens'];
}

export function defineRendererArea<const N extends AreaName, R extends RouteDefs, M extends object, S extends SliceFactories = Record<never, never>>(
  manifest: RendererAreaManifest<N, R, S, M>,
): RendererArea<N, R, S> {
  const { screenModule: load, screens, ...area } = manifest;
  const module = screenModule(load);
  return { ...area, loadScreens: module, screens: screens(lazyScreens(module)) };
}

/** Runs `fn` once after a short delay however often `key` is scheduled meanwhile (a burst of events, one reload). */
export function refreshLater(store: AppStore, key: string, fn: () => void): void {
  store.getState().actions.scheduleRefresh(key, fn);
}

export const OPEN: RouteAccess = { ok: true };

/** Open when the capability is there, else "no permission". */
export function allowIf(capable: boolean): RouteAccess {
  return capable ? OPEN : { ok: false, reason: 'permission' };
}

/** A partner function: open when capable; a partner acting as a client is told to go back to Self. */
export function selfOnly(capable: boolean, caps: Capabilities): RouteAccess {
  if (capable) return OPEN;
  return caps.isPartnerUser && !caps.isSelf ? { ok: false, reason: 'self-only' } : { ok: false, reason: 'permission' };
}

/** A store function: the permission's store area, and only inside a client's shop (locked as Self). */
export function storeAccess(caps: Capabilities, area: StoreArea): RouteAccess {
  if (!caps.storeAreas[area]) return { ok: false, reason: 'permission' };
  return caps.storeAvailable ? OPEN : { ok: false, reason: 'store-locked' };
}

/** `positiveInt('12')` = 12; anything but a plain positive whole number: null. */
export function positiveInt(text: string | undefined): number | null {
  if (!text || !/^\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** Whether the path is exactly these segments. */
export function isPath(parts: readonly string[], ...segments: string[]): boolean {
  return parts.length === segments.length && segments.every((s, i) => parts[i] === s);
}
