// Prefs through electron-store: values survive a reopen of the file, and damaged values read as defaults.
import { vi } from 'vitest';

// electron-store is loaded by Node itself, past vitest's mocks, and imports the real `electron` package,
// which in plain Node is only the path of the Electron binary, or throws when no binary was downloaded.
// This override makes it a path on every machine; electron-store then runs as Conf with our cwd.
const overrodeElectronPath = vi.hoisted(() => {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return false;
  process.env.ELECTRON_OVERRIDE_DIST_PATH = '/nonexistent-electron-dist';
  return true;
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonFilePrefs } from '../../../../src-main/console/prefs';
import { createElectronPrefs, readPref } from '../../../../src-main/electron/electron-prefs';

vi.mock('electron', async () => {
  const fake = await import('../../../fakes/electron-fake');
  return { ...fake, default: fake };
});

if (overrodeElectronPath) delete process.env.ELECTRON_OVERRIDE_DIST_PATH;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pd-prefs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('electron prefs', () => {
  it('round-trips every pref through prefs.json', () => {
    const prefs = createElectronPrefs(dir);
    expect(prefs.get('theme')).toBe('system');
    expect(prefs.get('windowBounds')).toBeNull();
    prefs.set('windowBounds', { x: 10, y: 20, width: 1000, height: 700, maximized: true });
    prefs.set('lastUserId', 3);
    prefs.set('lastCompanyId', 42);
    prefs.set('recentCompanyIds', [42, 7]);
    prefs.set('theme', 'dark');

    const reopened = createElectronPrefs(dir);
    expect(reopened.get('windowBounds')).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(reopened.get('lastUserId')).toBe(3);
    expect(reopened.get('lastCompanyId')).toBe(42);
    expect(reopened.get('recentCompanyIds')).toEqual([42, 7]);
    expect(reopened.get('theme')).toBe('dark');
    expect(JSON.parse(readFileSync(join(dir, 'prefs.json'), 'utf8')).lastCompanyId).toBe(42);
  });

  it('writes the same file the browser host reads', () => {
    createElectronPrefs(dir).set('recentCompanyIds', [5, 9]);
    expect(createJsonFilePrefs(join(dir, 'prefs.json')).get('recentCompanyIds')).toEqual([5, 9]);
  });

  it('reads damaged values as defaults instead of passing them on', () => {
    writeFileSync(
      join(dir, 'prefs.json'),
      JSON.stringify({ windowBounds: { width: -5, height: 'x' }, lastUserId: 'admin', recentCompanyIds: [1, 'two', 1, -3], theme: 'neon' }),
    );
    const prefs = createElectronPrefs(dir);
    expect(prefs.get('windowBounds')).toBeNull();
    expect(prefs.get('lastUserId')).toBeNull();
    expect(prefs.get('recentCompanyIds')).toEqual([1]);
    expect(prefs.get('theme')).toBe('system');
  });

  it('keeps a size without a position, and drops non-numeric positions', () => {
    expect(readPref('windowBounds', { x: 'a', y: 2, width: 1000, height: 700 })).toEqual({ width: 1000, height: 700 });
  });
});
