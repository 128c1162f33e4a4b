// The SSRF rules for webhook addresses (issue 16 M1), as one table of addresses in every notation (decimal,
// octal, hex, short forms, IPv6 long and short, IPv4-mapped and the other IPv6 forms that carry an IPv4 address)
// judged three ways: at registration (`refusedWebhookAddress`, what the service and the dispatcher call), at
// connect time through a real resolver (`guardedLookupFor`: getaddrinfo reads 0xa.0.0.1 and 167772161 as
// 10.0.0.1 too), and through the worker's HTTP client with a host name that resolves to the address.
// Deny by default: public unicast and loopback pass; private, shared, special-purpose, link-local, multicast,
// broadcast, unspecified, metadata and our own ports are refused; the operator's allowed ranges open exactly
// themselves (never the metadata addresses inside them).
import dns from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  guardedLookupFor,
  normalizeAllowedRange,
  refusedIp,
  refusedWebhookAddress,
  type AddressPolicy,
} from '../../../../../src-main/core/webhooks/webhook-address-guard';
import { createWebhookHttpClient } from '../../../../../src-main/core/webhooks/webhook-http-client';

const OWN = 4433;
const CONSOLE = 4434;
const POLICY: AddressPolicy = {
  ownPorts: [
    { port: OWN, name: 'the platform server' },
    { port: CONSOLE, name: 'the console' },
  ],
  allowedRanges: [],
};

