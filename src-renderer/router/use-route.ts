// The tiny hash router: the current route (and the acting company the address names) as React hooks, and
// navigation that works outside React too. The address is `#/c/<companyId>/<screen>` while this window acts as
// a client (router/location.ts); routes themselves never carry the prefix, so `navigate(route)` stays in the
// window's acting company unless told otherwise.
import { useMemo, useSyncExternalStore } from 'react';
import { addressBar, joinHash, splitHash } from './location';
import { parseRoute, routePath, type Route } from './routes';

function subscribe(onChange: () => void): () => void {
  return addressBar().subscribe(onChange);
}

const getHash = (): string => addressBar().shown();

/** The shown address: its acting company (null: Self) and its route. */
export function useLocation(): { acting: number | null; route: Route } {
  const hash = useSyncExternalStore(subscribe, getHash, () => '');
  return useMemo(() => {
    const { acting, path } = splitHash(hash);
    return { acting, route: parseRoute(path) };
  }, [hash]);
}

export function useRoute(): Route {
  return useLocation().route;
}

export function currentRoute(): Route {
  return parseRoute(splitHash(getHash()).path);
}

/**
 * Goes to a route; `replace` swaps the history entry instead of adding one; `acting` goes to that company's
 * screen (null: Self) instead of staying in this window's.
 */
export function navigate(route: Route, options: { replace?: boolean; acting?: number | null } = {}): void {
  const acting = options.acting === undefined ? splitHash(getHash()).acting : options.acting;
  addressBar().go(joinHash(acting, routePath(route)), { replace: options.replace });
}
