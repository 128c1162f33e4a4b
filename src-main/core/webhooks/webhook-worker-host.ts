// The webhook worker thread as the dispatcher holds it: starts it (webhook-worker.ts, bundled), hands its
// result batches on, and restarts it when it dies — after 100 ms, doubling to 5 s while it keeps dying, back
// to 100 ms once one ran 30 s or the dispatcher took over the data folder again. What was in flight when
// it died has no recorded outcome and goes out again (the dispatcher forgets it in `onGone`).
import { Worker } from 'node:worker_threads';
import type { FromWorker, SendResult, ToWorker, WorkerSettings } from './webhook-worker-protocol';

export interface WorkerHostOptions {
  workerPath: string;
  settings: WorkerSettings;
  /** First and longest wait before a restart. */
  restartDelayMs: { initial: number; max: number };
  realNow: () => number;
  log: (message: string, error?: unknown) => void;
  /** A new worker runs (it knows no secrets yet). */
  onStart: () => void;
  onResults: (results: SendResult[]) => void;
  /** The error that stopped the worker, after it is logged (the exit follows). */
  onError?: (error: Error) => void;
  /** The worker died or was ended; return true to have it restarted after the backoff. */
  onGone: (exitCode: number) => boolean;
}

export interface WorkerHost {
  running(): boolean;
  /** Workers started so far (restarts included). */
  starts(): number;
  start(): void;
  post(message: ToWorker): void;
  /** The next restart waits the initial delay again. */
  resetBackoff(): void;
  /** Ends the worker as a crash would: `onGone` decides whether it restarts. */
  crash(): Promise<void>;
  /** Ends the worker for good (standby, stop): no `onGone`, no restart. */
  stop(): Promise<void>;
}

/** A worker that ran this long was healthy: its death restarts the backoff. */
const HEALTHY_RUN_MS = 30_000;

export function createWorkerHost(options: WorkerHostOptions): WorkerHost {
  let worker: Worker | null = null;
  let startedAt = 0;
  let starts = 0;
  let nextDelay = options.restartDelayMs.initial;
  let restartTimer: ReturnType<typeof setTimeout> | null = null;

  function start(): void {
    const created = new Worker(options.workerPath, { workerData: options.settings, name: 'partnerdeck-webhooks' });
    worker = created;
    startedAt = options.realNow();
    starts += 1;
    created.on('message', (message: FromWorker) => {
      if (worker === created && message.type === 'results') options.onResults(message.results);
    });
    created.on('error', (error) => {
      options.log('webhook worker failed', error);
      options.onError?.(error);
    });
    created.on('exit', (code) => {
      if (worker !== created) return;
      worker = null;
      if (!options.onGone(code)) return;
      if (options.realNow() - startedAt > HEALTHY_RUN_MS) nextDelay = options.restartDelayMs.initial;
      const delay = nextDelay;
      nextDelay = Math.min(nextDelay * 2, options.restartDelayMs.max);
      options.log(`webhook worker stopped (exit code ${code}); starting a new one in ${delay} ms`);
      restartTimer = setTimeout(() => {
        restartTimer = null;
        if (worker === null) start();
      }, delay);
    });
    options.onStart();
  }

  return {
    running: () => worker !== null,
    starts: () => starts,
    start,
    post(message) {
      worker?.postMessage(message);
    },
    resetBackoff() {
      nextDelay = options.restartDelayMs.initial;
    },
    async crash() {
      await worker?.terminate();
    },
    async stop() {
      if (restartTimer) clearTimeout(restartTimer);
      restartTimer = null;
      const current = worker;
      worker = null;
      await current?.terminate();
    },
  };
}
