// The desktop path with everything real except the Electron binary (issue 24): Chromium loads the built renderer
// through the REAL app:// protocol handler (src-main/electron/app-protocol.ts, reached through Playwright's
// routing: its file resolution, MIME types, CSP and nosniff are what Chromium gets and enforces); the REAL
// preload bundle (dist/main/preload.cjs) runs before the page as a sandboxed preload would (`require` gives
// `electron` with contextBridge and ipcRenderer and nothing else; any other module is a recorded violation);
// `ipcRenderer.invoke` crosses into Node through a Playwright binding with structured-clone semantics on both
// sides (structuredClone in the page, v8.serialize/deserialize in Node) and reaches the REAL main-side IPC
// bridge (src-main/electron/ipc-main-bridge.ts) with a sender frame whose URL is the page's, in front of the
// REAL console service on a real data folder with the demo; pushed events come back the same way.
//
// Where this is not Electron (docs/electron-shell.md, "The desktop harness"): the page's origin is a stand-in
// (https://partnerdeck.invalid, translated to app://partnerdeck for the handler and the sender frame: Chromium
// has no way to register a privileged scheme from outside); the preload runs in the page's main world (no
// isolated world), with the harness's bindings removed before any page script runs; contextBridge is emulated
// (frozen copies, functions proxied, values structured-cloned); the window, its web contents and frames are
// objects of the harness; embedded apps' native views are recorded, not shown; webRequest's CSP on other
// responses, the window-open/navigation guards and permissions are not exercised (unit tests cover them).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Browser, BrowserContext, Frame, Page } from 'playwright';
import type { EmbedBounds } from '../../src-shared/api/embedded-app-types';
import { IPC_INVOKE_CHANNEL } from '../../src-shared/api/ipc';
import { createConsoleService } from '../../src-main/areas';
import type { ConsoleService } from '../../src-main/console/console-service';
import type { EmbedViewHost } from '../../src-main/console/embed-view-host';
import { createMemoryPrefs } from '../../src-main/console/prefs';
import type { Platform } from '../../src-main/core/platform';
import { APP_ORIGIN } from '../../src-main/electron/app-origin';
import { createAppProtocolHandler } from '../../src-main/electron/app-protocol';
import { closeForeignIpcChannels, registerIpcMainBridge } from '../../src-main/electron/ipc-main-bridge';
import { launchChromium } from './browser';
import { harnessIpcMain } from './desktop-harness-electron';
import { tempDir } from './platform';
import { openRealClockPlatform } from './webhooks';

const ROOT = join(__dirname, '..', '..');
export const RENDERER_DIR = join(ROOT, 'dist', 'renderer');
export const PRELOAD_PATH = join(ROOT, 'dist', 'main', 'preload.cjs');
/** Where the page lives in Chromium; the handler and the IPC bridge see app://partnerdeck instead. */
export const STAND_IN_ORIGIN = 'https://partnerdeck.invalid';
/** Another origin, for the negative cases. */
export const FOREIGN_ORIGIN = 'https://foreign.invalid';

const BINDINGS = { invoke: '__pdHarnessInvoke', next: '__pdHarnessNext', violation: '__pdHarnessViolation' } as const;

/** The app:// URL the handler and the bridge see for a URL of the page. */
export function toAppUrl(url: string): string {
  return url === STAND_IN_ORIGIN || url.startsWith(`${STAND_IN_ORIGIN}/`) ? `${APP_ORIGIN}${url.slice(STAND_IN_ORIGIN.length) || '/'}` : url;
}

/** Structured clone as Electron's IPC does it (functions, symbols and the like cannot be cloned: it throws). */
export function structuredCloneInNode<T>(value: T): T {
  return deserialize(serialize(value)) as T;
}

export interface ServedFile {
  url: string;
  status: number;
  headers: Record<string, string>;
}

export interface EmbedViewRecord {
  slot: string;
  url: string;
  origin: string;
  bounds: EmbedBounds | null;
}

export interface DesktopHarness {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  platform: Platform;
  consoleService: ConsoleService;
  /** What the app:// handler answered, in order. */
  served: ServedFile[];
  /** Lines the IPC bridge logged (its refusals among them). */
  bridgeLog: string[];
  /** Anything the preload reached for that a sandboxed preload does not get. */
  preloadViolations: string[];
  pageErrors: string[];
  /** The native views the console asked for (the desktop app shows an embedded app in one). */
  views: Map<string, EmbedViewRecord>;
  /** Calls `channel` as `ipcRenderer.invoke` would from `frame` (for the cases the preload never makes). */
  invokeFrom(frame: Frame, channel: string, ...args: unknown[]): Promise<InvokeOutcome>;
  /** Replaces the bridge's handler on the invoke channel for a moment (a malformed reply); returns the undo. */
  replaceInvokeHandler(handler: (...args: unknown[]) => unknown): () => void;
  /** The console page at a hash route (`#/sales`). */
  open(hash?: string): Promise<void>;
  close(): Promise<void>;
}

export type InvokeOutcome = { ok: true; value: unknown } | { ok: false; message: string };

