// The desktop app on a data folder written by a newer PartnerDeck: before the single-instance lock, prefs, key
// file or Chromium's storage touch the folder it says why in an error box and exits 1; no window, no platform,
// the folder byte for byte as it was. (main.ts runs once per test file, hence a file of its own.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KNOWN_SCHEMA_VERSION } from '../../../../src-main/areas';
import { REFUSED_TITLE } from '../../../../src-main/electron/data-folder-check';
import { snapshotFolder, writeNewerDataFolder } from '../../../helpers/data-folders';
import { FakeBrowserWindow, app, dialog, resetElectronFake } from '../../../fakes/electron-fake';

vi.mock('electron', async () => {
  const fake = await import('../../../fakes/electron-fake');
  return { ...fake, default: fake };
});

const saved = process.env.PARTNERDECK_DATA_DIR;
let dataDir: string;
let before: Record<string, string>;

beforeAll(async () => {
  resetElectronFake();
  dataDir = mkdtempSync(join(tmpdir(), 'pd-main-newer-'));
  writeNewerDataFolder(dataDir);
  before = snapshotFolder(dataDir);
  process.env.PARTNERDECK_DATA_DIR = dataDir;
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  await import('../../../../src-main/electron/main');
  await vi.waitFor(() => expect(app.exitCode).not.toBeNull(), { timeout: 10_000 });
}, 30_000);

afterAll(() => {
  vi.restoreAllMocks();
  if (saved === undefined) delete process.env.PARTNERDECK_DATA_DIR;
  else process.env.PARTNERDECK_DATA_DIR = saved;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('desktop app on a newer data folder', () => {
  it('shows one line in an error box and exits with code 1', () => {
    expect(dialog.errors).toHaveLength(1);
    expect(dialog.errors[0].title).toBe(REFUSED_TITLE);
    expect(dialog.errors[0].content).not.toContain('\n');
    expect(dialog.errors[0].content).toContain(`data version ${KNOWN_SCHEMA_VERSION + 1}; this PartnerDeck reads up to ${KNOWN_SCHEMA_VERSION}`);
    expect(app.exitCode).toBe(1);
  });

  it('opens no window and takes no single-instance lock in the folder', () => {
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(app.singleInstanceLockRequests).toBe(0);
    expect(app.getPath('userData')).not.toBe(dataDir);
  });

  it('leaves the folder exactly as it was', () => {
    expect(snapshotFolder(dataDir)).toEqual(before);
  });
});
