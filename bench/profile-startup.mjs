// Where the console's cold start goes (issue 18 item 7), and old against new in ONE run: the figure of
// `npm run bench -- startup` (from `page.goto(consoleUrl)` in a fresh page until the company switcher and the
// overview are visible) taken apart, beside the one-button page of the same round.
//
//   node bench/profile-startup.mjs [--new=<dist>] [--old=<dist copy>] [--companies=4992] [--rounds=7] [--trace] [--cpu-prof=<folder>] [--floor]
//
// Each round: the one-button page, then this build and (with --old) the older build in alternating order (ABBA),
// each as `node <dist>/cli/partnerdeck.cjs console --no-open --port 0` on the same data folder. Per start:
// - the process: wall and CPU ms (utime+stime of all its threads, /proc) when its JSON line arrives, and its CPU
//   when the page is interactive (what the page's calls and the process's own late work cost meanwhile);
// - the page (Chromium, CDP): wall ms to interactive; by the page's own clock (consoleMarks), when the switcher
//   and the overview were first in the document and when the overview showed its data; the page's Resource Timing of every request (start, time to
//   first byte, end, bytes on the wire) relative to the navigation; the main thread's task and script ms
//   (Performance.getMetrics); with --trace, the main thread's time by kind (parse HTML, compile, evaluate per
//   script, style/layout/paint, GC; the layout's own CPU and its synchronous font lookups) from a Chromium trace.
// With --floor, two more pages in each round, beside the one-button page: the floor any React console reaches
// here on an empty cache. `react`: React + ReactDOM (the production builds the console bundles) rendering one
// button (createRoot + flushSync, as main.tsx); `react+contract`: the same plus zod and the console contract's
// schemas (every area's `methods`, built at load as the console's start-up chunk does). Both are bundled by
// esbuild (minified, one script) and served brotli-compressed from a bare node:http server, as the console
// serves its scripts.
// Medians over the rounds are printed as a table and as one JSON line per subject. The machine is shared: trust
// the paired differences and the CPU figures, not one wall figure. Needs `npm run build` first.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const flag = (name) => process.argv.includes(`--${name}`);
const oldDist = arg('old') ? resolve(arg('old')) : undefined;
const newDist = resolve(arg('new') ?? join(root, 'dist'));
const ROUNDS = Number(arg('rounds') ?? 7);
const COMPANIES = Number(arg('companies') ?? 0);
const TRACE = flag('trace');
const CPU_PROF = arg('cpu-prof');
const FLOOR = flag('floor');
const chromiumPath = process.env.PARTNERDECK_CHROMIUM ?? '/usr/bin/chromium';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}
const median = (xs) => {
  const sorted = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)];
};
const load = () => loadavg()[0].toFixed(2);

