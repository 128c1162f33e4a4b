#!/usr/bin/env node
// Reads the Electron fuses back from a packaged PartnerDeck (with @electron/fuses) and compares them with
// electron-builder.yml's electronFuses. Exit code 0 when every fuse is as configured, 1 otherwise (or when no
// packaged binary is given or found).
//
// Usage: node scripts/check-fuses.mjs [path]   (path: the executable, PartnerDeck.app, or out/ to search)
import console from 'node:console';
import process from 'node:process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** electron-builder.yml's fuse names → @electron/fuses' FuseV1Options keys. */
export const FUSE_NAMES = {
  runAsNode: 'RunAsNode',
  enableCookieEncryption: 'EnableCookieEncryption',
  enableNodeOptionsEnvironmentVariable: 'EnableNodeOptionsEnvironmentVariable',
  enableNodeCliInspectArguments: 'EnableNodeCliInspectArguments',
  enableEmbeddedAsarIntegrityValidation: 'EnableEmbeddedAsarIntegrityValidation',
  onlyLoadAppFromAsar: 'OnlyLoadAppFromAsar',
  loadBrowserProcessSpecificV8Snapshot: 'LoadBrowserProcessSpecificV8Snapshot',
  grantFileProtocolExtraPrivileges: 'GrantFileProtocolExtraPrivileges',
};

/** The executable of a packaged app under `path` (a file, a .app bundle, or a folder such as out/). */
export function findPackagedBinary(path) {
  if (!existsSync(path)) return null;
  const stat = statSync(path);
  if (stat.isFile()) return path;
  if (path.endsWith('.app')) return join(path, 'Contents', 'MacOS', 'PartnerDeck');
  for (const candidate of ['linux-unpacked/partnerdeck', 'win-unpacked/PartnerDeck.exe', 'mac/PartnerDeck.app', 'mac-arm64/PartnerDeck.app']) {
    const found = join(path, candidate);
    if (existsSync(found)) return findPackagedBinary(found);
  }
  for (const entry of readdirSync(path)) {
    if (entry.endsWith('.app')) return findPackagedBinary(join(path, entry));
  }
  return null;
}

/** electronFuses from electron-builder.yml (a flat "key: true|false" block). */
export function configuredFuses(ymlText) {
  const block = /^electronFuses:\n((?:[ \t]+.*\n?)+)/m.exec(ymlText);
  if (!block) throw new Error('electron-builder.yml has no electronFuses');
  const fuses = {};
  for (const line of block[1].split('\n')) {
    const match = /^\s+(\w+):\s*(true|false)\s*$/.exec(line);
    if (match) fuses[match[1]] = match[2] === 'true';
  }
  return fuses;
}

async function main() {
  const target = findPackagedBinary(process.argv[2] ?? join(root, 'out'));
  if (!target) {
    console.error(`check-fuses: no packaged PartnerDeck at ${process.argv[2] ?? 'out/'} (build one with \`node scripts/release.mjs\`)`);
    process.exit(1);
  }
  const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses');
  // The states as bytes in the binary (@electron/fuses' FuseState, not exported from its entry in 1.x).
  const FuseState = { DISABLE: 0x30, ENABLE: 0x31, REMOVED: 0x72 };
  const wire = await getCurrentFuseWire(target);
  const expected = configuredFuses(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
  let failures = 0;
  for (const [name, want] of Object.entries(expected)) {
    const option = FuseV1Options[FUSE_NAMES[name]];
    const state = wire[option];
    const actual = state === FuseState.ENABLE ? true : state === FuseState.DISABLE ? false : null;
    const ok = actual === want;
    if (!ok) failures++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${actual === null ? `unknown (${state})` : actual} (configured ${want})`);
  }
  console.log(failures === 0 ? `check-fuses: ${target}: every fuse is as configured` : `check-fuses: ${target}: ${failures} fuse(s) differ`);
  process.exit(failures === 0 ? 0 : 1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
