// The window's address: `#/c/<companyId>/<screen path>` while this window acts as a client, `#/<screen path>` as
// Self. The acting company lives here, per window, so Back/forward, reload and bookmarks bring the client back,
// and two windows (tabs) act as two clients at once. This module owns the history entries: every entry gets an
// index (history.state), so when Back or forward would leave unsaved changes the question is asked first and
// "Stay" returns to the entry the person was on (the screen does not change while the question is open).
// Subscribers (useRoute, the acting sync of the frame) see the *shown* address, which follows the real one
// once nothing is in the way.

export { CLIENT_PREFIX, joinHash, splitHash, type SplitHash } from '../../src-shared/api/acting-address';
import { splitHash } from '../../src-shared/api/acting-address';

/** What decides whether the address may change now (the unsaved-changes guard registers itself here). */
export type LeaveCheck = () => Promise<boolean>;

interface HistoryLike {
  readonly state: unknown;
  pushState(data: unknown, unused: string, url?: string): void;
  replaceState(data: unknown, unused: string, url?: string): void;
  go(delta: number): void;
}

interface WindowLike {
  location: { hash: string };
  history: HistoryLike;
  addEventListener(type: 'hashchange', listener: () => void): void;
  removeEventListener(type: 'hashchange', listener: () => void): void;
}

const INDEX_KEY = 'partnerdeckIndex';

function indexOf(state: unknown): number | null {
  const value = typeof state === 'object' && state !== null ? (state as Record<string, unknown>)[INDEX_KEY] : undefined;
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

export interface AddressBar {
  /** The hash the screen shows (it lags the real one while a leave question is open). */
  shown(): string;
  subscribe(listener: () => void): () => void;
  /** Goes to a hash: a new history entry, or the current one replaced. */
  go(hash: string, options?: { replace?: boolean }): void;
  /** Who may say no to leaving (the unsaved-changes guard); it is asked on Back, forward and typed addresses. */
  setLeaveCheck(check: LeaveCheck | null): void;
  dispose(): void;
}

/** The address bar of a window (injectable for tests). */
export function createAddressBar(win: WindowLike): AddressBar {
  const listeners = new Set<() => void>();
  let shown = win.location.hash;
  let index = indexOf(win.history.state) ?? 0;
  let check: LeaveCheck | null = null;
  /** An entry we are going back to after "Stay": its hashchange is ours, not the person's. */
  let restoring: string | null = null;
  let asking = false;
  win.history.replaceState({ ...(typeof win.history.state === 'object' ? (win.history.state as object) : {}), [INDEX_KEY]: index }, '');

  const notify = () => {
    for (const listener of [...listeners]) listener();
  };

  const onHashChange = () => {
    const hash = win.location.hash;
    if (restoring !== null) {
      if (hash === restoring) restoring = null;
      return;
    }
    if (hash === shown || asking) return;
    const arrived = indexOf(win.history.state);
    // An address typed or set by other code has no index yet: it is a new entry after ours.
    const target = arrived ?? index + 1;
    if (arrived === null) win.history.replaceState({ [INDEX_KEY]: target }, '');
    const accept = () => {
      index = target;
      shown = hash;
      notify();
    };
    if (!check) return accept();
    asking = true;
    void check().then((ok) => {
      asking = false;
      if (ok) return accept();
      // Stay: back to the entry the screen shows (Back -> forward again, and the other way round).
      restoring = shown;
      const delta = index - target;
      if (arrived !== null && delta !== 0) win.history.go(delta);
      else win.history.replaceState({ [INDEX_KEY]: index }, '', shown || '#/');
      if (win.location.hash === shown) restoring = null;
    });
  };
  win.addEventListener('hashchange', onHashChange);

  return {
    shown: () => shown,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    go(hash, options = {}) {
      if (hash === shown && win.location.hash === hash) return;
      if (options.replace) win.history.replaceState({ [INDEX_KEY]: index }, '', hash);
      else {
        index += 1;
        win.history.pushState({ [INDEX_KEY]: index }, '', hash);
      }
      shown = hash;
      notify();
    },
    setLeaveCheck(next) {
      check = next;
    },
    dispose() {
      win.removeEventListener('hashchange', onHashChange);
      listeners.clear();
    },
  };
}

let bar: AddressBar | null = null;

/** This window's address bar (made on first use). */
export function addressBar(): AddressBar {
  bar ??= createAddressBar(window);
  return bar;
}

/** The acting company this window's address names now (null: Self; also outside a browser, e.g. unit tests). */
export function addressActing(): number | null {
  if (typeof window === 'undefined' || typeof window.history === 'undefined') return null;
  return splitHash(addressBar().shown()).acting;
}
