// Builds everything into dist/ with esbuild: the Electron main process and its sandboxed preload (fully
// bundled, as a sandboxed preload cannot require anything but a few electron modules), the CLI (which also
// runs the browser host), the webhook worker, and the renderer. Runs on `npm install` (prepare, with --if-stale:
// only when a source is newer than dist/) and before the tests (always).
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
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
  // pg-native: node-postgres's optional libpq binding, never used (the pure-JavaScript client is).
  external: ['electron', 'better-sqlite3', 'pdfkit', 'pg-native'],
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

const builds = await Promise.all([
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
  // The REST profile's way into the built core and its platform server's request listener (bench/profile-rest.mjs).
  build({ ...nodeCommon, entryPoints: { 'tools/rest-harness': 'bench/harness/rest-harness.ts' }, outdir: dist, outExtension: { '.js': '.cjs' } }),
  // The page's first script (src-renderer/boot.ts, a classic script in index.html): starts the launch link's trade
  // while the modules below load. No splitting, no React, no schemas: a few hundred bytes.
  build({
    ...common,
    platform: 'browser',
    target: ['chrome120'],
    format: 'iife',
    minify: !watch,
    metafile: true,
    entryNames: '[name]-[hash]',
    entryPoints: { boot: 'src-renderer/boot.ts' },
    outdir: join(dist, 'renderer'),
  }),
  // The renderer, split per area (issue 18 item 7): app.js holds the frame, the store and the route table;
  // each area's screens (areas/<area>/screens.ts, loaded with import() by src-renderer/lazy-screens.tsx) and
  // the code they share are chunks under chunks/. All CSS, the lazy screens' too, is in app.css (esbuild
  // gathers it for the entry point).
  build({
    ...common,
    platform: 'browser',
    target: ['chrome120'],
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // Every script and style is named after its content (app-<hash>.js, app-<hash>.css, chunks/*-<hash>.js), so
    // the browser host can let the browser keep them for good (Cache-Control: immutable): a start after the first
    // takes them from Chromium's cache, with their compiled code, and a new build can never serve an old file
    // under the same name. index.html, the one file without a hash, names them (withModulePreloads below).
    entryNames: '[name]-[hash]',
    jsx: 'automatic',
    minify: !watch,
    metafile: true,
    loader: { '.svg': 'dataurl', '.png': 'dataurl' },
    define: { ...common.define, 'process.env.NODE_ENV': '"production"' },
    entryPoints: { app: 'src-renderer/main.tsx' },
    outdir: join(dist, 'renderer'),
  }).then((result) => {
    dropChunkStyles(result);
    return result;
  }),
]);
const rendererBuild = builds.at(-1);
const bootBuild = builds.at(-2);

/**
 * esbuild also writes each lazy chunk's CSS beside it (chunks/*.css), a copy of what app.css already holds;
 * nothing loads those copies, so they are removed rather than shipped twice.
 */
function dropChunkStyles(result) {
  const outputs = Object.entries(result.metafile.outputs);
  const appCss = outputs.find(([name]) => /renderer\/app-[A-Z0-9]+\.css$/.test(name))?.[1];
  if (!appCss) throw new Error('the renderer build wrote no app.css');
  for (const [name, output] of outputs) {
    if (!/\/chunks\/[^/]+\.css(\.map)?$/.test(name)) continue;
    const missing = Object.keys(output.inputs).filter((input) => !(input in appCss.inputs));
    if (missing.length > 0) throw new Error(`${name}: ${missing.join(', ')} not in app.css`);
    rmSync(join(root, name), { force: true });
    rmSync(join(root, `${name}.map`), { force: true });
  }
}

/**
 * index.html names every chunk the first screen needs (`<link rel="modulepreload">`): the chunks app.js imports,
 * with theirs. The first screen of a launch (the overview) is in that graph (the foundation area's
 * `startScreens`); the areas' screens chunks are not named: they load when a screen of theirs is opened (or the
 * address names one at start: the router starts that chunk with the session). Without the list Chromium finds the
 * chunks one level at a time (app.js, then its imports, then theirs).
 */
function withModulePreloads(html, metafile, bootMetafile) {
  const rendererDir = join(dist, 'renderer');
  const outputs = metafile.outputs;
  const nameOf = (file) => relative(rendererDir, join(root, file)).split(sep).join('/');
  const wanted = new Set();
  const add = (file) => {
    if (wanted.has(file)) return;
    wanted.add(file);
    for (const i of outputs[file].imports) if (i.kind === 'import-statement' && !i.external) add(i.path);
  };
  const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint === 'src-renderer/main.tsx');
  if (!entry) throw new Error('the renderer build has no app.js');
  const css = outputs[entry].cssBundle;
  const boot = Object.keys(bootMetafile.outputs).find((file) => bootMetafile.outputs[file].entryPoint === 'src-renderer/boot.ts');
  if (!css || !boot) throw new Error('the renderer build has no app.css or boot.js');
  add(entry);
  wanted.delete(entry);
  const links = [...wanted].map((file) => `    <link rel="modulepreload" href="./${nameOf(file)}" />`).join('\n');
  // The page names each file by its hashed name (src-renderer/index.html says ./app.css, ./boot.js, ./app.js).
  const tags = [
    ['    <link rel="stylesheet" href="./app.css" />', `    <link rel="stylesheet" href="./${nameOf(css)}" />`],
    ['    <script src="./boot.js"></script>', `    <script src="./${nameOf(boot)}"></script>`],
    ['    <script type="module" src="./app.js"></script>', `    <script type="module" src="./${nameOf(entry)}"></script>\n${links}`],
  ];
  for (const [tag, named] of tags) {
    if (!html.includes(tag)) throw new Error(`src-renderer/index.html: ${tag.trim()} changed; update withModulePreloads`);
    html = html.replace(tag, named);
  }
  return html;
}

/**
 * Compressed copies of the renderer's scripts and styles for browser mode (`app.js.br`, `app.js.gz`), served by
 * src-main/host/static-files.ts with Content-Encoding: compressed once here at the highest levels, so serving
 * costs nothing. The desktop app reads the plain files (electron-builder.yml leaves the copies out).
 */
async function precompress(metafile) {
  const brotli = promisify(brotliCompress);
  const gzipAsync = promisify(gzip);
  const files = Object.keys(metafile.outputs).filter((file) => /\.(js|css)$/.test(file) && existsSync(join(root, file)));
  await Promise.all(
    files.map(async (file) => {
      const path = join(root, file);
      const body = readFileSync(path);
      const [br, gz] = await Promise.all([
        brotli(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
        gzipAsync(body, { level: 9 }),
      ]);
      writeFileSync(`${path}.br`, br);
      writeFileSync(`${path}.gz`, gz);
    }),
  );
}

mkdirSync(join(dist, 'renderer'), { recursive: true });
writeFileSync(join(dist, 'renderer', 'index.html'), withModulePreloads(readFileSync(join(root, 'src-renderer', 'index.html'), 'utf8'), rendererBuild.metafile, bootBuild.metafile));
// The developer docs, served by the platform server at /docs/platform-api.md (linked from Settings / Developer).
if (existsSync(join(root, 'docs', 'platform-api.md'))) cpSync(join(root, 'docs', 'platform-api.md'), join(dist, 'docs', 'platform-api.md'));
await precompress(rendererBuild.metafile);
await precompress(bootBuild.metafile);
writeFileSync(join(dist, 'build-info.json'), JSON.stringify({ version: pkg.version, builtAt: new Date().toISOString() }) + '\n');
console.log(`built dist/ in ${Date.now() - started} ms`);
