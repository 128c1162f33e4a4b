// Crash soaks (issue 16, a release gate: README "Releasing"). `npm run soak -- --help` for the options.
//
// `webhooks`: a real `partnerdeck serve` (the webhook dispatcher with it) is killed with SIGKILL at random moments,
// N times, while another process keeps creating customers through the shop service (each commits its
// customer/create event with it; that process is killed now and then too) and a receiver on 127.0.0.1 takes the
// deliveries, some of them slowly so that attempts are in flight when the kill comes.
// `writers` (two processes): the same serve killed at random while CLI writers (`partnerdeck trigger
// customer/create|order/create`, W at a time) write the same folder; every one of them must succeed.
//
// After the last kill a serve runs until the run's events are delivered. Then, counting only what this run made
// (so that it also runs on a folder with earlier data, --data-dir): every event of the run's hooks was received at
// least once, with a valid signature; every customer and order the run made has its event and no event lacks its
// object; no write failed; PRAGMA integrity_check is ok; duplicates are counted. Prints one JSON line and exits
// non-zero when a check fails. Needs `npm run build` first.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';

const wallStarted = Date.now();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'bin', 'partnerdeck.cjs');
const HARNESS = join(root, 'dist', 'tools', 'webhooks-harness.cjs');

const HELP = `Usage: npm run soak -- webhooks|writers [options]

Crash soaks of a data folder, against the built code (npm run build first). A real \`partnerdeck serve\` is
killed with SIGKILL --kills times: every other kill at a random moment of its start (150-1200 ms after
it answered), the others 0-600 ms after its first delivery arrived, while events are made
and delivered to a receiver on 127.0.0.1 that checks every signature; then one serve delivers what is left.
Prints one JSON line (kills, events, delivered, lost, duplicates, failed_writes, integrity_check, seconds)
and exits 1 when anything the run made was lost or not delivered, a write failed, a signature was wrong, an
object lacks its event, or the database is not intact.

Scenarios:
  webhooks   a second process creates customers through the shop service at --rate per second (it is
             itself killed every 20th kill)
  writers    two processes: --writers CLI writers at a time (\`partnerdeck trigger customer/create\` and
             \`order/create\`) write the folder while the serve is killed; every write must succeed

Options:
  --kills N          how many times the serve is killed (default 20)
  --rate R           webhooks: customers made per second (default 150)
  --writers W        writers: CLI writers running at once (default 2)
  --data-dir DIR     use this folder (created if missing, kept afterwards); it may hold earlier data: only
                     what this run makes is counted. It must not be open in another PartnerDeck.
                     Default: a new temporary folder, removed afterwards
  --keep             keep the temporary folder (its path goes to stderr)
  -h, --help         show this help

Release gate (README "Releasing"): on the release machine, both must exit 0:
  npm run soak -- webhooks --kills 1000
  npm run soak -- writers --kills 200
Record their JSON lines in docs/performance.md ("Crash soaks"). \`npm test\` runs a small run of each
(test/integration/soak.test.ts).`;

let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    options: {
      kills: { type: 'string' },
      rate: { type: 'string' },
      writers: { type: 'string' },
      'data-dir': { type: 'string' },
      keep: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
} catch (error) {
  console.error(`soak: ${error.message} (npm run soak -- --help)`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const SCENARIO = positionals[0];
if (SCENARIO !== 'webhooks' && SCENARIO !== 'writers') {
  console.error('usage: npm run soak -- webhooks|writers [--kills N] [--rate R] [--writers W] [--data-dir DIR] [--keep] (--help for more)');
  process.exit(2);
}
const KILLS = Number(values.kills ?? 20);
const RATE = Number(values.rate ?? 150);
const WRITERS = Number(values.writers ?? 2);
if (!Number.isInteger(KILLS) || KILLS < 1 || !Number.isFinite(RATE) || RATE <= 0 || !Number.isInteger(WRITERS) || WRITERS < 1) {
  console.error('soak: --kills and --writers must be positive whole numbers and --rate a positive number');
  process.exit(2);
}
if (!existsSync(HARNESS)) {
  console.error('soak: dist/ is missing; run `npm run build` first');
  process.exit(1);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (min, max) => min + Math.random() * (max - min);
const log = (line) => process.stderr.write(`soak: ${line}\n`);
const sum = (values) => values.reduce((a, b) => a + b, 0);

// ---- the receiver ---------------------------------------------------------------------------------
const received = new Map();
let invalid = 0;
let verifier = null;
const receiver = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    try {
      verifier.verify(body, headers);
    } catch {
      invalid += 1;
    }
    const id = headers['webhook-id'];
    received.set(id, (received.get(id) ?? 0) + 1);
    // Every tenth answer takes a while, so that kills find attempts in flight.
    if (Math.random() < 0.1) await sleep(between(5, 60));
    res.writeHead(200, { 'Content-Length': 0 });
    res.end();
  });
});
receiver.keepAliveTimeout = 60_000;
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${receiver.address().port}/soak`;

// ---- processes ------------------------------------------------------------------------------------
const temporary = values['data-dir'] ? null : mkdtempSync(join(tmpdir(), 'pd-soak-'));
const dataDir = values['data-dir'] ? resolve(values['data-dir']) : join(temporary, 'data');
mkdirSync(dataDir, { recursive: true, mode: 0o700 });

function run(args) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c.toString()));
  child.stderr.on('data', (c) => (stderr += c.toString()));
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, lines, exited, stdout: () => stdout, stderr: () => stderr };
}

function firstLine(proc, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} printed nothing within 60 s: ${proc.stderr()}`)), 60_000);
    proc.lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line));
    });
    proc.exited.then(({ code }) => reject(new Error(`${what} exited (${code}) before its first line: ${proc.stderr()}`)));
  });
}

