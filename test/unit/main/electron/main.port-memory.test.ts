// The desktop app keeps its platform's port per data folder (issue 19 item 9): a folder whose ports.json remembers
// a platform port (written by an earlier launch, `serve` or `console`) gets that port again, so the redirect URIs,
// Start URLs and hook addresses an app developer registered keep working. (main.ts runs once per test file, hence
// a file of its own; main.test.ts checks that a first launch writes the file.)
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL, type CallReply } from '../../../../src-shared/api/contract';
import type { AppInfo } from '../../../../src-shared/api/types';
import { FakeBrowserWindow, fakeInvokeEvent, ipcMain } from '../../../fakes/electron-fake';
import { startMainProcess } from '../../../helpers/electron-main';

vi.mock('electron', async () => {
  const fake = await import('../../../fakes/electron-fake');
  return { ...fake, default: fake };
});
vi.mock('electron-updater', async () => ({ autoUpdater: (await import('../../../fakes/electron-fake')).fakeAutoUpdater }));

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

const started = startMainProcess('pd-main-ports-', {
  async prepare(dataDir) {
    remembered = await freePort();
    writeFileSync(join(dataDir, 'ports.json'), JSON.stringify({ platform: remembered, console: 1 }));
  },
  until: () => expect(FakeBrowserWindow.instances).toHaveLength(1),
  timeout: 20_000,
  setupTimeout: 40_000,
});

describe('desktop app on a folder that remembers its platform port', () => {
  it('listens on the remembered port and keeps it (and the console entry) in ports.json', async () => {
    const reply = (await ipcMain.invoke(IPC_INVOKE_CHANNEL, fakeInvokeEvent(FakeBrowserWindow.instances[0]), 'app.info', {})) as CallReply;
    const info = (reply as { result: AppInfo }).result;
    expect(info.platformUrl).toBe(`http://127.0.0.1:${remembered}`);
    const answer = await fetch(`${info.platformUrl}/api/tokeninfo`);
    expect(answer.status).toBeGreaterThanOrEqual(400); // the platform server answers there (no token given)
    expect(JSON.parse(readFileSync(join(started.dataDir, 'ports.json'), 'utf8'))).toEqual({ platform: remembered, console: 1 });
  });
});
