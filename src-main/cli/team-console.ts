// `partnerdeck serve --console` (issue 21 item 5): the console served beside the platform for a team, where every
// person signs in with email and password (host/team-access.ts). It is reached as serve's platform server is, with
// the same --host, --tls-cert/--tls-key and --trust-proxy (network-options.ts: a host other than loopback is refused
// unless the traffic is encrypted, here or at a TLS reverse proxy this server trusts).
import { join } from 'node:path';
import type { ConsoleService, ConsoleServiceOptions } from '../console/console-service';
import { createMemoryPrefs } from '../console/prefs';
import type { Platform } from '../core/platform';
import { listenRemembered } from '../core/server/port-memory';
import { startBrowserHost, type BrowserHost } from '../host/browser-host';
import { createTeamAccess, type TeamNetwork } from '../host/team-access';
import { UsageError } from './cli-io';
import type { CommandContext, CommandOption } from './command-kit';
import { isLoopbackHost, type NetworkSettings } from './network-options';

/** --console and its port; the network flags (--host, --tls-*, --trust-proxy) are serve's own (network-options.ts). */
export const TEAM_CONSOLE_OPTIONS: Record<string, CommandOption> = {
  console: { description: 'also serve the console for a team: every person signs in with their email and password (their platform user and its permissions); sessions are kept in the database' },
  'console-port': { value: 'N', description: "the team console's port (0 = any free port; default: the port it had last time for this data folder)" },
};

export interface TeamConsoleSettings extends NetworkSettings {
  port: number | undefined;
}

/** The team console's settings from the flags and serve's network settings, or null without --console. */
export function teamConsoleSettings(values: CommandContext['values'], network: NetworkSettings): TeamConsoleSettings | null {
  if (!values.console) {
    if (values['console-port'] !== undefined) throw new UsageError('--console-port is about the team console: add --console');
    return null;
  }
  const rawPort = values['console-port'];
  if (rawPort !== undefined && (typeof rawPort !== 'string' || !/^\d+$/.test(rawPort) || Number(rawPort) > 65535)) {
    throw new UsageError(`--console-port must be a number from 0 to 65535 (got "${String(rawPort)}")`);
  }
  const notes = [...network.notes];
  if (!network.tls && !network.trustProxy) {
    notes.push('The team console speaks plain HTTP on this machine only: its sign-in cookie reaches every other server on 127.0.0.1 this browser visits. For a team, put a TLS reverse proxy in front (--trust-proxy) or give --tls-cert/--tls-key.');
  }
  return { ...network, port: rawPort === undefined ? undefined : Number(rawPort), notes };
}

export interface TeamConsole {
  host: BrowserHost;
  /** The address people open (the sign-in page). */
  url: string;
  movedFrom: number | null;
  close(): Promise<void>;
}

/** Starts the team console beside `serve`'s platform. */
export async function startTeamConsole(options: {
  platform: Platform;
  dataDir: string;
  platformUrl: string;
  settings: TeamConsoleSettings;
  createConsoleService(options: ConsoleServiceOptions): ConsoleService;
  rendererDir?: string;
}): Promise<TeamConsole> {
  const { platform, settings } = options;
  let port = 0;
  const access = createTeamAccess({
    platform: () => platform,
    network: { tls: settings.tls !== null, trustProxy: settings.trustProxy, loopback: isLoopbackHost(settings.host) } satisfies TeamNetwork,
    port: () => port,
    // Each person gets a console of their own, as the desktop's console is after "Switch user" to them.
    consoleFor: (userId) =>
      options.createConsoleService({ platform, prefs: createMemoryPrefs({ lastUserId: userId }), host: 'team', platformUrl: options.platformUrl, signedInAs: userId }),
  });
  const started = await listenRemembered(
    options.dataDir,
    'console',
    settings.port,
    (p) =>
      startBrowserHost({
        // Never used: with `access` every call goes to the console of the person who signed in.
        console: { invoke: () => Promise.reject(new Error('a team console has no shared session')), onEvent: () => () => undefined },
        rendererDir: options.rendererDir ?? join(__dirname, '..', 'renderer'),
        port: p,
        access,
        ...(settings.tls ? { tls: settings.tls } : {}),
        listenHost: settings.host,
      }),
    (h) => h.port,
  ).catch((error: unknown) => {
    access.close();
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (code === 'EADDRINUSE' && settings.port !== undefined) throw new UsageError(`--console-port ${settings.port} is in use by another program (give another, 0 for any free port, or leave it out)`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') throw new UsageError(`--host ${settings.host} is not an address of this machine (0.0.0.0 listens on all of them)`);
    throw error;
  });
  port = started.server.port;
  return {
    host: started.server,
    url: `${started.server.origin}/sign-in`,
    movedFrom: started.movedFrom,
    close: () => started.server.close(),
  };
}
