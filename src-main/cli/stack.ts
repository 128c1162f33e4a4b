// Starting the pieces the CLI runs: the platform on a data folder (with the key-file secret store), and
// the browser-mode stack (platform + webhook dispatcher + platform server + console service + browser host).
import { join } from 'node:path';
import { createConsoleService } from '../console/console-service';
import { createJsonFilePrefs } from '../console/prefs';
import { APP_VERSION } from '../console/version';
import { PREFS_FILE_NAME, SECRET_KEY_FILE_NAME } from '../core/paths';
import { openPlatform, type Platform, type SeedChoice } from '../core/platform';
import { createKeyFileSecretStore } from '../core/secrets/key-file-secret-store';
import { startWalCheckpointer } from '../core/db/wal-checkpointer';
import { startPlatformServer } from '../core/server/platform-server';
import { startWebhookDispatcher } from '../core/webhooks/webhook-dispatcher';
import { startBrowserHost, type BrowserHost } from '../host/browser-host';

export function openCliPlatform(dataDir: string, seed: SeedChoice): Platform {
  return openPlatform({ dataDir, seed, secretStore: createKeyFileSecretStore(join(dataDir, SECRET_KEY_FILE_NAME)) });
}

export interface ConsoleStack {
  platform: Platform;
  host: BrowserHost;
  platformUrl: string;
  secretWarning: string | null;
  close(): Promise<void>;
}

export async function startConsoleStack(options: { dataDir: string; port: number; seed: SeedChoice; rendererDir?: string }): Promise<ConsoleStack> {
  const platform = openCliPlatform(options.dataDir, options.seed);
  const checkpointer = startWalCheckpointer(platform.db);
  const dispatcher = startWebhookDispatcher(platform);
  const server = await startPlatformServer(platform, { version: APP_VERSION });
  const consoleService = createConsoleService({
    platform,
    prefs: createJsonFilePrefs(join(options.dataDir, PREFS_FILE_NAME)),
    host: 'browser',
    platformUrl: server.url,
  });
  const host = await startBrowserHost({
    console: consoleService,
    rendererDir: options.rendererDir ?? join(__dirname, '..', 'renderer'),
    port: options.port,
  });
  return {
    platform,
    host,
    platformUrl: server.url,
    secretWarning: platform.secrets.warning,
    async close() {
      await host.close();
      consoleService.close();
      await server.close();
      await dispatcher.stop();
      await checkpointer.stop();
      platform.close();
    },
  };
}
