// Where the platform refuses to send webhooks (server-side request forgery, issue 16 M1). Deny by default:
// a hook may point at a public unicast address (IPv4, or IPv6 global unicast 2000::/3) or at a loopback address
// (delivering to an app on 127.0.0.1 is what a local developer tool is for). Everything else is refused:
// private networks (10/8, 172.16/12, 192.168/16), shared and special-purpose ranges (100.64/10, 198.18/15,
// TEST-NETs, 240/4, …), unique-local and site-local IPv6 (fc00::/7, fec0::/10), link-local (169.254/16,
// fe80::/10: the cloud metadata services live there), multicast, broadcast, the unspecified addresses (0/8, ::,
// which reach this machine), the metadata hosts by name and their other addresses; and IPv6 forms that embed an
// IPv4 address (::ffff:a.b.c.d, ::ffff:0:a.b.c.d, 64:ff9b::/96, 2002::/16, ::/96) are judged by the IPv4 address
// they carry (only the IPv4-mapped form of a loopback address counts as loopback; Teredo and local-use NAT64
// addresses are refused). The platform's and the console's own ports (this process's servers and the ports the
// data folder's servers remember in ports.json) are refused on loopback, by name or by address.
//
// The platform operator may allow listed private ranges (`allowedRanges`, CIDR, each inside 10/8, 172.16/12,
// 192.168/16, 100.64/10, 198.18/15, fc00::/7 or fec0::/10; webhook-network-settings.ts stores them, audited):
// webhooks to a staging server on the office network. The metadata addresses stay refused inside them.
//
// Address classification is ipaddr.js (its special-purpose range tables follow the IANA registries); host names
// are judged as the WHATWG URL parser normalizes them (so `http://2852039166/`, `http://0xa9.0xfe.0xa9.0xfe/`,
// `http://017700000001/` and `http://127.1/` are the dotted addresses they mean). The check runs when a hook is
// registered or changed, before each attempt in the dispatcher, in the worker's HTTP client before it connects,
// and on every address a host name resolves to when the worker connects (`guardedLookupFor`): a name that
// resolves to a refused address (DNS rebinding, a name pointing at the metadata service) fails the attempt.
import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Cloud metadata services by name (GCP, AWS, Azure, Oracle, Alibaba, DigitalOcean use these or the IPs below). */
export const METADATA_HOSTS = ['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal'] as const;
/** Metadata addresses outside the link-local ranges (AWS IPv6, Alibaba Cloud): refused even inside an allowed range. */
export const METADATA_ADDRESSES = ['fd00:ec2::254', '100.100.100.200'] as const;

/** The ranges an operator may allow (everything else that is refused stays refused). */
export const ALLOWABLE_PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '198.18.0.0/15', 'fc00::/7', 'fec0::/10'] as const;

/** A port of PartnerDeck's own servers on this machine. */
export interface OwnPort {
  port: number;
  /** 'the platform server' or 'the console'. */
  name: string;
}

/** What the guard needs besides the address: which ports are our own, and the operator's allowed ranges. */
export interface AddressPolicy {
  ownPorts: readonly OwnPort[];
  /** CIDR ranges, as `normalizeAllowedRange` writes them. */
  allowedRanges: readonly string[];
}

export const DEFAULT_ADDRESS_POLICY: AddressPolicy = { ownPorts: [], allowedRanges: [] };

const parsedRanges = new Map<string, [Address, number] | null>();
function parsedRange(range: string): [Address, number] | null {
  let parsed = parsedRanges.get(range);
  if (parsed === undefined) {
    try {
      parsed = ipaddr.parseCIDR(range);
    } catch {
      parsed = null;
    }
    if (parsedRanges.size > 1000) parsedRanges.clear();
    parsedRanges.set(range, parsed);
  }
  return parsed;
}

function inRange(address: Address, range: string): boolean {
  const parsed = parsedRange(range);
  return parsed !== null && parsed[0].kind() === address.kind() && address.match(parsed);
}

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/** How an address is judged before the operator's ranges and our own ports are looked at. */
type Verdict =
  | { kind: 'public' }
  | { kind: 'loopback' }
  /** Refused unless inside an operator-allowed range. */
  | { kind: 'private'; problem: string; address: Address }
  | { kind: 'refused'; problem: string };

function parseIp(text: string): Address | null {
  // A zone (fe80::1%eth0) does not change which range the address is in.
  let bare = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  // IPv6 goes through the WHATWG serializer first (hex groups, no dotted quad): ipaddr.js 2.5 reads `::127.0.0.1`
  // (IPv4-compatible, as a resolver may print it) as `::ffff:127.0.0.1`, an IPv4-mapped loopback address.
  if (net.isIPv6(bare)) {
    try {
      bare = new URL(`http://[${bare}]/`).hostname.replace(/^\[|\]$/g, '');
    } catch {
      return null;
    }
  }
  if (!ipaddr.isValid(bare)) return null;
  try {
    return ipaddr.parse(bare);
  } catch {
    return null;
  }
}

