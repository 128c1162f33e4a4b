// `partnerdeck serve`'s network options (issue 21 item 2): where the platform's own server (OAuth, /admin) and, with
// --console, the team console listen, and how they are reached: --host, --tls-cert/--tls-key, --trust-proxy. A host
// other than loopback is refused unless the traffic is encrypted (TLS here, or a TLS reverse proxy in front that the
// server trusts): passwords, tokens, client secrets and session cookies must never cross a network in clear text.
// The desktop app and `partnerdeck console` have none of these: they stay on 127.0.0.1.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { isLoopbackHost } from '../core/server/network';
import { UsageError } from './cli-io';
import type { CommandContext, CommandOption } from './command-kit';

export { isLoopbackHost };

export const NETWORK_OPTIONS: Record<string, CommandOption> = {
  host: { value: 'ADDRESS', description: 'the address the platform (and the team console) listen on (default 127.0.0.1; another address needs --tls-cert/--tls-key or --trust-proxy)' },
  'tls-cert': { value: 'FILE', description: 'serve over HTTPS with this PEM certificate (chain); needs --tls-key' },
  'tls-key': { value: 'FILE', description: 'the PEM private key of --tls-cert' },
  'trust-proxy': { description: 'a TLS reverse proxy is in front: believe its X-Forwarded-Proto (https addresses, Secure cookies) and X-Forwarded-For (client address in the logs and the sign-in throttles)' },
};

export interface NetworkSettings {
  host: string;
  tls: { cert: string; key: string } | null;
  trustProxy: boolean;
  /** What a person should know (shown at start). */
  notes: string[];
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

/**
 * The network settings from the flags, checked before anything opens (a refused --host or an unreadable
 * certificate changes nothing). `what` names what would be reachable, for the refusal ("the platform").
 */
export function networkSettings(values: CommandContext['values'], what: string): NetworkSettings {
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
      `--host ${host} would let other machines reach ${what} over plain HTTP, where every password, token and session cookie crosses the network readable by anybody on the way. Give --tls-cert and --tls-key, or put a TLS reverse proxy in front and add --trust-proxy (or leave --host out for 127.0.0.1).`,
    );
  }
  const notes = [...(tls?.notes ?? [])];
  if (trustProxy && !isLoopbackHost(host)) notes.push(`--trust-proxy: make sure only your reverse proxy can reach ${host} (a firewall rule); anybody else could claim any client address.`);
  return { host, tls: tls && { cert: tls.cert, key: tls.key }, trustProxy, notes };
}
