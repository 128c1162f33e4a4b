// Embedded apps in the desktop app (spec §6): each app is shown in a WebContentsView laid over the console
// window's content area where the renderer keeps a placeholder (embeddedApps.open / setBounds / close). The view
// runs in its own persistent session partition (`persist:app-<appId>`: its own cookies, storage and cache),
// sandboxed, with no preload and no Node, every permission denied, no popups, no <webview>, and its main frame
// kept to the app's origin: a link or redirect elsewhere is stopped and, if the user agrees in a native dialog,
// opened in the system browser. Developer tools only with the --app-devtools flag. The console's own window,
// preload and IPC bridge are never given to an app (the bridge refuses any sender but the console's main frame).
import { session, shell, WebContentsView, type BrowserWindow, type Session, type WebContents, type WebPreferences } from 'electron';
import type { EmbedBounds, EmbedTarget } from '../../src-shared/api/embedded-app-types';
import { httpOrigin } from '../../src-shared/domain/embedded-apps';
import type { EmbedViewHost } from '../console/embed-view-host';
import { confirmLinkWithDialog, denyAllPermissions, externalLinkProblem, LOCKED_DOWN_WEB_PREFERENCES } from './window-security';

export const APP_PARTITION_PREFIX = 'persist:app-';
export const APP_DEVTOOLS_FLAG = '--app-devtools';

/** The session partition of one app: persistent, separate from the console's and every other app's. */
export function appPartition(appId: number): string {
  return `${APP_PARTITION_PREFIX}${appId}`;
}

/** An app's web preferences: sandboxed, isolated, no Node anywhere, no preload (the key is absent), its own partition. */
export function embeddedAppWebPreferences(appId: number, options: { devTools: boolean }): WebPreferences {
  return {
    partition: appPartition(appId),
    ...LOCKED_DOWN_WEB_PREFERENCES,
    // A page that floods alert() can be silenced by the user.
    safeDialogs: true,
    devTools: options.devTools,
  };
}

/** Whether `--app-devtools` (or PARTNERDECK_APP_DEVTOOLS=1) asks for developer tools in embedded apps. */
export function appDevToolsRequested(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return argv.includes(APP_DEVTOOLS_FLAG) || env.PARTNERDECK_APP_DEVTOOLS === '1';
}