/** [host as written in the URL, port or null, expected problem (null: allowed)]. */
const TABLE: [host: string, port: number | null, problem: RegExp | null][] = [
  // RFC 1918 private networks, in every IPv4 notation the URL parser (and getaddrinfo) accepts.
  ['10.0.0.1', null, /private network address \(10\.0\.0\.1\)/],
  ['10.255.255.255', null, /private network/],
  ['012.0.0.1', null, /private network address \(10\.0\.0\.1\)/], // octal
  ['0xa.0.0.1', null, /private network address \(10\.0\.0\.1\)/], // hex
  ['167772161', null, /private network address \(10\.0\.0\.1\)/], // one decimal number
  ['10.1', null, /private network address \(10\.0\.0\.1\)/], // short form
  ['172.16.0.1', null, /private network/],
  ['172.31.255.254', null, /private network/],
  ['0xac100001', null, /private network address \(172\.16\.0\.1\)/],
  ['192.168.1.1', null, /private network/],
  ['3232235777', null, /private network address \(192\.168\.1\.1\)/],
  ['0300.0250.1.1', null, /private network address \(192\.168\.1\.1\)/],
  // Shared, benchmarking, documentation and future-use ranges.
  ['100.64.0.1', null, /shared \(carrier-grade NAT\)/],
  ['100.127.255.254', null, /carrier-grade NAT/],
  ['198.18.0.1', null, /reserved or special-purpose/],
  ['198.19.255.254', null, /reserved or special-purpose/],
  ['192.0.2.1', null, /reserved or special-purpose/],
  ['240.0.0.1', null, /reserved or special-purpose/],
  // Multicast, broadcast, unspecified.
  ['224.0.0.1', null, /multicast/],
  ['239.255.255.250', null, /multicast/],
  ['255.255.255.255', null, /broadcast/],
  ['0.0.0.0', null, /unspecified/],
  ['0', null, /unspecified address \(it reaches this machine\) \(0\.0\.0\.0\)/],
  // Link-local and the cloud metadata services.
  ['169.254.169.254', null, /link-local or cloud metadata/],
  ['2852039166', null, /link-local or cloud metadata address \(169\.254\.169\.254\)/],
  ['0xa9fea9fe', null, /link-local/],
  ['0251.0376.0251.0376', null, /link-local/],
  ['100.100.100.200', null, /cloud metadata/],
  ['metadata.google.internal', null, /cloud metadata host/],
  ['METADATA.google.internal.', null, /cloud metadata host/],
  // IPv6.
  ['[fc00::1]', null, /private network address \(unique or site local\)/],
  ['[fd12:3456:789a::1]', null, /unique or site local/],
  ['[fec0::1]', null, /unique or site local/],
  ['[fd00:ec2::254]', null, /cloud metadata/],
  ['[fe80::1]', null, /link-local/],
  ['[febf::1]', null, /link-local/],
  ['[ff02::1]', null, /multicast/],
  ['[::]', null, /unspecified/],
  ['[2001:db8::1]', null, /reserved or special-purpose/],
  ['[4000::1]', null, /not a global unicast/],
  ['[2001::1]', null, /Teredo/],
  ['[64:ff9b:1::a00:1]', null, /local-use NAT64/],
  // IPv6 forms that carry an IPv4 address: judged by the IPv4 address.
  ['[::ffff:10.0.0.1]', null, /IPv4-mapped address carrying 10\.0\.0\.1, a private network/],
  ['[::ffff:a9fe:a9fe]', null, /IPv4-mapped address carrying 169\.254\.169\.254, a link-local/],
  ['[0:0:0:0:0:ffff:192.168.0.1]', null, /IPv4-mapped address carrying 192\.168\.0\.1/],
  ['[::ffff:0:10.0.0.1]', null, /IPv4-translated address carrying 10\.0\.0\.1/],
  ['[64:ff9b::10.0.0.1]', null, /NAT64 address carrying 10\.0\.0\.1, a private network/],
  ['[64:ff9b::7f00:1]', null, /NAT64 address carrying 127\.0\.0\.1 \(loopback counts only in the IPv4-mapped form\)/],
  ['[2002:c0a8:101::1]', null, /6to4 address carrying 192\.168\.1\.1/],
  ['[2002:a9fe:a9fe::]', null, /6to4 address carrying 169\.254\.169\.254, a link-local/],
  ['[::10.0.0.1]', null, /IPv4-compatible address carrying 10\.0\.0\.1/],
  ['[::127.0.0.1]', null, /IPv4-compatible address carrying 127\.0\.0\.1 \(loopback counts only/],
  // Our own servers on loopback, by address (any notation) and by name.
  ['127.0.0.1', OWN, /must not point at the platform server itself \(port 4433\)/],
  ['127.0.0.2', OWN, /platform server itself/],
  ['2130706433', OWN, /platform server itself/],
  ['[::1]', OWN, /platform server itself/],
  ['[::ffff:127.0.0.1]', OWN, /platform server itself/],
  ['localhost', OWN, /platform server itself/],
  ['app.localhost', OWN, /platform server itself/],
  ['127.0.0.1', CONSOLE, /must not point at the console itself \(port 4434\)/],
  ['localhost', CONSOLE, /the console itself/],
  // Allowed: public unicast in every notation, loopback on other ports (local development).
  ['8.8.8.8', null, null],
  ['134744072', null, null], // 8.8.8.8
  ['0x08080808', null, null],
  ['172.32.0.1', null, null], // just above 172.16/12
  ['100.128.0.1', null, null], // just above 100.64/10
  ['198.20.0.1', null, null], // just above 198.18/15
  ['11.0.0.1', null, null],
  ['[2606:4700:4700::1111]', null, null],
  ['[::ffff:8.8.8.8]', null, null],
  ['[64:ff9b::808:808]', null, null], // NAT64 of a public address
  ['[2002:808:808::1]', null, null], // 6to4 of a public address
  ['hooks.example.com', null, null],
  ['hooks.example.com', OWN, null], // a public name on the same port number is another machine
  ['127.0.0.1', 3000, null],
  ['127.1', 3000, null],
  ['017700000001', 3000, null],
  ['[::1]', 3000, null],
  ['[::ffff:7f00:1]', 3000, null],
  ['localhost', 3000, null],
];

const url = (host: string, port: number | null) => `http://${host}${port === null ? '' : `:${port}`}/hooks`;

describe('webhook addresses at registration (and before each attempt)', () => {
  it('has a table of at least 40 addresses', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
    expect(TABLE.filter(([, , problem]) => problem !== null).length).toBeGreaterThanOrEqual(40);
  });

  it.each(TABLE)('%s (port %s)', (host, port, problem) => {
    const refused = refusedWebhookAddress(url(host, port), POLICY);
    if (problem === null) expect(refused).toBeNull();
    else expect(refused).toMatch(problem);
  });

  it('names the way out for a private range, and only there', () => {
    expect(refusedWebhookAddress('http://10.0.0.1/', POLICY)).toMatch(/the platform operator can allow a private range \(partnerdeck webhooks private-networks --allow CIDR\)$/);
    expect(refusedWebhookAddress('http://169.254.169.254/', POLICY)).not.toMatch(/operator/);
  });

  it('without a server, no port is special', () => {
    expect(refusedWebhookAddress(`http://127.0.0.1:${OWN}/`, { ownPorts: [], allowedRanges: [] })).toBeNull();
  });
});

