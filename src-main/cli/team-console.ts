// `partnerdeck serve --console` (issue 21 item 5): the console served beside the platform for a team, where every
// person signs in with email and password (host/team-access.ts), and the network options that let it be reached
// from other machines: --host, --tls-cert/--tls-key, --trust-proxy. A host other than loopback is refused unless
// the traffic is encrypted (TLS here, or a TLS reverse proxy in front that this server trusts): passwords and
// session cookies must never cross a network in clear text.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import type { ConsoleService, ConsoleServiceOptions } from '../console/console-service';
import { createMemoryPrefs } from '../console/prefs';
import type { Platform } from '../core/platform';
import { listenRemembered } from '../core/server/port-memory';
import { startBrowserHost, type BrowserHost } from '../host/browser-host';
import { createTeamAccess, type TeamNetwork } from '../host/team-access';
import { UsageError } from './cli-io';
import type { CommandContext, CommandOption } from './command-kit';

export const TEAM_CONSOLE_OPTIONS: Record<string, CommandOption> = {
  console: { description: 'also serve the console for a team: every person signs in with their email and password (their platform user and its permissions); sessions are kept in the database' },
  'console-port': { value: 'N', description: "the team console's port (0 = any free port; default: the port it had last time for this data folder)" },
  host: { value: 'ADDRESS', description: 'the address the team console listens on (default 127.0.0.1; another address needs --tls-cert/--tls-key or --trust-proxy)' },
  'tls-cert': { value: 'FILE', description: 'serve the team console over HTTPS with this PEM certificate (chain); needs --tls-key' },
  'tls-key': { value: 'FILE', description: 'the PEM private key of --tls-cert' },
  'trust-proxy': { description: 'a TLS reverse proxy is in front: believe its X-Forwarded-Proto (Secure cookies) and X-Forwarded-For (client address in the log and the sign-in throttle)' },
};

export interface TeamConsoleSettings {
  host: string;
  port: number | undefined;
  tls: { cert: string; key: string } | null;
  trustProxy: boolean;
  /** What a person should know (shown at start). */
  notes: string[];
}

/** Whether an address is this machine's loopback only. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function readPem(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'permission denied (the server’s user must be able to read it)' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new UsageError(`--${flag} ${path}: cannot be read: ${why}`);
  }
}

/** Reads and checks the certificate and key: both PEM, and the key is the certificate's. */
export function readTlsFiles(certPath: string, keyPath: string, now = Date.now()): { cert: string; key: string; notes: string[] } {
  const cert = readPem(certPath, 'tls-cert');
  const key = readPem(keyPath, 'tls-key');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new UsageError(`--tls-cert ${certPath}: is not a PEM certificate (it should start with -----BEGIN CERTIFICATE-----)`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new UsageError(`--tls-key ${keyPath}: is not a PEM private key without a passphrase (it should start with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA/EC PRIVATE KEY-----)`);
  }
  if (!x509.checkPrivateKey(privateKey)) {
    throw new UsageError(`--tls-cert and --tls-key do not belong together: ${keyPath} is not the private key of the certificate in ${certPath}`);
  }
  const notes: string[] = [];
  if (Date.parse(x509.validTo) < now) notes.push(`The certificate in ${certPath} expired on ${x509.validTo}: browsers will refuse it.`);
  return { cert, key, notes };
}

/** The team console's settings from the flags, or null without --console (then the network flags are refused). */
export function teamConsoleSettings(values: CommandContext['values']): TeamConsoleSettings | null {
  const given = (flag: string) => values[flag] !== undefined && values[flag] !== false;
  if (!values.console) {
    const stray = ['console-port', 'host', 'tls-cert', 'tls-key', 'trust-proxy'].find(given);
    if (stray) throw new UsageError(`--${stray} is about the team console: add --console (the platform's OAuth and REST server itself stays on 127.0.0.1)`);
    return null;
  }
  const rawPort = values['console-port'];
  if (rawPort !== undefined && (typeof rawPort !== 'string' || !/^\d+$/.test(rawPort) || Number(rawPort) > 65535)) {
    throw new UsageError(`--console-port must be a number from 0 to 65535 (got "${String(rawPort)}")`);
  }
  const host = typeof values.host === 'string' ? values.host.trim() : '127.0.0.1';
  if (!host || (isIP(host) === 0 && !/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(host))) {
    throw new UsageError(`--host must be an IP address or a host name of this machine (got "${String(values.host)}")`);
  }
  const certPath = typeof values['tls-cert'] === 'string' ? values['tls-cert'] : undefined;
  const keyPath = typeof values['tls-key'] === 'string' ? values['tls-key'] : undefined;
  if ((certPath === undefined) !== (keyPath === undefined)) {
    throw new UsageError(certPath ? '--tls-cert needs --tls-key (the certificate’s private key)' : '--tls-key needs --tls-cert (the certificate it belongs to)');
  }
  const trustProxy = values['trust-proxy'] === true;
  const tls = certPath && keyPath ? readTlsFiles(certPath, keyPath) : null;
  if (!isLoopbackHost(host) && !tls && !trustProxy) {
    throw new UsageError(
      `--host ${host} would let other machines reach the console over plain HTTP, where every password and session cookie crosses the network readable by anybody on the way. Give --tls-cert and --tls-key, or put a TLS reverse proxy in front and add --trust-proxy (or leave --host out for 127.0.0.1).`,
    );
  }
  const notes = [...(tls?.notes ?? [])];
  if (trustProxy && !isLoopbackHost(host)) notes.push(`--trust-proxy: make sure only your reverse proxy can reach ${host} (a firewall rule); anybody else could claim any client address.`);
  if (!tls && !trustProxy) {
    notes.push('The team console speaks plain HTTP on this machine only: its sign-in cookie reaches every other server on 127.0.0.1 this browser visits. For a team, put a TLS reverse proxy in front (--trust-proxy) or give --tls-cert/--tls-key.');
  }
  return { host, port: rawPort === undefined ? undefined : Number(rawPort), tls: tls && { cert: tls.cert, key: tls.key }, trustProxy, notes };
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