async function startConsole(dist, dataDir, profDir) {
  const started = performance.now();
  const nodeArgs = profDir ? [`--cpu-prof`, `--cpu-prof-dir=${profDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, join(dist, 'cli', 'partnerdeck.cjs'), 'console', '--no-open', '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolveLine, reject) => {
    child.on('exit', (code) => reject(new Error(`${dist}: console exited ${code}`)));
    createInterface({ input: child.stdout }).once('line', resolveLine);
  });
  const lineCpu = cpuMs(child.pid);
  const lineWall = performance.now() - started;
  child.removeAllListeners('exit');
  return { child, url: JSON.parse(line).consoleUrl, lineWall, lineCpu };
}

function stop(child) {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', done);
    child.kill('SIGTERM');
  });
}

// 'fonts', 'blink', 'disabled-by-default-fonts' and 'mojom': the font lookups inside a layout (FontCache::GetFontPlatformData, the sandbox's synchronous
// FontDataService::MatchFamilyName calls to the browser process), the first layout's biggest wait (session 9).
const TRACE_CATEGORIES = ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading', 'v8', 'fonts', 'blink', 'disabled-by-default-fonts', 'mojom'];

/** The renderer main thread's time by kind, from a Chromium trace (microseconds → ms). */
function traceBreakdown(buffer, origin) {
  const events = JSON.parse(buffer.toString('utf8')).traceEvents;
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  // The main thread that parsed the console's page.
  const parse = events.find((e) => e.name === 'ParseHTML' && mains.has(`${e.pid}:${e.tid}`) && String(e.args?.beginData?.url ?? '').startsWith(origin));
  if (!parse) return null;
  const thread = `${parse.pid}:${parse.tid}`;
  const navStart = events.find((e) => e.name === 'navigationStart' && `${e.pid}:${e.tid}` === thread && String(e.args?.data?.documentLoaderURL ?? '').startsWith(origin))?.ts ?? parse.ts;
  const onMain = events.filter((e) => `${e.pid}:${e.tid}` === thread && e.ph === 'X' && e.ts >= navStart);
  const sum = (pred) => onMain.filter(pred).reduce((s, e) => s + (e.dur ?? 0), 0) / 1000;
  const short = (url) => String(url ?? '').replace(origin, '').replace(/^\/chunks\//, '');
  const perScript = {};
  for (const e of onMain) {
    const url = e.args?.data?.url ?? e.args?.fileName ?? e.args?.data?.fileName;
    if (!url) continue;
    const kind = { 'v8.compile': 'compile', 'v8.compileModule': 'compile', EvaluateScript: 'evaluate', 'v8.evaluateModule': 'evaluate' }[e.name];
    if (!kind) continue;
    const entry = (perScript[short(url)] ??= { compile: 0, evaluate: 0 });
    entry[kind] += (e.dur ?? 0) / 1000;
  }
  const tasks = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  return {
    tasks: tasks.reduce((s, e) => s + (e.dur ?? 0), 0) / 1000,
    parseHtml: sum((e) => e.name === 'ParseHTML'),
    compile: sum((e) => e.name === 'v8.compile' || e.name === 'v8.compileModule'),
    evaluate: sum((e) => e.name === 'EvaluateScript' || e.name === 'v8.evaluateModule'),
    functionCall: sum((e) => e.name === 'FunctionCall'),
    style: sum((e) => e.name === 'UpdateLayoutTree' || e.name === 'ParseAuthorStyleSheet'),
    layout: sum((e) => e.name === 'Layout'),
    paint: sum((e) => e.name === 'Paint' || e.name === 'PrePaint' || e.name === 'Layerize' || e.name === 'Commit'),
    gc: sum((e) => /^(MinorGC|MajorGC|V8\.GC_SCAVENGER$|V8\.GC_MARK_COMPACTOR$)/.test(e.name)),
    layoutCpu: onMain.filter((e) => e.name === 'Layout').reduce((s, e) => s + (e.tdur ?? 0), 0) / 1000,
    fontLookups: onMain.filter((e) => e.name === 'FontDataService::MatchFamilyName').length,
    fontLookupMs: sum((e) => e.name === 'FontDataService::MatchFamilyName'),
    perScript,
  };
}

/** `marks` (the console): consoleMarks, read after the figures of `wall`. */
async function interactive(browser, url, ready, trace, marks) {
  const page = await browser.newPage();
  if (marks) await page.addInitScript(marks.install);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  if (trace) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const started = performance.now();
  await page.goto(url);
  await ready(page);
  const wall = performance.now() - started;
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const resources = await page.evaluate(() =>
    [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')].map((r) => ({
      name: r.name.replace(globalThis.location.origin, '').replace(/#.*/, ''),
      start: r.startTime,
      ttfb: r.responseStart - r.requestStart,
      end: r.responseEnd,
      bytes: r.transferSize,
      body: r.decodedBodySize,
    })),
  );
  // After the figures above, so they stay those of `wall` (the bench's); the trace runs on until the data is there.
  const inPage = marks ? await marks.read(page) : {};
  const origin = new URL(url).origin;
  const traced = trace ? traceBreakdown(await browser.stopTracing(), origin) : null;
  await page.close();
  return { wall, shown: inPage.shown ?? NaN, data: inPage.data ?? NaN, task: metrics.TaskDuration * 1000, script: metrics.ScriptDuration * 1000, layout: metrics.LayoutDuration * 1000, style: metrics.RecalcStyleDuration * 1000, resources, traced };
}

/**
 * The floor pages (--floor): each an index.html and one esbuild bundle, served brotli-compressed (as the console
 * serves its scripts) from a bare node:http server. Returns { server, urls: { react, 'react+contract' } }.
 */
async function floorPages(dir) {
  const { build } = await import('esbuild');
  const { brotliCompressSync, constants } = await import('node:zlib');
  const { writeFileSync } = await import('node:fs');
  const sources = {
    react: `import { flushSync } from 'react-dom'; import { createRoot } from 'react-dom/client'; import { createElement } from 'react';
      const root = createRoot(document.getElementById('root')); flushSync(() => root.render(createElement('button', null, 'ready')));`,
    'react+contract': `import { flushSync } from 'react-dom'; import { createRoot } from 'react-dom/client'; import { createElement } from 'react';
      import { METHOD_NAMES } from ${JSON.stringify(join(root, 'src-shared', 'api', 'contract.ts'))};
      const root = createRoot(document.getElementById('root')); flushSync(() => root.render(createElement('button', { 'data-methods': METHOD_NAMES.length }, 'ready')));`,
  };
  const files = new Map();
  for (const [name, source] of Object.entries(sources)) {
    const entry = join(dir, `${name}.jsx`);
    writeFileSync(entry, source);
    const out = await build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'browser', target: ['chrome120'], minify: true, define: { 'process.env.NODE_ENV': '"production"' }, absWorkingDir: root, nodePaths: [join(root, 'node_modules')], logLevel: 'warning' });
    const body = Buffer.from(out.outputFiles[0].contents);
    files.set(`/${name}/app.js`, { body: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }), type: 'text/javascript; charset=utf-8', encoding: 'br', raw: body.length });
    files.set(`/${name}/`, { body: Buffer.from('<!doctype html><html><head><meta charset="utf-8"><script type="module" src="./app.js"></script></head><body><div id="root"></div></body></html>'), type: 'text/html; charset=utf-8' });
  }
  const server = createServer((req, res) => {
    const file = files.get(req.url);
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': file.type, 'Content-Length': file.body.length, ...(file.encoding ? { 'Content-Encoding': file.encoding } : {}) });
    res.end(file.body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { server, urls: Object.fromEntries(Object.keys(sources).map((name) => [name, `${base}/${name}/`])), sizes: Object.fromEntries(Object.keys(sources).map((name) => [name, files.get(`/${name}/app.js`).raw])) };
}

// Beside the bench's figure (which Playwright takes: its visibility polling and round trips included), the page's
// own clock (ms from navigation start, as the requests' times): when the switcher and the overview were first in
// the document (`shown`), and when the overview showed its data too (`data`: the client count and the month's
// orders), as a user would call it ready. A MutationObserver installed before the page's scripts records both.
const consoleMarks = {
  install: () => {
    const marks = (globalThis.__pdMarks = {});
    const d = globalThis.document;
    new globalThis.MutationObserver(() => {
      if (marks.shown === undefined && d.querySelector('[data-testid="company-switcher"]') && d.querySelector('[data-testid="overview-self"], [data-testid="overview-company"]')) marks.shown = performance.now();
      if (marks.data === undefined && /\d/.test(d.querySelector('[data-testid="stat-clients-value"]')?.textContent ?? '') && d.querySelector('[data-testid="headline-orders"]')) marks.data = performance.now();
    }).observe(d, { subtree: true, childList: true, characterData: true });
  },
  read: async (page) => {
    await page.waitForFunction(() => globalThis.__pdMarks?.data !== undefined);
    return page.evaluate(() => globalThis.__pdMarks);
  },
};
const consoleReady = async (page) => {
  await page.locator('[data-testid="company-switcher"]').waitFor({ state: 'visible' });
  await page.locator('[data-testid="overview-self"], [data-testid="overview-company"]').first().waitFor({ state: 'visible' });
};

const work = mkdtempSync(join(tmpdir(), 'pd-profile-startup-'));
const dataDir = join(work, 'data');
// The data folder: the demo (a first start writes it), plus --companies client companies.
{
  const first = await startConsole(newDist, dataDir);
  await stop(first.child);
  if (COMPANIES > 0) {
    const seeded = spawnSync(process.execPath, [join(newDist, 'cli', 'partnerdeck.cjs'), 'seed', '--companies', String(COMPANIES), '--data-dir', dataDir, '--json'], { encoding: 'utf8' });
    if (seeded.status !== 0) throw new Error(seeded.stderr);
  }
}
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const bare = createServer((_, res) => res.end('<!doctype html><button>ready</button>'));
await new Promise((r) => bare.listen(0, '127.0.0.1', r));
const subjects = oldDist ? { new: newDist, old: oldDist } : { new: newDist };
const floor = FLOOR ? await floorPages(work) : null;
const floorNames = floor ? Object.keys(floor.urls) : [];
const results = Object.fromEntries([...Object.keys(subjects), 'page', ...floorNames].map((k) => [k, []]));
const buttonReady = (p) => p.getByRole('button', { name: 'ready' }).waitFor();
const loads = [load()];
try {
  // One warm-up start each (disk cache, Chromium's first navigation), not counted.
  for (const dist of Object.values(subjects)) {
    const s = await startConsole(dist, dataDir);
    await interactive(browser, s.url, consoleReady, false);
    await stop(s.child);
  }
  for (let round = 0; round < ROUNDS; round++) {
    results.page.push(await interactive(browser, `http://127.0.0.1:${bare.address().port}/`, buttonReady, TRACE));
    for (const name of floorNames) results[name].push(await interactive(browser, floor.urls[name], buttonReady, TRACE));
    const order = Object.keys(subjects);
    if (round % 2 === 1) order.reverse();
    for (const which of order) {
      const profDir = CPU_PROF && round === 0 ? join(resolve(CPU_PROF), which) : undefined;
      if (profDir) mkdirSync(profDir, { recursive: true });
      const s = await startConsole(subjects[which], dataDir, profDir);
      const page = await interactive(browser, s.url, consoleReady, TRACE, consoleMarks);
      const cpuAtInteractive = cpuMs(s.child.pid);
      await stop(s.child);
      results[which].push({ lineWall: s.lineWall, lineCpu: s.lineCpu, cpuAtInteractive, ...page });
    }
  }
} finally {
  loads.push(load());
  await browser.close();
  bare.close();
  floor?.server.close();
  rmSync(work, { recursive: true, force: true });
}