export interface DesktopHarnessOptions {
  /** Another preload source instead of the built bundle (the harness's own tests). */
  preloadSource?: string;
}

interface SenderFrame {
  readonly url: string;
  readonly origin: string;
  readonly parent: SenderFrame | null;
  readonly routingId: number;
  readonly processId: number;
}

/** The page-side part: the preload's `require`, `electron` (contextBridge, ipcRenderer) and the event pump. */
function preloadScript(preloadSource: string): string {
  return `(() => {
  const invoke = globalThis.${BINDINGS.invoke};
  const next = globalThis.${BINDINGS.next};
  const violation = globalThis.${BINDINGS.violation};
  // The page must not reach the harness's way into Node: only the preload's closures keep it.
  for (const name of ${JSON.stringify(Object.values(BINDINGS))}) delete globalThis[name];
  // Electron runs a preload in the main frame only (nodeIntegrationInSubFrames is off).
  if (window.top !== window || typeof invoke !== 'function') return;

  const listeners = new Map();
  const ipcRendererEvent = Object.freeze({ senderId: 0 });
  let pumping = false;
  async function pump() {
    if (pumping) return;
    pumping = true;
    for (;;) {
      let batch;
      try { batch = await next(); } catch { return; }
      for (const { channel, payload } of batch) {
        for (const listener of [...(listeners.get(channel) ?? [])]) {
          try { listener(ipcRendererEvent, payload); } catch (error) { setTimeout(() => { throw error; }); }
        }
      }
    }
  }
  const ipcRenderer = Object.freeze({
    async invoke(channel, ...args) {
      // Electron clones the arguments (HTML structured clone): a function or the like fails the call here.
      const cloned = structuredClone(args);
      const outcome = await invoke(channel, cloned);
      if (!outcome.ok) throw new Error(outcome.message);
      return outcome.value;
    },
    on(channel, listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      void pump();
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener));
      return ipcRenderer;
    },
  });

  // contextBridge: what crosses into the page's world is a copy; functions are proxied (the page never holds a
  // function of the preload's world), other values structured-cloned; the exposed API is frozen.
  const toPage = (value) => {
    if (typeof value === 'function') return proxyToPage(value);
    if (value instanceof Promise) return value.then(toPage, (error) => Promise.reject(toPage(error instanceof Error ? new Error(error.message) : error)));
    if (value instanceof Error) return new Error(value.message);
    return value === null || typeof value !== 'object' ? value : structuredClone(value);
  };
  // From the page into the preload: functions (also inside plain objects and arrays) are proxied, the rest
  // copied, as contextBridge does; what then cannot cross IPC fails there (structured clone), not here.
  const fromPage = (value) => {
    if (typeof value === 'function') return (...args) => fromPage(value(...args.map(toPage)));
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(fromPage);
    if (Object.getPrototypeOf(value) === Object.prototype) {
      const copy = {};
      for (const key of Object.keys(value)) copy[key] = fromPage(value[key]);
      return copy;
    }
    return structuredClone(value);
  };
  const proxyToPage = (fn) => function (...args) { return toPage(fn(...args.map(fromPage))); };
  const exposed = (value) => {
    if (typeof value === 'function') return Object.freeze(proxyToPage(value));
    if (value === null || typeof value !== 'object') return value;
    const copy = Array.isArray(value) ? [] : {};
    for (const key of Object.keys(value)) copy[key] = exposed(value[key]);
    return Object.freeze(copy);
  };
  const contextBridge = Object.freeze({
    exposeInMainWorld(key, api) {
      if (Object.prototype.hasOwnProperty.call(window, key)) throw new Error('Cannot bind an API on top of an existing property on the window object');
      Object.defineProperty(window, key, { value: exposed(api), enumerable: true, configurable: false, writable: false });
    },
  });
  const electron = new Proxy({ contextBridge, ipcRenderer }, {
    get(target, key) {
      if (key in target) return target[key];
      if (typeof key === 'symbol' || key === '__esModule' || key === 'default' || key === 'then') return undefined;
      violation('electron.' + String(key));
      return undefined;
    },
  });
  const require = (name) => {
    if (name === 'electron') return electron;
    violation("require('" + name + "')");
    throw new Error("module not found: " + name);
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${preloadSource}
  })(require, module, module.exports);
})();`;
}

