// The desktop app's main process in a unit test: src-main/electron/main.ts starts when it is imported, so each
// test file runs it once, against the Electron fake (the file mocks 'electron' and 'electron-updater') on a new
// data folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, vi } from 'vitest';
import { app, resetElectronFake } from '../fakes/electron-fake';

export interface MainProcessOptions {
  /** Readies the new data folder (and the fake) before main.ts starts. */
  prepare?: (dataDir: string) => void | Promise<void>;
  /** Main.ts has come far enough for the tests when this stops throwing. */
  until: () => void;
  timeout: number;
  setupTimeout: number;
}

/**
 * Starts main.ts before the file's tests on a new data folder (its `dataDir`, set once started); after them the
 * app quits, the environment is restored and the folder removed.
 */
export function startMainProcess(prefix: string, options: MainProcessOptions): { dataDir: string } {
  const saved = { dataDir: process.env.PARTNERDECK_DATA_DIR, electronPath: process.env.ELECTRON_OVERRIDE_DIST_PATH };
  const started = { dataDir: '' };
  beforeAll(async () => {
    resetElectronFake();
    started.dataDir = mkdtempSync(join(tmpdir(), prefix));
    await options.prepare?.(started.dataDir);
    process.env.PARTNERDECK_DATA_DIR = started.dataDir;
    // electron-store is loaded by Node past vitest's mocks; see electron-prefs.test.ts.
    process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent-electron-dist';
    await import('../../src-main/electron/main');
    await vi.waitFor(options.until, { timeout: options.timeout });
  }, options.setupTimeout);
  afterAll(() => {
    app.emit('will-quit');
    for (const [key, value] of [['PARTNERDECK_DATA_DIR', saved.dataDir], ['ELECTRON_OVERRIDE_DIST_PATH', saved.electronPath]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(started.dataDir, { recursive: true, force: true });
  });
  return started;
}
