// Starting the pieces the CLI runs: the platform on a data folder (with the key-file secret store), and
// the browser-mode stack (platform + webhook dispatcher + platform server + console service + browser host).
// A running stack announces its console in the folder's console.json (0600: address, platform URL, pid, control
// token), so `partnerdeck app dev` joins it instead of starting a second platform (cli/app-dev/dev-runtime.ts).
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createJsonFilePrefs } from '../console/prefs';
import { APP_VERSION } from '../console/version';
import { assertDatabaseNotNewer } from '../core/db/data-folder-guard';
import { CONSOLE_INFO_FILE_NAME, DB_FILE_NAME, PREFS_FILE_NAME, SECRET_KEY_FILE_NAME } from '../core/paths';
import { cryptoIds } from '../core/ids';
import type { Platform, SeedChoice } from '../core/platform';
import { seedDemoIfEmpty } from '../core/seed/demo-seed';
import type { Assembly } from '../areas';
import { createKeyFileSecretStore } from '../core/secrets/key-file-secret-store';
import { installProcessLogger } from '../core/logging/log-channel';
import { createLogger, logFor, type Logger, type LogLevel } from '../core/logging/logger';
import { listenRemembered } from '../core/server/port-memory';
import { assertWebhookWorkerPresent, startWebhookDispatcher } from '../core/webhooks/webhook-dispatcher';
import { startBrowserHost, type BrowserHost } from '../host/browser-host';
import type { ConsoleService } from '../console/console-service';
import { createConsoleSwitch, createDemoStateHost, partsRuntime, saveStartSnapshotOnce, type ConsoleSwitch } from '../console/demo-state';
import { startPlatformServer, type PlatformServer } from '../core/server/platform-server';
import { UsageError } from './cli-io';
import { warmFirstScreen } from './warm-start';

/** The data folder's platform as every CLI command opens it: the key-file secret store, and the demo seed for an
 * empty folder when `seed` says so. */
export function openCliPlatform(assembly: Assembly, dataDir: string, seed: SeedChoice): Platform {
  // A newer PartnerDeck's folder is refused before the key file (or anything else) is created in it.
  assertDatabaseNotNewer(join(dataDir, DB_FILE_NAME), assembly.knownSchemaVersion);
  const platform = assembly.openPlatform({ dataDir, secretStore: createKeyFileSecretStore(join(dataDir, SECRET_KEY_FILE_NAME)) });
  try {
    if (seed === 'demo') seedDemoIfEmpty(platform);
  } catch (error) {
    platform.close();
    throw error;
  }
  return platform;
}

/**
 * The log of a long-running command (serve, console): `<dataDir>/logs/partnerdeck.log` with rotation, installed
 * as the process's logger (the platform server, the webhook worker and the console write to it). `level`
 * defaults to $PARTNERDECK_LOG_LEVEL or info; warnings and errors also go to stderr unless `console` says otherwise.
 */
export function startCliLogging(dataDir: string, options: { level?: LogLevel; console?: LogLevel | false } = {}): Logger {
  const logger = createLogger({ dataDir, level: options.level, console: options.console ?? 'warn' });
  installProcessLogger(logger);
  return logger;
}

/** A remembered port another program holds now, said in words (null when the server got its usual port). */
export function movedNote(what: string, movedFrom: number | null, port: number): string | null {
  return movedFrom === null ? null : `${what} port ${movedFrom} (this data folder's usual one) is taken by another program: using ${port} instead, and from now on`;
}

