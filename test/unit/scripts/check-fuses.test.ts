// scripts/check-fuses.mjs reads the fuses back with @electron/fuses. No Electron binary can be downloaded here,
// so the test makes a file with Electron's fuse wire (the sentinel, version 1, Electron's defaults), flips it
// with @electron/fuses as electron-builder does with electronFuses, and checks the script against both.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configuredFuses, FUSE_NAMES } from '../../../scripts/check-fuses.mjs';

const root = join(__dirname, '..', '..', '..');
const fuses = createRequire(join(root, 'package.json'))('@electron/fuses');
const dir = mkdtempSync(join(tmpdir(), 'pd-fuses-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in executable holding Electron 45's fuse wire with its default states. */
function fakeElectron(name: string): string {
  // RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, asar integrity off, asar-only off,
  // browser V8 snapshot off, file:// extra privileges on (Electron's defaults).
  const defaults = Buffer.from('10110001', 'latin1');
  const file = join(dir, name);
  writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 0x90), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, defaults.length]), defaults, Buffer.alloc(4096, 0x90)]));
  return file;
}

function run(path: string) {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'check-fuses.mjs'), path], { encoding: 'utf8' });
  return { status: result.status, out: result.stdout + result.stderr };
}

describe('check-fuses', () => {
  const configured = configuredFuses(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));

  it('reads every fuse of electron-builder.yml', () => {
    expect(Object.keys(configured).sort()).toEqual(Object.keys(FUSE_NAMES).sort());
  });

  it('fails an unflipped Electron, naming each fuse that differs', () => {
    const result = run(fakeElectron('unflipped'));
    expect(result.status).toBe(1);
    expect(result.out).toMatch(/FAIL runAsNode: true \(configured false\)/);
    expect(result.out).toMatch(/FAIL enableEmbeddedAsarIntegrityValidation: false \(configured true\)/);
    expect(result.out).toMatch(/ok {3}loadBrowserProcessSpecificV8Snapshot: false/);
  });

  it('passes a binary flipped with the configured fuses', async () => {
    const file = fakeElectron('flipped');
    const config: Record<string | number, unknown> = { version: fuses.FuseVersion.V1 };
    for (const [name, value] of Object.entries(configured)) config[fuses.FuseV1Options[FUSE_NAMES[name]]] = value;
    await fuses.flipFuses(file, config);
    const result = run(file);
    expect(result.out).toMatch(/every fuse is as configured/);
    expect(result.status).toBe(0);
  });

  it('says so when there is no packaged app', () => {
    const result = run(join(dir, 'no-such-out'));
    expect(result.status).toBe(1);
    expect(result.out).toMatch(/no packaged PartnerDeck at/);
  });
});
