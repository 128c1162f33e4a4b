// The webhook benchmark's and crash soak's way into the platform core, built with it into
// dist/tools/webhooks-harness.cjs (scripts/build.mjs), so both run against the built code:
//   - as a library (bench/webhooks.mjs): open a data folder, register an app and hooks, queue events,
//     start the real dispatcher (worker from dist/worker/), observe its attempts;
//   - as a process (scripts/soak.mjs): `setup` registers the fixture and prints it as JSON; `produce` creates
//     customers through the shop service at a steady rate (each commits its webhook event with it) until
//     it is stopped or killed.
import { join } from 'node:path';
import { OPERATOR } from '../../src-main/core/access';
import type { CorePlatform } from '../../src-main/core/platform';
import { internalsOf } from '../../src-main/core/platform-internals';
import { openPlatform } from '../../src-main/areas';
import { seedDemoIfEmpty } from '../../src-main/core/seed/demo-seed';
import { createKeyFileSecretStore } from '../../src-main/core/secrets/key-file-secret-store';
import { startWebhookDispatcher, type WebhookDispatcher, type WebhookDispatcherOptions } from '../../src-main/core/webhooks/webhook-dispatcher';
import { WEBHOOK_USER_AGENT } from '../../src-main/core/webhooks/webhook-worker-protocol';
import { buildWebhookRequest } from '../../src-main/core/webhooks/webhook-signing';
import { defaultWebhookWorkerPath } from '../../src-main/core/webhooks/webhook-worker-path';
import { defaultCheckpointWorkerPath } from '../../src-main/core/db/wal-checkpointer';
import { unsignedPayloadJson } from '../../src-shared/domain/webhooks';

export { buildWebhookRequest, unsignedPayloadJson };
/** The dispatcher's User-Agent: the benchmark's bare loop sends the same requests. */
export const HARNESS_USER_AGENT = WEBHOOK_USER_AGENT;

/** The core's view of the platform (internalsOf): the harness queues events and reads rows directly. */
export function openHarnessPlatform(dataDir: string, seed: 'demo' | 'none' = 'demo'): CorePlatform {
  const platform = openPlatform({ dataDir, secretStore: createKeyFileSecretStore(join(dataDir, 'secret.key')) });
  if (seed === 'demo') seedDemoIfEmpty(platform);
  return internalsOf(platform);
}

export interface Fixture {
  companyIds: number[];
  appId: number;
  secret: string;
  hookIds: number[];
}

/** An app of a demo shop and one customer/create and order/create hook per company, all to `receiverUrl`. */
export function registerFixture(platform: CorePlatform, receiverUrl: string, companies = 1): Fixture {
  const shops = platform.db.prepare('SELECT id FROM companies WHERE is_partner = 0 AND is_sample = 0 ORDER BY id LIMIT ?').pluck().all(companies) as number[];
  const { app, clientSecret } = platform.apps.create(OPERATOR, {
    companyId: shops[0],
    name: 'Harness app',
    redirectUris: ['http://127.0.0.1:9/callback'],
    scopes: ['customers', 'orders', 'webhooks'],
    authorizationUrl: null,
    startUrl: null,
    developerEmail: 'harness@example.test',
  });
  const hookIds: number[] = [];
  for (const companyId of shops) {
    // Hooks exist only while the company authorizes the app (as an OAuth consent or an install does).
    platform.ctx.transact((emit) => platform.authorizations.grant(emit, { appId: app.id, companyId, user: null, scopes: ['customers', 'orders', 'webhooks'] }));
    for (const topic of ['customer/create', 'order/create']) {
      hookIds.push(platform.webhooks.create({ appId: app.id, companyId }, { address: `${receiverUrl}/${companyId}/${topic}`, topic }).id);
    }
  }
  return { companyIds: shops, appId: app.id, secret: clientSecret, hookIds };
}

/** Queues `count` order/create events, `perTransaction` to a commit; returns the commit time (wall ms) of each event id. */
export function queueOrders(platform: CorePlatform, companyId: number, count: number, perTransaction: number, firstOrderId = 1): Map<number, number> {
  const committed = new Map<number, number>();
  for (let done = 0; done < count; ) {
    const batch = Math.min(perTransaction, count - done);
    platform.ctx.transact((emit) => {
      for (let i = 0; i < batch; i++) emit('order.created', { companyId, id: firstOrderId + done + i });
    });
    const at = performance.timeOrigin + performance.now();
    const last = platform.repos.webhookDelivery.maxEventId();
    for (let id = last - batch + 1; id <= last; id++) committed.set(id, at);
    done += batch;
  }
  return committed;
}

export function startHarnessDispatcher(platform: CorePlatform, options: WebhookDispatcherOptions = {}): WebhookDispatcher {
  return startWebhookDispatcher(platform, { workerPath: defaultWebhookWorkerPath(__dirname), ...options });
}

/** The WAL checkpoint worker every running platform (serve, the console, the desktop app) starts beside the
 * dispatcher, so commits do not copy the log into the database and fsync it themselves; resolves once it runs. */
export async function startHarnessCheckpointer(platform: CorePlatform): Promise<{ stop(): Promise<void> }> {
  const checkpointer = platform.startWalCheckpointer({ workerPath: defaultCheckpointWorkerPath(__dirname) });
  if (!(await checkpointer.ready)) throw new Error('the WAL checkpoint worker did not start');
  return checkpointer;
}

export function harnessWorkerPath(): string {
  return defaultWebhookWorkerPath(__dirname);
}

function flag(args: string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

/** `produce`: customers through the real service, `rate` a second, until SIGTERM (finishes the current one). */
async function produce(dataDir: string, companyIds: number[], rate: number): Promise<void> {
  const platform = openHarnessPlatform(dataDir, 'none');
  let stopping = false;
  process.once('SIGTERM', () => (stopping = true));
  process.once('SIGINT', () => (stopping = true));
  let made = 0;
  const started = Date.now();
  while (!stopping) {
    const companyId = companyIds[made % companyIds.length];
    const tag = `${process.pid}-${made}-${platform.ids.hex(3)}`;
    platform.customers.create(OPERATOR, companyId, {
      email: `soak-${tag}@example.test`,
      name: `Soak ${tag}`,
      phone: '',
      street: '',
      city: '',
      postalCode: '',
      country: '',
      acceptsMarketing: false,
      note: '',
    });
    made += 1;
    const due = started + (made * 1000) / rate;
    const wait = due - Date.now();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
  }
  platform.close();
  process.stdout.write(JSON.stringify({ produced: made }) + '\n');
}

async function main(args: string[]): Promise<void> {
  const dataDir = flag(args, 'data-dir');
  if (!dataDir) throw new Error('--data-dir is required');
  if (args[0] === 'setup') {
    const platform = openHarnessPlatform(dataDir, 'demo');
    try {
      const fixture = registerFixture(platform, flag(args, 'receiver') ?? 'http://127.0.0.1:9', Number(flag(args, 'companies') ?? 2));
      process.stdout.write(JSON.stringify(fixture) + '\n');
    } finally {
      platform.close();
    }
  } else if (args[0] === 'produce') {
    await produce(dataDir, (flag(args, 'companies') ?? '').split(',').map(Number), Number(flag(args, 'rate') ?? 200));
  } else {
    throw new Error(`unknown mode ${args[0]} (setup, produce)`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`webhooks-harness: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
