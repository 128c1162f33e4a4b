// Benchmarks of issues 4 and 22, against the built CLI's `partnerdeck serve` (WAL with synchronous=NORMAL, the
// product's durability setting: a commit survives a crash of the app, the last commits may be lost on power
// failure), each beside a peer a user could pick instead, measured in the same run with the same load
// (bench/load-generator.mjs in a child process, BENCH_CONCURRENCY keep-alive connections, 1 s warm-up,
// BENCH_SECONDS measured; each pair alternates ABBA over BENCH_ROUNDS rounds so drift hits both alike):
//   - baseline: a bare node:http handler answering a small JSON, in its own process (before and after);
//   - POST /token grant_type=refresh_token with rotation (each answer's refresh token is the next request's;
//     every refresh commits a used-mark and a new token pair), one chain per connection.
//     Peer: node-oidc-provider (bench/peers/oauth-oidc-provider.mjs: rotation on every use, opaque tokens,
//     client_secret_post, its SQLite adapter with the same durability); its built-in memory adapter is reported
//     beside it (peer_memory_adapter);
//   - GET /api/tokeninfo. Peer: node-oidc-provider's introspection endpoint (RFC 7662, same token kind);
//   - GET /admin/products.json (an authenticated REST read: token check, scope, shop service, 50 products).
//     Peer: the same page served by Fastify from the same SQLite file (bench/peers/rest-fastify.mjs); the two
//     answers are checked to be equal before the measurement. Measured as shipped (oauth.rest_products_read: list
//     answers kept while the database is unchanged) and with that cache off (oauth.rest_products_read_without_cache:
//     a second `serve --no-list-cache` on the same folder), since Fastify keeps no answers.
// Prints one JSON line per figure: {"bench", "value", "unit", "baseline", "ratio", "peer", "peer_ratio", ...}.
// `--only=refresh,tokeninfo,rest` measures some of them; BENCH_CPU_PROF=<folder> makes the PartnerDeck server
// write a V8 CPU profile there when it stops.

import { fork, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { REDIRECT_URI, tokenPairs } from './oauth-flow.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'bin', 'partnerdeck.cjs');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const machine = { cores: cpus().length, node: process.version, concurrency: CONCURRENCY, seconds: SECONDS };

function firstLine(child) {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (c) => (stderr += c));
    child.once('exit', (code) => reject(new Error(`exited ${code} before printing: ${stderr}`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)));
  });
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

