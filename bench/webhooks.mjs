// Webhook delivery figures of issue 5, against the built dist/:
//   webhooks.deliveries_per_second: a backlog of signed order/create notifications drained by the real
//     dispatcher (worker thread, keep-alive client) to a local receiver that answers 200, with every state
//     change stored durably (attempt rows and event states committed in WAL, synchronous=NORMAL, the
//     product's setting; the WAL checkpoint worker runs beside it, as in serve and the console). Baseline: a bare loop of the same signed POSTs through the same worker and HTTP
//     client with the same number in flight, nothing stored, in the same run. Targets: >= 3,000/s, ratio >= 0.5.
//   webhooks.commit_to_first_attempt_p99: events committed one per transaction at a steady rate while the
//     dispatcher runs; time from the commit to the worker starting the first attempt. Target: < 100 ms.
//     Baseline: the median of the same run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const harness = require(join(root, 'dist', 'tools', 'webhooks-harness.cjs'));
const COUNT = Number(process.env.BENCH_WEBHOOKS ?? 20_000);
const IN_FLIGHT = 256;
const LATENCY_RATE = Number(process.env.BENCH_WEBHOOKS_RATE ?? 500);
const LATENCY_SECONDS = 4;
const machine = { cores: cpus().length, node: process.version };

function startReceiver() {
  const child = spawn(process.execPath, [join(root, 'bench', 'webhooks-receiver.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  return new Promise((resolve) => lines.once('line', (line) => resolve({ child, url: JSON.parse(line).url, lines })));
}

function stopReceiver(receiver) {
  return new Promise((resolve) => {
    receiver.lines.once('line', (line) => resolve(JSON.parse(line).received));
    receiver.child.kill('SIGTERM');
  });
}

/**
 * The baseline: the worker's signing and HTTP client alone, fed with a window of IN_FLIGHT jobs. The requests are the
 * dispatcher's: the same hook address, User-Agent and a payload of the same shape, and the Standard Webhooks headers
 * (webhook-id, webhook-timestamp, webhook-signature: an HMAC-SHA256 per request) that the dispatcher sends outside
 * hosted-compatibility mode (until session 9 the loop left them out, so it did less work per request than the
 * dispatcher it was the baseline of).
 */
async function bareLoop(url, fixture) {
  const worker = new Worker(harness.harnessWorkerPath(), { workerData: { timeoutMs: 10_000, maxSockets: 32, userAgent: harness.HARNESS_USER_AGENT } });
  worker.postMessage({ type: 'secrets', entries: [[1, fixture.secret, null]] });
  const companyId = fixture.companyIds[0];
  const address = `${url}/${companyId}/order/create`;
  const payload = harness.unsignedPayloadJson(companyId, 'order/create', 'order', 10_000);
  let sent = 0;
  let done = 0;
  let failed = 0;
  const started = performance.now();
  await new Promise((resolve) => {
    const send = (n) => {
      const jobs = [];
      for (let i = 0; i < n && sent < COUNT; i++, sent++) {
        jobs.push({ key: String(sent), appId: 1, url: address, payload, messageId: `msg_${String(sent).padStart(32, '0')}`, timestamp: Math.floor(Date.now() / 1000), standardHeaders: true });
      }
      if (jobs.length) worker.postMessage({ type: 'send', jobs });
    };
    worker.on('message', (message) => {
      done += message.results.length;
      failed += message.results.filter((r) => r.status !== 200).length;
      if (done >= COUNT) resolve();
      else send(message.results.length);
    });
    send(IN_FLIGHT);
  });
  const seconds = (performance.now() - started) / 1000;
  await worker.terminate();
  if (failed > 0) throw new Error(`baseline: ${failed} requests failed`);
  return COUNT / seconds;
}

/** The real dispatcher draining a committed backlog; returns deliveries per second. */
async function dispatcherThroughput(url) {
  const dir = mkdtempSync(join(tmpdir(), 'pd-bench-hooks-'));
  const platform = harness.openHarnessPlatform(dir, 'demo');
  try {
    const fixture = harness.registerFixture(platform, url, 1);
    harness.queueOrders(platform, fixture.companyIds[0], COUNT, 500);
    // As in serve, the console and the desktop app: WAL checkpoints in their worker thread, not inside commits.
    const checkpointer = await harness.startHarnessCheckpointer(platform);
    const started = performance.now();
    const dispatcher = harness.startHarnessDispatcher(platform, { maxInFlight: IN_FLIGHT });
    await dispatcher.settle();
    const seconds = (performance.now() - started) / 1000;
    await dispatcher.stop();
    await checkpointer.stop();
    const delivered = platform.db.prepare("SELECT count(*) FROM webhook_events WHERE state = 'delivered'").pluck().get();
    const logged = platform.db.prepare('SELECT count(*) FROM webhook_attempts').pluck().get();
    if (delivered !== COUNT || logged !== COUNT) throw new Error(`dispatcher: ${delivered} delivered, ${logged} attempts logged of ${COUNT}`);
    return { perSecond: COUNT / seconds, fixture };
  } finally {
    platform.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Events committed one per transaction at LATENCY_RATE/s while the dispatcher runs: commit -> first attempt. */
async function commitToAttempt(url) {
  const dir = mkdtempSync(join(tmpdir(), 'pd-bench-hooks-'));
  const platform = harness.openHarnessPlatform(dir, 'demo');
  const firstAttempt = new Map();
  try {
    const fixture = harness.registerFixture(platform, url, 1);
    const checkpointer = await harness.startHarnessCheckpointer(platform);
    const dispatcher = harness.startHarnessDispatcher(platform, {
      maxInFlight: IN_FLIGHT,
      observer: (a) => {
        if (!firstAttempt.has(a.eventId)) firstAttempt.set(a.eventId, a.startedAt);
      },
    });
    // Warm-up: the worker thread starts, connections open; measured is the steady state after it.
    harness.queueOrders(platform, fixture.companyIds[0], 100, 1, 1_000_000);
    await dispatcher.settle();
    firstAttempt.clear();
    const committed = new Map();
    const total = LATENCY_RATE * LATENCY_SECONDS;
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      for (const [id, at] of harness.queueOrders(platform, fixture.companyIds[0], 1, 1, i + 1)) committed.set(id, at);
      const wait = started + ((i + 1) * 1000) / LATENCY_RATE - performance.now();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
    }
    await dispatcher.settle();
    await dispatcher.stop();
    await checkpointer.stop();
    const latencies = [...committed].map(([id, at]) => firstAttempt.get(id) - at).sort((a, b) => a - b);
    if (latencies.some((x) => Number.isNaN(x))) throw new Error('an event had no attempt');
    const pick = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    return { p50: pick(0.5), p99: pick(0.99), max: latencies.at(-1), events: latencies.length };
  } finally {
    platform.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const receiver = await startReceiver();
try {
  // Warm-up: connections, JIT, page cache.
  const warm = await dispatcherThroughput(receiver.url);
  const baseline = await bareLoop(receiver.url, warm.fixture);
  const measured = await dispatcherThroughput(receiver.url);
  console.log(
    JSON.stringify({
      bench: 'webhooks.deliveries_per_second',
      value: Math.round(measured.perSecond),
      unit: 'deliveries/s',
      baseline: Math.round(baseline),
      ratio: Number((measured.perSecond / baseline).toFixed(2)),
      baseline_of: 'bare loop of the same signed POSTs (Standard Webhooks headers, User-Agent, address, payload shape) through the same worker and keep-alive client, nothing stored',
      target: '>= 3000/s, ratio >= 0.9 (issue 22)',
      deliveries: COUNT,
      in_flight: IN_FLIGHT,
      durability: 'WAL, synchronous=NORMAL; attempts and event states committed in batches; WAL checkpoints in their worker thread (as serve and the console run)',
      ...machine,
    }),
  );
  const latency = await commitToAttempt(receiver.url);
  console.log(
    JSON.stringify({
      bench: 'webhooks.commit_to_first_attempt_p99',
      value: Number(latency.p99.toFixed(1)),
      unit: 'ms',
      baseline: Number(latency.p50.toFixed(1)),
      ratio: Number((latency.p99 / latency.p50).toFixed(2)),
      baseline_of: 'p50 of the same run',
      max: Number(latency.max.toFixed(1)),
      events: latency.events,
      rate_per_second: LATENCY_RATE,
      target: '< 100 ms',
      ...machine,
    }),
  );
} finally {
  await stopReceiver(receiver);
}
