#!/usr/bin/env node
// The `partnerdeck` command: runs the CLI bundled in dist/. In a development checkout (the sources and
// scripts/build.mjs beside bin/), dist/ is rebuilt first when a source is newer than the last build, so
// `npx partnerdeck` neither runs stale code nor rebuilds when nothing changed; an installed copy never builds.
'use strict';
const { existsSync, mkdirSync, rmSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const cli = join(root, 'dist', 'cli', 'partnerdeck.cjs');

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Rebuilds dist/ when stale; several commands started at once build it once (the others wait for it). */
function rebuildIfStale() {
  const { isDevCheckout, staleInput } = require(join(root, 'scripts', 'dist-freshness.cjs'));
  if (!isDevCheckout(root) || !staleInput(root)) return;
  const lock = join(root, '.build.lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Someone else builds: wait for it (a lock left by a killed build goes after 5 minutes).
      try {
        if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // gone meanwhile
      }
      if (Date.now() > deadline) return;
      sleep(200);
    }
  }
  try {
    const changed = staleInput(root);
    if (!changed) return; // built by another process while this one waited
    process.stderr.write(`partnerdeck: ${changed === 'dist/' ? 'dist/ is not built yet' : `${changed} changed since dist/ was built`}; building it first…\n`);
    // The build's own output goes to stderr, so stdout stays the command's (JSON) answer.
    const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: ['ignore', 2, 2] });
    if (build.status !== 0) {
      process.stderr.write('partnerdeck: the build failed (see above); fix it, or run `npm run build`\n');
      process.exit(1);
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (existsSync(join(root, 'scripts', 'dist-freshness.cjs'))) rebuildIfStale();
if (!existsSync(cli)) {
  process.stderr.write('partnerdeck: the CLI is not built yet; run `npm install` (or `npm run build`) in the project folder\n');
  process.exit(1);
}
require(cli);
