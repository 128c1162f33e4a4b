// Where the platform refuses to send webhooks (server-side request forgery): link-local addresses
// (169.254.0.0/16, fe80::/10: the cloud metadata endpoints live there), the cloud metadata hosts by name and
// by their other addresses, the unspecified addresses (0.0.0.0, ::, which reach this machine), and the
// platform server's own port on a loopback address (a hook must not call the platform's own API or OAuth
// endpoints). Other loopback addresses stay allowed: delivering to an app on 127.0.0.1 is what a local
// developer tool is for. Host names are checked as written (after the WHATWG URL normalization, so
// `http://2852039166/` is 169.254.169.254) when a hook is registered and again before each attempt, and the
// addresses a name resolves to are checked when the worker connects (`guardedLookup`).
import dns from 'node:dns';
import net from 'node:net';

/** Cloud metadata services by name (GCP, AWS, Azure, Oracle, Alibaba, DigitalOcean use these or the IPs below). */
export const METADATA_HOSTS = ['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal'] as const;
/** Metadata addresses outside the link-local ranges (AWS IPv6, Alibaba Cloud). */
export const METADATA_ADDRESSES = ['fd00:ec2::254', '100.100.100.200'] as const;

const blocked = new net.BlockList();
blocked.addSubnet('169.254.0.0', 16, 'ipv4');
blocked.addSubnet('fe80::', 10, 'ipv6');
blocked.addSubnet('0.0.0.0', 8, 'ipv4');
blocked.addAddress('::', 'ipv6');
blocked.addAddress('fd00:ec2::254', 'ipv6');
blocked.addAddress('100.100.100.200', 'ipv4');

const loopback = new net.BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** `::ffff:a9fe:a9fe` / `::ffff:169.254.169.254` → `169.254.169.254`; other addresses unchanged. */
function unmapped(ip: string): string {
  const lower = ip.toLowerCase();
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return ip;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/** Why an IP address is refused as a webhook target, or null. */
export function refusedIp(ip: string): string | null {
  const address = unmapped(ip);
  const family = net.isIP(address);
  if (family === 0) return null;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if ((METADATA_ADDRESSES as readonly string[]).includes(address.toLowerCase()) || blocked.check(address, type)) {
    if (address.startsWith('0.') || address === '::') return `must not point at an unspecified address (${ip})`;
    return `must not point at a link-local or cloud metadata address (${ip})`;
  }
  return null;
}

function isLoopbackIp(ip: string): boolean {
  const address = unmapped(ip);
  const family = net.isIP(address);
  return family !== 0 && loopback.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Why a webhook address is refused, or null. `ownPort`: the platform server's port (null when none runs).
 * The problem reads after the field name: "address must not point at …".
 */
export function refusedWebhookAddress(address: string, ownPort: number | null): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null; // the URL syntax check names that problem
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if ((METADATA_HOSTS as readonly string[]).includes(host)) return `must not point at a cloud metadata host (${host})`;
  const ipProblem = refusedIp(host);
  if (ipProblem) return ipProblem;
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (ownPort !== null && port === ownPort && (host === 'localhost' || host.endsWith('.localhost') || isLoopbackIp(host))) {
    return `must not point at the platform server itself (port ${ownPort})`;
  }
  return null;
}

/** The port of an origin like http://127.0.0.1:4433, or null when it is not a URL. */
export function portOfOrigin(origin: string): number | null {
  try {
    const url = new URL(origin);
    return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  } catch {
    return null;
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** dns.lookup that fails when a name resolves to a refused address (a name pointing at the metadata service). */
export function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '');
    const list = addresses as dns.LookupAddress[];
    for (const entry of list) {
      const problem = refusedIp(entry.address);
      if (problem) {
        const refused: NodeJS.ErrnoException = new Error(`refused: ${hostname} resolves to ${entry.address}; the address ${problem.replace(/ \(.*\)$/, '')}`);
        refused.code = 'EADDRREFUSED';
        return callback(refused, '');
      }
    }
    if (options.all) return callback(null, list);
    const first = list[0];
    return callback(null, first.address, first.family);
  });
}
