// How a server reachable beyond loopback reads a request (src-main/core/server/network.ts), shared by the platform
// server and the team console: forwarded headers only with trustProxy (the last hop), Host rules on loopback,
// the request's own origin.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, lastForwarded, LOOPBACK_NETWORK, requestNetwork } from '../../../../../src-main/core/server/network';

const req = (headers: Record<string, string>, remoteAddress = '10.0.0.5') => ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;
const forwarded = { host: 'deck.example.com', 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.1, 203.0.113.7' };

describe('request network rules', () => {
  it('believe X-Forwarded-Proto/-For only behind a trusted proxy, and then only the last hop', () => {
    const trusted = requestNetwork({ tls: false, trustProxy: true, loopback: false }, () => 443);
    expect(trusted.clientAddress(req(forwarded))).toBe('203.0.113.7');
    expect(trusted.isSecure(req(forwarded))).toBe(true);
    expect(trusted.ownOrigin(req(forwarded))).toBe('https://deck.example.com');
    const plain = requestNetwork({ tls: false, trustProxy: false, loopback: false }, () => 443);
    expect(plain.clientAddress(req(forwarded))).toBe('10.0.0.5');
    expect(plain.isSecure(req(forwarded))).toBe(false);
    expect(plain.isAllowedOrigin('https://deck.example.com', req(forwarded))).toBe(false);
    expect(requestNetwork({ tls: true, trustProxy: false, loopback: false }, () => 443).ownOrigin(req(forwarded))).toBe('https://deck.example.com');
  });

  it('on loopback without a proxy accept only 127.0.0.1, localhost and [::1] with the port as Host', () => {
    const local = requestNetwork(LOOPBACK_NETWORK, () => 4010);
    expect(['127.0.0.1:4010', 'localhost:4010', '[::1]:4010'].map((h) => local.isAllowedHost(h))).toEqual([true, true, true]);
    expect(['127.0.0.1:4011', 'evil.example:4010', undefined, 'a b'].map((h) => local.isAllowedHost(h))).toEqual([false, false, false, false]);
    expect(requestNetwork({ tls: true, trustProxy: false, loopback: false }, () => 4010).isAllowedHost('deck.example.com')).toBe(true);
  });

  it('tell loopback addresses and the last forwarded value', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '192.0.2.1', '::', 'deck.example.com'].some(isLoopbackHost)).toBe(false);
    expect(lastForwarded(['a, b', 'c'])).toBe('c');
    expect(lastForwarded(' ')).toBeUndefined();
  });
});
