// Starting the pieces the CLI runs: the platform on a data folder (with the key-file secret store), and
// the browser-mode stack (platform + webhook dispatcher + platform server + console service + browser host).
import { join } from 'node:path';
import { createJsonFilePrefs } from '../console/prefs';
import { APP_VERSION } from '../console/version';
import { assertDatabaseNotNewer } from '../core/db/data-folder-guard';
import { DB_FILE_NAME, PREFS_FILE_NAME, SECRET_KEY_FILE_NAME } from '../core/paths';
import type { Platform, SeedChoice } from '../core/platform';
import { seedDemoIfEmpty } from '../core/seed/demo-seed';
import type { Assembly } from '../areas';
import { createKeyFileSecretStore } from '../core/secrets/key-file-secret-store';
import { installProcessLogger } from '../core/logging/log-channel';
import { createLogger, type Logger, type LogLevel } from '../core/logging/logger';
import { listenRemembered } from '../core/server/port-memory';
import { startPlatformServer } from '../core/server/platform-server';
import { startWebhookDispatcher } from '../core/webhooks/webhook-dispatcher';
import { startBrowserHost, type BrowserHost } from '../host/browser-host';
import { UsageError } from './cli-io';

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
  platform: Platform;
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
}

export async function startConsoleStack(assembly: Assembly, dataDir: string, stackOptions: ConsoleStackOptions): Promise<ConsoleStack> {
  const options = { ...stackOptions, dataDir };
  const platform = openCliPlatform(assembly, options.dataDir, options.seed);
  const logger = startCliLogging(options.dataDir, options.verbose ? { level: 'debug' } : {});
  const checkpointer = platform.startWalCheckpointer();
  const dispatcher = startWebhookDispatcher(platform);
  const closers: (() => Promise<void> | void)[] = [() => platform.close(), () => checkpointer.stop(), () => dispatcher.stop()];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close();
  };
  try {
    const platformServer = await listenRemembered(options.dataDir, 'platform', undefined, (port) => startPlatformServer(platform, { port, version: APP_VERSION }), (s) => s.port);
    const server = platformServer.server;
    closers.push(() => server.close());
    const consoleService = assembly.createConsoleService({
      platform,
      prefs: createJsonFilePrefs(join(options.dataDir, PREFS_FILE_NAME)),
      host: 'browser',
      platformUrl: server.url,
    });
    closers.push(() => consoleService.close());
    const consoleHost = await listenRemembered(
      options.dataDir,
      'console',
      options.port,
      (port) =>
        startBrowserHost({
          console: consoleService,
          rendererDir: options.rendererDir ?? join(__dirname, '..', 'renderer'),
          port,
        }),
      (h) => h.port,
    ).catch((error: unknown) => {
      throw portInUse(error, options.port);
    });
    const host = consoleHost.server;
    closers.push(() => host.close());
    return {
      platform,
      host,
      platformUrl: server.url,
      secretWarning: platform.secrets.warning,
      logFile: logger.file,
      notes: [movedNote('The platform', platformServer.movedFrom, platformServer.port), movedNote('The console', consoleHost.movedFrom, consoleHost.port)].filter((n): n is string => n !== null),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
