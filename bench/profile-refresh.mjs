// The refresh grant of issue 22 item 2 measured in-process: `POST /token` with grant_type=refresh_token (rotation
// on every use: each answer's refresh token is the chain's next request) driven through PartnerDeck's own
// platform-server request listener (dist/tools/rest-harness.cjs, the function `partnerdeck serve`'s node:http
// server calls) with light-my-request, CONCURRENCY chains at a time, with what serve runs beside it (the WAL
// checkpoint worker, the webhook dispatcher). CPU time per refresh is not smeared by a busy machine's
// scheduling of a client and a server process; the latencies show where the slow requests come from: each
// request slower than the p99 is matched with the garbage collections (PerformanceObserver 'gc') and the API
// request log's batch writes that overlapped it.
//
// Old against new in ONE process: `--old=<folder>` loads a second harness from an older build's dist/ (e.g. a
// copy of dist/ kept before a change) and alternates the two ABBA over the rounds, each on its own data folder.
// Prints one JSON line per subject: CPU µs per refresh (best and median round), in-process p50/p99, and what
// the slow requests overlapped. Profile one of them: `node --cpu-prof --cpu-prof-dir=<folder>
// bench/profile-refresh.mjs`. BENCH_REQUESTS (per round, default 2,000), BENCH_ROUNDS (default 6),
// BENCH_CONCURRENCY (default 8, as bench/oauth.mjs). Needs `npm run build` first.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { machineNow } from './bench-kit.mjs';
import { dirname, join, resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import inject from 'light-my-request';
import { REDIRECT_URI, tokenPairs } from './oauth-flow.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const oldDist = process.argv.find((a) => a.startsWith('--old='))?.slice(6);
const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

const gcs = [];
const GC_KIND = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push([e.startTime, e.duration, GC_KIND[e.detail?.kind ?? e.kind] ?? String(e.detail?.kind ?? e.kind)]);
}).observe({ entryTypes: ['gc'] });

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function open(name, distDir) {
  const harness = require(join(distDir, 'tools', 'rest-harness.cjs'));
  const work = mkdtempSync(join(tmpdir(), `pd-profile-refresh-${name}-`));
  const server = await harness.openRestHarness(join(work, 'data'), REDIRECT_URI, { serveLike: true });
  const pairs = await tokenPairs(server.url, server.app.clientId, server.app.clientSecret, server.shopCompanyId, CONCURRENCY);
  const chains = pairs.map((p) => p.refresh_token);
  const host = `127.0.0.1:${server.port}`;
  const refresh = async (i) => {
    const payload = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: chains[i], client_id: server.app.clientId, client_secret: server.app.clientSecret }).toString();
    const res = await inject(server.listener, { method: 'POST', url: '/token', headers: { host, 'content-type': 'application/x-www-form-urlencoded' }, payload });
    if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    chains[i] = JSON.parse(res.body).refresh_token;
  };
  return { name, server, work, refresh, cpu: [], latencies: [], slow: { total: 0, gc: 0, flush: 0, both: 0, neither: 0, gcKinds: {} } };
}

/** REQUESTS refreshes, CONCURRENCY chains at a time; CPU per request, each request's [start, end]. */
async function round(subject) {
  const spans = [];
  let next = 0;
  const started = cpuUs();
  const gcFrom = gcs.length;
  const flushFrom = subject.server.apiLogFlushes.length;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, chain) => {
      while (next < REQUESTS) {
        next += 1;
        const t0 = performance.now();
        await subject.refresh(chain);
        spans.push([t0, performance.now()]);
      }
    }),
  );
  subject.cpu.push((cpuUs() - started) / REQUESTS);
  const lat = spans.map(([a, b]) => b - a);
  subject.latencies.push(...lat);
  // What the slowest 1 % overlapped.
  const cut = quantile([...lat].sort((a, b) => a - b), 0.99);
  const roundGcs = gcs.slice(gcFrom);
  const flushes = subject.server.apiLogFlushes.slice(flushFrom);
  for (const [a, b] of spans) {
    if (b - a < cut) continue;
    const gc = roundGcs.filter(([s, d]) => s < b && s + d > a);
    const flush = flushes.some(([s, d]) => s < b && s + d > a);
    subject.slow.total += 1;
    if (gc.length && flush) subject.slow.both += 1;
    else if (gc.length) subject.slow.gc += 1;
    else if (flush) subject.slow.flush += 1;
    else subject.slow.neither += 1;
    for (const [, , kind] of gc) subject.slow.gcKinds[kind] = (subject.slow.gcKinds[kind] ?? 0) + 1;
  }
  return { gcMs: roundGcs.reduce((s, [, d]) => s + d, 0), gcCount: roundGcs.length, flushMs: flushes.reduce((s, [, d]) => s + d, 0), flushCount: flushes.length };
}

const subjects = [await open('new', join(here, '..', 'dist'))];
if (oldDist) subjects.push(await open('old', resolve(oldDist)));
try {
  for (const s of subjects) for (let i = 0; i < 300; i++) await s.refresh(i % CONCURRENCY); // warm-up (JIT, statement caches)
  const extra = Object.fromEntries(subjects.map((s) => [s.name, { gcMs: 0, gcCount: 0, flushMs: 0, flushCount: 0 }]));
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? subjects : [...subjects].reverse();
    for (const s of order) {
      const x = await round(s);
      for (const k of Object.keys(x)) extra[s.name][k] += x[k];
    }
  }
  // Per round, new ÷ old: the two ran back to back, so the machine's load moved both alike; the median of the
  // rounds' ratios is steadier than either subject's own figures on a busy machine.
  const paired = subjects.length === 2 ? median(subjects[0].cpu.map((c, i) => c / subjects[1].cpu[i])) : undefined;
  for (const s of subjects) {
    const sorted = [...s.latencies].sort((a, b) => a - b);
    const total = REQUESTS * ROUNDS;
    console.log(
      JSON.stringify({
        bench: 'oauth.refresh_cpu_in_process',
        subject: s.name,
        value: Math.round(Math.min(...s.cpu)),
        unit: 'us CPU/refresh (best round)',
        median_round_us: Math.round(median(s.cpu)),
        rounds_us: s.cpu.map(Math.round),
        ...(paired !== undefined && s.name === 'new' ? { paired_cpu_ratio_new_to_old: Number(paired.toFixed(3)) } : {}),
        p50_ms: Number(quantile(sorted, 0.5).toFixed(2)),
        p99_ms: Number(quantile(sorted, 0.99).toFixed(2)),
        max_ms: Number(sorted.at(-1).toFixed(2)),
        gc_ms_per_1000: Number(((extra[s.name].gcMs / total) * 1000).toFixed(1)),
        gcs_per_1000: Number(((extra[s.name].gcCount / total) * 1000).toFixed(1)),
        api_log_flush_ms_per_1000: Number(((extra[s.name].flushMs / total) * 1000).toFixed(1)),
        api_log_flushes: extra[s.name].flushCount,
        slowest_1pct_overlapped: s.slow,
        requests_per_round: REQUESTS,
        rounds: ROUNDS,
        concurrency: CONCURRENCY,
        ...machineNow(),
      }),
    );
  }
} finally {
  for (const s of subjects) {
    await s.server.close();
    rmSync(s.work, { recursive: true, force: true });
  }
}
