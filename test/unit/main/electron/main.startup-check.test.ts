// The desktop app's quick check of its data folder at start-up (issue 16 L6/L7): the window opens first, the
// check (doctor.ts, here run in-thread instead of its worker) reports a problem in a box that says what to do and
// names `partnerdeck doctor`; "Show Data Folder" opens it. (main.ts runs once per test file, hence a file of its own.)
import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { STARTUP_PROBLEM_TITLE } from '../../../../src-main/electron/data-folder-check';
import { FakeBrowserWindow, app, dialog, shell } from '../../../fakes/electron-fake';
import { startMainProcess } from '../../../helpers/electron-main';

vi.mock('electron', async () => {
  const fake = await import('../../../fakes/electron-fake');
  return { ...fake, default: fake };
});
vi.mock('electron-updater', async () => ({ autoUpdater: (await import('../../../fakes/electron-fake')).fakeAutoUpdater }));
// The worker bundle is not beside the source: the same checks run in the test's thread.
vi.mock('../../../../src-main/core/db/doctor', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../src-main/core/db/doctor')>();
  return { ...real, checkDataFolderInBackground: async (dataDir: string, options: Parameters<typeof real.examineDataFolder>[1]) => real.examineDataFolder(dataDir, options) };
});

const started = startMainProcess('pd-main-check-', {
  prepare(dataDir) {
    // A folder other users of the computer can read (as an older PartnerDeck or a copy may have left it).
    chmodSync(dataDir, 0o755);
    dialog.messageBoxResponse = 0;
  },
  until: () => expect(dialog.messageBoxes.length).toBeGreaterThan(0),
  timeout: 20_000,
  setupTimeout: 40_000,
});

describe('the desktop app checks its data folder at start-up', () => {
  it('opens the window, then shows the problem with what to do and names partnerdeck doctor', () => {
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const boxes = dialog.messageBoxes.filter((box) => box.options.title === STARTUP_PROBLEM_TITLE);
    expect(boxes).toHaveLength(1);
    const { window, options } = boxes[0];
    expect(window).toBe(FakeBrowserWindow.instances[0]);
    expect(options.type).toBe('warning');
    expect(options.message).toContain('data folder permissions');
    expect(options.detail).toContain('mode 755');
    expect(options.detail).toContain(`chmod 700 '${started.dataDir}'`);
    expect(options.detail).toContain(`partnerdeck doctor --data-dir '${started.dataDir}'`);
  });

  it('"Show Data Folder" opens the folder; the app keeps running and the check changed nothing', async () => {
    await vi.waitFor(() => expect(shell.openedPaths).toContain(started.dataDir));
    expect(app.exitCode).toBeNull();
    expect(statSync(started.dataDir).mode & 0o777).toBe(0o755);
  });

  it("creates the desktop app's prefs.json 0600 (L11), so the check finds no other problem", () => {
    expect(statSync(join(started.dataDir, 'prefs.json')).mode & 0o777).toBe(0o600);
  });
});
