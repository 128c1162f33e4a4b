// Benchmarks of issue 4, against the built CLI's `partnerdeck serve` (WAL with synchronous=NORMAL, the
// product's durability setting: a commit survives a crash of the app, the last commits may be lost on
// power failure). Measured with bench/load-generator.mjs in a child process over keep-alive connections:
//   - baseline: a bare node:http handler answering a small JSON, in its own process, same load;
//   - POST /token grant_type=refresh_token with rotation (each answer's refresh token is the next request's;
//     every refresh commits a used-mark and two new token rows), one chain per connection;
//   - GET /api/tokeninfo;
//   - GET /admin/products.json (an authenticated REST read: token check, scope, shop service).
// Prints one JSON line per figure: {"bench", "value", "unit", "baseline", "ratio", ...}.

import { fork, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'bin', 'partnerdeck.cjs');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const machine = { cores: cpus().length, node: process.version, concurrency: CONCURRENCY, seconds: SECONDS };
const DEMO_PASSWORD = 'partnerdeck-demo';
const REDIRECT_URI = 'http://127.0.0.1:9/callback';

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

/** Signs in once and walks the consent page `count` times: `count` independent token families. */
async function tokenPairs(url, clientId, clientSecret, companyId, count) {
  const cookies = new Map();
  const call = async (path, form) => {
    const res = await fetch(new URL(path, url), {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded', origin: url } : {}),
        ...(cookies.size ? { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  };
  const hidden = (html, action) => {
    const form = [...html.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)].find((f) => f[1] === action);
    const fields = {};
    for (const m of form[2].matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields[m[1]] = m[2].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    return fields;
  };
  const authorizePath = `/oauth2/authorize?${new URLSearchParams({ client_id: clientId, scope: 'products,orders,customers,webhooks', redirect_uri: REDIRECT_URI, response_type: 'code', state: 'bench' })}`;
  const login = await call(authorizePath);
  const signedIn = await call('/oauth2/authorize/login', { ...hidden(login.html, '/oauth2/authorize/login'), email: 'anna@alpenglueck.example', password: DEMO_PASSWORD });
  if (signedIn.status !== 303) throw new Error(`sign-in failed: ${signedIn.status}`);
  const pairs = [];
  for (let i = 0; i < count; i++) {
    const consent = await call(authorizePath);
    const decided = await call('/oauth2/authorize/decision', { ...hidden(consent.html, '/oauth2/authorize/decision'), company_id: String(companyId), decision: 'approve' });
    const code = new URL(decided.location).searchParams.get('code');
    const token = await fetch(`${url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: clientId, client_secret: clientSecret }),
    }).then((r) => r.json());
    if (!token.access_token) throw new Error(`code exchange failed: ${JSON.stringify(token)}`);
    pairs.push(token);
  }
  return pairs;
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

function emit(bench, figures, baseline, extra = {}) {
  const cpu = figures.serverCpuUsPerRequest;
  const common = {
    concurrency: CONCURRENCY,
    requests: figures.requests,
    errors: figures.errors,
    ...(cpu == null ? {} : { server_cpu_us_per_request: Math.round(cpu), one_core_capacity_rps: Math.round(1e6 / cpu), baseline_server_cpu_us_per_request: Math.round(baseline.cpu) }),
    ...machine,
    ...extra,
  };
  console.log(JSON.stringify({ bench: `${bench}.rps`, value: Math.round(figures.rps), unit: 'req/s', baseline: Math.round(baseline.rps), ratio: round(figures.rps / baseline.rps), p50_ms: round(figures.p50), p99_ms: round(figures.p99), baseline_of: 'bare node:http handler, same load, same run', ...common }));
  console.log(JSON.stringify({ bench: `${bench}.p99`, value: round(figures.p99), unit: 'ms', baseline: round(baseline.p99), ratio: round(figures.p99 / baseline.p99), ...common }));
}

const work = mkdtempSync(join(tmpdir(), 'pd-bench-oauth-'));
const dataDir = join(work, 'data');
const serve = spawn(process.execPath, [bin, 'serve', '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
const bare = spawn(process.execPath, ['-e', BARE_SERVER], { stdio: ['ignore', 'pipe', 'pipe'] });
try {
  const [{ url }, bareServer] = await Promise.all([firstLine(serve), firstLine(bare)]);
  const companies = JSON.parse(cli(['company', 'list', '--data-dir', dataDir, '--json']));
  const developer = companies.find((c) => c.name === 'Kawaii Stationery KK').id;
  const shop = companies.find((c) => c.name === 'Alpenglück Naturkosmetik GmbH').id;
  const app = JSON.parse(cli(['app', 'create', '--data-dir', dataDir, '--company', String(developer), '--name', 'Bench', '--redirect-uri', REDIRECT_URI, '--scopes', 'products,orders,customers,webhooks', '--json']));
  const pairs = await tokenPairs(url, app.client_id, app.client_secret, shop, CONCURRENCY + 1);
  const access = pairs[CONCURRENCY].access_token;
  // A page of products for the REST read (50, the default page size).
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${url}/admin/products.json`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access}`, 'content-type': 'application/json' },
      body: JSON.stringify({ product: { kind: 'physical', name: `Bench product ${i}`, sku: `B-${i}`, price_minor: 1000 + i, weight_grams: 250, stock: 100 } }),
    });
    if (res.status !== 201) throw new Error(`creating a product failed: ${res.status} ${await res.text()}`);
  }

  const warm = { warmupMs: 1000, durationMs: SECONDS * 1000 };
  const bareBefore = await measure(bare, { ...warm, mode: 'static', url: bareServer.url, request: { method: 'GET', path: '/api/tokeninfo?access_token=x', headers: {} } });
  const tokeninfo = await measure(serve, { ...warm, mode: 'static', url, request: { method: 'GET', path: `/api/tokeninfo?access_token=${access}`, headers: {} } });
  const products = await measure(serve, { ...warm, mode: 'static', url, request: { method: 'GET', path: '/admin/products.json', headers: { authorization: `Bearer ${access}` } } });
  const refresh = await measure(serve, {
    ...warm,
    mode: 'refresh-chain',
    url: `${url}/token`,
    form: { grant_type: 'refresh_token', client_id: app.client_id, client_secret: app.client_secret },
    tokens: pairs.slice(0, CONCURRENCY).map((p) => p.refresh_token),
  });
  const bareAfter = await measure(bare, { ...warm, mode: 'static', url: bareServer.url, request: { method: 'GET', path: '/api/tokeninfo?access_token=x', headers: {} } });
  const baseline = {
    rps: (bareBefore.rps + bareAfter.rps) / 2,
    p99: (bareBefore.p99 + bareAfter.p99) / 2,
    cpu: ((bareBefore.serverCpuUsPerRequest ?? 0) + (bareAfter.serverCpuUsPerRequest ?? 0)) / 2,
  };
  for (const [name, figures] of [['tokeninfo', tokeninfo], ['rest_products_read', products], ['refresh_rotation', refresh]]) {
    if (figures.errors > 0) throw new Error(`${name}: ${figures.errors} failed requests (${JSON.stringify(figures.statuses)})`);
  }
  console.log(JSON.stringify({ bench: 'oauth.baseline_bare_http.rps', value: Math.round(baseline.rps), unit: 'req/s', before: Math.round(bareBefore.rps), after: Math.round(bareAfter.rps), p99_ms: round(baseline.p99), server_cpu_us_per_request: Math.round(baseline.cpu), ...machine }));
  emit('oauth.refresh_rotation', refresh, baseline, { target: '>= 2000 req/s, p99 < 10 ms', durability: 'WAL, synchronous=NORMAL (product setting), one IMMEDIATE transaction per refresh' });
  emit('oauth.tokeninfo', tokeninfo, baseline, { target: '>= 0.4 x baseline req/s, p99 < 5 ms' });
  emit('oauth.rest_products_read', products, baseline, { path: 'GET /admin/products.json (50 products, default page)' });
} finally {
  await Promise.all([stop(serve), stop(bare)]);
  rmSync(work, { recursive: true, force: true });
}