function isMetadataAddress(address: Address): boolean {
  return METADATA_ADDRESSES.some((m) => {
    const parsed = ipaddr.parse(m);
    return parsed.kind() === address.kind() && parsed.toNormalizedString() === address.toNormalizedString();
  });
}

/** The ranges ipaddr.js names alike in both families (broadcast is IPv4's only), judged alike. */
const SHARED_RANGES: Readonly<Record<string, Verdict>> = {
  loopback: { kind: 'loopback' },
  linkLocal: { kind: 'refused', problem: 'a link-local or cloud metadata address' },
  unspecified: { kind: 'refused', problem: 'an unspecified address (it reaches this machine)' },
  broadcast: { kind: 'refused', problem: 'the broadcast address' },
  multicast: { kind: 'refused', problem: 'a multicast address' },
};

/** The verdict of a range both families have, or of a cloud metadata address (whatever range holds it). */
function sharedVerdict(address: Address, range: string): Verdict | undefined {
  const verdict = isMetadataAddress(address) ? SHARED_RANGES.linkLocal : Object.hasOwn(SHARED_RANGES, range) ? SHARED_RANGES[range] : undefined;
  return verdict && { ...verdict };
}

function judgeV4(address: ipaddr.IPv4): Verdict {
  const range = address.range();
  const shared = sharedVerdict(address, range);
  if (shared) return shared;
  switch (range) {
    case 'unicast':
      return { kind: 'public' };
    case 'private':
      return { kind: 'private', problem: 'a private network address', address };
    case 'carrierGradeNat':
      return { kind: 'private', problem: 'a shared (carrier-grade NAT) address', address };
    default:
      // reserved (198.18/15 benchmarking, TEST-NETs, 192.0.0/24, 240/4), as112, amt: special purpose.
      return { kind: 'private', problem: 'a reserved or special-purpose address', address };
  }
}

/** The IPv4 address an IPv6 address carries, with the form's name; null when it carries none. */
function embeddedV4(address: ipaddr.IPv6): { v4: ipaddr.IPv4; form: string } | null {
  const parts = address.parts;
  const v4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 255, low >> 8, low & 255]);
  switch (address.range()) {
    case 'ipv4Mapped':
      return { v4: address.toIPv4Address(), form: 'IPv4-mapped' };
    case 'rfc6145':
      return { v4: v4(parts[6], parts[7]), form: 'IPv4-translated' };
    case 'rfc6052':
      // 64:ff9b::/96 carries it in the last 32 bits; the local-use 64:ff9b:1::/48 is refused as a whole below.
      return parts[2] === 0 ? { v4: v4(parts[6], parts[7]), form: 'NAT64' } : null;
    case '6to4':
      return { v4: v4(parts[1], parts[2]), form: '6to4' };
    default:
      // ::/96, the deprecated IPv4-compatible form (but not :: and ::1).
      if (parts.slice(0, 6).every((p) => p === 0) && (parts[6] !== 0 || parts[7] > 1)) return { v4: v4(parts[6], parts[7]), form: 'IPv4-compatible' };
      return null;
  }
}

function judgeV6(address: ipaddr.IPv6): Verdict {
  // (ipaddr.js's type lists fewer range names than its table has: deprecatedSiteLocal.)
  const range: string = address.range();
  // No form that carries an IPv4 address is in one of these ranges (:: and ::1 carry none).
  const shared = sharedVerdict(address, range);
  if (shared) return shared;
  const embedded = embeddedV4(address);
  if (embedded) {
    const inner = judgeV4(embedded.v4);
    const carries = `an ${embedded.form} address carrying ${embedded.v4.toString()}`;
    if (inner.kind === 'public') return inner;
    if (inner.kind === 'loopback') {
      return embedded.form === 'IPv4-mapped' ? inner : { kind: 'refused', problem: `${carries} (loopback counts only in the IPv4-mapped form)` };
    }
    if (inner.kind === 'private') return { kind: 'private', problem: `${carries}, ${inner.problem}`, address: embedded.v4 };
    return { kind: 'refused', problem: `${carries}, ${inner.problem}` };
  }
  switch (range) {
    case 'unicast':
      return address.match(GLOBAL_UNICAST_V6) ? { kind: 'public' } : { kind: 'refused', problem: 'not a global unicast IPv6 address' };
    case 'uniqueLocal':
    case 'deprecatedSiteLocal':
      return { kind: 'private', problem: 'a private network address (unique or site local)', address };
    case 'teredo':
      return { kind: 'refused', problem: 'a Teredo tunnel address' };
    case 'rfc6052':
      return { kind: 'refused', problem: 'a local-use NAT64 address' };
    default:
      return { kind: 'refused', problem: 'a reserved or special-purpose address' };
  }
}

function judge(address: Address): Verdict {
  return address.kind() === 'ipv4' ? judgeV4(address as ipaddr.IPv4) : judgeV6(address as ipaddr.IPv6);
}

