#!/usr/bin/env node
// Builds better-sqlite3 for the installed Electron's ABI into build/electron-sqlite/better_sqlite3.node.
// It works on a copy of node_modules/better-sqlite3, so that package's own build/ stays the Node build the
// tests and the CLI load; the desktop app passes this file to better-sqlite3 as `nativeBinding`.
// Uses @electron/rebuild (a prebuilt binary if one can be downloaded, else node-gyp against Electron's
// headers), or node-gyp directly when @electron/rebuild is not installed or when Electron's headers are given
// locally. Does nothing when the build on disk matches the Electron and better-sqlite3 versions. Checks that the
// result registers Electron's ABI (node_modules/electron/abi_version), not the ABI of the Node running this.
// Exit code 0 on success, 1 with the reason on stderr.
//
// Usage: node scripts/electron-sqlite.mjs [--force] [--headers FILE|DIR]
//   --headers   Electron's headers without a download: the node-v<electron version>-headers.tar.gz tarball
//               (from <HEADERS_URL>/v<version>/) or a folder holding include/node. Also
//               PARTNERDECK_ELECTRON_HEADERS.
import console from 'node:console';
import process from 'node:process';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { abiMismatch } from './lib/native-abi.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const outDir = join(root, 'build', 'electron-sqlite');
const target = join(outDir, 'better_sqlite3.node');
const stampPath = join(outDir, 'stamp.json');
const HEADERS_URL = 'https://electronjs.org/headers';

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function fail(reason) {
  process.stderr.write(`electron-sqlite: ${reason}\n`);
  process.exit(1);
}

/** mtime of the Node build, to prove afterwards that it was not touched. */
function nodeBuildStamp(moduleDir) {
  const file = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
  return existsSync(file) ? statSync(file).mtimeMs : null;
}

async function rebuildWithElectronRebuild(workDir, electronVersion) {
  const entry = require.resolve('@electron/rebuild');
  const { rebuild } = await import(pathToFileURL(entry).href);
  await rebuild({
    buildPath: workDir,
    projectRootPath: workDir,
    electronVersion,
    arch: process.arch,
    onlyModules: ['better-sqlite3'],
    force: true,
    mode: 'sequential',
    headerURL: HEADERS_URL,
  });
}

/** node-gyp's flags for local headers: a tarball (--tarball) or an extracted folder (--nodedir). */
function localHeaderFlags(headers) {
  if (!headers) return [];
  if (!existsSync(headers)) fail(`--headers ${headers}: no such file or folder`);
  if (statSync(headers).isDirectory()) {
    if (!existsSync(join(headers, 'include', 'node', 'node.h'))) fail(`--headers ${headers}: the folder has no include/node/node.h`);
    return [`--nodedir=${headers}`];
  }
  return [`--tarball=${headers}`];
}

function rebuildWithNodeGyp(moduleDir, electronVersion, headerFlags) {
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  const result = spawnSync(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      `--dist-url=${HEADERS_URL}`,
      `--devdir=${join(homedir(), '.electron-gyp')}`,
      ...headerFlags,
    ],
    { cwd: moduleDir, stdio: 'inherit', env: { ...process.env, npm_config_runtime: 'electron' } },
  );
  if (result.status !== 0) throw new Error(`node-gyp exited with ${result.status ?? result.signal}`);
}

