// Entry of the Electron main process: one instance per data folder, the app:// protocol, the security
// settings, the log, local crash reports and uncaught-error reports, the platform and console service on the
// data folder (demo data on a new one), the IPC bridge, the menu (with updates) and the console window.
import { app, BrowserWindow, crashReporter, dialog, nativeTheme, safeStorage, screen, session, shell } from 'electron';
import { autoUpdater } from 'electron-updater';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsoleTransportTarget } from '../../src-shared/api/contract';
import type { ConsoleService } from '../console/console-service';
import { createConsoleSwitch, createDemoStateHost, partsRuntime, saveStartSnapshotOnce, type ConsoleSwitch } from '../console/demo-state';
import { createConsoleService, KNOWN_SCHEMA_VERSION, openPlatform } from '../areas';
import type { Prefs } from '../console/prefs';
import { APP_VERSION } from '../console/version';
import { SECRET_KEY_FILE_NAME } from '../core/paths';
import type { Platform } from '../core/platform';
import { seedDemoIfEmpty } from '../core/seed/demo-seed';
import { listenRemembered } from '../core/server/port-memory';
import { startPlatformServer, type PlatformServer } from '../core/server/platform-server';
import { createKeyFileSecretStore } from '../core/secrets/key-file-secret-store';
import { startWebhookDispatcher } from '../core/webhooks/webhook-dispatcher';
import { installAppProtocol, registerAppScheme } from './app-protocol';
import { newerDataFolderMessage, refuseDataFolder, startupProblemBox } from './data-folder-check';
import { checkDataFolderInBackground } from '../core/db/doctor';
import { knownFailure } from '../core/errors';
import { installProcessLogger } from '../core/logging/log-channel';
import { createLogger, LOG_FILE_NAME, type Logger } from '../core/logging/logger';
import { catchUncaughtErrors, createErrorReporter, startCrashReports } from './crash-reports';
import { installSaveDialogs } from './downloads';
import { installEditContextMenu } from './edit-context-menu';
import { createElectronStore, prefsFromStore } from './electron-prefs';
import { createUpdateController, resolveUpdateSettings, updateMenuLabel, type UpdateChannel, type UpdateController } from './updates';
import { trackWindowTitle } from './window-title';
import { appDevToolsRequested, createEmbeddedAppViews } from './embedded-app-views';
import { callerWindow, closeForeignIpcChannels, registerIpcMainBridge } from './ipc-main-bridge';
import { createMainWindow } from './main-window';
import { joinHash } from '../../src-shared/api/acting-address';
import { installApplicationMenu } from './menu';
import { chooseSecretStore } from './safe-storage-secret-store';
import { dataDirOverride, electronSqliteBinding } from './startup-options';
import { sendUiCommand } from './ui-commands';
import { createExternalLinks, denyAllPermissions, hardenAllWebContents, installContentSecurityPolicy } from './window-security';
import {
  askAfterLoadFailure,
  checkTeamServerUrl,
  createTeamServerWindow,
  logCertificateErrors,
  probeTeamServer,
  readTeamServerUrl,
  TEAM_SERVER_PREF,
  teamServerSession,
} from './team-server';

// This file is bundled to dist/main/electron-main.cjs, next to preload.cjs and above dist/renderer.
const PRELOAD_PATH = join(__dirname, 'preload.cjs');
const RENDERER_DIR = join(__dirname, '..', 'renderer');

// Set in startApp: the OS log folder (app.getPath('logs'): ~/Library/Logs/PartnerDeck on macOS, the data
// folder's logs/ on Linux and Windows), rotated, scrubbed of secrets (core/logging).
let logger: Logger | null = null;

function log(message: string, error?: unknown): void {
  if (logger) logger.scope('app').callback()(message, error);
  else if (error === undefined) console.warn(`[partnerdeck] ${message}`);
  else console.error(`[partnerdeck] ${message}:`, error);
}

function showLogs(): void {
  if (logger?.file) shell.showItemInFolder(logger.file);
}