describe("the operator's allowed private ranges", () => {
  const allowing: AddressPolicy = { ...POLICY, allowedRanges: ['10.20.0.0/16', '100.64.0.0/10', 'fd12::/16', '192.168.7.9/32'] };

  it.each([
    ['http://10.20.1.5/', null],
    ['http://0xa.20.1.5/', null],
    ['http://[::ffff:10.20.1.5]/', null],
    ['http://[64:ff9b::a14:105]/', null], // NAT64 of 10.20.1.5
    ['http://[fd12:3456::1]/', null],
    ['http://192.168.7.9/', null],
    ['http://192.168.7.10/', /private network/],
    ['http://10.21.0.1/', /private network/],
    ['http://[fd13::1]/', /unique or site local/],
    ['http://100.100.100.200/', /cloud metadata/], // inside 100.64/10, still refused
    ['http://169.254.169.254/', /link-local/],
    [`http://10.20.1.5:${OWN}/`, null], // our ports matter on loopback only
  ])('%s', (address, problem) => {
    const refused = refusedWebhookAddress(address, allowing);
    if (problem === null) expect(refused).toBeNull();
    else expect(refused).toMatch(problem);
  });

  it.each([
    ['10.20.0.0/16', '10.20.0.0/16'],
    ['10.20.3.4/16', '10.20.0.0/16'],
    ['192.168.1.5', '192.168.1.5/32'],
    ['fd12:3456::/48', 'fd12:3456::/48'],
    [' 172.16.0.0/12 ', '172.16.0.0/12'],
  ])('stores %s as %s', (text, range) => {
    expect(normalizeAllowedRange(text)).toEqual({ range });
  });

  it.each([
    ['0.0.0.0/0', /not inside a private range/],
    ['10.0.0.0/7', /not inside a private range/],
    ['169.254.0.0/16', /not inside a private range/],
    ['8.8.8.0/24', /not inside a private range/],
    ['fe80::/10', /not inside a private range/],
    ['::/0', /not inside a private range/],
    ['10.0.0.0/33', /is not an address range/],
    ['office', /is not an address range/],
  ])('refuses %s', (text, problem) => {
    const result = normalizeAllowedRange(text);
    expect('problem' in result && result.problem).toMatch(problem);
  });
});