async function kill(proc) {
  if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
  await proc.exited;
}

const openDb = () => new Database(join(dataDir, 'partnerdeck.sqlite'), { readonly: true, fileMustExist: true });

const setup = run([HARNESS, 'setup', '--data-dir', dataDir, '--receiver', receiverUrl, '--companies', '2']);
const fixture = await firstLine(setup, 'setup');
await setup.exited;
verifier = new Webhook(fixture.secret, { format: 'raw' });
// What the run makes is counted from here: events of this run's hooks, customers and orders above these ids (a
// folder may hold earlier data: the seeded demo's customers, earlier runs' hooks, events and customers).
const before = (() => {
  const db = openDb();
  try {
    const max = (table) => db.prepare(`SELECT coalesce(max(id), 0) FROM ${table}`).pluck().get();
    return { customers: max('customers'), orders: max('orders'), events: max('webhook_events') };
  } finally {
    db.close();
  }
})();

// ---- what writes while the serve is killed --------------------------------------------------------
let producerKills = 0;
const writes = { done: 0, failed: 0, failures: [] };
let producer = null;
const startProducer = () => run([HARNESS, 'produce', '--data-dir', dataDir, '--companies', fixture.companyIds.join(','), '--rate', String(RATE)]);
let writersStopping = false;
const writerLoops = [];
async function cliWriter(index) {
  for (let n = 0; !writersStopping; n++) {
    const topic = n % 2 === 0 ? 'customer/create' : 'order/create';
    const companyId = fixture.companyIds[(index + n) % fixture.companyIds.length];
    const proc = run([BIN, 'trigger', topic, '--company', String(companyId), '--data-dir', dataDir, '--json']);
    const { code, signal } = await proc.exited;
    if (code === 0) writes.done += 1;
    else {
      writes.failed += 1;
      if (writes.failures.length < 5) writes.failures.push(`${topic} exited ${code ?? signal}: ${proc.stderr().trim().split('\n')[0] ?? ''}`);
    }
  }
}
if (SCENARIO === 'webhooks') producer = startProducer();
else for (let i = 0; i < WRITERS; i++) writerLoops.push(cliWriter(i));

// SIGINT/SIGTERM: no more kills; what was made is delivered and reported (a stopped run does not pass). Twice: quit.
let stopRequested = false;
const onStop = () => {
  if (stopRequested) process.exit(130);
  stopRequested = true;
  log('stopping after this kill: delivering what is left, then the report (once more to quit at once)');
};
process.on('SIGINT', onStop);
process.on('SIGTERM', onStop);

const started = Date.now();
let servesKilledWhileDelivering = 0;
let killsDone = 0;
for (let k = 1; k <= KILLS && !stopRequested; k++) {
  const serve = run([BIN, 'serve', '--data-dir', dataDir, '--seed', 'none', '--port', '0']);
  await firstLine(serve, `serve #${k}`);
  const receivedBefore = sum([...received.values()]);
  if (k % 2 === 1) {
    // Odd kills come at a random moment of the start: the lease, the worker starting, the first batches.
    await sleep(between(150, 1200));
  } else {
    // Even kills come while it delivers: once its first delivery arrived (at most 30 s), 0-600 ms later. On a busy
    // machine a serve can take longer than the odd kills' window to start dispatching at all.
    const deadline = Date.now() + 30_000;
    while (sum([...received.values()]) === receivedBefore && Date.now() < deadline) await sleep(10);
    await sleep(between(0, 600));
  }
  if (sum([...received.values()]) > receivedBefore) servesKilledWhileDelivering += 1;
  await kill(serve);
  killsDone = k;
  // Now and then the producer dies in the middle of a change too.
  if (producer && k % 20 === 0) {
    await kill(producer);
    producerKills += 1;
    producer = startProducer();
  }
  if (k % 10 === 0) log(`${k}/${KILLS} kills, ${received.size} events received so far${SCENARIO === 'writers' ? `, ${writes.done} writes (${writes.failed} failed)` : ''}`);
}