function fail(error: unknown): void {
  // A known failure of the data folder (damaged, not a database, read-only, disk full) in words naming
  // `partnerdeck doctor`, never SQLite's own message (issue 16 L6/L7).
  let message = knownFailure(error)?.message ?? (error instanceof Error ? error.message : String(error));
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(message)) {
    message += '\n\nbetter-sqlite3 is not built for Electron: run `node scripts/electron-sqlite.mjs` (or `npm start`).';
  }
  log('could not start', error);
  dialog.showErrorBox('PartnerDeck could not start', message);
  app.exit(1);
}

function startApp(): void {
  let window: BrowserWindow | null = null;
  /** The console service, once the platform is open (the window title follows its session). */
  let consoleTarget: ConsoleTransportTarget | null = null;
  logger = createLogger({ file: join(app.getPath('logs'), LOG_FILE_NAME), console: app.isPackaged ? false : 'warn' });
  const appLogger = logger;
  cleanupsBeforeReady.push(installProcessLogger(appLogger));
  appLogger.scope('app').info(`PartnerDeck ${APP_VERSION} starting (Electron ${process.versions.electron}, ${process.platform}-${process.arch})`);
  startCrashReports(crashReporter);
  const errors = createErrorReporter({
    logger: appLogger,
    showMessageBox: (options) => (window && !window.isDestroyed() ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options)),
    showLogs,
    quit: () => app.quit(),
  });
  cleanupsBeforeReady.push(catchUncaughtErrors(process, errors));
  /** Opens the console window once the app is ready (macOS keeps running without one). */
  let reopenWindow: (() => void) | null = null;
  const cleanups: Array<() => void> = [];
  // Embedded apps' native views over the console window that asked for them (each app in its own sandboxed
  // session partition): every window, not only the first, shows its own apps.
  const appViews = createEmbeddedAppViews({ getWindow: () => callerWindow() ?? window, devTools: appDevToolsRequested(process.argv, process.env), log });

  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return reopenWindow?.();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('will-quit', () => {
    for (const cleanup of [...cleanups.reverse(), ...cleanupsBeforeReady.reverse()]) {
      try {
        cleanup();
      } catch (error) {
        log('error while shutting down', error);
      }
    }
    cleanups.length = 0;
    cleanupsBeforeReady.length = 0;
  });
  app.on('render-process-gone', (_event, contents, details) => log(`a renderer stopped (${details.reason}, exit code ${details.exitCode}) at ${contents.getURL().slice(0, 100)}`));
  app.on('child-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') log(`a ${details.type} process stopped (${details.reason}, exit code ${details.exitCode})`);
  });

  /** Every console window: the first (`window`, which the bounds memory follows) and
   * those opened with "Open in new window", each acting as the company its address names. */
  const windows = new Set<BrowserWindow>();
  const openWindow = (prefs: Prefs, extra?: { hash: string }): BrowserWindow => {
    const created = createMainWindow({
      preloadPath: PRELOAD_PATH,
      prefs,
      workAreas: screen.getAllDisplays().map((display) => display.workArea),
      backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#ffffff',
      icon: join(app.getAppPath(), 'resources', 'icon.png'),
      ...(extra ? { hash: extra.hash, offset: 32 * Math.min(windows.size, 8) } : {}),
    });
    windows.add(created);
    created.on('closed', () => {
      windows.delete(created);
      if (window === created) window = [...windows][0] ?? null;
    });
    appViews.watchConsoleWindow(created);
    installEditContextMenu(created.webContents);
    if (consoleTarget) {
      const stopTitle = trackWindowTitle(created, consoleTarget, log);
      created.once('closed', stopTitle);
    }
    return created;
  };

  app.whenReady().then(async () => {
    const dataDir = app.getPath('userData');
    installContentSecurityPolicy(session.defaultSession);
    denyAllPermissions(session.defaultSession);
    installSaveDialogs(session.defaultSession, { downloadsDir: () => app.getPath('downloads'), log: (message) => appLogger.scope('exports').info(message) });

    const keyPath = join(dataDir, SECRET_KEY_FILE_NAME);
    const secretStore = chooseSecretStore(safeStorage, () => createKeyFileSecretStore(keyPath));
    const store = createElectronStore(dataDir);
    const prefs = prefsFromStore(store);
    // The saved theme: Chromium's colour scheme (prefers-color-scheme, native controls) and the page's first paint.
    installAppProtocol(RENDERER_DIR, { themeChoice: () => prefs.get('theme') });
    closeForeignIpcChannels();
    nativeTheme.themeSource = prefs.get('theme');

    // "Connect to team server" / "Use This Computer's PartnerDeck": the choice is kept, then the app restarts on it
    // (the embedded core starts again on this computer's folder, or stays closed while a team server is used).
    const restartWith = (origin: string | null) => {
      store.set(TEAM_SERVER_PREF, origin);
      appLogger.scope('app').info(origin ? `this profile uses the team server ${origin} from now on: restarting` : "this profile uses this computer's PartnerDeck again: restarting");
      app.relaunch();
      app.quit();
    };
    const storedTeamServer = store.get(TEAM_SERVER_PREF);
    const teamServer = readTeamServerUrl(storedTeamServer);
    if (storedTeamServer !== undefined && storedTeamServer !== null && teamServer === null) {
      appLogger.scope('app').warn(`prefs.json names a team server PartnerDeck does not accept (${String(storedTeamServer).slice(0, 200)}): this computer's PartnerDeck is used`);
    }
    const downloadsDir = () => app.getPath('downloads');
    const teamMenu = { connectedTo: teamServer, connect: () => sendUiCommand(focusedConsoleWindow(windows) ?? window, 'open-team-server'), useThisComputer: () => restartWith(null) };
    if (teamServer !== null) {
      // The remote window only: the local platform, its server and its console are not opened.
      logCertificateErrors(app, (message) => appLogger.scope('app').warn(message));
      installApplicationMenu({ appName: app.getName(), platform: process.platform, isPackaged: app.isPackaged, sendUiCommand: () => undefined, openDataFolder: () => void shell.openPath(dataDir), showLogs, openCrashReports: () => void shell.openPath(app.getPath('crashDumps')), teamServer: teamMenu });
      const openLink = createExternalLinks({ log });
      const asking = new WeakSet<BrowserWindow>();
      reopenWindow = () => {
        window = createTeamServerWindow({
          origin: teamServer,
          prefs,
          workAreas: screen.getAllDisplays().map((display) => display.workArea),
          backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#ffffff',
          icon: join(app.getAppPath(), 'resources', 'icon.png'),
          openLink,
          downloadsDir,
          log,
          onLoadFailed: (failed, message) => {
            if (asking.has(failed)) return;
            asking.add(failed);
            void askAfterLoadFailure(failed, teamServer, message).then((choice) => {
              asking.delete(failed);
              if (failed.isDestroyed()) return;
              if (choice === 'retry') void failed.loadURL(`${teamServer}/`);
              else if (choice === 'this-computer') restartWith(null);
              else failed.close();
            });
          },
        });
      };
      reopenWindow();
      appLogger.scope('app').info(`connected to the team server ${teamServer} (this computer's data folder ${dataDir} stays closed)`);
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) reopenWindow?.();
      });
      return;
    }

    const sqliteNativeBinding = electronSqliteBinding(app.getAppPath(), process.resourcesPath, app.isPackaged);
    const platform: Platform = openPlatform({ dataDir, secretStore, sqliteNativeBinding });
    // A folder without data starts with the demo.
    let seeded: boolean;
    try {
      seeded = seedDemoIfEmpty(platform);
    } catch (error) {
      platform.close();
      throw error;
    }
    appLogger.scope('app').info(`data folder ${dataDir} open${seeded ? ' (demo data seeded)' : ''}`);
    // The state "Reset demo" goes back to by default (once per data folder).
    saveStartSnapshotOnce({ dataDir, knownSchemaVersion: KNOWN_SCHEMA_VERSION, nativeBinding: sqliteNativeBinding }, log);

    let parts: PlatformParts | null = null;
    let consoleSwitch: ConsoleSwitch | null = null;
    // Save demo state / Reset demo: a reset closes the parts below, restores the snapshot, and opens them again.
    const demoState = createDemoStateHost(
      partsRuntime({
        dataDir,
        knownSchemaVersion: KNOWN_SCHEMA_VERSION,
        nativeBinding: sqliteNativeBinding,
        parts: () => parts!,
        consoleSwitch: () => consoleSwitch!,
        async restart(port) {
          parts = await startParts(openPlatform({ dataDir, secretStore, sqliteNativeBinding }), port);
          return parts;
        },
      }),
    );

    /** What runs on the open platform: the checkpointer, the dispatcher, the platform server, the console service. */
    const startParts = async (opened: Platform, platformPort?: number): Promise<PlatformParts> => {
      const closers: Array<() => Promise<void> | void> = [() => opened.close()];
      // WAL checkpoints in a worker thread, off the request path (automatic ones again if it cannot start).
      const checkpointer = opened.startWalCheckpointer({ log, nativeBinding: sqliteNativeBinding });
      closers.push(() => checkpointer.stop());
      // Webhook delivery; without it the console still works (events stay queued for the next start).
      try {
        const dispatcher = startWebhookDispatcher(opened, { log, onWorkerError: (error) => void errors.workerFailed(error) });
        closers.push(() => dispatcher.stop({ graceMs: 0 }));
      } catch (error) {
        log('the webhook dispatcher did not start', error);
      }
      // The platform's own HTTP server (OAuth, REST) beside the console; the console still works without it.
      // On the port this data folder's platform had last time (ports.json, shared with serve and console), so the
      // URLs an app developer registered keep working across launches; another free port when that one is taken.
      // After a reset: the port it had.
      const started =
        platformPort !== undefined
          ? startPlatformServer(opened, { port: platformPort, version: APP_VERSION })
          : listenRemembered(dataDir, 'platform', undefined, (port) => startPlatformServer(opened, { port, version: APP_VERSION }), (s) => s.port).then(({ server: listening, movedFrom }) => {
              if (movedFrom !== null) log(`the platform's usual port ${movedFrom} is taken by another program: it listens on ${listening.port} from now on`);
              return listening;
            });
      const server = await started.catch((error: unknown) => {
        log('the platform server did not start', error);
        return null;
      });
      if (server) closers.push(() => server.close());
      const consoleService: ConsoleService = createConsoleService({
        platform: opened,
        prefs,
        host: 'electron',
        platformUrl: server?.url ?? null,
        embedViews: appViews,
        demoState,
        // "Open in new window": another console window on a client's (or Self's) screen.
        openWindow: (companyId, path) => {
          openWindow(prefs, { hash: joinHash(companyId, path) });
        },
        // Settings → Theme (saved in prefs.json by the console): native controls, menus and new windows follow.
        onThemeChange: (theme) => {
          nativeTheme.themeSource = theme;
        },
        // Settings → Team server: checked, asked (through the server's own session, so the system's certificates
        // decide as they will for the window), kept, then the app restarts on it.
        connectTeamServer: async (typed) => {
          const { origin } = checkTeamServerUrl(typed);
          const ses = teamServerSession(origin, { downloadsDir, log });
          await probeTeamServer(origin, (url, init) => ses.fetch(url, init));
          setTimeout(() => restartWith(origin), 400);
          return { origin };
        },
      });
      closers.push(() => consoleService.close());
      return {
        platform: opened,
        server,
        consoleService,
        // A reset: one after the other, the platform last.
        async close() {
          for (const close of [...closers].reverse()) await close();
        },
        // Quitting: at once.
        closeNow() {
          for (const close of [...closers].reverse()) void close();
        },
      };
    };

    parts = await startParts(platform);
    cleanups.push(() => parts?.closeNow());
    consoleSwitch = createConsoleSwitch(parts.consoleService);
    cleanups.push(registerIpcMainBridge({ target: consoleSwitch, getWindows: () => [...windows], log }));
    consoleTarget = consoleSwitch;

    // Updates: off until a feed is configured (updates.ts); the menu shows each state.
    let updates: UpdateController | null = null;
    const installMenu = () =>
      installApplicationMenu({
        appName: app.getName(),
        platform: process.platform,
        isPackaged: app.isPackaged,
        // The menu acts on the window in front (each window has its own acting company).
        sendUiCommand: (command) => sendUiCommand(focusedConsoleWindow(windows) ?? window, command),
        openDataFolder: () => void shell.openPath(dataDir),
        showLogs,
        openCrashReports: () => void shell.openPath(app.getPath('crashDumps')),
        teamServer: teamMenu,
        updates: updates
          ? {
              label: updateMenuLabel(updates.state()),
              enabled: updates.enabled && !['checking', 'downloading'].includes(updates.state().kind),
              channel: resolveUpdateSettings(store.get('updates')).channel,
              run: () => {
                if (!updates?.restart()) void updates?.check();
              },
              setChannel: (channel: UpdateChannel) => {
                const current = store.get('updates');
                store.set('updates', { ...(typeof current === 'object' && current !== null ? current : {}), channel });
                appLogger.info(`update channel set to ${channel}; it applies from the next start`);
                installMenu();
              },
            }
          : undefined,
      });
    updates = startUpdates(store.get('updates'), () => window, installMenu, appLogger);
    if (updates) cleanups.push(updates.schedule());
    installMenu();
    reopenWindow = () => {
      window = openWindow(prefs);
    };
    reopenWindow();
    // The quick check of the data folder (doctor.ts: quick_check, permissions, data version, free space) in a
    // worker thread, after the window is up; a problem is shown with what to do, anything else only logged.
    void checkDataFolderInBackground(dataDir, { knownSchemaVersion: KNOWN_SCHEMA_VERSION, nativeBinding: sqliteNativeBinding, log }).then((report) => {
      if (!report) return;
      for (const check of report.checks) if (check.state !== 'ok') appLogger.scope('app').warn(`data folder check: ${check.name}: ${check.detail}`);
      const box = startupProblemBox(report);
      if (!box) return;
      void (window && !window.isDestroyed() ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box)).then(({ response }) => {
        if (response === 0) void shell.openPath(dataDir);
      });
    });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) reopenWindow?.();
    });
  }).catch(fail);

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

