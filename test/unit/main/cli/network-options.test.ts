// `partnerdeck serve`'s network options (src-main/cli/network-options.ts), shared by the platform's own server and the
// team console: a non-loopback --host is refused unless TLS or a trusted proxy, in words naming the options; one TLS
// file without the other, unreadable or non-PEM files and a key that is not the certificate's are refused before
// anything opens; --console-port needs --console.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { networkSettings } from '../../../../src-main/cli/network-options';
import { teamConsoleSettings } from '../../../../src-main/cli/team-console';
import { selfSignedCertificate } from '../../../helpers/tls';

const PLATFORM = 'the platform';
let dir: string;
let cert: string;
let key: string;
let otherKey: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pd-network-'));
  const one = await selfSignedCertificate();
  const two = await selfSignedCertificate();
  writeFileSync((cert = join(dir, 'cert.pem')), one.cert);
  writeFileSync((key = join(dir, 'key.pem')), one.key);
  writeFileSync((otherKey = join(dir, 'other-key.pem')), two.key);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('serve network options', () => {
  it('refuses a non-loopback host without TLS or a trusted proxy, naming the options', () => {
    expect(() => networkSettings({ host: '0.0.0.0' }, PLATFORM)).toThrow(/--host 0\.0\.0\.0 would let other machines reach the platform over plain HTTP.*--tls-cert and --tls-key.*--trust-proxy/);
    expect(() => networkSettings({ host: '192.0.2.10' }, 'the platform and the team console')).toThrow(/reach the platform and the team console over plain HTTP/);
    expect(networkSettings({ host: '0.0.0.0', 'trust-proxy': true }, PLATFORM)).toMatchObject({ host: '0.0.0.0', trustProxy: true, tls: null });
    expect(networkSettings({ host: '0.0.0.0', 'tls-cert': cert, 'tls-key': key }, PLATFORM)).toMatchObject({ host: '0.0.0.0', trustProxy: false, tls: { cert: expect.stringContaining('BEGIN CERTIFICATE') } });
    expect(networkSettings({}, PLATFORM)).toMatchObject({ host: '127.0.0.1', trustProxy: false, tls: null, notes: [] });
    expect(networkSettings({ host: 'localhost' }, PLATFORM).host).toBe('localhost');
  });

  it('refuses one TLS file without the other, unreadable or non-PEM files, a key of another certificate, a bad host', () => {
    expect(() => networkSettings({ 'tls-cert': cert }, PLATFORM)).toThrow('--tls-cert needs --tls-key');
    expect(() => networkSettings({ 'tls-key': key }, PLATFORM)).toThrow('--tls-key needs --tls-cert');
    expect(() => networkSettings({ 'tls-cert': '/nonexistent/cert.pem', 'tls-key': key }, PLATFORM)).toThrow('--tls-cert /nonexistent/cert.pem: cannot be read: there is no such file');
    expect(() => networkSettings({ 'tls-cert': key, 'tls-key': key }, PLATFORM)).toThrow(/--tls-cert .*key\.pem: is not a PEM certificate/);
    expect(() => networkSettings({ 'tls-cert': cert, 'tls-key': cert }, PLATFORM)).toThrow(/--tls-key .*cert\.pem: is not a PEM private key/);
    expect(() => networkSettings({ 'tls-cert': cert, 'tls-key': otherKey }, PLATFORM)).toThrow('--tls-cert and --tls-key do not belong together');
    expect(() => networkSettings({ host: 'a b' }, PLATFORM)).toThrow('--host must be an IP address or a host name');
  });

  it('warns behind a proxy on another address that only the proxy may reach it', () => {
    expect(networkSettings({ host: '0.0.0.0', 'trust-proxy': true }, PLATFORM).notes.join(' ')).toContain('make sure only your reverse proxy can reach 0.0.0.0');
  });
});

describe('serve --console', () => {
  const loopback = networkSettings({}, PLATFORM);

  it('takes the network settings of serve, its own port, and warns about plain HTTP on loopback', () => {
    expect(teamConsoleSettings({}, loopback)).toBeNull();
    expect(() => teamConsoleSettings({ 'console-port': '8080' }, loopback)).toThrow('--console-port is about the team console: add --console');
    expect(() => teamConsoleSettings({ console: true, 'console-port': 'x' }, loopback)).toThrow('--console-port must be a number');
    const team = teamConsoleSettings({ console: true, 'console-port': '8080' }, loopback)!;
    expect(team).toMatchObject({ host: '127.0.0.1', port: 8080, tls: null, trustProxy: false });
    expect(team.notes.join(' ')).toContain('The team console speaks plain HTTP on this machine only');
    const proxied = teamConsoleSettings({ console: true }, networkSettings({ host: '0.0.0.0', 'trust-proxy': true }, PLATFORM))!;
    expect(proxied).toMatchObject({ host: '0.0.0.0', trustProxy: true, port: undefined });
    expect(proxied.notes.join(' ')).not.toContain('plain HTTP');
  });
});
