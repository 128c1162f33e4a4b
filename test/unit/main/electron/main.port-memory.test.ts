// The desktop app keeps its platform's port per data folder (issue 19 item 9): a folder whose ports.json remembers
// a platform port (written by an earlier launch, `serve` or `console`) gets that port again, so the redirect URIs,
// Start URLs and hook addresses an app developer registered keep working. (main.ts runs once per test file, hence
// a file of its own; main.test.ts checks that a first launch writes the file.)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL, type CallReply } from '../../../../src-shared/api/contract';
import type { AppInfo } from '../../../../src-shared/api/types';
import { FakeBrowserWindow, app, fakeInvokeEvent, ipcMain, resetElectronFake } from '../../../fakes/electron-fake';

vi.mock('electron', async () => {
  const fake = await import('../../../fakes/electron-fake');
  return { ...fake, default: fake };
});
vi.mock('electron-updater', async () => ({ autoUpdater: (await import('../../../fakes/electron-fake')).fakeAutoUpdater }));

const saved = { dataDir: process.env.PARTNERDECK_DATA_DIR, electronPath: process.env.ELECTRON_OVERRIDE_DIST_PATH };
let dataDir: string;
let remembered: number;

/** A port that was free a moment ago (the OS picks it; closed again before the app starts). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  resetElectronFake();
  dataDir = mkdtempSync(join(tmpdir(), 'pd-main-ports-'));
  remembered = await freePort();
  writeFileSync(join(dataDir, 'ports.json'), JSON.stringify({ platform: remembered, console: 1 }));
  process.env.PARTNERDECK_DATA_DIR = dataDir;
  process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent-electron-dist';
  await import('../../../../src-main/electron/main');
  await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1), { timeout: 20_000 });
}, 40_000);

afterAll(() => {
  app.emit('will-quit');
  for (const [key, value] of [['PARTNERDECK_DATA_DIR', saved.dataDir], ['ELECTRON_OVERRIDE_DIST_PATH', saved.electronPath]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('desktop app on a folder that remembers its platform port', () => {
  it('listens on the remembered port and keeps it (and the console entry) in ports.json', async () => {
    const reply = (await ipcMain.invoke(IPC_INVOKE_CHANNEL, fakeInvokeEvent(FakeBrowserWindow.instances[0]), 'app.info', {})) as CallReply;
    const info = (reply as { result: AppInfo }).result;
    expect(info.platformUrl).toBe(`http://127.0.0.1:${remembered}`);
    const answer = await fetch(`${info.platformUrl}/api/tokeninfo`);
    expect(answer.status).toBeGreaterThanOrEqual(400); // the platform server answers there (no token given)
    expect(JSON.parse(readFileSync(join(dataDir, 'ports.json'), 'utf8'))).toEqual({ platform: remembered, console: 1 });
  });
});