function cli(args) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`partnerdeck ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); null elsewhere. On a shared,
 * busy machine the CPU a server spends per request is steadier than the requests it manages per second. */
function cpuMs(pid) {
  const path = `/proc/${pid}/stat`;
  if (!existsSync(path)) return null;
  const fields = readFileSync(path, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime in clock ticks (USER_HZ = 100)
}

/** Runs a load job against a server process and adds the server's CPU time per request. */
async function measure(server, job) {
  const before = cpuMs(server.pid);
  const figures = await load(job);
  const after = cpuMs(server.pid);
  // Warm-up requests cost CPU too: count them at the measured rate.
  const requests = figures.requests * (1 + job.warmupMs / (job.durationMs ?? SECONDS * 1000));
  figures.serverCpuUsPerRequest = before === null ? null : ((after - before) * 1000) / requests;
  return figures;
}

/** Runs one load job in a child process and returns its figures. */
function load(job) {
  return new Promise((resolve, reject) => {
    const child = fork(join(here, 'load-generator.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message) => (message.fatal ? reject(new Error(message.fatal)) : resolve(message.result)));
    child.once('exit', (code) => code !== 0 && reject(new Error(`load generator exited ${code}`)));
    child.send({ concurrency: CONCURRENCY, warmupMs: 1000, durationMs: SECONDS * 1000, expectStatus: 200, ...job });
  });
}

const BARE_SERVER = `
const { createServer } = require('node:http');
const server = createServer((req, res) => {
  const body = JSON.stringify({ ok: true, path: req.url });
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: 'http://127.0.0.1:' + server.address().port })));
`;

const round = (n, digits = 2) => Number(n.toFixed(digits));

function emit(bench, figures, baseline, extra = {}, peer = null) {
  const cpu = figures.serverCpuUsPerRequest;
  const common = {
    concurrency: CONCURRENCY,
    requests: figures.requests,
    errors: figures.errors,
    ...(cpu == null ? {} : { server_cpu_us_per_request: Math.round(cpu), one_core_capacity_rps: Math.round(1e6 / cpu), baseline_server_cpu_us_per_request: Math.round(baseline.cpu) }),
    ...(peer?.serverCpuUsPerRequest == null ? {} : { peer_server_cpu_us_per_request: Math.round(peer.serverCpuUsPerRequest) }),
    ...(peer ? { peer_of: peer.of } : {}),
    rounds: ROUNDS,
    ...machine,
    ...extra,
  };
  const rpsPeer = peer ? { peer: Math.round(peer.rps), peer_ratio: round(figures.rps / peer.rps) } : {};
  const p99Peer = peer ? { peer: round(peer.p99), peer_ratio: round(figures.p99 / peer.p99) } : {};
  console.log(JSON.stringify({ bench: `${bench}.rps`, value: Math.round(figures.rps), unit: 'req/s', baseline: Math.round(baseline.rps), ratio: round(figures.rps / baseline.rps), ...rpsPeer, p50_ms: round(figures.p50), p99_ms: round(figures.p99), baseline_of: 'bare node:http handler, same load, same run', ...common }));
  console.log(JSON.stringify({ bench: `${bench}.p99`, value: round(figures.p99), unit: 'ms', baseline: round(baseline.p99), ratio: round(figures.p99 / baseline.p99), ...p99Peer, ...common }));
}

/** `count` token families from node-oidc-provider: the authorization code flow (PKCE) through its interaction. */
async function oidcTokenPairs(url, clientId, clientSecret, count) {
  const pairs = [];
  for (let i = 0; i < count; i++) {
    const cookies = new Map();
    const get = async (target) => {
      const res = await fetch(new URL(target, url), { redirect: 'manual', headers: cookies.size ? { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {} });
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
      }
      await res.text();
      return { status: res.status, location: res.headers.get('location') };
    };
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const query = { client_id: clientId, response_type: 'code', scope: 'products orders customers webhooks', redirect_uri: REDIRECT_URI, state: 'bench', code_challenge: challenge, code_challenge_method: 'S256' };
    let step = await get(`/auth?${new URLSearchParams(query)}`);
    for (let hops = 0; hops < 6 && step.location && !step.location.startsWith(REDIRECT_URI); hops++) step = await get(step.location);
    const code = step.location?.startsWith(REDIRECT_URI) ? new URL(step.location).searchParams.get('code') : null;
    if (!code) throw new Error(`oidc-provider gave no code (${step.status} ${step.location})`);
    const token = await fetch(`${url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: clientId, client_secret: clientSecret, code_verifier: verifier }),
    }).then((r) => r.json());
    if (!token.refresh_token) throw new Error(`oidc-provider code exchange failed: ${JSON.stringify(token)}`);
    pairs.push(token);
  }
  return pairs;
}

/** The Fastify peer must answer exactly what PartnerDeck answers (body and Link), or the comparison is void. */
async function sameAnswer(url, peerUrl, access) {
  const read = async (origin) => {
    const res = await fetch(`${origin}/admin/products.json`, { headers: { authorization: `Bearer ${access}` } });
    return { status: res.status, body: await res.json(), link: (res.headers.get('link') ?? '').replace(origin, '') };
  };
  const [ours, theirs] = await Promise.all([read(url), read(peerUrl)]);
  if (ours.status !== 200 || ours.body.products?.length !== 50) throw new Error(`the REST read did not answer 50 products (${ours.status})`);
  if (!isDeepStrictEqual(ours, theirs)) throw new Error('the Fastify peer answers differently from PartnerDeck: fix bench/peers/rest-fastify.mjs');
}