// ---- drain ----------------------------------------------------------------------------------------
if (producer) {
  producer.child.kill('SIGTERM');
  await producer.exited;
}
writersStopping = true;
await Promise.all(writerLoops);
const hookList = fixture.hookIds.join(', ');
const runEvents = `FROM webhook_events WHERE id > ${Number(before.events)} AND webhook_id IN (${hookList})`;
const final = run([BIN, 'serve', '--data-dir', dataDir, '--seed', 'none', '--port', '0']);
await firstLine(final, 'the final serve');
const db = openDb();
const queued = () => db.prepare(`SELECT count(*) ${runEvents} AND state = 'queued'`).pluck().get();
const drainDeadline = Date.now() + 180_000;
while (queued() > 0 && Date.now() < drainDeadline) await sleep(200);
final.child.kill('SIGTERM');
await final.exited;

// ---- checks ---------------------------------------------------------------------------------------
const events = db.prepare(`SELECT id, webhook_id, message_id, state ${runEvents}`).all();
const known = new Set(events.map((e) => e.message_id));
const lost = events.filter((e) => !received.has(e.message_id)).length;
const notDelivered = events.filter((e) => e.state !== 'delivered').length;
const unknownReceived = [...received.keys()].filter((id) => !known.has(id)).length;
const duplicates = sum([...received.values()].map((n) => n - 1));
const integrity = db.pragma('integrity_check', { simple: true });
// Each of the run's hooks has exactly one event per object the run made in its company.
const madeBy = (table, after) =>
  new Map(db.prepare(`SELECT company_id, count(*) AS n FROM ${table} WHERE id > ? GROUP BY company_id`).all(after).map((r) => [r.company_id, r.n]));
const made = { 'customer/create': madeBy('customers', before.customers), 'order/create': madeBy('orders', before.orders) };
const hooks = db.prepare(`SELECT id, company_id, topic FROM webhooks WHERE id IN (${hookList})`).all();
const eventsByHook = new Map(db.prepare(`SELECT webhook_id, count(*) AS n ${runEvents} GROUP BY webhook_id`).all().map((r) => [r.webhook_id, r.n]));
const outboxMismatches = hooks.filter((h) => (made[h.topic]?.get(h.company_id) ?? 0) !== (eventsByHook.get(h.id) ?? 0)).length;
const sumMade = (topic) => sum(fixture.companyIds.map((id) => made[topic].get(id) ?? 0));
const attempts = db.prepare(`SELECT count(*) FROM webhook_attempts WHERE event_id IN (SELECT id ${runEvents})`).pluck().get();
db.close();

const report = {
  soak: SCENARIO,
  kills: killsDone,
  ...(killsDone < KILLS ? { kills_asked: KILLS, stopped_early: true } : {}),
  serve_kills_during_delivery: servesKilledWhileDelivering,
  ...(SCENARIO === 'webhooks' ? { producer_kills: producerKills } : { writers: WRITERS, writes: writes.done, failed_writes: writes.failed }),
  customers_made: sumMade('customer/create'),
  orders_made: sumMade('order/create'),
  events: events.length,
  delivered: events.length - notDelivered,
  lost,
  not_delivered: notDelivered,
  received: sum([...received.values()]),
  duplicates,
  duplicate_rate: events.length ? Number((duplicates / events.length).toFixed(4)) : 0,
  attempts_logged: attempts,
  unknown_received: unknownReceived,
  invalid_signatures: invalid,
  outbox_mismatches: outboxMismatches,
  integrity_check: integrity,
  earlier_events: before.events,
  seconds: Math.round((Date.now() - started) / 1000),
  wall_seconds: Math.round((Date.now() - wallStarted) / 1000),
};
console.log(JSON.stringify(report));
for (const failure of writes.failures) log(`failed write: ${failure}`);
receiver.close();
receiver.closeAllConnections();
if (temporary && !values.keep) rmSync(temporary, { recursive: true, force: true });
else log(`the data folder: ${dataDir}`);
const ok =
  killsDone === KILLS && events.length > 0 && lost === 0 && notDelivered === 0 && invalid === 0 && outboxMismatches === 0 && unknownReceived === 0 && integrity === 'ok' && writes.failed === 0;
if (!ok) log('FAILED: see the report above');
process.exit(ok ? 0 : 1);
