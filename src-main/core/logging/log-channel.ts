// Worker threads log through the process's one logger: a worker's entries travel on a BroadcastChannel to the
// main thread, which writes them with its installed logger (one file writer per process, the same format,
// rotation and scrubbing). Nothing in the workers' own message protocols changes.
import { BroadcastChannel, isMainThread } from 'node:worker_threads';
import { formatEntry, installLogger, logFor, type Logger, type LogLevel } from './logger';

export const LOG_CHANNEL_NAME = 'partnerdeck:log';

interface LogEntry {
  level: LogLevel;
  scope: string;
  text: string;
}

function isLogEntry(value: unknown): value is LogEntry {
  const entry = value as Partial<LogEntry> | null;
  return typeof entry?.text === 'string' && typeof entry.scope === 'string' && ['error', 'warn', 'info', 'debug'].includes(entry.level as string);
}

/** A logger for a worker thread: each entry, formatted and scrubbed here, is written by the main thread. */
export function threadLogger(scope: string): Logger {
  if (isMainThread) return logFor(scope);
  const channel = new BroadcastChannel(LOG_CHANNEL_NAME);
  // A worker must be free to exit while the channel is open.
  (channel as unknown as { unref(): void }).unref();
  const make = (name: string): Logger => {
    const post = (level: LogLevel, message: string, extra?: unknown) => channel.postMessage({ level, scope: name, text: formatEntry(message, extra) } satisfies LogEntry);
    return {
      error: (m, e) => post('error', m, e),
      warn: (m, e) => post('warn', m, e),
      info: (m, d) => post('info', m, d),
      debug: (m, d) => post('debug', m, d),
      scope: (child) => make(`${name}:${child}`),
      callback: () => (m, e) => post(e === undefined ? 'warn' : 'error', m, e),
      file: null,
      level: 'debug',
    };
  };
  return make(scope);
}

let listening: BroadcastChannel | null = null;

/**
 * Installs `logger` as the process's logger and writes what worker threads send on the log channel with it.
 * Returns a function that stops both.
 */
export function installProcessLogger(logger: Logger): () => void {
  installLogger(logger);
  if (!listening) {
    listening = new BroadcastChannel(LOG_CHANNEL_NAME);
    (listening as unknown as { unref(): void }).unref();
    listening.onmessage = (event) => {
      const entry = (event as unknown as { data: unknown }).data;
      // Already formatted and scrubbed in the worker; scrubbed again by formatEntry in case of a foreign sender.
      if (isLogEntry(entry)) logFor(entry.scope)[entry.level](entry.text);
    };
  }
  return () => {
    installLogger(null);
    listening?.close();
    listening = null;
  };
}
