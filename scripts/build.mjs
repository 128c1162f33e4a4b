// Builds everything into dist/ with esbuild: the Electron main process and its sandboxed preload (fully
// bundled, as a sandboxed preload cannot require anything but a few electron modules), the CLI (which also
// runs the browser host), the webhook worker, and the renderer. Runs on `npm install` (prepare, with --if-stale:
// only when a source is newer than dist/) and before the tests (always).
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import freshness from './dist-freshness.cjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const watch = process.argv.includes('--watch');
const started = Date.now();

// `prepare` (npm install, and npx's install of this folder) builds only when a source is newer than dist/.
if (process.argv.includes('--if-stale') && freshness.staleInput(root) === null) {
  console.log('dist/ is up to date (no source changed since it was built)');
  process.exit(0);
}

rmSync(dist, { recursive: true, force: true });

const common = {
  bundle: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __PARTNERDECK_VERSION__: JSON.stringify(pkg.version) },
  absWorkingDir: root,
};

const nodeCommon = {
  ...common,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Native and Electron modules stay outside the bundle.
  // pdfkit reads its font metrics and data files from its package folder at run time.
  external: ['electron', 'better-sqlite3', 'pdfkit'],
  // WebAssembly codecs (the WebP logo decoder) are inside the bundle as bytes: nothing to ship beside it.
  loader: { '.wasm': 'binary' },
};

/**
 * The desktop app imports src-main/areas.ts (the list of areas) for the core and the console, not for the CLI's
 * commands listed beside them. The CLI and browser-host modules do nothing when imported (they only declare), so
 * they are marked free of side effects here and esbuild leaves them out of the desktop bundle when unused.
 */
const cliAndHostDeclareOnly = {
  name: 'cli-and-host-declare-only',
  setup(build) {
    const ours = join(root, 'src-main') + '/';
    build.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === 'resolving') return undefined;
      const result = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'resolving' });
      if (result.errors.length > 0) return { errors: result.errors };
      const declareOnly = result.path.startsWith(`${ours}cli/`) || result.path.startsWith(`${ours}host/`);
      return declareOnly ? { ...result, sideEffects: false } : result;
    });
  },
};

await Promise.all([
  build({ ...nodeCommon, plugins: [cliAndHostDeclareOnly], entryPoints: { 'main/electron-main': 'src-main/electron/main.ts' }, outdir: dist, outExtension: { '.js': '.cjs' } }),
  build({
    ...nodeCommon,
    // The preload runs sandboxed: everything but `electron` must be inside the bundle.
    external: ['electron'],
    entryPoints: { 'main/preload': 'src-main/electron/preload.ts' },
    outdir: dist,
    outExtension: { '.js': '.cjs' },
  }),
  build({ ...nodeCommon, entryPoints: { 'cli/partnerdeck': 'src-main/cli/main.ts' }, outdir: dist, outExtension: { '.js': '.cjs' } }),
  // The webhook dispatcher's worker thread, started from a file beside the bundles (dist/worker/); the
  // desktop app unpacks it from the asar archive (electron-builder.yml asarUnpack).
  build({ ...nodeCommon, entryPoints: { 'worker/webhook-worker': 'src-main/core/webhooks/webhook-worker.ts' }, outdir: dist, outExtension: { '.js': '.cjs' } }),
  // The WAL checkpoint worker (src-main/core/db/wal-checkpointer.ts), beside it for the same reason.
  build({ ...nodeCommon, entryPoints: { 'worker/wal-checkpoint-worker': 'src-main/core/db/wal-checkpoint-worker.ts' }, outdir: dist, outExtension: { '.js': '.cjs' } }),
  // The desktop app's start-up check of its data folder (src-main/core/db/doctor.ts checkDataFolderInBackground).
  build({ ...nodeCommon, entryPoints: { 'worker/data-check-worker': 'src-main/core/db/data-check-worker.ts' }, outdir: dist, outExtension: { '.js': '.cjs' } }),
  // The webhook benchmark's and soak's way into the built core (not packaged: electron-builder.yml).
  build({ ...nodeCommon, entryPoints: { 'tools/webhooks-harness': 'bench/harness/webhooks-harness.ts' }, outdir: dist, outExtension: { '.js': '.cjs' } }),
  build({
    ...common,
    platform: 'browser',
    target: ['chrome120'],
    format: 'esm',
    jsx: 'automatic',
    minify: !watch,
    loader: { '.svg': 'dataurl', '.png': 'dataurl' },
    define: { ...common.define, 'process.env.NODE_ENV': '"production"' },
    entryPoints: { app: 'src-renderer/main.tsx' },
    outdir: join(dist, 'renderer'),
  }),
]);

mkdirSync(join(dist, 'renderer'), { recursive: true });
cpSync(join(root, 'src-renderer', 'index.html'), join(dist, 'renderer', 'index.html'));
// The developer docs, served by the platform server at /docs/platform-api.md (linked from Settings / Developer).
if (existsSync(join(root, 'docs', 'platform-api.md'))) cpSync(join(root, 'docs', 'platform-api.md'), join(dist, 'docs', 'platform-api.md'));
writeFileSync(join(dist, 'build-info.json'), JSON.stringify({ version: pkg.version, builtAt: new Date().toISOString() }) + '\n');
console.log(`built dist/ in ${Date.now() - started} ms`);
