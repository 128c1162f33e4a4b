// Test projects: unit (fast, in-process), integration (real SQLite files, real loopback HTTP, the built
// CLI) and e2e (the real renderer in Chromium through the browser host). The Electron suite reports
// itself skipped, with the reason, where no Electron binary exists.
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';

/** An imported .wasm file is its bytes, as esbuild's binary loader makes it in the build (scripts/build.mjs). */
const wasmBytes: Plugin = {
  name: 'wasm-bytes',
  enforce: 'pre',
  // Run through this plugin, not by Node (which does not load .wasm): see `inlineWasm` in the projects.
  load(id) {
    if (!id.endsWith('.wasm')) return null;
    return `export default new Uint8Array(Buffer.from(${JSON.stringify(readFileSync(id).toString('base64'))}, 'base64'));`;
  },
};

export default defineConfig({
  test: {
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    reporters: ['default'],
    projects: [
      // Unit tests run the shell against the electron fake; libraries that require('electron') past the mock
      // (electron-store) would make Electron 45's package download its binary, so point it nowhere. The renderer's
      // components (rendered to markup by a few unit tests) use the automatic JSX runtime, as in the build.
      { plugins: [wasmBytes], esbuild: { jsx: 'automatic' }, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', server: { deps: { inline: [/\.wasm$/] } }, env: { ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent-electron-dist' } } },
      // Sign-ins run scrypt at the product's cost (N = 2^17): seconds each on a loaded machine.
      { plugins: [wasmBytes], test: { name: 'integration', include: ['test/integration/**/*.test.ts'], environment: 'node', server: { deps: { inline: [/\.wasm$/] } }, testTimeout: 60_000, hookTimeout: 60_000 } },
      { plugins: [wasmBytes], test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], environment: 'node', server: { deps: { inline: [/\.wasm$/] } }, testTimeout: 60_000, hookTimeout: 60_000, pool: 'forks', poolOptions: { forks: { singleFork: true } } } },
      { plugins: [wasmBytes], test: { name: 'e2e-electron', include: ['test/e2e-electron/**/*.test.ts'], environment: 'node', server: { deps: { inline: [/\.wasm$/] } }, testTimeout: 60_000 } },
    ],
  },
});
