// Entry of the Electron main process: one instance per data folder, the app:// protocol, the security
// settings, the platform and console service on the data folder (demo data on a new one), the IPC bridge,
// the menu and the console window.
import { app, BrowserWindow, dialog, nativeTheme, safeStorage, screen, session, shell } from 'electron';
import { join } from 'node:path';
import { createConsoleService, type ConsoleService } from '../console/console-service';
import type { Prefs } from '../console/prefs';
import { APP_VERSION } from '../console/version';
import { SECRET_KEY_FILE_NAME } from '../core/paths';
import { openPlatform, type Platform } from '../core/platform';
import { startPlatformServer } from '../core/server/platform-server';
import { createKeyFileSecretStore } from '../core/secrets/key-file-secret-store';
import { startWalCheckpointer } from '../core/db/wal-checkpointer';
import { startWebhookDispatcher } from '../core/webhooks/webhook-dispatcher';
import { installAppProtocol, registerAppScheme } from './app-protocol';
import { newerDataFolderMessage, refuseDataFolder } from './data-folder-check';
import { createElectronPrefs } from './electron-prefs';
import { appDevToolsRequested, createEmbeddedAppViews } from './embedded-app-views';
import { closeForeignIpcChannels, registerIpcMainBridge } from './ipc-main-bridge';
import { createMainWindow } from './main-window';
import { installApplicationMenu } from './menu';
import { chooseSecretStore } from './safe-storage-secret-store';
import { dataDirOverride, electronSqliteBinding } from './startup-options';
import { sendUiCommand } from './ui-commands';
import { denyAllPermissions, hardenAllWebContents, installContentSecurityPolicy } from './window-security';

// This file is bundled to dist/main/electron-main.cjs, next to preload.cjs and above dist/renderer.
const PRELOAD_PATH = join(__dirname, 'preload.cjs');
const RENDERER_DIR = join(__dirname, '..', 'renderer');

function log(message: string, error?: unknown): void {
  if (error === undefined) console.warn(`[partnerdeck] ${message}`);
  else console.error(`[partnerdeck] ${message}:`, error);
}

function fail(error: unknown): void {
  let message = error instanceof Error ? error.message : String(error);
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(message)) {
    message += '\n\nbetter-sqlite3 is not built for Electron: run `node scripts/electron-sqlite.mjs` (or `npm start`).';
  }
  log('could not start', error);
  dialog.showErrorBox('PartnerDeck could not start', message);
  app.exit(1);
}

function startApp(): void {
  let window: BrowserWindow | null = null;
  /** Opens the console window once the app is ready (macOS keeps running without one). */
  let reopenWindow: (() => void) | null = null;
  const cleanups: Array<() => void> = [];
  // Embedded apps' native views over the console window (each app in its own sandboxed session partition).
  const appViews = createEmbeddedAppViews({ getWindow: () => window, devTools: appDevToolsRequested(process.argv, process.env), log });

  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return reopenWindow?.();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('will-quit', () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        cleanup();
      } catch (error) {
        log('error while shutting down', error);
      }
    }
    cleanups.length = 0;
  });

  const openWindow = (prefs: Prefs): BrowserWindow => {
    const created = createMainWindow({
      preloadPath: PRELOAD_PATH,
      prefs,
      workAreas: screen.getAllDisplays().map((display) => display.workArea),
      backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#ffffff',
      icon: join(app.getAppPath(), 'resources', 'icon.png'),
    });
    created.on('closed', () => {
      if (window === created) window = null;
    });
    appViews.watchConsoleWindow(created);
    return created;
  };

  app.whenReady().then(async () => {
    const dataDir = app.getPath('userData');
    installContentSecurityPolicy(session.defaultSession);
    denyAllPermissions(session.defaultSession);
    installAppProtocol(RENDERER_DIR);

    const keyPath = join(dataDir, SECRET_KEY_FILE_NAME);
    const secretStore = chooseSecretStore(safeStorage, () => createKeyFileSecretStore(keyPath));
    const prefs = createElectronPrefs(dataDir);
    closeForeignIpcChannels();
    nativeTheme.themeSource = prefs.get('theme');

    // The platform seeds the demo only into a folder without data.
    const sqliteNativeBinding = electronSqliteBinding(app.getAppPath(), process.resourcesPath, app.isPackaged);
    const platform: Platform = openPlatform({
      dataDir,
      secretStore,
      seed: 'demo',
      sqliteNativeBinding,
    });
    cleanups.push(() => platform.close());
    // WAL checkpoints in a worker thread, off the request path (automatic ones again if it cannot start).
    const checkpointer = startWalCheckpointer(platform.db, { log, nativeBinding: sqliteNativeBinding });
    cleanups.push(() => void checkpointer.stop());
    // Webhook delivery; without it the console still works (events stay queued for the next start).
    try {
      const dispatcher = startWebhookDispatcher(platform, { log });
      cleanups.push(() => void dispatcher.stop({ graceMs: 0 }));
    } catch (error) {
      log('the webhook dispatcher did not start', error);
    }
    // The platform's own HTTP server (OAuth, REST) beside the console; the console still works without it.
    const server = await startPlatformServer(platform, { version: APP_VERSION }).catch((error: unknown) => {
      log('the platform server did not start', error);
      return null;
    });
    if (server) cleanups.push(() => void server.close());
    const consoleService: ConsoleService = createConsoleService({
      platform,
      prefs,
      host: 'electron',
      platformUrl: server?.url ?? null,
      embedViews: appViews,
    });
    cleanups.push(() => consoleService.close());
    cleanups.push(registerIpcMainBridge({ target: consoleService, getWindow: () => window, log }));

    installApplicationMenu({
      appName: app.getName(),
      platform: process.platform,
      isPackaged: app.isPackaged,
      sendUiCommand: (command) => sendUiCommand(window, command),
      openDataFolder: () => void shell.openPath(dataDir),
    });
    reopenWindow = () => {
      window = openWindow(prefs);
    };
    reopenWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) reopenWindow?.();
    });
  }).catch(fail);

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

// Before `ready`: the privileged scheme, sandbox for every renderer, and the data folder (userData also
// scopes Chromium's storage and the single-instance lock, so a --data-dir run is fully separate).
registerAppScheme();
app.enableSandbox();
hardenAllWebContents(app);
const dataDir = dataDirOverride(process.argv, process.env);
if (dataDir) app.setPath('userData', dataDir);

// A newer PartnerDeck's folder is refused before the lock, the prefs, the key file or Chromium touch it.
const refusal = newerDataFolderMessage(app.getPath('userData'));
if (refusal) void refuseDataFolder(app, dialog, refusal);
else if (app.requestSingleInstanceLock()) startApp();
else app.quit();
