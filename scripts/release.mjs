#!/usr/bin/env node
// A release build of the desktop app for this machine's OS, as a connected release machine runs it:
//   1. npm run build                              (dist/: main, preload, workers, renderer)
//   2. node scripts/electron-sqlite.mjs --force   (better-sqlite3 for Electron's ABI; downloads Electron's headers)
//   3. npx electron-builder --<os> --publish never (downloads Electron, flips the fuses, packages, signs)
//   4. node scripts/check-fuses.mjs out/          (reads the fuses back from the packaged binary)
// Signing comes from the environment and is skipped, with a line saying so, where it is absent:
//   macOS   CSC_LINK + CSC_KEY_PASSWORD (Developer ID Application certificate); notarization with
//           APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER, or APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID
//   Windows CSC_LINK + CSC_KEY_PASSWORD (or WIN_CSC_LINK + WIN_CSC_KEY_PASSWORD)
//   Linux   no signing (AppImage and deb)
// The update feed the app checks can be built in: PARTNERDECK_UPDATE_URL=https://… adds electron-builder's
// generic `publish` entry (app-update.yml); without it the app's updates stay off until a user configures a feed.
//
// Usage: node scripts/release.mjs [--dry-run]   (--dry-run prints the steps and the signing decisions only)
import console from 'node:console';
import process from 'node:process';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dryRun = process.argv.includes('--dry-run');

/** The electron-builder arguments for `platform` and `env`, and what was decided about signing. */
export function releasePlan(platform = process.platform, env = process.env) {
  const notes = [];
  const args = ['--publish', 'never'];
  const has = (...names) => names.every((name) => Boolean(env[name]));
  if (platform === 'darwin') {
    args.unshift('--mac');
    if (!has('CSC_LINK', 'CSC_KEY_PASSWORD') && !env.CSC_NAME) {
      notes.push('signing skipped: CSC_LINK and CSC_KEY_PASSWORD are not set (the dmg is unsigned and Gatekeeper will refuse it)');
      args.push('-c.mac.identity=null');
    }
    const apiKey = has('APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER');
    const appleId = has('APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID');
    if (!apiKey && !appleId) {
      notes.push('notarization skipped: neither APPLE_API_KEY/APPLE_API_KEY_ID/APPLE_API_ISSUER nor APPLE_ID/APPLE_APP_SPECIFIC_PASSWORD/APPLE_TEAM_ID is set');
      args.push('-c.mac.notarize=false');
    }
  } else if (platform === 'win32') {
    args.unshift('--win');
    if (!has('CSC_LINK', 'CSC_KEY_PASSWORD') && !has('WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD')) {
      notes.push('signing skipped: CSC_LINK and CSC_KEY_PASSWORD (or WIN_CSC_*) are not set (SmartScreen will warn about the installer)');
    }
  } else {
    args.unshift('--linux');
    notes.push('Linux packages are not signed (AppImage, deb)');
  }
  if (env.PARTNERDECK_UPDATE_URL) {
    args.push('-c.publish.provider=generic', `-c.publish.url=${env.PARTNERDECK_UPDATE_URL}`);
    notes.push(`update feed built in: ${env.PARTNERDECK_UPDATE_URL}`);
  } else {
    notes.push('no update feed built in (PARTNERDECK_UPDATE_URL is not set): updates stay off until a user configures one');
  }
  return { args, notes };
}

function step(command, args) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  if (dryRun) return;
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`release: "${[command, ...args].join(' ')}" failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const plan = releasePlan();
  for (const note of plan.notes) console.log(`release: ${note}`);
  step(process.execPath, [join('scripts', 'build.mjs')]);
  step(process.execPath, [join('scripts', 'electron-sqlite.mjs'), '--force']);
  step('npx', ['electron-builder', ...plan.args]);
  step(process.execPath, [join('scripts', 'check-fuses.mjs'), 'out']);
}