/** Whether an IP address (any notation ipaddr.js reads, or as a URL writes it) is a loopback address. */
export function isLoopbackIp(ip: string): boolean {
  const address = parseIp(ip);
  return address !== null && judge(address).kind === 'loopback';
}

/**
 * Why an IP address is refused as a webhook target, or null (`ip` that is no IP address: null, it is a name).
 * Own ports are not looked at here (see `refusedWebhookAddress`, `guardedLookupFor`).
 */
export function refusedIp(ip: string, allowedRanges: readonly string[] = []): string | null {
  const address = parseIp(ip);
  if (!address) return null;
  const verdict = judge(address);
  if (verdict.kind === 'public' || verdict.kind === 'loopback') return null;
  if (verdict.kind === 'private' && allowedRanges.some((range) => inRange(verdict.address, range))) return null;
  const allowHint = verdict.kind === 'private' ? '; the platform operator can allow a private range (partnerdeck webhooks private-networks --allow CIDR)' : '';
  return `must not point at ${verdict.problem} (${ip.replace(/^\[|\]$/g, '')})${allowHint}`;
}

function ownPortProblem(port: number, policy: AddressPolicy): string | null {
  const own = policy.ownPorts.find((p) => p.port === port);
  return own ? `must not point at ${own.name} itself (port ${port})` : null;
}

function isLocalhostName(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost');
}

/**
 * Why a webhook address is refused, or null. The problem reads after the field name: "address must not point
 * at …". A URL that does not parse is left to the URL syntax check (null here).
 */
export function refusedWebhookAddress(address: string, policy: AddressPolicy): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if ((METADATA_HOSTS as readonly string[]).includes(host)) return `must not point at a cloud metadata host (${host})`;
  const ipProblem = refusedIp(host, policy.allowedRanges);
  if (ipProblem) return ipProblem;
  if (isLocalhostName(host) || isLoopbackIp(host)) return ownPortProblem(portOfUrl(url), policy);
  return null;
}

function portOfUrl(url: URL): number {
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

/** The port of an origin like http://127.0.0.1:4433, or null when it is not a URL. */
export function portOfOrigin(origin: string): number | null {
  try {
    return portOfUrl(new URL(origin));
  } catch {
    return null;
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;
export type GuardedLookup = (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => void;

/**
 * dns.lookup for a connection to `port` that fails when the name resolves to any refused address, or to a
 * loopback address while `port` is one of our own servers' ports (every address is checked, so whichever the
 * socket picks is allowed).
 */
export function guardedLookupFor(port: number, policy: AddressPolicy): GuardedLookup {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const list = addresses as dns.LookupAddress[];
      for (const entry of list) {
        const problem = refusedIp(entry.address, policy.allowedRanges) ?? (isLoopbackIp(entry.address) ? ownPortProblem(port, policy) : null);
        if (problem) {
          const refused: NodeJS.ErrnoException = new Error(`refused: ${hostname} resolves to ${entry.address}; the address ${problem.replace(/ \([^)]*\)(;.*)?$/, '')}`);
          refused.code = 'EADDRREFUSED';
          return callback(refused, '');
        }
      }
      if (list.length === 0) {
        const none: NodeJS.ErrnoException = new Error(`${hostname} resolves to no address`);
        none.code = 'ENOTFOUND';
        return callback(none, '');
      }
      if (options.all) return callback(null, list);
      return callback(null, list[0].address, list[0].family);
    });
  };
}

/** A name resolving to a refused address fails at connect time (no own ports known: tests, the benchmark). */
export const guardedLookup: GuardedLookup = guardedLookupFor(0, DEFAULT_ADDRESS_POLICY);

/**
 * An operator's range as stored ("10.1.0.0/16", a single address becomes /32 or /128), or the problem with it:
 * it must be a CIDR range inside one of ALLOWABLE_PRIVATE_RANGES.
 */
export function normalizeAllowedRange(text: string): { range: string } | { problem: string } {
  const trimmed = text.trim();
  let parsed: [Address, number];
  try {
    parsed = trimmed.includes('/') ? ipaddr.parseCIDR(trimmed) : (() => {
      const address = ipaddr.parse(trimmed);
      return [address, address.kind() === 'ipv4' ? 32 : 128] as [Address, number];
    })();
  } catch {
    return { problem: `"${trimmed}" is not an address range (e.g. 10.20.0.0/16 or fd12:3456::/48)` };
  }
  const [address, bits] = parsed;
  // The network address of the range (10.1.2.3/16 is stored as 10.1.0.0/16).
  const network = address.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${bits}`) : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${bits}`);
  const inside = ALLOWABLE_PRIVATE_RANGES.find((range) => {
    const [base, baseBits] = ipaddr.parseCIDR(range);
    return base.kind() === network.kind() && bits >= baseBits && network.match(base, baseBits);
  });
  if (!inside) {
    return { problem: `${trimmed} is not inside a private range (only parts of ${ALLOWABLE_PRIVATE_RANGES.join(', ')} can be allowed; link-local, metadata, multicast and public addresses cannot)` };
  }
  return { range: `${network.toString()}/${bits}` };
}
