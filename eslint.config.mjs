// Lint, including the layering rule of docs/architecture.md: each folder may import only the layers below
// it. A violation fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'http', 'https', 'net', 'url', 'util',
  'stream', 'events', 'readline', 'zlib', 'assert', 'buffer', 'process', 'timers', 'dns', 'tls', 'v8', 'vm',
];
const nodeBuiltinPatterns = NODE_BUILTINS.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

const layer = (message, patterns, extra = []) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }, ...extra] }],
});

// src-main/areas.ts is the main side's composition root (the list of areas and what is assembled from it): the
// hosts (Electron, the CLI, the browser host) and the tests import it; the core and the console, which it
// assembles, never do.
const compositionRoot = { regex: '^(\\.\\./)+areas$', message: 'src-main/areas.ts is the composition root: only the hosts (electron, cli, host) and tests import it.' };

// The sealed core: outside src-main/core nothing reaches the repositories, the database or the core's internals
// (internalsOf); the console, the CLI, the hosts and Electron go through the platform's services (docs/architecture.md
// "Sealed core"). The data-folder guard only reads the file's header before anything is opened, and the doctor
// (`partnerdeck doctor`, the desktop app's start-up check) only examines the folder's files read-only, beside a
// platform rather than through it: hosts may use both.
const sealedCore = {
  group: ['**/core/repositories/*', '**/core/db/*', '**/core/db/migrations/*', '!**/core/db/data-folder-guard', '!**/core/db/doctor', '**/core/platform-internals', 'better-sqlite3'],
  message: 'The core is sealed: outside src-main/core use the platform\'s services, not repositories, the database or internalsOf.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'out/**', 'examples/**/node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Issue 20: no source file over 500 lines; migrations (released SQL, never edited) and seed data excepted.
  {
    files: ['src-main/**/*.{ts,tsx}', 'src-renderer/**/*.{ts,tsx}', 'src-shared/**/*.{ts,tsx}', 'bench/**/*.{mjs,ts}', 'scripts/**/*.mjs', 'bin/**/*.cjs'],
    ignores: ['src-main/core/db/migrations/**', 'src-main/core/seed/**'],
    rules: { 'max-lines': ['error', { max: 500, skipBlankLines: false, skipComments: false }] },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true, named: true, defaultFrom: true } }],
    },
  },
  {
    // Tool configuration files must default-export their config.
    files: ['eslint.config.mjs', 'vitest.config.ts'],
    rules: { 'no-restricted-exports': 'off' },
  },
  {
    // Plain Node scripts (build, start, benchmarks, the bin shim).
    files: ['scripts/**/*.mjs', 'scripts/**/*.cjs', 'bench/**/*.mjs', 'bin/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', require: 'readonly', __dirname: 'readonly', module: 'writable', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly', Atomics: 'readonly', SharedArrayBuffer: 'readonly', Int32Array: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', Buffer: 'readonly', fetch: 'readonly' },
    },
  },
  {
    // The example apps: plain Node 20 ESM servers, no npm dependencies (examples/*/README.md).
    files: ['examples/**/*.mjs'],
    languageOptions: {
      sourceType: 'module',
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', Buffer: 'readonly', fetch: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
  {
    // Their pages' scripts run in the browser.
    files: ['examples/**/public/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { document: 'readonly', window: 'readonly', fetch: 'readonly', setTimeout: 'readonly', console: 'readonly' },
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: layer('src-shared is pure TypeScript: no Node built-ins, electron, DOM libraries, react or main code.', [
      ...nodeBuiltinPatterns, 'electron', 'better-sqlite3', 'react', 'react-dom', 'zustand',
      '**/src-main/**', '**/src-renderer/**',
    ]),
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: layer('src-main/core is the Node-only platform core: it must not import electron, the console, the host, the CLI or the renderer.', [
      'electron', 'electron-store', '**/src-renderer/**', '**/console/**', '**/host/**', '**/cli/**', '**/electron/**',
    ], [compositionRoot]),
  },
  {
    files: ['src-main/console/**/*.ts'],
    rules: layer('src-main/console may import core and src-shared only (no electron, no DOM, no host or CLI).', [
      'electron', 'electron-store', '**/src-renderer/**', '**/host/**', '**/cli/**', '**/electron/**', 'react', 'react-dom',
    ], [compositionRoot, sealedCore]),
  },
  {
    files: ['src-main/electron/**/*.ts'],
    rules: {
      ...layer('src-main/electron must not import the renderer, the host or the CLI.', [
        '**/src-renderer/**', '**/host/**', '**/cli/**',
      ], [sealedCore]),
    },
  },
  {
    files: ['src-main/host/**/*.ts', 'src-main/cli/**/*.ts'],
    rules: layer('The browser host and the CLI run in plain Node: no electron, no renderer code.', [
      'electron', 'electron-store', '**/src-renderer/**', '**/electron/**',
    ], [sealedCore]),
  },
  {
    // The composition root assembles the core's areas; it too sees only the sealed core.
    files: ['src-main/areas.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sealedCore] }] },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    rules: layer('The renderer runs in Chromium: it may import src-shared, react, zustand and UI libraries only.', [
      ...nodeBuiltinPatterns, 'electron', 'better-sqlite3', '**/src-main/**',
    ]),
  },
  {
    // The route table is built from the areas when the app starts: an address built while a module loads runs
    // before that (the app fails to load) and misses the window's acting company. Build it when rendering.
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    ignores: ['src-renderer/router/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name=/^(href|routePath)$/]:not(:function CallExpression)",
          message: 'Build route addresses inside a function or component (href/routePath at a module\'s top level runs before the routes exist).',
        },
      ],
    },
  },
  {
    // Only the IPC wrappers may touch raw ipcMain / ipcRenderer (GitHub Desktop's rule).
    files: ['src-main/electron/**/*.ts'],
    ignores: ['src-main/electron/ipc-main-bridge.ts', 'src-main/electron/preload.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportSpecifier[imported.name='ipcMain']", message: 'Use ipc-main-bridge.ts, which checks the channel prefix and the sender.' },
        { selector: "ImportSpecifier[imported.name='ipcRenderer']", message: 'Only the preload may use ipcRenderer.' },
      ],
    },
  },
);
