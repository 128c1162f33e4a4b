// The electron fake's system parts (shell, protocol, Menu, safeStorage, contextBridge, the auto-updater, crashReporter,
// nativeTheme, screen, dialog): plain objects that record what they were asked; electron-fake.ts re-exports them
// beside the windows, sessions and IPC, and its resetElectronFake() clears them.
import type { SafeStorage } from 'electron';
import { EventEmitter } from 'node:events';

export const shell = {
  openedExternally: [] as string[],
  openedPaths: [] as string[],
  shownItems: [] as string[],
  showItemInFolder(path: string): void {
    shell.shownItems.push(path);
  },
  openExternal(url: string): Promise<void> {
    shell.openedExternally.push(url);
    return Promise.resolve();
  },
  openPath(path: string): Promise<string> {
    shell.openedPaths.push(path);
    return Promise.resolve('');
  },
};

export const protocol = {
  privileged: [] as Array<{ scheme: string; privileges?: Record<string, boolean> }>,
  handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>): void {
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    protocol.handlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    protocol.handlers.delete(scheme);
  },
};

export interface FakeMenu {
  template: Array<Record<string, unknown>>;
  popup(options?: unknown): void;
}
export const Menu = {
  applicationMenu: null as FakeMenu | null,
  /** Every context menu shown with popup(), newest last. */
  popups: [] as FakeMenu[],
  buildFromTemplate(template: Array<Record<string, unknown>>): FakeMenu {
    const menu: FakeMenu = {
      template,
      popup: () => {
        Menu.popups.push(menu);
      },
    };
    return menu;
  },
  setApplicationMenu(menu: FakeMenu | null): void {
    Menu.applicationMenu = menu;
  },
  getApplicationMenu(): FakeMenu | null {
    return Menu.applicationMenu;
  },
};

/**
 * safeStorage: "encrypts" by XOR with a fixed byte behind a marker, so sealed text differs from the
 * plaintext and foreign bytes fail to decrypt. `available` and `backend` are switches for tests.
 */
const SAFE_MARK = Buffer.from('FAKEKEYCHAIN:');
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as ReturnType<SafeStorage['getSelectedStorageBackend']>,
  isEncryptionAvailable(): boolean {
    return safeStorage.available;
  },
  getSelectedStorageBackend(): ReturnType<SafeStorage['getSelectedStorageBackend']> {
    return safeStorage.backend;
  },
  encryptString(plainText: string): Buffer {
    if (!safeStorage.available) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    return Buffer.concat([SAFE_MARK, Buffer.from(plainText, 'utf8').map((b) => b ^ 0x5a)]);
  },
  decryptString(encrypted: Buffer): string {
    if (!safeStorage.available) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.');
    if (!encrypted.subarray(0, SAFE_MARK.length).equals(SAFE_MARK)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(encrypted.subarray(SAFE_MARK.length).map((b) => b ^ 0x5a)).toString('utf8');
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    if (contextBridge.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    contextBridge.exposed.set(key, api);
  },
};

/**
 * electron-updater's autoUpdater as main.ts uses it (`vi.mock('electron-updater', ...)` with
 * `{ autoUpdater: fakeAutoUpdater }`): records the feed and checks. The real updater is tested against a
 * loopback feed in updates.test.ts.
 */
export class FakeAutoUpdater extends EventEmitter {
  feed: unknown = null;
  checks = 0;
  installs = 0;
  autoDownload = true;
  autoInstallOnAppQuit = true;
  allowPrerelease = false;
  allowDowngrade = false;
  channel: string | null = null;
  logger: unknown = null;
  setFeedURL(options: unknown): void {
    this.feed = options;
  }
  checkForUpdates(): Promise<null> {
    this.checks++;
    return Promise.resolve(null);
  }
  quitAndInstall(): void {
    this.installs++;
  }
}
export const fakeAutoUpdater = new FakeAutoUpdater();

/** crashReporter: records start() options. */
export const crashReporter = {
  started: null as Record<string, unknown> | null,
  start(options: Record<string, unknown>): void {
    crashReporter.started = options;
  },
};

export const nativeTheme = { shouldUseDarkColors: false, themeSource: 'system' as string };
export const screen = {
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  getAllDisplays() {
    return screen.displays;
  },
};
export const dialog = {
  errors: [] as Array<{ title: string; content: string }>,
  /** Every message box asked for, with the window it was modal to (null: none). */
  messageBoxes: [] as Array<{ window: unknown; options: Record<string, unknown> }>,
  /** The button index the next message boxes answer with (0 = the first button). */
  messageBoxResponse: 0,
  showErrorBox(title: string, content: string): void {
    dialog.errors.push({ title, content });
  },
  showMessageBox(windowOrOptions: unknown, maybeOptions?: Record<string, unknown>): Promise<{ response: number; checkboxChecked: boolean }> {
    const [window, options] = maybeOptions === undefined ? [null, windowOrOptions as Record<string, unknown>] : [windowOrOptions, maybeOptions];
    dialog.messageBoxes.push({ window, options });
    return Promise.resolve({ response: dialog.messageBoxResponse, checkboxChecked: false });
  },
};
