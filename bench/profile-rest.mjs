// The REST read of issue 22 item 3 measured in-process, where CPU time per request is not smeared by a busy
// machine's scheduling of a client and a server process: `GET /admin/products.json` (50 products, default
// page) driven through
//   - PartnerDeck's own platform-server request listener (the function `partnerdeck serve`'s node:http server
//     calls; dist/tools/rest-harness.cjs) with light-my-request,
//   - the Fastify peer (bench/peers/rest-fastify.mjs, its documented production settings) on the same SQLite
//     file with Fastify's `inject` (light-my-request too, so both pay the same fake socket),
//   - the same PartnerDeck listener with the list answer cache off (a second server, `serve --no-list-cache`),
//   - a bare node:http-style handler answering a small JSON (the physical limit), the same way,
// in one process, alternating ABBA over the rounds, after checking that PartnerDeck and Fastify answer the
// same page. Prints one JSON line: CPU µs per request of each (best round), and the ratios (with the cache as
// shipped, and without it: `without_cache*`).
// Profile one of them: `node --cpu-prof --cpu-prof-dir=<folder> bench/profile-rest.mjs --only=ours`
// (or --only=fastify, --only=bare); BENCH_REQUESTS (per round, default 2,000), BENCH_ROUNDS (default 6).
// Needs `npm run build` first (the harness is built with the app).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { machineNow } from './bench-kit.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import inject from 'light-my-request';
import { REDIRECT_URI, tokenPairs } from './oauth-flow.mjs';
import { build as buildFastify } from './peers/rest-fastify.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const harness = createRequire(import.meta.url)(join(here, '..', 'dist', 'tools', 'rest-harness.cjs'));
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',') ?? ['ours', 'uncached', 'fastify', 'bare'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

const work = mkdtempSync(join(tmpdir(), 'pd-profile-rest-'));
const server = await harness.openRestHarness(join(work, 'data'), REDIRECT_URI);
let fastify = null;
try {
  const [{ access_token: access }] = await tokenPairs(server.url, server.app.clientId, server.app.clientSecret, server.shopCompanyId, 1);
  const headers = { authorization: `Bearer ${access}` };
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${server.url}/admin/products.json`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ product: { kind: 'physical', name: `Bench product ${i}`, sku: `B-${i}`, price_minor: 1000 + i, weight_grams: 250, stock: 100 } }),
    });
    if (res.status !== 201) throw new Error(`creating a product failed: ${res.status} ${await res.text()}`);
  }
  fastify = await buildFastify(server.databaseFile);
  await fastify.ready();
  const host = `127.0.0.1:${server.port}`;
  const request = { method: 'GET', url: '/admin/products.json', headers: { ...headers, host } };
  const bare = (req, res) => {
    const body = JSON.stringify({ ok: true, path: req.url });
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };
  const uncachedRequest = { ...request, headers: { ...request.headers, host: `127.0.0.1:${server.uncachedPort}` } };
  const subjects = {
    ours: () => inject(server.listener, request),
    // The same listener code with the list answer cache off (`serve --no-list-cache`): every page read anew.
    uncached: () => inject(server.uncachedListener, uncachedRequest),
    fastify: () => fastify.inject(request),
    bare: () => inject(bare, { method: 'GET', url: '/api/tokeninfo?access_token=x' }),
  };

  // Same answer, or the comparison is void.
  const [ours, uncachedAnswer, theirs] = await Promise.all([subjects.ours(), subjects.uncached(), subjects.fastify()]);
  if (ours.statusCode !== 200 || ours.json().products?.length !== 50) throw new Error(`PartnerDeck did not answer 50 products (${ours.statusCode})`);
  if (!isDeepStrictEqual(ours.json(), theirs.json())) throw new Error('the Fastify peer answers differently from PartnerDeck: fix bench/peers/rest-fastify.mjs');
  if (!isDeepStrictEqual(ours.json(), uncachedAnswer.json())) throw new Error('the answer read anew differs from the kept one');

  const names = Object.keys(subjects).filter((n) => only.includes(n));
  const best = Object.fromEntries(names.map((n) => [n, Infinity]));
  const rounds = Object.fromEntries(names.map((n) => [n, []]));
  for (const name of names) for (let i = 0; i < 200; i++) await subjects[name](); // warm-up (JIT, statement caches)
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const run = subjects[name];
      const started = cpuUs();
      for (let i = 0; i < REQUESTS; i++) {
        const res = await run();
        if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      const cpu = (cpuUs() - started) / REQUESTS;
      rounds[name].push(cpu);
      best[name] = Math.min(best[name], cpu);
    }
  }
  const figure = (n) => (best[n] === undefined ? undefined : Math.round(best[n]));
  console.log(
    JSON.stringify({
      bench: 'rest.products_read_cpu_in_process',
      value: figure('ours'),
      unit: 'us CPU/request',
      baseline: figure('bare'),
      ratio: best.ours && best.bare ? Number((best.bare / best.ours).toFixed(3)) : undefined,
      peer: figure('fastify'),
      peer_ratio: best.ours && best.fastify ? Number((best.fastify / best.ours).toFixed(2)) : undefined,
      ratio_of: 'bare handler CPU / ours (the req/s ratio one core would reach)',
      ...(best.uncached !== undefined
        ? {
            without_cache: figure('uncached'),
            without_cache_ratio: best.bare ? Number((best.bare / best.uncached).toFixed(3)) : undefined,
            without_cache_peer_ratio: best.fastify ? Number((best.fastify / best.uncached).toFixed(2)) : undefined,
            // Per round (run back to back, so the machine's load moved both alike), median of cached ÷ read anew.
            paired_cpu_ratio_cached_to_uncached: best.ours !== undefined ? Number(median(rounds.ours.map((c, i) => c / rounds.uncached[i])).toFixed(3)) : undefined,
          }
        : {}),
      peer_ratio_of: 'Fastify CPU / ours (above 1: PartnerDeck needs less CPU per request)',
      requests_per_round: REQUESTS,
      rounds: ROUNDS,
      ...machineNow(),
    }),
  );
} finally {
  await fastify?.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
