#!/usr/bin/env node
// `npm start`: runs the desktop app, or the console in the browser where Electron cannot run. Builds dist/
// if it is missing, finds the Electron binary (one download attempt if it is missing), makes sure
// better-sqlite3 is built for Electron (scripts/electron-sqlite.mjs), and launches `electron .`. Any
// failure on that path falls back to `partnerdeck console --seed demo` with one plain message saying why.
// Arguments are passed on to both (e.g. `npm start -- --data-dir ./my-data`).
import console from 'node:console';
import process from 'node:process';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './lib/electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const DOWNLOAD_TIMEOUT_MS = 60_000;
/** An Electron that exits with an error this soon after launch is taken as "cannot run here". */
const EARLY_EXIT_MS = 15_000;

function ensureBuilt() {
  const outputs = ['dist/main/electron-main.cjs', 'dist/main/preload.cjs', 'dist/renderer/index.html', 'dist/cli/partnerdeck.cjs'];
  if (outputs.every((file) => existsSync(join(root, file)))) return;
  console.log('Building PartnerDeck (dist/ is incomplete)…');
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The build failed (see above); nothing was started.');
    process.exit(1);
  }
}

/** { path } of a runnable Electron binary, or { reason } why there is none (no download: see lib/electron-binary.mjs). */
function resolveElectron() {
  return findElectronBinary(root);
}

/** One attempt at node_modules/electron/install.js; returns why it failed, or null. */
function downloadElectron() {
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return 'the electron package is not installed';
  console.log('The Electron binary is missing; trying to download it once…');
  const result = spawnSync(process.execPath, [installer], {
    cwd: dirname(installer),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: DOWNLOAD_TIMEOUT_MS,
  });
  if (result.error) return result.error.code === 'ETIMEDOUT' ? `the download timed out after ${DOWNLOAD_TIMEOUT_MS / 1000} s` : result.error.message;
  if (result.status !== 0) {
    const line = `${result.stderr}`.split('\n').find((text) => /error/i.test(text));
    return `the download failed${line ? `: ${line.trim().replace(/^\w*Error:\s*/, '')}` : ''}`;
  }
  return null;
}

/** Path of a usable Electron, or { reason }. */
function findElectron() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no graphical display: neither DISPLAY nor WAYLAND_DISPLAY is set' };
  }
  const first = resolveElectron();
  if (first.path) return first;
  const downloadFailure = downloadElectron();
  const second = resolveElectron();
  if (second.path) return second;
  return { reason: downloadFailure ? `${second.reason}, and ${downloadFailure}` : second.reason };
}

function forwardSignals(child) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
}

function startInBrowser(reason) {
  console.log(`Electron is not available on this machine (${reason}); starting PartnerDeck in your browser instead.`);
  const child = spawn(process.execPath, [join(root, 'bin', 'partnerdeck.cjs'), 'console', '--seed', 'demo', ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  forwardSignals(child);
  child.on('error', (error) => {
    console.error(`Could not start the browser console: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startElectron(electronPath) {
  const sqlite = spawnSync(process.execPath, [join(root, 'scripts', 'electron-sqlite.mjs')], { cwd: root, stdio: 'inherit' });
  if (sqlite.status !== 0) return startInBrowser('better-sqlite3 could not be built for Electron, see above');

  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const started = Date.now();
  const child = spawn(electronPath, ['.', ...args], { cwd: root, stdio: 'inherit', env });
  forwardSignals(child);
  let failedToSpawn = false;
  child.on('error', (error) => {
    failedToSpawn = true;
    startInBrowser(`Electron could not be started: ${error.message}`);
  });
  child.on('exit', (code, signal) => {
    if (failedToSpawn) return;
    if (code !== 0 && signal === null && Date.now() - started < EARLY_EXIT_MS) {
      startInBrowser(`Electron exited with code ${code} right after it started`);
      return;
    }
    process.exit(code ?? 0);
  });
}

ensureBuilt();
const electron = findElectron();
if (electron.path) startElectron(electron.path);
else startInBrowser(electron.reason);
