// Test projects: unit (fast, in-process), integration (real SQLite files, real loopback HTTP, the built
// CLI) and e2e (the real renderer in Chromium through the browser host). The Electron suite reports
// itself skipped, with the reason, where no Electron binary exists.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    reporters: ['default'],
    projects: [
      // Unit tests run the shell against the electron fake; libraries that require('electron') past the mock
      // (electron-store) would make Electron 45's package download its binary, so point it nowhere. The renderer's
      // components (rendered to markup by a few unit tests) use the automatic JSX runtime, as in the build.
      { esbuild: { jsx: 'automatic' }, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', env: { ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent-electron-dist' } } },
      // Sign-ins run scrypt at the product's cost (N = 2^17): seconds each on a loaded machine.
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000, pool: 'forks', poolOptions: { forks: { singleFork: true } } } },
      { test: { name: 'e2e-electron', include: ['test/e2e-electron/**/*.test.ts'], environment: 'node', testTimeout: 60_000 } },
    ],
  },
});