/** What runs on the open platform (Reset demo closes it and opens it again on the restored folder). */
interface PlatformParts {
  platform: Platform;
  server: PlatformServer | null;
  consoleService: ConsoleService;
  close(): Promise<void>;
  closeNow(): void;
}

/** The console window that has the focus, if any. */
function focusedConsoleWindow(windows: ReadonlySet<BrowserWindow>): BrowserWindow | null {
  const focused = typeof BrowserWindow.getFocusedWindow === 'function' ? BrowserWindow.getFocusedWindow() : null;
  return focused && windows.has(focused) ? focused : null;
}

/** Cleanups of what startApp set up before `ready` (the logger, the uncaught-error handlers). */
const cleanupsBeforeReady: Array<() => void> = [];

/** The update controller (electron-updater's autoUpdater on a generic feed), or null where it cannot run. */
function startUpdates(stored: unknown, getWindow: () => BrowserWindow | null, onChange: () => void, appLogger: Logger): UpdateController | null {
  const settings = resolveUpdateSettings(stored);
  if (settings.error) appLogger.warn(`updates are off: ${settings.error}`);
  try {
    // electron-updater's autoUpdater is made on first use (the updater class of this platform and package type).
    autoUpdater.logger = { info: (m: unknown) => appLogger.scope('updates').info(String(m)), warn: (m: unknown) => appLogger.scope('updates').warn(String(m)), error: (m: unknown) => appLogger.scope('updates').error(String(m)), debug: (m: unknown) => appLogger.scope('updates').debug(String(m)) };
    let announced: string | null = null;
    return createUpdateController({
      updater: autoUpdater,
      hasBuiltInFeed: app.isPackaged && existsSync(join(process.resourcesPath, 'app-update.yml')),
      settings,
      currentVersion: APP_VERSION,
      log: (message, error) => appLogger.scope('updates').warn(message, error),
      onState: (state) => {
        appLogger.scope('updates').info(`update state: ${JSON.stringify(state)}`);
        onChange();
        if (state.kind === 'ready' && announced !== state.version) {
          announced = state.version;
          const window = getWindow();
          const box = {
            type: 'info' as const,
            title: 'Update ready',
            message: `PartnerDeck ${state.version} is ready to install.`,
            detail: 'Restart now to update, or keep working: it installs when you quit PartnerDeck.',
            buttons: ['Restart Now', 'Later'],
            defaultId: 0,
            cancelId: 1,
            noLink: true,
          };
          void (window && !window.isDestroyed() ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box)).then(({ response }) => {
            if (response === 0) updatesRestart(state.version, appLogger);
          });
        }
      },
    });
  } catch (error) {
    appLogger.warn('updates are unavailable', error);
    return null;
  }
}

function updatesRestart(version: string, appLogger: Logger): void {
  appLogger.info(`restarting to install ${version}`);
  autoUpdater.quitAndInstall(false, true);
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
