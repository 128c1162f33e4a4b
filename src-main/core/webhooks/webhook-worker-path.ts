// Where the bundled webhook worker lives: dist/worker/webhook-worker.cjs, next to the bundle that starts
// it (dist/cli, dist/main, dist/tools all sit one level below dist/). In a packaged desktop app it stays
// inside app.asar (Electron loads worker threads from the archive), so the asar integrity check and the
// onlyLoadAppFromAsar fuse cover it like the main bundle (electron-builder.yml). Tests build the worker from
// source instead (test/helpers/webhooks.ts).
import { join } from 'node:path';

export const WEBHOOK_WORKER_FILE = 'webhook-worker.cjs';

export function defaultWebhookWorkerPath(bundleDir: string = __dirname): string {
  return join(bundleDir, '..', 'worker', WEBHOOK_WORKER_FILE);
}
