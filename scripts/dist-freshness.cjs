// Whether dist/ is older than the sources it is built from (a development checkout only): used by
// bin/partnerdeck.cjs (rebuild before running stale code) and scripts/build.mjs --if-stale (`prepare`).
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

/** What scripts/build.mjs reads: a change to any of them (or a file added or removed) makes dist/ stale. */
const INPUTS = ['src-main', 'src-shared', 'src-renderer', 'bench/harness', 'scripts/build.mjs', 'package.json', 'docs/platform-api.md'];

/** The build's stamp: written last by scripts/build.mjs. */
const stampOf = (root) => join(root, 'dist', 'build-info.json');

/** A development checkout has the sources and the build script beside bin/; an installed copy has neither. */
function isDevCheckout(root) {
  return existsSync(join(root, 'scripts', 'build.mjs')) && existsSync(join(root, 'src-main'));
}

/** The first input newer than dist/'s stamp (relative path), 'dist/' when there is no build, or null when fresh. */
function staleInput(root) {
  let built;
  try {
    built = statSync(stampOf(root)).mtimeMs;
  } catch {
    return 'dist/';
  }
  const visit = (path) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return null;
    }
    // A folder's own time changes when an entry is added, removed or renamed.
    if (stat.mtimeMs > built) return path;
    if (!stat.isDirectory()) return null;
    for (const entry of readdirSync(path)) {
      const found = visit(join(path, entry));
      if (found) return found;
    }
    return null;
  };
  for (const input of INPUTS) {
    const found = visit(join(root, input));
    if (found) return relative(root, found);
  }
  return null;
}

module.exports = { INPUTS, isDevCheckout, staleInput, stampOf };
