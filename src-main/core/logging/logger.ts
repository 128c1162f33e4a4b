// The one logger of every PartnerDeck process: the desktop app's main process, the webhook and checkpoint
// workers (through log-channel.ts), the platform server, browser mode, `serve` and the CLI. It is electron-log
// (its Node entry, which the Electron main process can load too): a file with levels, size-based rotation and
// scopes; this module adds the format, the secret scrubbing (redact.ts) and PartnerDeck's places:
// the desktop app writes to the OS log folder (Electron's app.getPath('logs')), everything else to
// <data folder>/logs. A line is "[2026-12-06 21:30:00.123] [info]  (server) text".
import electronLog from 'electron-log/node';
import { chmodSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { inspect } from 'node:util';
import { redactText } from './redact';

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FILE_NAME = 'partnerdeck.log';
export const LOG_LEVEL_ENV = 'PARTNERDECK_LOG_LEVEL';
/** Rotation: a file past this size becomes partnerdeck.1.log (then .2, .3); the oldest beyond LOG_FILES_KEPT goes. */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_FILES_KEPT = 3;

export interface Logger {
  error(message: string, error?: unknown): void;
  warn(message: string, error?: unknown): void;
  info(message: string, details?: unknown): void;
  debug(message: string, details?: unknown): void;
  /** The same logger, its lines marked "[name]". */
  scope(name: string): Logger;
  /** For callbacks of the shape `log(message, error?)` (dispatcher, checkpointer): warn, or error with an error. */
  callback(): (message: string, error?: unknown) => void;
  /** The file written to (null: none). */
  readonly file: string | null;
  readonly level: LogLevel;
}

export interface CreateLoggerOptions {
  /** CLI, browser mode and serve: `<dataDir>/logs/partnerdeck.log`. */
  dataDir?: string;
  /** Or this file (the desktop app: `<app.getPath('logs')>/partnerdeck.log`). */
  file?: string;
  /** Lowest level written; default $PARTNERDECK_LOG_LEVEL, else info. */
  level?: LogLevel;
  /** Also print from this level to stderr (default: off; the CLI's output is its own). */
  console?: LogLevel | false;
  maxBytes?: number;
  keep?: number;
  env?: NodeJS.ProcessEnv;
}

/** Where the CLI and browser mode log for a data folder. */
export function logFileIn(dataDir: string): string {
  return join(dataDir, 'logs', LOG_FILE_NAME);
}

/** The level from $PARTNERDECK_LOG_LEVEL, or `fallback` when it is unset or not a level. */
export function levelFromEnv(env: NodeJS.ProcessEnv = process.env, fallback: LogLevel = 'info'): LogLevel {
  const value = env[LOG_LEVEL_ENV]?.toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(value ?? '') ? (value as LogLevel) : fallback;
}

/** One log entry as text: the message, then details or the error with its stack, scrubbed of secrets. */
export function formatEntry(message: string, extra?: unknown): string {
  let text = message;
  if (extra instanceof Error) text += `: ${extra.stack ?? `${extra.name}: ${extra.message}`}`;
  else if (extra !== undefined) text += ` ${typeof extra === 'string' ? extra : inspect(extra, { depth: 4, breakLength: Infinity })}`;
  return redactText(text);
}

/** partnerdeck.log -> partnerdeck.1.log -> partnerdeck.2.log ...; the oldest beyond `keep` is removed. */
export function rotateLogFiles(file: string, keep: number): void {
  const ext = extname(file);
  const stem = join(dirname(file), basename(file, ext));
  const numbered = (n: number) => `${stem}.${n}${ext}`;
  rmSync(numbered(keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) if (existsSync(numbered(n))) renameSync(numbered(n), numbered(n + 1));
  if (existsSync(file)) renameSync(file, numbered(1));
}

/** Every log file of `file`'s set, newest first (the live file, then .1, .2 ...). */
export function logFilesOf(file: string): string[] {
  const dir = dirname(file);
  if (!existsSync(dir)) return [];
  const ext = extname(file);
  const name = basename(file, ext);
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\.(\\d+))?${ext.replace('.', '\\.')}$`);
  return readdirSync(dir)
    .map((entry) => ({ entry, match: pattern.exec(entry) }))
    .filter((x): x is { entry: string; match: RegExpExecArray } => x.match !== null)
    .sort((a, b) => Number(a.match[1] ?? 0) - Number(b.match[1] ?? 0))
    .map((x) => join(dir, x.entry));
}

let nextLogId = 1;

export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const file = options.file ?? (options.dataDir ? logFileIn(options.dataDir) : null);
  const level = options.level ?? levelFromEnv(options.env);
  const keep = options.keep ?? LOG_FILES_KEPT;
  const base = electronLog.create({ logId: `partnerdeck-${nextLogId++}` });
  base.transports.console.level = options.console ?? false;
  base.transports.console.format = '[{level}]{scope} {text}';
  if (file) {
    const fileTransport = base.transports.file;
    fileTransport.level = level;
    fileTransport.maxSize = options.maxBytes ?? LOG_MAX_BYTES;
    fileTransport.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}]{scope} {text}';
    // Readable by the user only: lines name users, companies and apps.
    fileTransport.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
    fileTransport.resolvePathFn = () => file;
    fileTransport.archiveLogFn = (current) => rotateLogFiles(current.path, keep);
  } else {
    base.transports.file.level = false;
  }
  let madePrivate = false;
  const write = (lvl: LogLevel, scope: string | null, message: string, extra?: unknown) => {
    const target = scope ? base.scope(scope) : base;
    target[lvl](formatEntry(message, extra));
    if (file && !madePrivate && existsSync(file)) {
      madePrivate = true;
      // A file left by an older build, or created before the mode applied.
      if (process.platform !== 'win32') chmodSync(file, 0o600);
    }
  };
  const make = (scope: string | null): Logger => ({
    error: (message, error) => write('error', scope, message, error),
    warn: (message, error) => write('warn', scope, message, error),
    info: (message, details) => write('info', scope, message, details),
    debug: (message, details) => write('debug', scope, message, details),
    scope: (name) => make(scope ? `${scope}:${name}` : name),
    callback: () => (message, error) => write(error === undefined ? 'warn' : 'error', scope, message, error),
    file,
    level,
  });
  return make(null);
}

/** A logger that drops everything (tests, one-off helpers). */
export const silentLogger: Logger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  scope: () => silentLogger,
  callback: () => () => undefined,
  file: null,
  level: 'error',
};

// The process-wide logger that core modules write to (the server, the event bus, the console service). Hosts
// install theirs at start; until then (and in tests) lines go to stderr as before, still scrubbed.
const stderrLogger: Logger = createLogger({ console: 'warn', level: 'warn' });
let installed: Logger | null = null;

export function installLogger(logger: Logger | null): void {
  installed = logger;
}

/** The installed logger (or stderr), under `scope`; resolved at each call, so it can be taken at import time. */
export function logFor(scope: string): Logger {
  const current = () => (installed ?? stderrLogger).scope(scope);
  return {
    error: (m, e) => current().error(m, e),
    warn: (m, e) => current().warn(m, e),
    info: (m, d) => current().info(m, d),
    debug: (m, d) => current().debug(m, d),
    scope: (name) => logFor(`${scope}:${name}`),
    callback: () => (m, e) => current().callback()(m, e),
    get file() {
      return (installed ?? stderrLogger).file;
    },
    get level() {
      return (installed ?? stderrLogger).level;
    },
  };
}
