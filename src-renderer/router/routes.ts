// The console's screens as hash routes (`#/companies/12/users?add=1`): parsing and formatting, no DOM, and
// what the route's area says about it (its screen, who may open it, what a switch does with it). Each area
// declares its routes (src-renderer/areas/<area>/routes.ts or its manifest, index.tsx); `Route` is the union
// of all of them, plus `not-found` for any other path. The table is built from the areas on first use, and the
// areas import the screens: so no module may call href/routePath/parseRoute while it loads (at its top level),
// only when it renders or acts.
import type { ReactNode } from 'react';
import type { SessionInfo } from '../../src-shared/api/types';
import { OPEN, type ParamsOf, type RouteAccess, type RouteDef, type RouteIn } from '../area';
import { RENDERER_AREAS } from '../areas';
import { addressActing, joinHash } from './location';
import type { Capabilities } from '../state/capabilities';
import type { AppActions } from '../state/store';

export { STORE_LISTS, STORE_TITLES, type StoreList } from '../areas/shop/routes';
export { BILLING_TABS, type BillingTab } from '../areas/billing/routes';
export { SALES_TABS, type SalesTab } from '../areas/sales/routes';

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type AreaRoutes = UnionToIntersection<(typeof RENDERER_AREAS)[number]['routes']>;

/** A route of any area, or a path no area knows. */
export type Route = RouteIn<AreaRoutes> | { name: 'not-found'; path: string };
export type RouteName = Route['name'];
/** The route of one name (`RouteNamed<'company'>`). */
export type RouteNamed<N extends RouteName> = Extract<Route, { name: N }>;

interface Entry {
  area: (typeof RENDERER_AREAS)[number];
  def: RouteDef<object>;
}

let byName: Map<string, Entry> | null = null;

/** Every route by name, with its area (built on first use: the areas import the screens, which use this module). */
export function routeEntries(): Map<string, Entry> {
  if (byName) return byName;
  byName = new Map();
  for (const area of RENDERER_AREAS) {
    for (const [name, def] of Object.entries(area.routes) as [string, RouteDef<object>][]) {
      if (byName.has(name)) throw new Error(`route "${name}" is declared by two areas: ${byName.get(name)!.area.name} and ${area.name}`);
      byName.set(name, { area, def });
    }
  }
  return byName;
}

/** Parses a screen path (`/store/products?q=x`, with or without `#`, without the acting prefix: router/location.ts). Unknown paths become `not-found`. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart, queryPart = ''] = raw.split('?', 2);
  const path = pathPart.replace(/\/+$/, '') || '/';
  const query = new URLSearchParams(queryPart);
  const parts = path.split('/').filter(Boolean);
  for (const [name, { def }] of routeEntries()) {
    const params = def.parse(parts, query);
    if (params) return { name, ...params } as Route;
  }
  return { name: 'not-found', path };
}

/** The hash path (without `#`) of a route; `parseRoute(`#${routePath(r)}`)` gives `r` back. */
export function routePath(route: Route): string {
  if (route.name === 'not-found') return route.path;
  const { name, ...params } = route;
  return routeEntries().get(name)!.def.path(params as ParamsOf<RouteDef<object>>);
}

/** The link to a route in this window's acting company (`#/c/<id>/…` while acting as a client). */
export function href(route: Route, acting: number | null = addressActing()): string {
  return joinHash(acting, routePath(route));
}

/** The area that declares a route, with the route's definition (undefined for `not-found`). */
function entryOf(route: Route): Entry | undefined {
  return route.name === 'not-found' ? undefined : routeEntries().get(route.name);
}

type AnyRouteFn<T> = (route: Route, ...rest: never[]) => T;

/** One of an area's per-route functions (`access`, `lockedTitle`, `prefetch`) for a route, if it has one. */
function perRoute<T>(route: Route, table: 'access' | 'lockedTitle' | 'prefetch'): AnyRouteFn<T> | undefined {
  const entry = entryOf(route);
  return entry?.area[table]?.[route.name as never] as AnyRouteFn<T> | undefined;
}

/** Whether the route can be opened with these capabilities (the route's area decides; default: yes). */
export function routeAccess(route: Route, caps: Capabilities): RouteAccess {
  const access = perRoute<RouteAccess>(route, 'access') as ((route: Route, caps: Capabilities) => RouteAccess) | undefined;
  return access ? access(route, caps) : OPEN;
}

/** The page title a locked route keeps, so it is clear what is unavailable. */
export function lockedTitle(route: Route): string {
  const title = perRoute<string>(route, 'lockedTitle');
  return title ? title(route) : '';
}

/** Whether the route's screen stays after switching company (default: yes). */
export function keepsOnSwitch(route: Route): boolean {
  const entry = entryOf(route);
  if (!entry?.def.keepOnSwitch) return true;
  const { name: _name, ...params } = route;
  return entry.def.keepOnSwitch(params);
}

/** What the route's screen shows first, loaded before it is put on screen after a company switch. */
export function prefetchRoute(route: Route, actions: AppActions, info: SessionInfo): Promise<unknown> {
  const prefetch = perRoute<Promise<unknown>>(route, 'prefetch') as ((route: Route, actions: AppActions, info: SessionInfo) => Promise<unknown>) | undefined;
  return Promise.all([preloadScreen(route), prefetch ? prefetch(route, actions, info) : undefined]);
}

/** Starts loading the chunk of the route's screen (its area's screens module); never rejects. */
export function preloadScreen(route: Route): Promise<unknown> {
  const area = entryOf(route)?.area;
  const load = (area?.startScreens as readonly string[] | undefined)?.includes(route.name) ? undefined : area?.loadScreens;
  return load ? load.preload().catch(() => undefined) : Promise.resolve();
}

/** The screen of a route (its area's `screens`). */
export function screenOf(route: Exclude<Route, { name: 'not-found' }>): ReactNode {
  const screen = entryOf(route)!.area.screens[route.name as never] as (route: Route) => ReactNode;
  return screen(route);
}