const peerVersion = (name) => JSON.parse(readFileSync(join(here, '..', 'node_modules', name, 'package.json'), 'utf8')).version;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const only = (process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',') ?? ['refresh', 'tokeninfo', 'rest']).filter(Boolean);
const peersDir = join(here, 'peers');
const work = mkdtempSync(join(tmpdir(), 'pd-bench-oauth-'));
const dataDir = join(work, 'data');
const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
const serve = spawn(process.execPath, [...profile, bin, 'serve', '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
const bare = spawn(process.execPath, ['-e', BARE_SERVER], { stdio: ['ignore', 'pipe', 'pipe'] });
const children = [serve, bare];
// The REST read is measured twice: as shipped (list answers kept while the database is unchanged) and by a second
// serve on the same folder with that cache off, every page read anew as Fastify reads it (docs/performance.md);
// started once the first has seeded the folder.
let serveUncached = null;
const startPeer = (file, args) => {
  const child = spawn(process.execPath, [join(peersDir, file), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return firstLine(child).then((line) => ({ child, url: line.url }));
};

/** Sums the rounds of one figure: rates weighted by time, the worst p99, CPU per request over all requests. */
function merged(list) {
  const requests = list.reduce((n, f) => n + f.requests, 0);
  const seconds = list.reduce((n, f) => n + f.requests / f.rps, 0);
  const cpu = list.every((f) => f.serverCpuUsPerRequest != null) ? list.reduce((n, f) => n + f.serverCpuUsPerRequest * f.requests, 0) / requests : null;
  return {
    requests,
    rps: requests / seconds,
    p50: list.reduce((n, f) => n + f.p50, 0) / list.length,
    p99: Math.max(...list.map((f) => f.p99)),
    errors: list.reduce((n, f) => n + f.errors, 0),
    statuses: list.map((f) => f.statuses),
    serverCpuUsPerRequest: cpu,
    tokens: list.at(-1).tokens,
  };
}

/** Measures a figure and its peers over ROUNDS rounds, alternating the order (ABBA) against drift. */
async function pairs(entries) {
  const results = entries.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    const order = entries.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) results[i].push(await measure(entries[i].server, entries[i].job(results[i].at(-1))));
  }
  return results.map(merged);
}

try {
  const [{ url }, bareServer] = await Promise.all([firstLine(serve), firstLine(bare)]);
  if (only.includes('rest')) {
    serveUncached = spawn(process.execPath, [bin, 'serve', '--data-dir', dataDir, '--seed', 'none', '--port', '0', '--no-list-cache'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(serveUncached);
  }
  const uncachedServer = serveUncached ? await firstLine(serveUncached) : null;
  const companies = JSON.parse(cli(['company', 'list', '--data-dir', dataDir, '--json']));
  const developer = companies.find((c) => c.name === 'Kawaii Stationery KK').id;
  const shop = companies.find((c) => c.name === 'Alpenglück Naturkosmetik GmbH').id;
  const app = JSON.parse(cli(['app', 'create', '--data-dir', dataDir, '--company', String(developer), '--name', 'Bench', '--redirect-uri', REDIRECT_URI, '--scopes', 'products,orders,customers,webhooks', '--json']));
  const tokens = await tokenPairs(url, app.client_id, app.client_secret, shop, CONCURRENCY + 1);
  const access = tokens[CONCURRENCY].access_token;
  // A page of products for the REST read (50, the default page size).
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${url}/admin/products.json`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access}`, 'content-type': 'application/json' },
      body: JSON.stringify({ product: { kind: 'physical', name: `Bench product ${i}`, sku: `B-${i}`, price_minor: 1000 + i, weight_grams: 250, stock: 100 } }),
    });
    if (res.status !== 201) throw new Error(`creating a product failed: ${res.status} ${await res.text()}`);
  }

  // The peers: node-oidc-provider (SQLite adapter, and its memory adapter) and Fastify on PartnerDeck's file.
  const peerSecret = app.client_secret;
  const [oidc, oidcMemory, fastify] = await Promise.all([
    only.includes('refresh') || only.includes('tokeninfo') ? startPeer('oauth-oidc-provider.mjs', [work, app.client_id, peerSecret, REDIRECT_URI]) : null,
    only.includes('refresh') ? startPeer('oauth-oidc-provider.mjs', [work, app.client_id, peerSecret, REDIRECT_URI, '--adapter=memory']) : null,
    only.includes('rest') ? startPeer('rest-fastify.mjs', [join(dataDir, 'partnerdeck.sqlite')]) : null,
  ]);
  const oidcTokens = oidc ? await oidcTokenPairs(oidc.url, app.client_id, peerSecret, CONCURRENCY + 1) : null;
  const oidcMemoryTokens = oidcMemory ? await oidcTokenPairs(oidcMemory.url, app.client_id, peerSecret, CONCURRENCY) : null;
  if (fastify) await sameAnswer(url, fastify.url, access);
  if (uncachedServer) await sameAnswer(url, uncachedServer.url, access);

  const warm = { warmupMs: 1000, durationMs: SECONDS * 1000 };
  const bareJob = () => ({ ...warm, mode: 'static', url: bareServer.url, request: { method: 'GET', path: '/api/tokeninfo?access_token=x', headers: {} } });
  const bareBefore = await measure(bare, bareJob());
  const figures = {};
  if (only.includes('tokeninfo')) {
    const introspect = new URLSearchParams({ token: oidcTokens[CONCURRENCY].access_token, client_id: app.client_id, client_secret: peerSecret }).toString();
    [figures.tokeninfo, figures.introspection] = await pairs([
      { server: serve, job: () => ({ ...warm, mode: 'static', url, request: { method: 'GET', path: `/api/tokeninfo?access_token=${access}`, headers: {} } }) },
      {
        server: oidc.child,
        job: () => ({ ...warm, mode: 'static', url: oidc.url, request: { method: 'POST', path: '/token/introspection', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(introspect) }, body: introspect } }),
      },
    ]);
    const active = await fetch(`${oidc.url}/token/introspection`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: introspect }).then((r) => r.json());
    if (active.active !== true) throw new Error(`introspection did not see an active token: ${JSON.stringify(active)}`);
  }
  if (only.includes('rest')) {
    const request = { method: 'GET', path: '/admin/products.json', headers: { authorization: `Bearer ${access}` } };
    [figures.products, figures.fastify, figures.productsUncached] = await pairs([
      { server: serve, job: () => ({ ...warm, mode: 'static', url, request }) },
      { server: fastify.child, job: () => ({ ...warm, mode: 'static', url: fastify.url, request }) },
      { server: serveUncached, job: () => ({ ...warm, mode: 'static', url: uncachedServer.url, request }) },
    ]);
  }
  if (only.includes('refresh')) {
    const chain = (server, target, start) => ({
      server,
      job: (previous) => ({
        ...warm,
        mode: 'refresh-chain',
        url: `${target}/token`,
        form: { grant_type: 'refresh_token', client_id: app.client_id, client_secret: peerSecret },
        tokens: previous?.tokens ?? start,
      }),
    });
    [figures.refresh, figures.oidcRefresh, figures.oidcMemoryRefresh] = await pairs([
      chain(serve, url, tokens.slice(0, CONCURRENCY).map((p) => p.refresh_token)),
      chain(oidc.child, oidc.url, oidcTokens.slice(0, CONCURRENCY).map((p) => p.refresh_token)),
      chain(oidcMemory.child, oidcMemory.url, oidcMemoryTokens.map((p) => p.refresh_token)),
    ]);
  }
  const bareAfter = await measure(bare, bareJob());
  const baseline = {
    rps: (bareBefore.rps + bareAfter.rps) / 2,
    p99: (bareBefore.p99 + bareAfter.p99) / 2,
    cpu: ((bareBefore.serverCpuUsPerRequest ?? 0) + (bareAfter.serverCpuUsPerRequest ?? 0)) / 2,
  };
  for (const [name, f] of Object.entries(figures)) {
    if (f.errors > 0) throw new Error(`${name}: ${f.errors} failed requests (${JSON.stringify(f.statuses)})`);
  }
  console.log(JSON.stringify({ bench: 'oauth.baseline_bare_http.rps', value: Math.round(baseline.rps), unit: 'req/s', before: Math.round(bareBefore.rps), after: Math.round(bareAfter.rps), p99_ms: round(baseline.p99), server_cpu_us_per_request: Math.round(baseline.cpu), ...machine }));
  const OIDC = `node-oidc-provider ${peerVersion('oidc-provider')}: refresh-token rotation on every use, opaque tokens, client_secret_post, SQLite adapter (WAL, synchronous=NORMAL)`;
  if (figures.refresh) {
    emit('oauth.refresh_rotation', figures.refresh, baseline, {
      peer_memory_adapter: Math.round(figures.oidcMemoryRefresh.rps),
      peer_memory_adapter_p99_ms: round(figures.oidcMemoryRefresh.p99),
      target: '>= 2 x peer req/s, p99 < 10 ms',
      durability: 'WAL, synchronous=NORMAL (product setting), one IMMEDIATE transaction per refresh',
    }, { ...figures.oidcRefresh, of: OIDC });
  }
  if (figures.tokeninfo) {
    emit('oauth.tokeninfo', figures.tokeninfo, baseline, { target: '>= 2 x peer req/s' }, { ...figures.introspection, of: `${OIDC}; POST /token/introspection (RFC 7662) with the client's credentials` });
  }
  const FASTIFY = `Fastify ${peerVersion('fastify')}: the same page from the same SQLite file (same token check and queries, response schema, logger off; no answer cache)`;
  if (figures.products) {
    emit(
      'oauth.rest_products_read',
      figures.products,
      baseline,
      { path: 'GET /admin/products.json (50 products, default page)', target: '>= 0.8 x peer and >= 0.3 x baseline req/s', list_cache: 'on (as shipped: the answer kept while the database is unchanged; token, scope, rate limit and log per request)' },
      { ...figures.fastify, of: FASTIFY },
    );
    emit(
      'oauth.rest_products_read_without_cache',
      figures.productsUncached,
      baseline,
      { path: 'GET /admin/products.json (50 products, default page)', list_cache: 'off (serve --no-list-cache: every page read anew, as the Fastify peer does)' },
      { ...figures.fastify, of: FASTIFY },
    );
  }
} finally {
  await Promise.all(children.map(stop));
  rmSync(work, { recursive: true, force: true });
}
