// The SSRF rules for webhook addresses: link-local (169.254.0.0/16, fe80::/10, also written as a number, in
// hex or as an IPv4-mapped IPv6 address), cloud metadata hosts by name and address, unspecified addresses,
// and the platform server's own port on loopback are refused; other loopback and public addresses are fine;
// and a host name resolving to a refused address fails at connect time.
import { describe, expect, it } from 'vitest';
import { guardedLookup, refusedIp, refusedWebhookAddress } from '../../../src-main/core/webhooks/webhook-address-guard';

const OWN = 4433;

describe('webhook address guard', () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data/', /link-local or cloud metadata address/],
    ['http://169.254.0.1:8080/hook', /link-local/],
    ['http://2852039166/', /link-local/], // 169.254.169.254 as one number
    ['http://0xa9.0xfe.0xa9.0xfe/', /link-local/],
    ['http://[fe80::1]/hook', /link-local/],
    ['http://[febf::1]/hook', /link-local/],
    ['http://[::ffff:169.254.169.254]/', /link-local/],
    ['http://[fd00:ec2::254]/', /cloud metadata/],
    ['http://100.100.100.200/', /cloud metadata/],
    ['http://metadata.google.internal/computeMetadata/v1/', /cloud metadata host/],
    ['http://METADATA.google.internal./', /cloud metadata host/],
    ['http://0.0.0.0:3000/', /unspecified address/],
    [`http://127.0.0.1:${OWN}/admin/webhooks.json`, /platform server itself \(port 4433\)/],
    [`http://localhost:${OWN}/token`, /platform server itself/],
    [`http://[::1]:${OWN}/`, /platform server itself/],
    [`http://127.0.0.2:${OWN}/`, /platform server itself/],
  ])('refuses %s', (address, problem) => {
    expect(refusedWebhookAddress(address, OWN)).toMatch(problem);
  });

  it.each([
    'http://127.0.0.1:3000/hooks',
    'http://localhost:8080/',
    'http://[::1]:3000/',
    'https://app.example.com/hooks',
    'http://10.0.0.5/hook',
    'http://[fec0::1]/',
    `https://app.example.com:${OWN}/`,
  ])('allows %s', (address) => {
    expect(refusedWebhookAddress(address, OWN)).toBeNull();
  });

  it('without a running server no port is special', () => {
    expect(refusedWebhookAddress(`http://127.0.0.1:${OWN}/`, null)).toBeNull();
  });

  it('checks resolved addresses', async () => {
    expect(refusedIp('169.254.10.10')).toMatch(/link-local/);
    expect(refusedIp('::ffff:a9fe:a9fe')).toMatch(/link-local/);
    expect(refusedIp('127.0.0.1')).toBeNull();
    const resolved = await new Promise<unknown>((resolve, reject) =>
      guardedLookup('localhost', {}, (error, address) => (error ? reject(error) : resolve(address))),
    );
    expect(['127.0.0.1', '::1']).toContain(resolved);
    // dns.lookup answers an address with itself: what a name pointing at the metadata service would resolve to.
    const refused = await new Promise<NodeJS.ErrnoException | null>((resolve) => guardedLookup('169.254.169.254', {}, (error) => resolve(error)));
    expect(refused?.message).toMatch(/^refused: 169\.254\.169\.254 resolves to 169\.254\.169\.254; the address must not point at a link-local/);
  });
});
