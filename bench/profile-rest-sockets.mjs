// The REST read of issue 22 item 3 over real sockets, with the servers in THIS process and the load from a child
// (bench/load-generator.mjs, the oauth bench's own load: 8 keep-alive connections): this process's CPU time per
// request (user + system, so the kernel's TCP work is counted as the oauth bench's /proc figure counts it) for
//   - ours: PartnerDeck's platform server as `partnerdeck serve` runs it (list answer cache on),
//   - uncached: a second platform server on the same platform with the cache off (`serve --no-list-cache`),
//   - fastify: the Fastify peer (bench/peers/rest-fastify.mjs) on the same SQLite file,
//   - bare: a bare node:http handler answering a small JSON (the oauth bench's baseline),
//   - with `--old=<a copy of dist/ from before a change>`: old and old_uncached, the same two servers of that build
//     (their own data folder),
// alternating ABBA over the rounds. bench/profile-rest.mjs (light-my-request, no socket) pays a fake socket's
// buffers in JavaScript that real sockets leave to the kernel; this one pays what the oauth bench's server pays, so
// bare CPU ÷ ours predicts the bench's ratio to the bare handler when the servers are CPU-bound.
// Prints one JSON line: best and median CPU µs per request of each subject, the ratios to the bare handler (CPU, and
// req/s as the oauth bench reports it — meaningful on a quiet machine only), and per round paired ratios (new ÷ old, cached ÷ uncached). Needs `npm run build` first.
// BENCH_SECONDS (measured per round, default 2), BENCH_ROUNDS (default 6), BENCH_CONCURRENCY (default 8);
// BENCH_TOKENINFO=1 loads GET /api/tokeninfo instead of the page (with --only=, leave out fastify);
// `--only=ours,bare` picks subjects (profile one: `node --cpu-prof --cpu-prof-dir=<dir> ... --only=ours`).
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { machineNow } from './bench-kit.mjs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REDIRECT_URI, tokenPairs } from './oauth-flow.mjs';
import { build as buildFastify } from './peers/rest-fastify.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const oldDist = process.argv.find((a) => a.startsWith('--old='))?.slice(6);
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** A platform (new or old build) with 50 products and a token for the products page. */
async function openBuild(name, distDir, work) {
  const harness = require(join(distDir, 'tools', 'rest-harness.cjs'));
  // As `partnerdeck serve` runs: the WAL checkpoint worker (no checkpoint inside a commit) and the webhook dispatcher.
  const server = await harness.openRestHarness(join(work, name), REDIRECT_URI, { serveLike: true });
  const [{ access_token: access }] = await tokenPairs(server.url, server.app.clientId, server.app.clientSecret, server.shopCompanyId, 1);
  const authorization = `Bearer ${access}`;
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${server.url}/admin/products.json`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ product: { kind: 'physical', name: `Bench product ${i}`, sku: `B-${i}`, price_minor: 1000 + i, weight_grams: 250, stock: 100 } }),
    });
    if (res.status !== 201) throw new Error(`${name}: creating a product failed: ${res.status} ${await res.text()}`);
  }
  return { server, authorization };
}

/** One load run against `url`; resolves with the load's figures and this process's CPU µs per request. */
function load(url, request) {
  return new Promise((done, fail) => {
    const child = fork(join(here, 'load-generator.mjs'), [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let from = 0;
    let cpu = 0;
    child.on('message', (message) => {
      if (message.phase === 'measuring') from = cpuUs();
      else if (message.phase === 'stopped') cpu = cpuUs() - from;
      else if (message.fatal) fail(new Error(message.fatal));
      else if (message.result) {
        const r = message.result;
        if (r.errors > 0 || r.requests === 0) fail(new Error(`${url}: ${r.errors} errors, statuses ${JSON.stringify(r.statuses)}`));
        else done({ rps: r.rps, p99: r.p99, cpu: cpu / r.requests });
      }
    });
    child.once('exit', (code) => code !== 0 && fail(new Error(`load generator exited ${code}`)));
    child.send({ mode: 'static', url, request, concurrency: CONCURRENCY, warmupMs: 500, durationMs: SECONDS * 1000, expectStatus: 200, phases: true });
  });
}

const work = mkdtempSync(join(tmpdir(), 'pd-profile-rest-sockets-'));
const opened = [];
let fastify = null;
let bareServer = null;
try {
  const current = await openBuild('new', join(here, '..', 'dist'), work);
  opened.push(current.server);
  const old = oldDist ? await openBuild('old', resolve(oldDist), work) : null;
  if (old) opened.push(old.server);
  fastify = await buildFastify(current.server.databaseFile);
  const fastifyUrl = await fastify.listen({ port: 0, host: '127.0.0.1' });
  bareServer = createServer((req, res) => {
    const body = JSON.stringify({ ok: true, path: req.url });
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise((r) => bareServer.listen(0, '127.0.0.1', r));
  // BENCH_TOKENINFO=1: GET /api/tokeninfo with the same token instead of the page (Fastify has no such route: skip it).
  const page = process.env.BENCH_TOKENINFO
    ? (authorization) => ({ method: 'GET', path: `/api/tokeninfo?access_token=${authorization.slice(7)}`, headers: {} })
    : (authorization) => ({ method: 'GET', path: '/admin/products.json', headers: { authorization } });
  const local = (port) => `http://127.0.0.1:${port}`;
  const subjects = {
    ours: [current.server.url, page(current.authorization)],
    uncached: [local(current.server.uncachedPort), page(current.authorization)],
    fastify: [fastifyUrl, page(current.authorization)],
    bare: [local(bareServer.address().port), { method: 'GET', path: '/api/tokeninfo?access_token=x', headers: {} }],
    ...(old ? { old: [old.server.url, page(old.authorization)], old_uncached: [local(old.server.uncachedPort), page(old.authorization)] } : {}),
  };
  // Same answer from PartnerDeck and Fastify, or the comparison is void.
  const bodies = await Promise.all(['ours', 'fastify'].map((n) => fetch(subjects[n][0] + '/admin/products.json', { headers: { authorization: current.authorization } }).then((r) => r.json())));
  if (JSON.stringify(bodies[0]) !== JSON.stringify(bodies[1]) || bodies[0].products?.length !== 50) throw new Error('PartnerDeck and the Fastify peer answer differently');

  const names = Object.keys(subjects).filter((n) => !only || only.includes(n));
  const rounds = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) rounds[name].push(await load(...subjects[name]));
  }
  const cpu = (n) => rounds[n].map((r) => r.cpu);
  const best = (n) => Math.min(...cpu(n));
  const paired = (a, b) => (rounds[a] && rounds[b] ? Number(median(cpu(a).map((c, i) => c / cpu(b)[i])).toFixed(3)) : undefined);
  // The oauth bench's own figure: req/s ÷ the bare handler's req/s, per round (back to back), median.
  const rpsRatio = (n) => Number(median(rounds[n].map((r, i) => r.rps / rounds.bare[i].rps)).toFixed(3));
  const figures = Object.fromEntries(
    names.map((n) => [n, { best_us: Math.round(best(n)), median_us: Math.round(median(cpu(n))), median_rps: Math.round(median(rounds[n].map((r) => r.rps))), ...(rounds.bare && n !== 'bare' ? { bare_ratio: Number((best('bare') / best(n)).toFixed(3)), bare_rps_ratio: rpsRatio(n) } : {}) }]),
  );
  console.log(
    JSON.stringify({
      bench: process.env.BENCH_TOKENINFO ? 'oauth.tokeninfo_cpu_sockets' : 'rest.products_read_cpu_sockets',
      unit: 'us CPU/request of the serving process (user + system), best and median round',
      subjects: figures,
      bare_ratio_of: 'bare handler CPU / the subject (the req/s ratio one core would reach); bare_rps_ratio: req/s / the bare handler req/s, median of rounds',
      paired_new_to_old: paired('ours', 'old'),
      paired_uncached_new_to_old: paired('uncached', 'old_uncached'),
      paired_cached_to_uncached: paired('ours', 'uncached'),
      paired_bare_to_ours: paired('bare', 'ours'),
      paired_fastify_to_uncached: paired('fastify', 'uncached'),
      seconds_per_round: SECONDS,
      rounds: ROUNDS,
      concurrency: CONCURRENCY,
      ...machineNow(),
    }),
  );
} finally {
  await fastify?.close();
  bareServer?.close();
  for (const server of opened) await server.close();
  rmSync(work, { recursive: true, force: true });
}
