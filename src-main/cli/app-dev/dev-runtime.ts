// Where `partnerdeck app dev` runs the app against: a console already running on the data folder (found through
// its console.json; app dev asks it for launch links over its control endpoint), else a running `partnerdeck
// serve` (server.json; app dev starts only a console beside it), else its own platform and console. Joining
// never starts a second platform server or webhook dispatcher on the folder, so the platform URL in the app's
// .env stays the one the developer's other tools use.
import type { Platform, SeedChoice } from '../../core/platform';
import type { BrowserHost, LaunchDestination } from '../../host/browser-host';
import { CSRF_HEADER } from '../../../src-shared/api/contract';
import type { OpenableLink } from '../open-browser';
import type { ConsoleStack, ConsoleStackOptions } from '../stack';
import { readConsoleInfo, type ConsoleInfo } from '../stack';
import { readServerInfo } from '../commands/webhook-commands';

export interface DevRuntime {
  platform: Platform;
  platformUrl: string;
  /** The running process app dev joined (null: it runs its own platform and console). */
  joined: { kind: 'console' | 'serve'; url: string; pid: number | null } | null;
  /** A one-time console link leading to `destination` (the console signs in as its user and opens its screen). */
  consoleLink(destination: LaunchDestination): Promise<OpenableLink>;
  /** The platform may be made strict for this process only when app dev runs it itself. */
  ownsPlatform: boolean;
  notes: string[];
  close(): Promise<void>;
}

/** Whether a platform answers at `url` (its /health), within a second. */
async function platformAnswers(url: string): Promise<boolean> {
  try {
    const reply = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1500) });
    await reply.body?.cancel();
    return reply.ok;
  } catch {
    return false;
  }
}

/** Asks a running console for a launch link over its control endpoint (null: it did not answer as one). */
async function remoteLaunchLink(info: ConsoleInfo, destination: LaunchDestination): Promise<OpenableLink | null> {
  try {
    const reply = await fetch(`${info.consoleUrl}/control/launch-link`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [CSRF_HEADER]: '1', Authorization: `Bearer ${info.controlToken}` },
      body: JSON.stringify(destination),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await reply.json().catch(() => null)) as { ok?: boolean; result?: { url?: unknown; expiresAt?: unknown } } | null;
    const url = body?.ok ? body.result?.url : undefined;
    if (typeof url !== 'string') return null;
    const expiresAt = typeof body?.result?.expiresAt === 'number' ? body.result.expiresAt : Date.now() + 5 * 60_000;
    // The running console settles the link; here it only bounds how long the forwarding file is kept.
    const settled = new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now())).unref());
    return { url, settled };
  } catch {
    return null;
  }
}

function ownLink(host: BrowserHost, destination: LaunchDestination): Promise<OpenableLink> {
  return Promise.resolve(host.launchLink(destination));
}

export interface DevRuntimeDeps {
  dataDir: string;
  openPlatform(seed: SeedChoice): Platform;
  startConsoleStack(options: ConsoleStackOptions): Promise<ConsoleStack>;
}

export async function startDevRuntime(deps: DevRuntimeDeps, options: { port: number | undefined; seed: SeedChoice }): Promise<DevRuntime> {
  // 1. A console of this folder runs (partnerdeck console, or another app dev): join it.
  const consoleInfo = readConsoleInfo(deps.dataDir);
  if (consoleInfo && (await platformAnswers(consoleInfo.platformUrl)) && (await remoteLaunchLink(consoleInfo, { path: '/' }))) {
    const platform = deps.openPlatform('none');
    return {
      platform,
      platformUrl: consoleInfo.platformUrl,
      joined: { kind: 'console', url: consoleInfo.consoleUrl, pid: consoleInfo.pid },
      ownsPlatform: false,
      notes: [],
      async consoleLink(destination) {
        const link = await remoteLaunchLink(consoleInfo, destination);
        if (!link) throw new Error(`the console at ${consoleInfo.consoleUrl} (process ${consoleInfo.pid}) stopped answering`);
        return link;
      },
      async close() {
        platform.close();
      },
    };
  }
  // 2. A `partnerdeck serve` of this folder runs: a console beside it, on its platform.
  const serverInfo = readServerInfo(deps.dataDir);
  if (serverInfo && (await platformAnswers(serverInfo.url))) {
    const stack = await deps.startConsoleStack({ port: options.port, seed: 'none', platformUrl: serverInfo.url });
    return {
      platform: stack.platform,
      platformUrl: stack.platformUrl,
      joined: { kind: 'serve', url: serverInfo.url, pid: null },
      ownsPlatform: false,
      notes: stack.notes,
      consoleLink: (destination) => ownLink(stack.host, destination),
      close: () => stack.close(),
    };
  }
  // 3. Nothing runs: app dev's own platform and console (which others may join in turn).
  const stack = await deps.startConsoleStack({ port: options.port, seed: options.seed });
  return {
    platform: stack.platform,
    platformUrl: stack.platformUrl,
    joined: null,
    ownsPlatform: true,
    notes: stack.notes,
    consoleLink: (destination) => ownLink(stack.host, destination),
    close: () => stack.close(),
  };
}
