// Crash soak: `npm run soak -- webhooks --kills N [--rate R]`. A real `partnerdeck serve` (the webhook
// dispatcher with it) is killed with SIGKILL at random moments, N times, while another process keeps
// creating customers through the shop service (each commits its customer/create event with it; that
// process is killed now and then too) and a receiver on 127.0.0.1 takes the deliveries, some of them
// slowly so that attempts are in flight when the kill comes. After the last kill a serve runs until the
// queue is empty. Then: every committed event was received at least once, with valid signatures; every
// customer the run made (the demo's own customers predate the hooks and have no event) has its event, and no
// event lacks its customer; PRAGMA integrity_check is ok; duplicates are counted. Prints one JSON line and
// exits non-zero when a check fails. Needs `npm run build` first.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';

const wallStarted = Date.now();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'bin', 'partnerdeck.cjs');
const HARNESS = join(root, 'dist', 'tools', 'webhooks-harness.cjs');

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: { kills: { type: 'string' }, rate: { type: 'string' }, keep: { type: 'boolean' } },
  allowPositionals: true,
});
if (positionals[0] !== 'webhooks') {
  console.error('usage: npm run soak -- webhooks --kills N [--rate EVENTS_PER_SECOND] [--keep]');
  process.exit(2);
}
const KILLS = Number(values.kills ?? 20);
const RATE = Number(values.rate ?? 150);
if (!Number.isInteger(KILLS) || KILLS < 1 || !Number.isFinite(RATE) || RATE <= 0) {
  console.error('soak: --kills must be a positive whole number and --rate a positive number');
  process.exit(2);
}
if (!existsSync(HARNESS)) {
  console.error('soak: dist/ is missing; run `npm run build` first');
  process.exit(1);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (min, max) => min + Math.random() * (max - min);
const log = (line) => process.stderr.write(`soak: ${line}\n`);

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
const dir = mkdtempSync(join(tmpdir(), 'pd-soak-'));
const dataDir = join(dir, 'data');

function run(args) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c.toString()));
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, lines, exited, stderr: () => stderr };
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

const setup = run([HARNESS, 'setup', '--data-dir', dataDir, '--receiver', receiverUrl, '--companies', '2']);
const fixture = await firstLine(setup, 'setup');
await setup.exited;
verifier = new Webhook(fixture.secret, { format: 'raw' });
// What the run makes is counted from here: customers above this id (the seeded demo's came before any hook).
const customersBefore = (() => {
  const db = new Database(join(dataDir, 'partnerdeck.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT coalesce(max(id), 0) FROM customers').pluck().get();
  } finally {
    db.close();
  }
})();

let producerKills = 0;
const producers = [];
const startProducer = () => {
  const proc = run([HARNESS, 'produce', '--data-dir', dataDir, '--companies', fixture.companyIds.join(','), '--rate', String(RATE)]);
  producers.push(proc);
  return proc;
};
let producer = startProducer();

const started = Date.now();
let servesKilledWhileDelivering = 0;
for (let k = 1; k <= KILLS; k++) {
  const serve = run([BIN, 'serve', '--data-dir', dataDir, '--seed', 'none', '--port', '0']);
  await firstLine(serve, `serve #${k}`);
  const before = [...received.values()].reduce((a, b) => a + b, 0);
  await sleep(between(150, 1200));
  if ([...received.values()].reduce((a, b) => a + b, 0) > before) servesKilledWhileDelivering += 1;
  await kill(serve);
  // Now and then the producer dies in the middle of a change too.
  if (k % 20 === 0) {
    await kill(producer);
    producerKills += 1;
    producer = startProducer();
  }
  if (k % 10 === 0) log(`${k}/${KILLS} kills, ${received.size} events received so far`);
}

// ---- drain ----------------------------------------------------------------------------------------
producer.child.kill('SIGTERM');
await producer.exited;
const final = run([BIN, 'serve', '--data-dir', dataDir, '--seed', 'none', '--port', '0']);
await firstLine(final, 'the final serve');
const db = new Database(join(dataDir, 'partnerdeck.sqlite'), { readonly: true, fileMustExist: true });
const queued = () => db.prepare("SELECT count(*) FROM webhook_events WHERE state = 'queued'").pluck().get();
const drainDeadline = Date.now() + 180_000;
while (queued() > 0 && Date.now() < drainDeadline) await sleep(200);
final.child.kill('SIGTERM');
await final.exited;

// ---- checks ---------------------------------------------------------------------------------------
const events = db.prepare('SELECT id, webhook_id, company_id, message_id, state FROM webhook_events').all();
const known = new Set(events.map((e) => e.message_id));
const lost = events.filter((e) => !received.has(e.message_id)).length;
const notDelivered = events.filter((e) => e.state !== 'delivered').length;
const unknownReceived = [...received.keys()].filter((id) => !known.has(id)).length;
const duplicates = [...received.values()].reduce((sum, n) => sum + (n - 1), 0);
const integrity = db.pragma('integrity_check', { simple: true });
const customersByCompany = new Map(db.prepare('SELECT company_id, count(*) AS n FROM customers WHERE id > ? GROUP BY company_id').all(customersBefore).map((r) => [r.company_id, r.n]));
const customersMade = [...customersByCompany.values()].reduce((a, b) => a + b, 0);
const customerHooks = db.prepare("SELECT id, company_id FROM webhooks WHERE topic = 'customer/create'").all();
const eventsByHook = new Map(db.prepare('SELECT webhook_id, count(*) AS n FROM webhook_events GROUP BY webhook_id').all().map((r) => [r.webhook_id, r.n]));
const outboxMismatches = customerHooks.filter((h) => (customersByCompany.get(h.company_id) ?? 0) !== (eventsByHook.get(h.id) ?? 0)).length;
const attempts = db.prepare('SELECT count(*) FROM webhook_attempts').pluck().get();
db.close();

const report = {
  soak: 'webhooks',
  kills: KILLS,
  serve_kills_during_delivery: servesKilledWhileDelivering,
  producer_kills: producerKills,
  customers_made: customersMade,
  events: events.length,
  delivered: events.length - notDelivered,
  lost,
  not_delivered: notDelivered,
  received: [...received.values()].reduce((a, b) => a + b, 0),
  duplicates,
  duplicate_rate: events.length ? Number((duplicates / events.length).toFixed(4)) : 0,
  attempts_logged: attempts,
  unknown_received: unknownReceived,
  invalid_signatures: invalid,
  outbox_mismatches: outboxMismatches,
  integrity_check: integrity,
  seconds: Math.round((Date.now() - started) / 1000),
  wall_seconds: Math.round((Date.now() - wallStarted) / 1000),
};
console.log(JSON.stringify(report));
receiver.close();
receiver.closeAllConnections();
if (!values.keep) rmSync(dir, { recursive: true, force: true });
else log(`kept the data folder: ${dataDir}`);
const ok = events.length > 0 && lost === 0 && notDelivered === 0 && invalid === 0 && outboxMismatches === 0 && unknownReceived === 0 && integrity === 'ok';
if (!ok) log('FAILED: see the report above');
process.exit(ok ? 0 : 1);