/** True when `url` is on `origin` (scheme, host and port; user info refused). */
export function isOnOrigin(url: string, origin: string): boolean {
  if (/^https?:\/\/[^/?#]*@/i.test(url)) return false;
  return httpOrigin(url) === origin;
}

/** CSS pixels of the page -> the window's device-independent pixels (the console may be zoomed). */
export function scaleBounds(bounds: EmbedBounds, zoomFactor: number): EmbedBounds {
  const z = Number.isFinite(zoomFactor) && zoomFactor > 0 ? zoomFactor : 1;
  return {
    x: Math.round(bounds.x * z),
    y: Math.round(bounds.y * z),
    width: Math.round(bounds.width * z),
    height: Math.round(bounds.height * z),
  };
}

/** Asks the user before an app's link leaves for the system browser. Resolves true when they agree. */
export type ConfirmExternal = (window: BrowserWindow | null, appName: string, url: string) => Promise<boolean>;

export const confirmExternalWithDialog: ConfirmExternal = (window, appName, url) => confirmLinkWithDialog(window, url, appName);

export interface EmbeddedAppViewsOptions {
  /**
   * The console window a call is about: the window whose call is under way (the IPC bridge's `callerWindow`),
   * so each window's views are laid over that window; views are kept per window, by slot.
   */
  getWindow: () => BrowserWindow | null;
  devTools: boolean;
  confirmExternal?: ConfirmExternal;
  log?: (message: string, error?: unknown) => void;
}

interface ShownApp {
  /** The console window the view is laid over. */
  window: BrowserWindow;
  slot: string;
  view: WebContentsView;
  appId: number;
  appName: string;
  origin: string;
  /** An external-link question is on screen: further ones are dropped, not stacked. */
  asking: boolean;
}

export interface EmbeddedAppViews extends EmbedViewHost {
  /** Removes the window's views when its console page reloads, crashes or the window closes. */
  watchConsoleWindow(window: BrowserWindow): void;
  /** The views on screen, by slot (one window's, or every window's; tests, diagnostics). */
  slots(window?: BrowserWindow): string[];
}

/** Applies the app rules to an app session once: every permission request and check denied. */
export function secureAppSession(appSession: Session): void {
  denyAllPermissions(appSession);
}

export function createEmbeddedAppViews(options: EmbeddedAppViewsOptions): EmbeddedAppViews {
  /** By window, then slot: two windows may each show an app in the same slot. */
  const shown = new Map<BrowserWindow, Map<string, ShownApp>>();
  const slotsOf = (window: BrowserWindow | null): Map<string, ShownApp> | undefined => (window ? shown.get(window) : undefined);
  /** The calling window's view in `slot`. */
  const entryOf = (slot: string): ShownApp | undefined => slotsOf(options.getWindow())?.get(slot);
  const securedPartitions = new Set<string>();
  const confirmExternal = options.confirmExternal ?? confirmExternalWithDialog;

  /** Stops a page from leaving its origin; asks, then opens a web URL in the system browser. */
  function offerExternal(entry: ShownApp, url: string): void {
    if (externalLinkProblem(url)) {
      options.log?.(`blocked a link from ${entry.appName}: ${url.slice(0, 200)}`);
      return;
    }
    if (entry.asking) return;
    entry.asking = true;
    confirmExternal(entry.window.isDestroyed() ? null : entry.window, entry.appName, url)
      .then((agreed) => (agreed ? shell.openExternal(url) : undefined))
      .catch((error: unknown) => options.log?.('could not open a link in the system browser', error))
      .finally(() => {
        entry.asking = false;
      });
  }

  function guard(contents: WebContents, entry: ShownApp): void {
    contents.setWindowOpenHandler(({ url }) => {
      offerExternal(entry, url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event) => {
      if (isOnOrigin(event.url, entry.origin)) return;
      event.preventDefault();
      offerExternal(entry, event.url);
    });
    contents.on('will-redirect', (event) => {
      if (!event.isMainFrame || isOnOrigin(event.url, entry.origin)) return;
      event.preventDefault();
      offerExternal(entry, event.url);
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    if (!options.devTools) contents.on('devtools-opened', () => contents.closeDevTools());
    contents.on('render-process-gone', (_event, details) => options.log?.(`embedded app ${entry.appName} stopped (${details.reason})`));
  }

  function place(entry: ShownApp, bounds: EmbedBounds | null): boolean {
    const window = entry.window;
    if (window.isDestroyed() || bounds === null || bounds.width < 1 || bounds.height < 1) {
      entry.view.setVisible(false);
      return false;
    }
    entry.view.setBounds(scaleBounds(bounds, window.webContents.getZoomFactor()));
    entry.view.setVisible(true);
    return true;
  }

  function remove(entry: ShownApp): void {
    const windowSlots = shown.get(entry.window);
    windowSlots?.delete(entry.slot);
    if (windowSlots?.size === 0) shown.delete(entry.window);
    if (!entry.window.isDestroyed()) entry.window.contentView.removeChildView(entry.view);
    if (!entry.view.webContents.isDestroyed()) entry.view.webContents.close();
  }

  const views: EmbeddedAppViews = {
    show(slot, target: EmbedTarget, bounds) {
      const window = options.getWindow();
      if (!window || window.isDestroyed()) return;
      const existing = entryOf(slot);
      if (existing && existing.appId !== target.appId) remove(existing);
      let entry = entryOf(slot);
      if (!entry) {
        const partition = appPartition(target.appId);
        if (!securedPartitions.has(partition)) {
          secureAppSession(session.fromPartition(partition));
          securedPartitions.add(partition);
        }
        const view = new WebContentsView({ webPreferences: embeddedAppWebPreferences(target.appId, { devTools: options.devTools }) });
        view.setBackgroundColor('#ffffff');
        entry = { window, slot, view, appId: target.appId, appName: target.appName, origin: target.origin, asking: false };
        // After construction: this replaces the window-open handler every web contents gets at creation.
        guard(view.webContents, entry);
        window.contentView.addChildView(view);
        shown.set(window, (shown.get(window) ?? new Map<string, ShownApp>()).set(slot, entry));
      }
      entry.origin = target.origin;
      entry.appName = target.appName;
      place(entry, bounds);
      void entry.view.webContents.loadURL(target.url).catch((error: unknown) => options.log?.(`embedded app ${target.appName} did not load`, error));
    },

    setBounds(slot, bounds) {
      const entry = entryOf(slot);
      return entry ? place(entry, bounds) : false;
    },

    // One slot: the calling window's. Every view (null): all windows' (a user or session change, shutdown).
    close(slot) {
      const entries = slot === null ? [...shown.values()].flatMap((m) => [...m.values()]) : [entryOf(slot)].filter((e) => e !== undefined);
      for (const entry of entries) remove(entry);
      return entries.length;
    },

    watchConsoleWindow(window) {
      const closeAll = () => {
        for (const entry of [...(shown.get(window)?.values() ?? [])]) remove(entry);
      };
      window.webContents.on('did-start-navigation', (event) => {
        if (event.isMainFrame && !event.isSameDocument) closeAll();
      });
      window.webContents.on('render-process-gone', closeAll);
      window.on('closed', closeAll);
    },

    slots: (window) => (window ? [...(shown.get(window)?.keys() ?? [])] : [...shown.values()].flatMap((m) => [...m.keys()])),
  };
  return views;
}