export async function startDesktopHarness(options: DesktopHarnessOptions = {}): Promise<DesktopHarness> {
  const dir = tempDir('pd-desktop-harness-');
  const platform = openRealClockPlatform(dir, 'demo');
  const views = new Map<string, EmbedViewRecord>();
  const embedViews: EmbedViewHost = {
    show(slot, target, bounds) {
      views.set(slot, { slot, url: target.url, origin: target.origin, bounds });
    },
    setBounds(slot, bounds) {
      const view = views.get(slot);
      if (!view) return false;
      view.bounds = bounds;
      return true;
    },
    close(slot) {
      if (slot === null) {
        const n = views.size;
        views.clear();
        return n;
      }
      return views.delete(slot) ? 1 : 0;
    },
  };
  // The seeded apps' Start URLs lead nowhere offline; whether an app is reachable has its own tests
  // (honest-states e2e, embedded-apps-handlers): here the native view's placement is what is checked.
  const consoleService = createConsoleService({ platform, prefs: createMemoryPrefs(), host: 'electron', platformUrl: null, embedViews, embedReach: async () => ({ ok: true }) });

  let page: Page | null = null;
  const queue: { channel: string; payload: unknown }[] = [];
  let wake: (() => void) | null = null;
  const window = {
    closed: false,
    isDestroyed: () => window.closed,
    webContents: {
      mainFrame: { routingId: 1, processId: 7 },
      send(channel: string, payload: unknown) {
        queue.push({ channel, payload: structuredCloneInNode(payload) });
        wake?.();
      },
    },
  };
  const otherContents = { mainFrame: { routingId: 1, processId: 9 }, send() {} };

  const bridgeLog: string[] = [];
  closeForeignIpcChannels();
  const unregister = registerIpcMainBridge({
    target: consoleService,
    getWindows: () => [window as never],
    log: (message, error) => bridgeLog.push(error ? `${message}: ${String(error)}` : message),
  });

  const frames = new WeakMap<Frame, SenderFrame>();
  let nextRoutingId = 100;
  function senderFrame(frame: Frame): SenderFrame {
    const known = frames.get(frame);
    if (known) return known;
    const parent = frame.parentFrame();
    const isMain = parent === null;
    const made: SenderFrame = {
      get url() {
        return toAppUrl(frame.url());
      },
      get origin() {
        const url = toAppUrl(frame.url());
        // app://partnerdeck is a standard scheme in Electron (its origin is itself); Node's URL says "null".
        return url.startsWith(`${APP_ORIGIN}/`) ? APP_ORIGIN : new URL(url).origin;
      },
      parent: isMain ? null : senderFrame(parent),
      routingId: isMain ? window.webContents.mainFrame.routingId : nextRoutingId++,
      processId: window.webContents.mainFrame.processId,
    };
    frames.set(frame, made);
    return made;
  }

  async function invokeFrom(frame: Frame, channel: string, ...args: unknown[]): Promise<InvokeOutcome> {
    const prefix = `Error invoking remote method '${channel}'`;
    let cloned: unknown[];
    try {
      cloned = structuredCloneInNode(args);
    } catch (error) {
      return { ok: false, message: `${prefix}: ${String(error)}` };
    }
    const handler = harnessIpcMain.handlers.get(channel);
    if (!handler) return { ok: false, message: `${prefix}: Error: No handler registered for '${channel}'` };
    const sender = frame.page() === page ? window.webContents : otherContents;
    try {
      const value = await handler({ sender, senderFrame: senderFrame(frame) }, ...cloned);
      return { ok: true, value: structuredCloneInNode(value) };
    } catch (error) {
      return { ok: false, message: `${prefix}: ${String(error)}` };
    }
  }

  const served: ServedFile[] = [];
  const preloadViolations: string[] = [];
  const pageErrors: string[] = [];
  const handler = createAppProtocolHandler(RENDERER_DIR);
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.route((url) => url.origin === STAND_IN_ORIGIN, async (route) => {
    const request = route.request();
    const response = await handler({ url: toAppUrl(request.url()), method: request.method() });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key] = value));
    served.push({ url: toAppUrl(request.url()), status: response.status, headers });
    await route.fulfill({ status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) });
  });
  await context.route((url) => url.origin === FOREIGN_ORIGIN, (route) =>
    route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!doctype html><title>Foreign</title><p>another origin</p>' }),
  );
  await context.exposeBinding(BINDINGS.invoke, (source, channel: string, args: unknown[]) => invokeFrom(source.frame, channel, ...args));
  await context.exposeBinding(BINDINGS.next, async (source) => {
    // Pushed events go to the console window's page only (webContents.send).
    if (source.page !== page) return new Promise(() => undefined);
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    return queue.splice(0, queue.length);
  });
  await context.exposeBinding(BINDINGS.violation, (_source, what: string) => {
    preloadViolations.push(what);
  });
  await context.addInitScript({ content: preloadScript(options.preloadSource ?? readFileSync(PRELOAD_PATH, 'utf8')) });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));

  const harness: DesktopHarness = {
    browser,
    context,
    page,
    platform,
    consoleService,
    served,
    bridgeLog,
    preloadViolations,
    pageErrors,
    views,
    invokeFrom,
    replaceInvokeHandler(replacement) {
      const original = harnessIpcMain.handlers.get(IPC_INVOKE_CHANNEL)!;
      harnessIpcMain.removeHandler(IPC_INVOKE_CHANNEL);
      harnessIpcMain.handle(IPC_INVOKE_CHANNEL, replacement);
      return () => {
        harnessIpcMain.removeHandler(IPC_INVOKE_CHANNEL);
        harnessIpcMain.handle(IPC_INVOKE_CHANNEL, original);
      };
    },
    async open(hash = '') {
      await page!.goto(`${STAND_IN_ORIGIN}/${hash}`);
    },
    async close() {
      window.closed = true;
      wake?.();
      await browser.close().catch(() => undefined);
      unregister();
      consoleService.close();
      platform.dispose();
    },
  };
  return harness;
}