describe('at connect time: every address a name resolves to', () => {
  const lookup = (host: string, port: number, policy = POLICY) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
      guardedLookupFor(port, policy)(host, {}, (error, address) => resolve({ error, address })),
    );
  // The host as the URL wrote it, given to the real resolver (getaddrinfo reads the numeric notations itself).
  const NAMES = ['metadata.google.internal', 'METADATA.google.internal.', 'hooks.example.com', 'app.localhost'];
  const resolvable = TABLE.filter(([host]) => !NAMES.includes(host));

  it('covers at least 40 of the table', () => {
    expect(resolvable.length).toBeGreaterThanOrEqual(40);
  });

  it.each(resolvable)('%s (port %s)', async (host, port, problem) => {
    const { error, address } = await lookup(host.replace(/^\[|\]$/g, ''), port ?? 80);
    if (problem === null) {
      expect(error).toBeNull();
      expect(typeof address).toBe('string');
    } else {
      expect(error?.code).toBe('EADDRREFUSED');
      expect(error?.message).toMatch(/^refused: .+ resolves to .+; the address must not point at /);
    }
  });

  it('refuses when any of several addresses is refused (a name with a public and a private address)', async () => {
    const spy = vi.spyOn(dns, 'lookup').mockImplementation(((_host: string, _options: unknown, callback: (e: null, a: dns.LookupAddress[]) => void) =>
      callback(null, [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.1', family: 4 }])) as unknown as typeof dns.lookup);
    try {
      const { error } = await lookup('two.example.test', 80);
      expect(error?.message).toBe('refused: two.example.test resolves to 10.0.0.1; the address must not point at a private network address');
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses by the range, not by the reported family (an IPv4-mapped answer)', () => {
    expect(refusedIp('::ffff:a9fe:a9fe')).toMatch(/link-local/);
    expect(refusedIp('::ffff:10.0.0.1', ['10.0.0.0/8'])).toBeNull();
    expect(refusedIp('fe80::1%eth0')).toMatch(/link-local/); // a resolver's scoped answer
    expect(refusedIp('::127.0.0.1')).toMatch(/IPv4-compatible address carrying 127\.0\.0\.1/); // not IPv4-mapped
  });
});

describe("the worker's HTTP client", () => {
  let server: Server;
  let port: number;
  const hits: string[] = [];
  let resolveTo = '127.0.0.1';
  let spy: { mockRestore(): void };

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    const real = dns.lookup.bind(dns);
    // hook.example.test resolves to whatever the test says; everything else as usual.
    spy = vi.spyOn(dns, 'lookup').mockImplementation(((host: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
      if (host !== 'hook.example.test') return (real as (...args: unknown[]) => void)(host, options, callback);
      const family = resolveTo.includes(':') ? 6 : 4;
      return options.all ? callback(null, [{ address: resolveTo, family }]) : callback(null, resolveTo, family);
    }) as unknown as typeof dns.lookup);
  });
  afterEach(() => {
    hits.length = 0;
  });
  afterAll(async () => {
    spy.mockRestore();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = async (address: string, policy: AddressPolicy) => {
    const client = createWebhookHttpClient({ timeoutMs: 2_000, maxSockets: 1, policy: () => policy });
    try {
      return await client.post(address, '{}', {});
    } finally {
      client.close();
    }
  };

  it('delivers to a name that resolves to loopback on another port', async () => {
    resolveTo = '127.0.0.1';
    expect(await post(`http://hook.example.test:${port}/a`, POLICY)).toMatchObject({ status: 200, error: null });
    expect(hits).toEqual(['/a']);
  });

  it('refuses a name that resolves to loopback on one of our own ports, and sends nothing', async () => {
    resolveTo = '127.0.0.1';
    const own: AddressPolicy = { ...POLICY, ownPorts: [{ port, name: 'the console' }] };
    const outcome = await post(`http://hook.example.test:${port}/b`, own);
    expect(outcome).toMatchObject({ status: null, error: `refused: hook.example.test resolves to 127.0.0.1; the address must not point at the console itself` });
    expect(hits).toEqual([]);
  });

  it.each(['10.0.0.1', '192.168.1.1', '100.64.0.1', '169.254.169.254', '::ffff:10.0.0.1', 'fd00::1', '::'])('refuses a name that resolves to %s', async (address) => {
    resolveTo = address;
    const outcome = await post(`http://hook.example.test:${port}/c`, POLICY);
    expect(outcome.status).toBeNull();
    expect(outcome.error).toMatch(new RegExp(`^refused: hook\\.example\\.test resolves to ${address.replace(/[.:]/g, '\\$&')}; the address must not point at`));
    expect(hits).toEqual([]);
  });

  it('refuses an address written as an IP before connecting (no lookup happens for those)', async () => {
    const outcome = await post('http://0xa.0.0.1:9/', POLICY);
    expect(outcome).toMatchObject({ status: null, error: 'refused: the address must not point at a private network address (10.0.0.1); the platform operator can allow a private range (partnerdeck webhooks private-networks --allow CIDR)' });
    expect((await post(`http://127.0.0.1:${port}/d`, { ...POLICY, ownPorts: [{ port, name: 'the platform server' }] })).error).toMatch(/platform server itself/);
    expect(hits).toEqual([]);
  });
});
