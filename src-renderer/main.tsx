// The renderer's entry point: creates the console client (the preload bridge in Electron; in a browser tab the
// HTTP client with the session of its launch link) and the store, subscribes to pushed events once (outside
// React), loads the session and mounts the UI. A browser tab without a session shows why, and nothing else; a tab
// whose session ends keeps what is on screen under a notice until it has a new session. The global styles
// (design tokens, element defaults, the primitives every screen uses by class name) come first; each component
// imports its own styles after them.
import './styles/tokens.css';
import './styles/base.css';
import './styles/primitives.css';
import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { establishSession, exchangeLaunch, forgetSession, SESSION_STORAGE_KEY, takeEarlyLaunch, type LockedReason } from './api/browser-session';
import { createBridgeClientOf, createBrowserClient, createTeamClient, type RendererConsoleClient } from './api/console-client';
import { isTeamConsole, teamSessionEnded } from './api/team-session';
import { AppRoot } from './frame/app-root';
import { addressActing, splitHash } from './router/location';
import { LaunchNeeded } from './frame/launch-needed';
import { connectUiCommands } from './frame/ui-commands';
import { parseRoute, preloadScreen } from './router/routes';
import { connectThemeSaving, startAppearance } from './state/appearance';
import { connectEvents } from './state/pushed-events';
import { createAppStore } from './state/store';
import { StoreProvider } from './state/store-context';
import type { FirstAnswers } from '../src-shared/api/first-screen';
import type { SessionInfo } from '../src-shared/api/types';

/** `info`: the session's answer the launch trade brought (as Self), so the first render already has it. */
function mount(root: Root, client: RendererConsoleClient, info?: unknown): void {
  // The window acts as the company its address names (`#/c/<id>/…`; Self without): reload and bookmarks keep it.
  client.setActing(addressActing());
  // The first screen's chunk loads while the session is asked for (not after it arrived).
  const firstScreen = preloadScreen(parseRoute(splitHash(window.location.hash).path));
  const store = createAppStore(client);
  // The theme is kept in the profile's prefs.json (a choice this browser still has in localStorage moves there now).
  void connectThemeSaving(
    (theme) => client.call('app.setTheme', { theme }),
    (error) => store.getState().actions.toast('error', 'The theme is shown but could not be kept for the next start', error instanceof Error ? error.message : undefined),
  );
  connectEvents(store, client);
  connectUiCommands(store, client);
  const render = () =>
    root.render(
      <StrictMode>
        <StoreProvider store={store}>
          <AppRoot />
        </StoreProvider>
      </StrictMode>,
    );
  const { actions } = store.getState();
  // The launch trade's answer holds for a window acting as Self (a launch link's address names no company): the
  // first render is the first screen itself, once its chunk is there (not a loading frame, then the screen).
  if (info !== undefined && client.acting() === null) {
    actions.applySession(info as SessionInfo);
    void actions.loadAppInfo();
    // Rendered synchronously: React then runs the screens' effects (their first calls) at the end of the commit,
    // not after the first layout and paint, so those calls overlap the page's layout instead of following it.
    void firstScreen.then(() => flushSync(render));
  } else {
    void actions.loadSession();
    render();
  }
}

const fetchFn: typeof fetch = (input, init) => window.fetch(input, init);

/** A launch token typed into the notice: null when it opened a session (then `use` got it), else what went wrong. */
async function tradeTyped(token: string, use: (session: string) => void): Promise<string | null> {
  const traded = await exchangeLaunch(fetchFn, token);
  if ('failed' in traded) return traded.failed === 'unreachable' ? 'PartnerDeck is not answering: is `partnerdeck console` running?' : 'This link was already used or has expired: make a new one (u and Enter).';
  window.localStorage.setItem(SESSION_STORAGE_KEY, traded.session);
  use(traded.session);
  return null;
}

/** Calls `use` when another tab of this console stores a new session (e.g. after `o` in the terminal). */
function onStoredSession(use: (session: string) => void): () => void {
  const listener = (event: StorageEvent) => {
    if (event.key === SESSION_STORAGE_KEY && event.newValue) use(event.newValue);
  };
  window.addEventListener('storage', listener);
  return () => window.removeEventListener('storage', listener);
}

async function start(element: HTMLElement): Promise<void> {
  startAppearance();
  const root = createRoot(element);
  const bridge = createBridgeClientOf(window);
  if (bridge) return mount(root, bridge);
  // A team server's console: the session is the sign-in's cookie; when it ends, back to the sign-in page.
  if (isTeamConsole(document)) return mount(root, createTeamClient(() => teamSessionEnded(window)));
  const outcome = await establishSession({ fetch: fetchFn, location: window.location, history: window.history, storage: window.localStorage, early: takeEarlyLaunch(window) });
  if (outcome.state === 'locked') return showLocked(root, outcome.reason);
  startWith(root, outcome.session, outcome.info, outcome.first);
}

/** No session yet: the notice fills the page; a session from it (or from another tab) mounts the console. */
function showLocked(root: Root, reason: LockedReason): void {
  let done = false;
  const use = (session: string) => {
    if (done) return;
    done = true;
    stop();
    startWith(root, session);
  };
  const stop = onStoredSession(use);
  root.render(<LaunchNeeded reason={reason} onLink={(token) => tradeTyped(token, use)} />);
}

/** `info` and `first`: the session's and the first screen's answers the launch trade brought, if any. */
function startWith(root: Root, session: string, info?: unknown, first?: FirstAnswers): void {
  let current = session;
  let notice: { root: Root; element: HTMLElement; stop(): void } | null = null;
  const client = createBrowserClient(session, () => {
    forgetSession(window.localStorage, current);
    showEnded();
  }, first);
  const resume = (next: string) => {
    if (!notice || next === current) return;
    current = next;
    notice.stop();
    notice.root.unmount();
    notice.element.remove();
    notice = null;
    client.resume(next);
  };
  function showEnded(): void {
    if (notice) return;
    const element = document.body.appendChild(document.createElement('div'));
    const noticeRoot = createRoot(element);
    notice = { root: noticeRoot, element, stop: onStoredSession(resume) };
    noticeRoot.render(<LaunchNeeded reason="ended" overlay onLink={(token) => tradeTyped(token, resume)} />);
  }
  mount(root, client, info);
}

const element = document.getElementById('root');
if (element) void start(element);