async function main() {
  // `npm start` exports the user's npm config; a `nodedir` (Node's own headers) or `target` there would
  // make node-gyp build for Node instead of Electron.
  for (const key of ['nodedir', 'target', 'target_arch', 'runtime', 'disturl', 'dist_url']) {
    delete process.env[`npm_config_${key}`];
    delete process.env[`NPM_CONFIG_${key.toUpperCase()}`];
  }
  const force = process.argv.includes('--force');
  const headersAt = process.argv.indexOf('--headers');
  const headers = headersAt >= 0 ? process.argv[headersAt + 1] : process.env.PARTNERDECK_ELECTRON_HEADERS || undefined;
  if (headersAt >= 0 && !headers) fail('--headers needs a tarball or a folder');
  const headerFlags = localHeaderFlags(headers);
  let electronVersion;
  let abi;
  try {
    const electronDir = dirname(require.resolve('electron/package.json'));
    electronVersion = readJson(join(electronDir, 'package.json')).version;
    // The package ships the NODE_MODULE_VERSION of its binary's Node, so no ABI table is needed.
    abi = readFileSync(join(electronDir, 'abi_version'), 'utf8').trim();
  } catch {
    fail('the electron package is not installed (or has no abi_version file)');
  }
  const moduleDir = dirname(require.resolve('better-sqlite3/package.json'));
  const stamp = {
    electron: electronVersion,
    abi,
    betterSqlite3: readJson(join(moduleDir, 'package.json')).version,
    platform: process.platform,
    arch: process.arch,
  };
  if (!force && existsSync(target) && existsSync(stampPath) && JSON.stringify(readJson(stampPath)) === JSON.stringify(stamp) && !abiMismatch(target, abi)) {
    console.log(`electron-sqlite: up to date (better-sqlite3 ${stamp.betterSqlite3} for Electron ${electronVersion}, ABI ${abi})`);
    return;
  }

  console.log(`electron-sqlite: building better-sqlite3 ${stamp.betterSqlite3} for Electron ${electronVersion} (ABI ${abi}, ${process.platform}-${process.arch})`);
  const workDir = join(outDir, 'work');
  const workModule = join(workDir, 'node_modules', 'better-sqlite3');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(dirname(workModule), { recursive: true });
  // The sources only: not the Node build, not nested node_modules.
  cpSync(moduleDir, workModule, {
    recursive: true,
    filter: (src) => {
      const rel = relative(moduleDir, src);
      return !(rel === 'build' || rel.startsWith(`build${sep}`) || rel === 'node_modules' || rel.startsWith(`node_modules${sep}`));
    },
  });
  writeFileSync(join(workDir, 'package.json'), JSON.stringify({ name: 'electron-sqlite-work', private: true, dependencies: { 'better-sqlite3': stamp.betterSqlite3 } }, null, 2));

  const before = nodeBuildStamp(moduleDir);
  let hasElectronRebuild = true;
  try {
    require.resolve('@electron/rebuild');
  } catch {
    hasElectronRebuild = false;
  }
  try {
    // Local headers need node-gyp's own flags; @electron/rebuild always downloads them.
    if (hasElectronRebuild && !headers) await rebuildWithElectronRebuild(workDir, electronVersion);
    else rebuildWithNodeGyp(workModule, electronVersion, headerFlags);
  } catch (error) {
    rmSync(workDir, { recursive: true, force: true });
    const message = error instanceof Error ? error.message : String(error);
    // node-gyp says "network connectivity" on stderr above; the error that reaches here rarely does.
    fail(
      `could not build better-sqlite3 for Electron ${electronVersion}: ${message}` +
        (headers
          ? ''
          : `\nIf the output above says the headers could not be downloaded (no route to ${HEADERS_URL}), pass them: ` +
            `--headers node-v${electronVersion}-headers.tar.gz (the file at ${HEADERS_URL}/v${electronVersion}/).`),
    );
  }
  if (nodeBuildStamp(moduleDir) !== before) fail('node_modules/better-sqlite3/build was changed; run `npm rebuild better-sqlite3` to restore the Node build');

  const built = join(workModule, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built)) fail(`the build finished but ${relative(root, built)} is missing`);
  const mismatch = abiMismatch(built, abi);
  if (mismatch) rmSync(workDir, { recursive: true, force: true });
  if (mismatch) fail(`the build is not for Electron ${electronVersion}: ${mismatch} (a nodedir or target setting made node-gyp build for Node?)`);
  copyFileSync(built, target);
  writeFileSync(stampPath, JSON.stringify(stamp) + '\n');
  rmSync(workDir, { recursive: true, force: true });
  console.log(`electron-sqlite: wrote ${relative(root, target)}`);
}

await main();