/** An explicit --port that is taken, as a usage error; anything else unchanged. */
export function portInUse(error: unknown, port: number | undefined): unknown {
  if ((error as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE' && port !== undefined) {
    return new UsageError(`--port ${port} is in use by another program (give another, 0 for any free port, or leave --port out for this folder's usual one)`);
  }
  return error;
}

export interface ConsoleStack {
  /** The platform open now (Reset demo closes it and opens another on the restored folder). */
  readonly platform: Platform;
  host: BrowserHost;
  platformUrl: string;
  secretWarning: string | null;
  /** What a person should know about the ports (a usual port that was taken). */
  notes: string[];
  /** The log file (null: none). */
  logFile: string | null;
  close(): Promise<void>;
}

export interface ConsoleStackOptions {
  port: number | undefined;
  seed: SeedChoice;
  rendererDir?: string;
  /** Log at debug level (each request, each webhook attempt). */
  verbose?: boolean;
  /** The URL of a platform already serving the folder (a running `partnerdeck serve`): the stack starts only the
   * console beside it (no second platform server, no second webhook dispatcher). */
  platformUrl?: string;
}

/** What console.json says about a running console of a data folder. */
export interface ConsoleInfo {
  consoleUrl: string;
  platformUrl: string;
  pid: number;
  controlToken: string;
}

/** The folder's console.json, if it names a console of a live process (null: none, stale or foreign). */
export function readConsoleInfo(dataDir: string): ConsoleInfo | null {
  let info: Partial<ConsoleInfo>;
  try {
    info = JSON.parse(readFileSync(join(dataDir, CONSOLE_INFO_FILE_NAME), 'utf8')) as Partial<ConsoleInfo>;
  } catch {
    return null;
  }
  if (typeof info.consoleUrl !== 'string' || typeof info.platformUrl !== 'string' || typeof info.controlToken !== 'string' || !Number.isSafeInteger(info.pid)) return null;
  try {
    process.kill(info.pid!, 0); // signal 0: is it alive? (ESRCH: killed without cleaning up; EPERM: another user's)
  } catch {
    return null;
  }
  return info as ConsoleInfo;
}

/** Writes console.json (0600) for this process's console; returns how to take it away again (only if still ours). */
function announceConsole(dataDir: string, info: ConsoleInfo): () => void {
  const path = join(dataDir, CONSOLE_INFO_FILE_NAME);
  try {
    writeFileSync(path, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
    chmodSync(path, 0o600);
  } catch {
    return () => undefined; // a read-only folder: nobody can join this console, everything else works
  }
  return () => {
    try {
      if ((JSON.parse(readFileSync(path, 'utf8')) as Partial<ConsoleInfo>).pid === info.pid) rmSync(path, { force: true });
    } catch {
      // gone already, or rewritten by another console
    }
  };
}

/** What runs on the open platform: closed and opened again by Reset demo, while the browser host stays. */
interface PlatformParts {
  platform: Platform;
  /** Starts the WAL checkpointer and the webhook dispatcher (at most once; nothing beside a running serve). */
  startBackground(): void;
  /** This process's platform server; null beside a running `serve` (that process serves the platform). */
  server: PlatformServer | null;
  platformUrl: string;
  consoleService: ConsoleService;
  close(): Promise<void>;
}

/**
 * When the console's worker threads (webhook dispatcher, WAL checkpointer) start: once the first page opened from
 * a launch link has made its start-up calls (the browser host's onFirstPageSettled); BACKGROUND_START_DELAY_MS
 * after the console listens when no page has started by then; BACKGROUND_START_LATEST_MS at the latest.
 */
export const BACKGROUND_START_DELAY_MS = 1_500;
export const BACKGROUND_START_LATEST_MS = 10_000;

export async function startConsoleStack(assembly: Assembly, dataDir: string, stackOptions: ConsoleStackOptions): Promise<ConsoleStack> {
  const options = { ...stackOptions, dataDir };
  let platform = openCliPlatform(assembly, options.dataDir, options.seed);
  const logger = startCliLogging(options.dataDir, options.verbose ? { level: 'debug' } : {});
  const log = logFor('console');
  const prefs = createJsonFilePrefs(join(options.dataDir, PREFS_FILE_NAME));
  const controlToken = cryptoIds.token(32);
  // The state Reset demo goes back to by default (once per folder).
  saveStartSnapshotOnce({ dataDir, knownSchemaVersion: assembly.knownSchemaVersion }, (message, error) => log.warn(message, error));

  let parts: PlatformParts | null = null;
  let consoleSwitch: ConsoleSwitch | null = null;
  const demoState = createDemoStateHost(
    partsRuntime({
      dataDir,
      knownSchemaVersion: assembly.knownSchemaVersion,
      parts: () => parts!,
      consoleSwitch: () => consoleSwitch!,
      async restart(port) {
        platform = openCliPlatform(assembly, options.dataDir, 'none');
        parts = await startParts(platform, port);
        parts.startBackground();
        return parts;
      },
    }),
  );

  /**
   * The platform server (on `platformPort`, or this folder's usual port) and the console service; the dispatcher
   * and the checkpointer come with `startBackground()`. Beside a running serve (`platformUrl`), that process
   * checkpoints, delivers and serves the platform; this one is only the console.
   */
  async function startParts(opened: Platform, platformPort?: number): Promise<PlatformParts & { movedFrom: number | null }> {
    const closers: (() => Promise<void> | void)[] = [() => opened.close()];
    let closed = false;
    let background = options.platformUrl !== undefined; // beside a serve: nothing to start
    const closeAll = async () => {
      closed = true;
      for (const close of closers.reverse()) await close();
    };
    try {
      let server: PlatformServer | null = null;
      let movedFrom: number | null = null;
      if (options.platformUrl === undefined) {
        // Checked now, not when the dispatcher starts after the console listens: a missing worker bundle still
        // stops the start with its message.
        assertWebhookWorkerPresent();
        const started =
          platformPort === undefined
            ? await listenRemembered(options.dataDir, 'platform', undefined, (port) => startPlatformServer(opened, { port, version: APP_VERSION }), (s) => s.port)
            : { server: await startPlatformServer(opened, { port: platformPort, version: APP_VERSION }), movedFrom: null };
        const startedServer = started.server;
        server = startedServer;
        movedFrom = started.movedFrom;
        closers.push(() => startedServer.close());
      }
      const platformUrl = server?.url ?? options.platformUrl!;
      const consoleService = assembly.createConsoleService({ platform: opened, prefs, host: 'browser', platformUrl, demoState });
      closers.push(() => consoleService.close());
      // Worker threads: started once the console listens (issue 18 cold start). Events committed before are in the
      // database and delivered when the dispatcher starts; the WAL is checkpointed automatically until then.
      const startBackground = () => {
        if (background || closed) return;
        background = true;
        const checkpointer = opened.startWalCheckpointer();
        const dispatcher = startWebhookDispatcher(opened);
        // Stopped before the console service and the server close (they were pushed earlier: closed later).
        closers.push(() => checkpointer.stop(), () => dispatcher.stop());
      };
      return { platform: opened, server, platformUrl, consoleService, movedFrom, startBackground, close: closeAll };
    } catch (error) {
      await closeAll();
      throw error;
    }
  }

  // startParts closes what it opened (the platform too) when something fails.
  const first = await startParts(platform);
  parts = first;
  consoleSwitch = createConsoleSwitch(first.consoleService);
  // The worker threads start once the first page has had the machine to itself (issue 18 cold start: two worker
  // threads booting beside the page's first calls slowed it on two cores). Until then webhook events wait in the
  // database (the dispatcher reads them when it starts) and SQLite checkpoints the WAL by itself.
  const backgroundTimers: ReturnType<typeof setTimeout>[] = [];
  const startBackgroundOnce = () => {
    for (const timer of backgroundTimers.splice(0)) clearTimeout(timer);
    try {
      parts?.startBackground();
    } catch (error) {
      log.error('the webhook dispatcher or the WAL checkpointer did not start', error);
    }
  };
  try {
    const consoleHost = await listenRemembered(
      options.dataDir,
      'console',
      options.port,
      (port) =>
        startBrowserHost({
          console: consoleSwitch!,
          rendererDir: options.rendererDir ?? join(__dirname, '..', 'renderer'),
          port,
          controlToken,
          themeChoice: () => prefs.get('theme'),
          onFirstPageSettled: startBackgroundOnce,
        }),
      (h) => h.port,
    ).catch((error: unknown) => {
      throw portInUse(error, options.port);
    });
    const host = consoleHost.server;
    const unannounce = announceConsole(options.dataDir, { consoleUrl: host.origin, platformUrl: first.platformUrl, pid: process.pid, controlToken });
    let closing = false;
    // The first screen's handlers warmed while the browser navigates (after this returns and the line is printed).
    setTimeout(() => void warmFirstScreen(consoleSwitch!, () => closing), 0);
    backgroundTimers.push(
      setTimeout(() => {
        if (!host.launched()) startBackgroundOnce();
      }, BACKGROUND_START_DELAY_MS),
      setTimeout(startBackgroundOnce, BACKGROUND_START_LATEST_MS),
    );
    return {
      get platform() {
        return parts!.platform;
      },
      host,
      platformUrl: first.platformUrl,
      secretWarning: platform.secrets.warning,
      logFile: logger.file,
      notes: [first.server ? movedNote('The platform', first.movedFrom, first.server.port) : null, movedNote('The console', consoleHost.movedFrom, consoleHost.port)].filter((n): n is string => n !== null),
      async close() {
        closing = true;
        for (const timer of backgroundTimers.splice(0)) clearTimeout(timer);
        unannounce();
        await host.close();
        await parts!.close();
      },
    };
  } catch (error) {
    await first.close();
    throw error;
  }
}
