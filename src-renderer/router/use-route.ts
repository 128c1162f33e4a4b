// The tiny hash router: the current route as a React hook, and navigation that works outside React too.
import { useMemo, useSyncExternalStore } from 'react';
import { parseRoute, routePath, type Route } from './routes';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = (): string => window.location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash, () => '');
  return useMemo(() => parseRoute(hash), [hash]);
}

export function currentRoute(): Route {
  return parseRoute(window.location.hash);
}

/** Goes to a route; `replace` swaps the history entry instead of adding one. */
export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const target = `#${routePath(route)}`;
  if (window.location.hash === target) return;
  if (options.replace) {
    window.history.replaceState(null, '', target);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = target;
  }
}
