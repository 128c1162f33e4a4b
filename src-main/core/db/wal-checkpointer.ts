// Checkpoints of the write-ahead log off the request path. With SQLite's default, the connection whose commit
// pushes the WAL past 1,000 pages copies them into the database file and fsyncs it inside that commit: under
// a steady stream of writes (token refreshes, orders, webhook attempts) every few hundred requests one of them
// waits several milliseconds for it (the refresh benchmark's p99 went from 14 ms to 6 ms without it). A running
// platform (serve, the console, the desktop app) therefore turns the main connection's automatic checkpoints
// off and lets a worker thread with its own connection run PASSIVE checkpoints every second
// (wal-checkpoint-worker.ts). Should the worker fail to start or die, automatic checkpoints come back on, so
// the WAL never grows without bound. One-off commands (seed, close-month, ...) keep SQLite's default.
import { logFor } from '../logging/logger';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from './database';

export interface CheckpointWorkerSettings {
  path: string;
  nativeBinding?: string;
  intervalMs: number;
}

export type ToCheckpointWorker = { type: 'checkpoint-now' } | { type: 'stop' };
export type FromCheckpointWorker =
  | { type: 'ready' }
  | { type: 'checkpointed'; walPages: number; copiedPages: number; checkpoints: number }
  | { type: 'failed'; message: string };

/** SQLite's default page count for automatic checkpoints, restored when the worker is gone. */
export const DEFAULT_WAL_AUTOCHECKPOINT = 1000;
export const WAL_CHECKPOINT_WORKER_FILE = 'wal-checkpoint-worker.cjs';

/** dist/worker/wal-checkpoint-worker.cjs beside the running bundle (inside app.asar in a packaged app). */
export function defaultCheckpointWorkerPath(bundleDir: string = __dirname): string {
  return join(bundleDir, '..', 'worker', WAL_CHECKPOINT_WORKER_FILE);
}

export interface WalCheckpointerOptions {
  nativeBinding?: string;
  intervalMs?: number;
  workerPath?: string;
  log?: (message: string, error?: unknown) => void;
}

export interface WalCheckpointer {
  /** Resolves once the worker has taken over (true), or could not (false: automatic checkpoints stay on). */
  ready: Promise<boolean>;
  /** 'worker' while the worker checkpoints; 'automatic' when SQLite's own checkpoints are on (fallback). */
  mode(): 'worker' | 'automatic';
  /** Asks for a checkpoint now; resolves with the WAL's page count after it (tests, diagnostics). */
  checkpointNow(): Promise<{ walPages: number; copiedPages: number }>;
  stop(): Promise<void>;
}

/**
 * Starts the worker without waiting for it (start-up does not pay for its thread): the main connection keeps its
 * automatic checkpoints until the worker has its own connection, then hands them over.
 */
export function startWalCheckpointer(db: Db, options: WalCheckpointerOptions = {}): WalCheckpointer {
  const log = options.log ?? logFor('wal').callback();
  // (The connection may be closed already when the host shuts down: closing checkpoints by itself then.)
  const automatic = (): void => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_WAL_AUTOCHECKPOINT}`);
  };
  const inactive: WalCheckpointer = {
    ready: Promise.resolve(false),
    mode: () => 'automatic',
    checkpointNow: async () => {
      const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
      return { walPages: row?.log ?? 0, copiedPages: row?.checkpointed ?? 0 };
    },
    stop: async () => undefined,
  };
  if (db.memory || db.pragma('journal_mode', { simple: true }) !== 'wal') return inactive;
  const workerPath = options.workerPath ?? defaultCheckpointWorkerPath();
  if (!existsSync(workerPath)) {
    log(`WAL checkpoints stay automatic: the worker bundle is missing at ${workerPath} (run \`npm run build\`)`);
    return inactive;
  }
  const settings: CheckpointWorkerSettings = { path: db.name, nativeBinding: options.nativeBinding, intervalMs: options.intervalMs ?? 1000 };
  const worker = new Worker(workerPath, { workerData: settings, name: 'partnerdeck-wal-checkpoints' });
  let mode: 'worker' | 'automatic' = 'automatic';
  let stopping = false;
  let fellBack = false;
  let exited = false;
  const waiting: Array<(result: { walPages: number; copiedPages: number }) => void> = [];
  const ready = new Promise<boolean>((resolve) => {
    worker.on('message', (message: FromCheckpointWorker) => {
      if (message.type === 'ready') {
        if (db.open && !stopping) {
          db.pragma('wal_autocheckpoint = 0');
          mode = 'worker';
        }
        resolve(true);
      } else if (message.type === 'checkpointed') {
        for (const done of waiting.splice(0)) done({ walPages: message.walPages, copiedPages: message.copiedPages });
      } else {
        log(`a WAL checkpoint failed: ${message.message}`);
      }
    });
    const fallBack = (why: string, error?: unknown) => {
      if (!stopping && !fellBack) {
        fellBack = true;
        automatic();
        mode = 'automatic';
        log(`WAL checkpoints are automatic again: ${why}`, error);
      }
      resolve(false);
    };
    worker.on('error', (error) => fallBack('the checkpoint worker failed', error));
    worker.on('exit', (code) => {
      exited = true;
      fallBack(`the checkpoint worker stopped (${code})`);
    });
  });
  return {
    ready,
    mode: () => mode,
    checkpointNow() {
      if (mode !== 'worker') return inactive.checkpointNow();
      return new Promise((resolve) => {
        waiting.push(resolve);
        worker.postMessage({ type: 'checkpoint-now' } satisfies ToCheckpointWorker);
      });
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      const tookOver = await ready;
      automatic();
      mode = 'automatic';
      if (!tookOver || exited) return;
      const gone = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'stop' } satisfies ToCheckpointWorker);
      await gone;
    },
  };
}
