// Test helpers for webhooks: the dispatcher's worker built from the current source (so tests never run a
// stale dist/), apps and hooks registered through the apps and webhooks services,
// and a receiver on 127.0.0.1 that records every request and answers as the test says.
import { buildSync } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPERATOR } from '../../src-main/core/access';
import { createClock } from '../../src-main/core/clock';
import { cryptoIds } from '../../src-main/core/ids';
import type { CorePlatform, SeedChoice } from '../../src-main/core/platform';
import { openPlatformIn, tempDir } from './platform';
import { startWebhookDispatcher, type WebhookDispatcher, type WebhookDispatcherOptions } from '../../src-main/core/webhooks/webhook-dispatcher';

const ROOT = join(__dirname, '..', '..');
let builtWorker: string | null = null;

/** Bundles src-main/core/webhooks/webhook-worker.ts once per test process and returns its path. */
export function testWorkerPath(): string {
  if (builtWorker) return builtWorker;
  const out = join(mkdtempSync(join(tmpdir(), 'pd-worker-')), 'webhook-worker.cjs');
  buildSync({
    entryPoints: [join(ROOT, 'src-main/core/webhooks/webhook-worker.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: out,
    logLevel: 'error',
  });
  builtWorker = out;
  return out;
}

export function startTestDispatcher(platform: CorePlatform, options: WebhookDispatcherOptions = {}): WebhookDispatcher {
  return startWebhookDispatcher(platform, { log: () => undefined, ...options, workerPath: options.workerPath ?? testWorkerPath() });
}

export interface TestApp {
  id: number;
  secret: string;
  clientId: string;
}

let appCounter = 0;

/** Registers an app through the apps service (sealed and hashed Shared Secret) in a shop company. */
export function insertApp(platform: CorePlatform, options: { companyId: number; name?: string; developerEmail?: string }): TestApp {
  appCounter += 1;
  const { app, clientSecret } = platform.apps.create(OPERATOR, {
    companyId: options.companyId,
    name: options.name ?? `Test app ${appCounter}`,
    redirectUris: ['http://127.0.0.1:9/callback'],
    scopes: ['orders', 'customers', 'products', 'webhooks'],
    authorizationUrl: null,
    startUrl: null,
    developerEmail: options.developerEmail ?? 'dev@app.example',
  });
  return { id: app.id, secret: clientSecret, clientId: app.clientId };
}

/**
 * The company authorizes the app (as an OAuth consent does) with the scopes every topic needs, unless it
 * already does: hooks need that.
 */
export function authorizeApp(platform: CorePlatform, appId: number, companyId: number): number {
  const active = platform.authorizations.findActive(appId, companyId);
  if (active) return active.id;
  return platform.ctx.transact((emit) => platform.authorizations.grant(emit, { appId, companyId, user: null, scopes: ['customers', 'orders', 'products', 'webhooks'] })).id;
}

/**
 * Registers a hook through the webhooks service (what POST /admin/webhooks.json does for a token's app and
 * company), authorizing the app for the company first if needed.
 */
export function insertHook(platform: CorePlatform, options: { appId: number; companyId: number; topic: string; address: string; isActive?: boolean }): number {
  authorizeApp(platform, options.appId, options.companyId);
  return platform.webhooks.create(
    { appId: options.appId, companyId: options.companyId },
    { address: options.address, topic: options.topic, is_active: options.isActive !== false },
  ).id;
}

/** A company with a shop (not a partner) from the demo seed, or a new one. */
export function shopCompanyId(platform: CorePlatform, index = 0): number {
  const ids = platform.db.prepare('SELECT id FROM companies WHERE is_partner = 0 ORDER BY id').pluck().all() as number[];
  if (ids[index] !== undefined) return ids[index];
  const now = platform.clock.now();
  return Number(
    platform.db.prepare("INSERT INTO companies (name, country, created_at, updated_at) VALUES (?, 'DE', ?, ?)").run(`Shop ${index}`, now, now).lastInsertRowid,
  );
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Remote port: the same for two requests means the connection was kept alive. */
  remotePort: number;
}

export type Answer = number | 'hang';

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  /** What the next requests get: an HTTP status, or no answer at all. */
  answer: Answer;
  /** Resolves once `count` requests have arrived in total. */
  waitForCount(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(initial: Answer = 200): Promise<Receiver> {
  const waiters: { count: number; resolve: () => void }[] = [];
  const hanging = new Set<() => void>();
  const receiver: Receiver = {
    url: '',
    requests: [],
    answer: initial,
    waitForCount(count) {
      if (receiver.requests.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () =>
      new Promise((resolve) => {
        for (const end of hanging) end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      receiver.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), remotePort: req.socket.remotePort ?? 0 });
      for (const waiter of waiters.splice(0)) {
        if (receiver.requests.length >= waiter.count) waiter.resolve();
        else waiters.push(waiter);
      }
      const answer = receiver.answer;
      if (answer === 'hang') {
        const end = () => res.destroy();
        hanging.add(end);
        res.on('close', () => hanging.delete(end));
        return;
      }
      res.writeHead(answer, { 'Content-Type': 'text/plain', ...(answer >= 300 && answer < 400 ? { Location: 'http://127.0.0.1:1/elsewhere' } : {}) });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  receiver.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks`;
  return receiver;
}

/**
 * A platform on a temporary folder with the real clock (webhook-timestamp must be close to the receiver's
 * real time for Standard Webhooks libraries to accept it), or on an existing folder to reopen it.
 */
export function openRealClockPlatform(dir: { path: string; remove(): void } = tempDir(), seed: SeedChoice = 'demo'): CorePlatform & { dir: string; dispose(): void } {
  return openPlatformIn(dir, seed, { clock: (store) => createClock(store), ids: cryptoIds });
}

/**
 * A real-clock platform with an app whose order/create hook for the first shop company points at a receiver
 * answering `answer`, and a dispatcher delivering; what it starts is handed to `cleanups` (run by the file's
 * afterEach, last first). `order(id)` raises order.created for that company.
 */
export async function startDeliveryRig(cleanups: (() => Promise<void> | void)[], answer: Answer = 200) {
  const platform = openRealClockPlatform();
  const receiver = await startReceiver(answer);
  cleanups.push(() => platform.dispose(), () => receiver.close());
  const company = shopCompanyId(platform);
  const app = insertApp(platform, { companyId: company, developerEmail: 'dev@example.test' });
  const hook = insertHook(platform, { appId: app.id, companyId: company, topic: 'order/create', address: receiver.url });
  const dispatcher = startTestDispatcher(platform);
  cleanups.push(() => dispatcher.stop());
  const order = (id: number) => platform.ctx.transact((emit) => emit('order.created', { companyId: company, id }));
  return { platform, receiver, company, app, hook, dispatcher, order };
}
