// Entry of the WAL checkpoint worker thread (bundled to dist/worker/wal-checkpoint-worker.cjs): its own
// connection to the platform's database copies committed WAL pages back into the database file with a
// PASSIVE checkpoint every interval. PASSIVE never waits for a lock and never blocks the main connection's
// readers or writer, so the fsync of a checkpoint no longer lands inside a request (see wal-checkpointer.ts).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { CheckpointWorkerSettings, FromCheckpointWorker, ToCheckpointWorker } from './wal-checkpointer';

const port = parentPort;
if (!port) throw new Error('wal-checkpoint-worker must run as a worker thread');
const settings = workerData as CheckpointWorkerSettings;
const db = new Database(settings.path, { fileMustExist: true, ...(settings.nativeBinding ? { nativeBinding: settings.nativeBinding } : {}) });
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 0');
// This connection never writes: its own automatic checkpoints would be the ones it is here to replace.
db.pragma('wal_autocheckpoint = 0');

let checkpoints = 0;
function checkpoint(): void {
  const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
  checkpoints += 1;
  port!.postMessage({ type: 'checkpointed', walPages: row?.log ?? 0, copiedPages: row?.checkpointed ?? 0, checkpoints } satisfies FromCheckpointWorker);
}

const timer = setInterval(() => {
  try {
    checkpoint();
  } catch (error) {
    port!.postMessage({ type: 'failed', message: (error as Error).message } satisfies FromCheckpointWorker);
  }
}, settings.intervalMs);

port.on('message', (message: ToCheckpointWorker) => {
  if (message.type === 'checkpoint-now') {
    try {
      checkpoint();
    } catch (error) {
      port.postMessage({ type: 'failed', message: (error as Error).message } satisfies FromCheckpointWorker);
    }
  } else if (message.type === 'stop') {
    clearInterval(timer);
    db.close();
    port.close();
  }
});
port.postMessage({ type: 'ready' } satisfies FromCheckpointWorker);
