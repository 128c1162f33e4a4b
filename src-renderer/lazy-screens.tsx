// Screens are loaded per area on first use (issue 18 item 7, cold start): each area's manifest names its
// screens module (`areas/<area>/screens.ts`, which only re-exports that area's screens) through a dynamic
// `import()`, so esbuild (`splitting: true`, scripts/build.mjs) puts the area's screens in a chunk of their own
// and the start-up bundle holds only the frame, the store and the route table. The route table itself stays
// synchronous: only the screens wait. `ScreenBoundary` (frame/app-frame.tsx) shows a skeleton while a chunk
// loads and a clear error (with Reload) when it cannot be loaded (the console stopped, an update replaced
// the files).
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { ErrorState, SkeletonBlock, SkeletonRows } from './ui/states';

/** An area's screens module, loaded once; `preload()` starts it without rendering anything. */
export interface ScreenModule<M> {
  (): Promise<M>;
  preload(): Promise<M>;
  /** The module once it has loaded, else null. */
  loaded(): M | null;
}

/** `screenModule(() => import('./screens'))`: the loader every lazy screen of the area shares. */
export function screenModule<M>(load: () => Promise<M>): ScreenModule<M> {
  let pending: Promise<M> | null = null;
  let loaded: M | null = null;
  const get = (() => {
    pending ??= load().then(
      (module) => (loaded = module),
      (error: unknown) => {
        // A failed chunk may load on the next try (the console came back): do not keep the failure.
        pending = null;
        throw error;
      },
    );
    return pending;
  }) as ScreenModule<M>;
  get.preload = get;
  get.loaded = () => loaded;
  return get;
}

type Props<C> = C extends ComponentType<infer P> ? P : never;

/** One screen of an area's screens module, as a component that loads the module when first rendered. */
export function lazyScreen<M, K extends keyof M>(module: ScreenModule<M>, name: K): ComponentType<Props<M[K]>> {
  type Loaded = { default: ComponentType<Props<M[K]>> };
  const pick = (m: M): Loaded => ({ default: m[name] as ComponentType<Props<M[K]>> });
  return lazy(() => {
    // Already loaded (preloaded with a company switch's data, or another screen of the area was shown): a
    // thenable that answers at once, so React renders the screen without suspending (no skeleton flash
    // between the old screen and the new one).
    const ready = module.loaded();
    if (ready) return { then: (resolve: (value: Loaded) => void) => resolve(pick(ready)) } as unknown as Promise<Loaded>;
    return module().then(pick);
  }) as unknown as ComponentType<Props<M[K]>>;
}

/** Every screen of an area's screens module as a lazy component (`S.SalesScreen`), each made once. */
export type LazyScreens<M> = { readonly [K in keyof M]: ComponentType<Props<M[K]>> };

export function lazyScreens<M extends object>(module: ScreenModule<M>): LazyScreens<M> {
  const made = new Map<keyof M, unknown>();
  return new Proxy({} as LazyScreens<M>, {
    get(_target, name) {
      const key = name as keyof M;
      // The same component every time: React keeps a screen's state only while its component stays the same.
      if (!made.has(key)) made.set(key, lazyScreen(module, key));
      return made.get(key);
    },
  });
}

/** While a screen's chunk loads: the page's outline, as the screens show while their data loads. */
function ScreenLoading() {
  return (
    <div className="page" data-testid="screen-loading" aria-busy="true">
      <SkeletonBlock height={56} />
      <SkeletonRows rows={6} columns={4} />
    </div>
  );
}

interface BoundaryProps {
  /** Another screen (route name): forget a failure of the previous one. */
  screen: string;
  children: ReactNode;
}

interface BoundaryState {
  error: unknown;
  screen: string;
}

/** Around the routed screen: a skeleton while its chunk loads, an explained error when it cannot. */
export class ScreenBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, screen: this.props.screen };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { error };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): Partial<BoundaryState> | null {
    return props.screen !== state.screen ? { error: null, screen: props.screen } : null;
  }

  override render(): ReactNode {
    if (this.state.error !== null) {
      if (!isChunkLoadError(this.state.error)) throw this.state.error;
      return (
        <div className="page" data-testid="screen-load-failed">
          <ErrorState
            title="This screen could not be loaded"
            message="PartnerDeck's files did not arrive: is the console still running? Reload the page to try again."
            onRetry={() => window.location.reload()}
          />
        </div>
      );
    }
    return <Suspense fallback={<ScreenLoading />}>{this.props.children}</Suspense>;
  }
}

/** A failed dynamic import (Chromium: "Failed to fetch dynamically imported module"). */
function isChunkLoadError(error: unknown): boolean {
  return error instanceof TypeError && /dynamically imported module|Importing a module script failed/i.test(error.message);
}