const pageWall = median(results.page.map((r) => r.wall));
console.log(`load average ${loads.join(' → ')}; ${ROUNDS} rounds; data: demo${COMPANIES ? ` + ${COMPANIES} companies` : ''}; one-button page ${pageWall.toFixed(0)} ms`);
/** The main thread's time by kind in the median run's trace (--trace). */
function printTrace(traced) {
  if (!traced) return;
  const t = traced;
  console.log(`    main thread: tasks ${t.tasks.toFixed(0)}, parse HTML ${t.parseHtml.toFixed(0)}, compile ${t.compile.toFixed(0)}, evaluate ${t.evaluate.toFixed(0)}, function calls ${t.functionCall.toFixed(0)}, style ${t.style.toFixed(0)}, layout ${t.layout.toFixed(0)} (its CPU ${t.layoutCpu.toFixed(0)}; font lookups ${t.fontLookups}: ${t.fontLookupMs.toFixed(0)} ms), paint ${t.paint.toFixed(0)}, gc ${t.gc.toFixed(0)}`);
  for (const [url, s] of Object.entries(t.perScript)) if (s.compile + s.evaluate >= 1) console.log(`      ${url.padEnd(32)} compile ${s.compile.toFixed(1).padStart(6)}  evaluate ${s.evaluate.toFixed(1).padStart(6)}`);
}
const medianRun = (runs) => [...runs].sort((a, b) => a.wall - b.wall)[Math.floor(runs.length / 2)];
for (const name of ['page', ...floorNames]) {
  const runs = results[name];
  const wall = median(runs.map((r) => r.wall));
  console.log(JSON.stringify({ profile: 'startup', subject: name === 'page' ? 'one-button page' : name, bytes: floor?.sizes[name], interactive: Math.round(wall), ratio: Number((wall / pageWall).toFixed(2)), pageTask: Math.round(median(runs.map((r) => r.task))), pageScript: Math.round(median(runs.map((r) => r.script))) }));
  printTrace(medianRun(runs).traced);
}
for (const [which, runs] of Object.entries(results)) {
  if (which === 'page' || floorNames.includes(which)) continue;
  const m = (key) => median(runs.map((r) => r[key]));
  const summary = {
    profile: 'startup',
    subject: which,
    dist: subjects[which],
    data: COMPANIES ? `demo+${COMPANIES}` : 'demo',
    rounds: ROUNDS,
    lineWall: Math.round(m('lineWall')),
    lineCpu: Math.round(m('lineCpu')),
    cpuAtInteractive: Math.round(m('cpuAtInteractive')),
    interactive: Math.round(m('wall')),
    shownInPage: Math.round(m('shown')),
    dataInPage: Math.round(m('data')),
    onePage: Math.round(pageWall),
    ratio: Number((m('wall') / pageWall).toFixed(2)),
    pageTask: Math.round(m('task')),
    pageScript: Math.round(m('script')),
    load: loads,
  };
  console.log(JSON.stringify(summary));
  // The requests of the median run (by interactive wall): when each started and ended, its wait and its size.
  const mid = medianRun(runs);
  console.log(`  ${which}: median run ${mid.wall.toFixed(0)} ms; requests (ms from navigation: start / first byte wait / end; bytes on the wire / body)`);
  for (const r of mid.resources) console.log(`    ${r.name.padEnd(34)} ${r.start.toFixed(0).padStart(5)} ${r.ttfb.toFixed(1).padStart(6)} ${r.end.toFixed(0).padStart(5)}  ${String(r.bytes).padStart(7)} ${String(r.body).padStart(7)}`);
  printTrace(mid.traced);
}
