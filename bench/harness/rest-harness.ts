// The REST profiling harness's way into the platform core (bench/profile-rest.mjs), built with it into
// dist/tools/rest-harness.cjs (scripts/build.mjs) so it runs the built code: it opens a data folder with the
// demo data, starts the real platform server on loopback (for the OAuth pages that hand out tokens) and
// gives back that server's own request listener, so a request can be driven through exactly what
// `partnerdeck serve` runs without a socket (light-my-request), where CPU time per request is not smeared by
// the machine's scheduling of a client and a server process.
import * as http from 'node:http';
import { join } from 'node:path';
import { OPERATOR } from '../../src-main/core/access';
import { openPlatform } from '../../src-main/areas';
import { internalsOf } from '../../src-main/core/platform-internals';
import { seedDemoIfEmpty } from '../../src-main/core/seed/demo-seed';
import { createKeyFileSecretStore } from '../../src-main/core/secrets/key-file-secret-store';
import { startPlatformServer } from '../../src-main/core/server/platform-server';
import { startWebhookDispatcher } from '../../src-main/core/webhooks/webhook-dispatcher';
import { defaultWebhookWorkerPath } from '../../src-main/core/webhooks/webhook-worker-path';
import { defaultCheckpointWorkerPath } from '../../src-main/core/db/wal-checkpointer';
import { OAUTH_SCOPES } from '../../src-shared/domain/oauth-scopes';

export interface RestHarness {
  url: string;
  port: number;
  /** The platform server's request listener (the same function its node:http server calls). */
  listener: http.RequestListener;
  /** The listener of a second platform server on the same platform with the list answer cache off (`serve --no-list-cache`). */
  uncachedListener: http.RequestListener;
  uncachedPort: number;
  /** The SQLite file the platform serves (the Fastify peer opens the same file). */
  databaseFile: string;
  /** An app of the demo developer (Kawaii Stationery), redirecting to `redirectUri`, every scope. */
  app: { clientId: string; clientSecret: string };
  /** The demo shop the tokens are for (Alpenglück). */
  shopCompanyId: number;
  /** Each write of the API request log's batch: [start (performance.now()), duration ms, rows]. */
  apiLogFlushes: [number, number, number][];
  close(): Promise<void>;
}

export interface RestHarnessOptions {
  /** Run what `partnerdeck serve` runs beside the server: the WAL checkpoint worker and the webhook dispatcher. */
  serveLike?: boolean;
}

export async function openRestHarness(dataDir: string, redirectUri: string, options: RestHarnessOptions = {}): Promise<RestHarness> {
  const platform = openPlatform({ dataDir, secretStore: createKeyFileSecretStore(join(dataDir, 'secret.key')) });
  seedDemoIfEmpty(platform);
  const core = internalsOf(platform);
  const checkpointer = options.serveLike ? platform.startWalCheckpointer({ workerPath: defaultCheckpointWorkerPath(__dirname) }) : null;
  if (checkpointer && !(await checkpointer.ready)) throw new Error('the WAL checkpoint worker did not start');
  const dispatcher = options.serveLike ? startWebhookDispatcher(platform, { workerPath: defaultWebhookWorkerPath(__dirname) }) : null;
  // The listener is private to startPlatformServer: take it from the server it starts listening.
  const created: http.Server[] = [];
  const listen = http.Server.prototype.listen;
  http.Server.prototype.listen = function (this: http.Server, ...args: unknown[]) {
    created.push(this);
    return (listen as (...a: unknown[]) => http.Server).apply(this, args);
  } as typeof listen;
  let server: Awaited<ReturnType<typeof startPlatformServer>>;
  let uncached: Awaited<ReturnType<typeof startPlatformServer>>;
  try {
    server = await startPlatformServer(platform, { version: 'bench', docsFile: null });
    uncached = await startPlatformServer(platform, { version: 'bench', docsFile: null, listCache: false });
  } finally {
    http.Server.prototype.listen = listen;
  }
  const [listener] = created[0].listeners('request') as http.RequestListener[];
  const [uncachedListener] = created[1].listeners('request') as http.RequestListener[];
  // The request log's batch writes, timed (the profile scripts look for them behind slow requests).
  const apiLogFlushes: [number, number, number][] = [];
  const apiLog = core.apiLog;
  const flush = apiLog.flush.bind(apiLog);
  const lastId = () => core.db.prepare('SELECT coalesce(max(id), 0) FROM api_requests').pluck().get() as number;
  apiLog.flush = () => {
    const before = lastId();
    const started = performance.now();
    flush();
    apiLogFlushes.push([started, performance.now() - started, lastId() - before]);
  };
  const companyId = (name: string) => core.db.prepare('SELECT id FROM companies WHERE name = ?').pluck().get(name) as number;
  const { app, clientSecret } = platform.apps.create(OPERATOR, {
    companyId: companyId('Kawaii Stationery KK'),
    name: 'REST profile',
    redirectUris: [redirectUri],
    scopes: [...OAUTH_SCOPES],
    authorizationUrl: null,
    startUrl: null,
    developerEmail: 'dev@kawaii-stationery.example',
  });
  return {
    url: server.url,
    port: server.port,
    listener,
    uncachedListener,
    uncachedPort: uncached.port,
    databaseFile: join(dataDir, 'partnerdeck.sqlite'),
    app: { clientId: app.clientId, clientSecret },
    shopCompanyId: companyId('Alpenglück Naturkosmetik GmbH'),
    apiLogFlushes,
    async close() {
      await server.close();
      await uncached.close();
      await dispatcher?.stop();
      await checkpointer?.stop();
      platform.close();
    },
  };
}
