// A small in-memory fake of the electron API surface the shell uses (app, BrowserWindow and its contentView,
// WebContentsView, webContents and frames, ipcMain/ipcRenderer, session and partitions, protocol, Menu, shell,
// dialog, safeStorage, contextBridge), modelled on Electron 45's API (electron.d.ts of the installed package), so unit tests
// can run src-main/electron in plain Node: `vi.mock('electron', () => import('<relative path>/fakes/electron-fake'))`.
// Every object records what it was asked to do; `resetElectronFake()` clears it between tests.
import { EventEmitter } from 'node:events';
import { contextBridge, crashReporter, dialog, Menu, nativeTheme, protocol, safeStorage, shell } from './electron-fake-system';

export * from './electron-fake-system';

/** An Electron-style event: the given properties plus preventDefault(). */
export class FakeEvent {
  defaultPrevented = false;
  [key: string]: unknown;
  constructor(props: Record<string, unknown> = {}) {
    Object.assign(this, props);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

let nextRoutingId = 1;

export class FakeWebFrameMain {
  readonly routingId: number;
  constructor(
    public url: string,
    public origin: string,
    public parent: FakeWebFrameMain | null = null,
    public processId = 7,
    routingId?: number,
  ) {
    this.routingId = routingId ?? nextRoutingId++;
  }
}

type WindowOpenHandler = (details: { url: string; frameName?: string; features?: string; disposition?: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: WindowOpenHandler | null = null;
  mainFrame: FakeWebFrameMain;
  url = '';
  /** Every URL loadURL was given, in order. */
  readonly loaded: string[] = [];
  zoomFactor = 1;
  destroyed = false;
  devToolsClosed = 0;
  constructor(url = 'app://partnerdeck/index.html', origin = 'app://partnerdeck') {
    super();
    this.mainFrame = new FakeWebFrameMain(url, origin);
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.url = url;
    return Promise.resolve();
  }
  getURL(): string {
    return this.url;
  }
  getZoomFactor(): number {
    return this.zoomFactor;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** WebContentsView's web contents are not destroyed with their view: Electron apps close them. */
  close(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
  closeDevTools(): void {
    this.devToolsClosed++;
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  /** Fires `event` ('will-navigate', 'will-redirect', 'will-attach-webview') and says whether a listener prevented it. */
  attempt(event: string, props: Record<string, unknown>, ...extra: unknown[]): boolean {
    const e = new FakeEvent(props);
    this.emit(event, e, ...extra);
    return e.defaultPrevented;
  }
}

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A View: bounds, visibility, background and children (BaseWindow.contentView is one). */
export class FakeView extends EventEmitter {
  readonly children: FakeView[] = [];
  bounds: Bounds = { x: 0, y: 0, width: 0, height: 0 };
  visible = true;
  backgroundColor: string | null = null;
  addChildView(view: FakeView): void {
    const at = this.children.indexOf(view);
    if (at >= 0) this.children.splice(at, 1);
    this.children.push(view);
  }
  removeChildView(view: FakeView): void {
    const at = this.children.indexOf(view);
    if (at >= 0) this.children.splice(at, 1);
  }
  setBounds(bounds: Bounds): void {
    this.bounds = { ...bounds };
  }
  getBounds(): Bounds {
    return { ...this.bounds };
  }
  setVisible(visible: boolean): void {
    this.visible = visible;
  }
  getVisible(): boolean {
    return this.visible;
  }
  setBackgroundColor(color: string): void {
    this.backgroundColor = color;
  }
}

/** new WebContentsView({webPreferences}): a view with its own web contents; fires app 'web-contents-created' as Electron does. */
export class FakeWebContentsView extends FakeView {
  static instances: FakeWebContentsView[] = [];
  readonly options: { webPreferences?: Record<string, unknown> };
  readonly webContents: FakeWebContents;
  constructor(options: { webPreferences?: Record<string, unknown> } = {}) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents('about:blank', 'null');
    FakeWebContentsView.instances.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }
  static fromWebContents(contents: unknown): FakeBrowserWindow | null {
    return FakeBrowserWindow.instances.find((w) => w.webContents === contents) ?? null;
  }
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  readonly contentView = new FakeView();
  destroyed = false;
  maximized = false;
  minimized = false;
  visible = false;
  loadedUrl: string | null = null;
  title = '';
  bounds: Bounds;
  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    const n = (key: string, fallback: number) => (typeof options[key] === 'number' ? (options[key] as number) : fallback);
    this.bounds = { x: n('x', 100), y: n('y', 100), width: n('width', 800), height: n('height', 600) };
    this.title = typeof options.title === 'string' ? options.title : 'Electron';
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.url = url;
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  getTitle(): string {
    return this.title;
  }
  /** The page set its <title>: Electron copies it to the window unless a listener prevents it. */
  pageTitleUpdated(title: string): void {
    const event = new FakeEvent();
    this.emit('page-title-updated', event, title, true);
    if (!event.defaultPrevented) this.title = title;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
  close(): void {
    this.emit('close', new FakeEvent());
    this.destroy();
  }
  getNormalBounds(): Bounds {
    return { ...this.bounds };
  }
  setBounds(bounds: Partial<Bounds>): void {
    this.bounds = { ...this.bounds, ...bounds };
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.visible = true;
  }
}

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke would get: the handler's result, or a rejection if none is registered. */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
  reset(): void {
    this.handlers.clear();
    this.removeAllListeners();
  }
}

class FakeIpcRenderer extends EventEmitter {
  readonly invocations: Array<{ channel: string; args: unknown[] }> = [];
  invokeImpl: (channel: string, ...args: unknown[]) => Promise<unknown> = () => Promise.reject(new Error('no main process'));
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args });
    return this.invokeImpl(channel, ...args);
  }
  /** Delivers a message from main the way Electron does: an IpcRendererEvent first, then the payload. */
  deliver(channel: string, payload: unknown): void {
    this.emit(channel, { sender: this, senderId: 0, ports: [] }, payload);
  }
  reset(): void {
    this.invocations.length = 0;
    this.invokeImpl = () => Promise.reject(new Error('no main process'));
    this.removeAllListeners();
  }
}

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void,
) => void;
type PermissionRequestHandler = (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (webContents: unknown, permission: string, origin: string, details: unknown) => boolean;

/** A DownloadItem as will-download hands it over; records the save dialog options it was given. */
export class FakeDownloadItem extends EventEmitter {
  saveDialogOptions: Record<string, unknown> | null = null;
  savePath = '';
  constructor(
    readonly url: string,
    readonly filename: string,
  ) {
    super();
  }
  getURL(): string {
    return this.url;
  }
  getFilename(): string {
    return this.filename;
  }
  setSaveDialogOptions(options: Record<string, unknown>): void {
    this.saveDialogOptions = options;
  }
  getSavePath(): string {
    return this.savePath;
  }
  /** The user chose `path` in the dialog and the download finished. */
  finish(path: string, state: 'completed' | 'cancelled' | 'interrupted' = 'completed'): void {
    this.savePath = path;
    this.emit('done', new FakeEvent(), state);
  }
}

/** What session.fetch answers in a test: set `fetchImpl` on the session (default: nothing answers). */
export type FakeFetch = (url: string, init?: Record<string, unknown>) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;
const nothingAnswers: FakeFetch = () => Promise.reject(new Error('net::ERR_CONNECTION_REFUSED'));

export class FakeSession extends EventEmitter {
  fetchImpl: FakeFetch = nothingAnswers;
  /** Every URL session.fetch was asked for. */
  readonly fetched: string[] = [];
  fetch(url: string, init?: Record<string, unknown>): ReturnType<FakeFetch> {
    this.fetched.push(url);
    return this.fetchImpl(url, init);
  }
  headersListener: HeadersListener | null = null;
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void {
    this.devicePermissionHandler = handler;
  }
  /** Starts a download the way a page's <a download> does; says whether a listener cancelled it. */
  download(item: FakeDownloadItem): boolean {
    const event = new FakeEvent();
    this.emit('will-download', event, item, null);
    return event.defaultPrevented;
  }
  /** Runs a response through the onHeadersReceived listener and returns the headers it let through. */
  receive(url: string, responseHeaders: Record<string, string[]>): Record<string, string[]> | undefined {
    let result: Record<string, string[]> | undefined = responseHeaders;
    this.headersListener?.({ url, responseHeaders }, (response) => {
      result = response.responseHeaders;
    });
    return result;
  }
  reset(): void {
    this.removeAllListeners();
    this.fetchImpl = nothingAnswers;
    this.fetched.length = 0;
    this.headersListener = null;
    this.permissionRequestHandler = null;
    this.permissionCheckHandler = null;
    this.devicePermissionHandler = null;
  }
}

class FakeApp extends EventEmitter {
  paths = new Map<string, string>([['userData', '/tmp/partnerdeck-fake-user-data']]);
  isPackaged = false;
  sandboxEnabled = false;
  /** What requestSingleInstanceLock() answers: false plays a second instance. */
  singleInstanceLock = true;
  singleInstanceLockRequests = 0;
  quitCalls = 0;
  relaunchCalls = 0;
  exitCode: number | null = null;
  relaunch(): void {
    this.relaunchCalls++;
  }
  requestSingleInstanceLock(): boolean {
    this.singleInstanceLockRequests++;
    return this.singleInstanceLock;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  quit(): void {
    this.quitCalls++;
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
  getPath(name: string): string {
    // As in Electron on Linux and Windows: logs and crash dumps under userData unless set.
    if (name === 'logs' && !this.paths.has('logs')) return `${this.getPath('userData')}/logs`;
    if (name === 'crashDumps' && !this.paths.has('crashDumps')) return `${this.getPath('userData')}/Crashpad`;
    if (name === 'downloads' && !this.paths.has('downloads')) return '/tmp/partnerdeck-fake-downloads';
    const value = this.paths.get(name);
    if (!value) throw new Error(`fake app has no path ${name}`);
    return value;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getName(): string {
    return 'PartnerDeck';
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  getAppPath(): string {
    return '/tmp/partnerdeck-fake-app';
  }
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  reset(): void {
    this.paths = new Map([['userData', '/tmp/partnerdeck-fake-user-data']]);
    this.isPackaged = false;
    this.sandboxEnabled = false;
    this.singleInstanceLock = true;
    this.singleInstanceLockRequests = 0;
    this.quitCalls = 0;
    this.relaunchCalls = 0;
    this.exitCode = null;
    this.removeAllListeners();
  }
}

export const app = new FakeApp();
export const ipcMain = new FakeIpcMain();
export const ipcRenderer = new FakeIpcRenderer();
export const BrowserWindow = FakeBrowserWindow;
export const WebContentsView = FakeWebContentsView;
export const defaultSession = new FakeSession();
/** Sessions by partition name, as session.fromPartition returns them (the same object for the same name). */
const partitions = new Map<string, FakeSession>();
export const session = {
  defaultSession,
  partitions,
  fromPartition(partition: string): FakeSession {
    if (partition === '') return defaultSession;
    let found = partitions.get(partition);
    if (!found) {
      found = new FakeSession();
      partitions.set(partition, found);
    }
    return found;
  },
};

/** A frame and web contents pair as a sender: the console window's main frame unless told otherwise. */
export function fakeInvokeEvent(window: FakeBrowserWindow, frame: FakeWebFrameMain | null = window.webContents.mainFrame, sender: FakeWebContents = window.webContents) {
  return { sender, senderFrame: frame, frameId: frame?.routingId ?? 0, processId: frame?.processId ?? 0, type: 'frame' as const };
}

export function resetElectronFake(): void {
  app.reset();
  ipcMain.reset();
  ipcRenderer.reset();
  defaultSession.reset();
  FakeBrowserWindow.instances = [];
  FakeWebContentsView.instances = [];
  partitions.clear();
  shell.openedExternally.length = 0;
  shell.openedPaths.length = 0;
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  Menu.applicationMenu = null;
  Menu.popups.length = 0;
  shell.shownItems.length = 0;
  crashReporter.started = null;
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  contextBridge.exposed.clear();
  nativeTheme.shouldUseDarkColors = false;
  nativeTheme.themeSource = 'system';
  dialog.errors.length = 0;
  dialog.messageBoxes.length = 0;
  dialog.messageBoxResponse = 0;
}
