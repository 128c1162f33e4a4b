// Where the bundled webhook worker lives: dist/worker/webhook-worker.cjs, next to the bundle that starts
// it (dist/cli, dist/main, dist/tools all sit one level below dist/). In a packaged desktop app the file
// is unpacked from the asar archive (electron-builder.yml asarUnpack), because a worker thread is started
// from a real file. Tests build the worker from source instead (test/helpers/webhooks.ts).
import { join } from 'node:path';

export const WEBHOOK_WORKER_FILE = 'webhook-worker.cjs';

export function defaultWebhookWorkerPath(bundleDir: string = __dirname): string {
  return join(bundleDir, '..', 'worker', WEBHOOK_WORKER_FILE).replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}
