// Start-up choices: the data folder from --data-dir or PARTNERDECK_DATA_DIR, and the Electron build of
// better-sqlite3 only where it exists.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataDirOverride, electronSqliteBinding } from '../../../../src-main/electron/startup-options';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pd-startup-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('data folder', () => {
  it('comes from --data-dir (both spellings), then the environment, else null', () => {
    expect(dataDirOverride(['electron', '.', '--data-dir', '/data/a'], {})).toBe('/data/a');
    expect(dataDirOverride(['electron', '.', '--data-dir=/data/b'], { PARTNERDECK_DATA_DIR: '/env' })).toBe('/data/b');
    expect(dataDirOverride(['electron', '.'], { PARTNERDECK_DATA_DIR: '/env' })).toBe('/env');
    expect(dataDirOverride(['electron', '.'], {})).toBeNull();
  });

  it('resolves a relative folder against the working directory', () => {
    expect(dataDirOverride(['--data-dir', 'rel/dir'], {}, '/home/me')).toBe('/home/me/rel/dir');
  });
});

describe('electron sqlite binding', () => {
  it('is the checkout build when it exists, else undefined', () => {
    expect(electronSqliteBinding(dir, undefined, false)).toBeUndefined();
    mkdirSync(join(dir, 'build', 'electron-sqlite'), { recursive: true });
    writeFileSync(join(dir, 'build', 'electron-sqlite', 'better_sqlite3.node'), '');
    expect(electronSqliteBinding(dir, undefined, false)).toBe(join(dir, 'build', 'electron-sqlite', 'better_sqlite3.node'));
  });

  it('is under resources/electron-sqlite in a packaged app', () => {
    const resources = join(dir, 'resources');
    mkdirSync(join(resources, 'electron-sqlite'), { recursive: true });
    writeFileSync(join(resources, 'electron-sqlite', 'better_sqlite3.node'), '');
    expect(electronSqliteBinding(join(dir, 'app.asar'), resources, true)).toBe(join(resources, 'electron-sqlite', 'better_sqlite3.node'));
    expect(electronSqliteBinding(join(dir, 'app.asar'), join(dir, 'elsewhere'), true)).toBeUndefined();
  });
});
