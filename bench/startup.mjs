// Start-up figures of issue 2: time from `partnerdeck console --no-open` to its JSON line, and time until
// the console is interactive in Chromium, with the demo data and with 5,000 client companies.
// Baselines, measured in the same run: a bare `node -e` process printing a JSON line, and Chromium
// loading a one-line page from a bare node:http server.
// `startup.console_interactive.<data>` is an empty-cache start (a fresh browser context: the target line of
// issue 18). `startup.console_interactive.<data>.repeat` is a start as a user makes it the next time: a browser
// launched on a profile (user-data-dir) that earlier starts used, so Chromium's HTTP cache and its V8 code cache
// hold the console's scripts (all content-hashed and immutable: scripts/build.mjs), and the console on the port
// it had last time (the default, so the origin is the same), beside the one-button page in the same browser.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'partnerdeck.cjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const chromiumPath = process.env.PARTNERDECK_CHROMIUM ?? '/usr/bin/chromium';
const machine = { cores: cpus().length, node: process.version };
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
/** Starts before a repeat start's rounds that fill its profile (Chromium writes a script's code cache on its second run). */
const EARLIER_STARTS = 2;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function firstLine(cmd, args) {
  const started = performance.now();
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      child.removeAllListeners('exit');
      resolve({ child, line: JSON.parse(line), ms: performance.now() - started });
    });
  });
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

async function nodeBaseline() {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const { child, ms } = await firstLine(process.execPath, ['-e', 'console.log(JSON.stringify({ok:1}));setTimeout(()=>{},60000)']);
    times.push(ms);
    await stop(child);
  }
  return median(times);
}

async function pageBaseline(browser) {
  const server = createServer((_, res) => res.end('<!doctype html><button>ready</button>'));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage();
    times.push(await buttonInteractive(page, url));
    await page.close();
  }
  server.close();
  return median(times);
}

/** ms from `page.goto(url)` until the company switcher and the overview are visible. */
async function consoleInteractive(page, url) {
  const started = performance.now();
  await page.goto(url);
  await page.locator('[data-testid="company-switcher"]').waitFor({ state: 'visible' });
  await page.locator('[data-testid="overview-self"], [data-testid="overview-company"]').first().waitFor({ state: 'visible' });
  return performance.now() - started;
}

/** ms from `page.goto(url)` until the one-button page's button is there. */
async function buttonInteractive(page, url) {
  const started = performance.now();
  await page.goto(url);
  await page.getByRole('button', { name: 'ready' }).waitFor();
  return performance.now() - started;
}

const emit = (bench, value, baseline, extra) =>
  console.log(JSON.stringify({ bench, value: Math.round(value), unit: 'ms', baseline: Math.round(baseline), ratio: Number((value / baseline).toFixed(2)), runs: RUNS, ...machine, ...extra }));

async function measure(label, dataDir, browser, baselines) {
  const lineTimes = [];
  const interactiveTimes = [];
  for (let i = 0; i < RUNS; i++) {
    const { child, line, ms } = await firstLine(process.execPath, [bin, 'console', '--no-open', '--data-dir', dataDir, '--port', '0']);
    lineTimes.push(ms);
    const page = await browser.newPage();
    interactiveTimes.push(await consoleInteractive(page, line.consoleUrl));
    await page.close();
    await stop(child);
  }
  emit(`startup.console_json_line.${label}`, median(lineTimes), baselines.node, { baseline_of: 'node -e printing a JSON line' });
  emit(`startup.console_interactive.${label}`, median(interactiveTimes), baselines.page, { baseline_of: 'Chromium loading a one-button page from bare node:http' });
}

/**
 * A start after earlier ones: each round launches Chromium on the same profile (its disk caches only; nothing in
 * memory) and `partnerdeck console` without --port (the port it had last time: the same origin), then measures
 * the console and the one-button page in that browser, in alternating order.
 */
async function measureRepeat(label, dataDir) {
  const profile = mkdtempSync(join(work, `profile-${label}-`));
  const server = createServer((_, res) => res.end('<!doctype html><button>ready</button>'));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const buttonUrl = `http://127.0.0.1:${server.address().port}/`;
  const consoleTimes = [];
  const pageTimes = [];
  try {
    for (let i = 0; i < EARLIER_STARTS + RUNS; i++) {
      const { child, line } = await firstLine(process.execPath, [bin, 'console', '--no-open', '--data-dir', dataDir]);
      const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: CHROMIUM_FLAGS });
      try {
        const measureConsole = async () => {
          const page = await context.newPage();
          const ms = await consoleInteractive(page, line.consoleUrl);
          await page.close();
          return ms;
        };
        const measurePage = async () => {
          const page = await context.newPage();
          const ms = await buttonInteractive(page, buttonUrl);
          await page.close();
          return ms;
        };
        const consoleFirst = i % 2 === 0;
        const first = consoleFirst ? await measureConsole() : await measurePage();
        const second = consoleFirst ? await measurePage() : await measureConsole();
        if (i >= EARLIER_STARTS) {
          consoleTimes.push(consoleFirst ? first : second);
          pageTimes.push(consoleFirst ? second : first);
        }
      } finally {
        await context.close();
        await stop(child);
      }
    }
  } finally {
    server.close();
  }
  emit(`startup.console_interactive.${label}.repeat`, median(consoleTimes), median(pageTimes), {
    baseline_of: 'Chromium loading a one-button page from bare node:http, in the same browser',
    profile: `a Chromium profile used by ${EARLIER_STARTS} earlier starts (HTTP cache, V8 code cache); the console on its remembered port`,
  });
}

const work = mkdtempSync(join(tmpdir(), 'pd-bench-startup-'));
const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS });
try {
  const baselines = { node: await nodeBaseline(), page: await pageBaseline(browser) };

  // First start on an empty folder seeds the demo: measured once, on its own.
  const fresh = join(work, 'first-start');
  const first = await firstLine(process.execPath, [bin, 'console', '--no-open', '--data-dir', fresh, '--port', '0']);
  await stop(first.child);
  console.log(JSON.stringify({ bench: 'startup.console_json_line.first_start_with_demo_seed', value: Math.round(first.ms), unit: 'ms', baseline: Math.round(baselines.node), ratio: Number((first.ms / baselines.node).toFixed(2)), runs: 1, ...machine }));

  await measure('demo', fresh, browser, baselines);
  await measureRepeat('demo', fresh);

  const big = join(work, 'companies-5000');
  const seeded = spawnSync(process.execPath, [bin, 'seed', '--companies', '4992', '--data-dir', big, '--json'], { encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(seeded.stderr);
  await measure('5000_companies', big, browser, baselines);
  await measureRepeat('5000_companies', big);
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
