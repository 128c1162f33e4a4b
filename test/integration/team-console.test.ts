// `partnerdeck serve --console` as a real process (issue 21 item 5): over HTTPS with a certificate made here,
// every person signs in with email and password, the session is a Secure HttpOnly SameSite=Strict __Host- cookie,
// console calls need the CSRF header and a same-origin Origin, Switch user is refused and nobody else is listed,
// sign-out ends the session. And the refusals: a non-loopback --host without TLS or a trusted proxy, a key that is
// not the certificate's, a file that cannot be read — each before anything listens.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PARTNER_EMAIL, DEMO_PASSWORD } from '../../src-main/core/seed/demo-seed';
import { assertBuilt, runCliAsync, startCli, stop } from '../helpers/cli';
import { selfSignedCertificate, sendText, type TextReply } from '../helpers/tls';

type Reply = TextReply;

const certificate = selfSignedCertificate;

describe('serve --console (a team server)', () => {
  let dir: string;
  let tls: { cert: string; key: string };
  let child: ChildProcessWithoutNullStreams | undefined;
  let origin: string;
  let platformOrigin: string;

  /** A request to the team console, trusting only this test's certificate. */
  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> => sendText(`${origin}${path}`, method, headers, body, tls.cert);

  const form = (email: string, password: string) => new URLSearchParams({ email, password }).toString();
  const signIn = (email: string, password: string, extra: Record<string, string> = {}) =>
    send('POST', '/sign-in', { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin, ...extra }, form(email, password));
  const call = (cookie: string, method: string, input: unknown = {}, extra: Record<string, string> = {}) =>
    send('POST', `/api/${method}`, { 'Content-Type': 'application/json', 'X-PartnerDeck-CSRF': '1', Origin: origin, Cookie: cookie, ...extra }, JSON.stringify(input));

  beforeAll(async () => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'pd-team-'));
    tls = await certificate();
    writeFileSync(join(dir, 'cert.pem'), tls.cert);
    writeFileSync(join(dir, 'key.pem'), tls.key, { mode: 0o600 });
    const started = await startCli(['serve', '--data-dir', join(dir, 'data'), '--port', '0', '--console', '--console-port', '0', '--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem'), '--json']);
    child = started.child;
    expect(started.first.consoleUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/sign-in$/);
    // The platform's own server (OAuth, /admin) takes the same TLS: its printed address is https.
    expect(started.first.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    origin = new URL(started.first.consoleUrl).origin;
    platformOrigin = started.first.url;
  }, 120_000);

  afterAll(async () => {
    if (child) await stop(child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a person without a session to the sign-in page, and refuses console calls', async () => {
    const page = await send('GET', '/');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/sign-in');
    const signInPage = await send('GET', '/sign-in');
    expect(signInPage.status).toBe(200);
    expect(signInPage.body).toContain('Sign in to your team’s PartnerDeck');
    expect(signInPage.headers['content-security-policy']).toContain("form-action 'self'");
    // How the desktop app's "Connect to team server" recognises a team server before it keeps the address.
    expect(signInPage.headers['x-partnerdeck-team-server']).toBe('1');
    const refused = await call('', 'session.get');
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body).error.message).toBe('Your session has ended (signed out, or unused for too long). Sign in again.');
    // The launch-link trade of `partnerdeck console` does not exist here.
    expect((await send('POST', '/auth/launch', { 'Content-Type': 'application/json', 'X-PartnerDeck-CSRF': '1' }, '{"launch":"x"}')).status).not.toBe(200);
  });

  it('says a wrong password in words, and accepts the form only from its own origin', async () => {
    const wrong = await signIn(DEMO_PARTNER_EMAIL, 'not the password');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('The email or password is not right.');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const foreign = await signIn(DEMO_PARTNER_EMAIL, DEMO_PASSWORD, { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers['set-cookie']).toBeUndefined();
  }, 60_000);

  it('signs in with a Secure, HttpOnly, SameSite=Strict __Host- cookie; calls run as that person; sign-out ends it', async () => {
    const signedIn = await signIn(DEMO_PARTNER_EMAIL, DEMO_PASSWORD);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/');
    const setCookie = String(signedIn.headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-partnerdeck_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
    const cookie = setCookie.split(';')[0];

    const page = await send('GET', '/', { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html data-team-console');

    const session = await call(cookie, 'session.get');
    expect(session.status).toBe(200);
    expect(JSON.parse(session.body).result.user.email).toBe(DEMO_PARTNER_EMAIL);
    const info = JSON.parse((await call(cookie, 'app.info')).body).result;
    expect(info).toMatchObject({ host: 'team', dataDir: '', secretStore: { warning: null } });

    // CSRF as in browser mode: the custom header and a same-origin Origin.
    expect((await call(cookie, 'session.get', {}, { 'X-PartnerDeck-CSRF': '' })).status).toBe(403);
    expect((await call(cookie, 'session.get', {}, { Origin: 'https://evil.example' })).status).toBe(403);
    // The plain-HTTP cookie name does not count over TLS.
    expect((await call(cookie.replace('__Host-', ''), 'session.get')).status).toBe(401);

    // Nobody else is listed, and Switch user is refused.
    expect(JSON.parse((await call(cookie, 'session.signInCandidates')).body).result).toEqual([]);
    const me = JSON.parse(session.body).result.user.id as number;
    const switched = await call(cookie, 'session.signIn', { userId: me + 1 });
    expect(switched.status).toBe(403);
    expect(JSON.parse(switched.body).error.message).toBe('On a team server everybody signs in with their own email and password: sign out, then sign in as the other user.');

    const out = await send('POST', '/auth/sign-out', { 'X-PartnerDeck-CSRF': '1', Origin: origin, Cookie: cookie });
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie'])).toContain('__Host-partnerdeck_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure');
    expect((await call(cookie, 'session.get')).status).toBe(401);
  }, 60_000);

  it('refuses a non-loopback --host without TLS or a trusted proxy, before anything listens', async () => {
    const refused = await runCliAsync(['serve', '--data-dir', join(dir, 'other'), '--console', '--host', '0.0.0.0', '--port', '0']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--host 0.0.0.0 would let other machines reach the platform and the team console over plain HTTP');
    expect(refused.stderr).toContain('Give --tls-cert and --tls-key, or put a TLS reverse proxy in front and add --trust-proxy');
    expect(refused.stdout).toBe('');
    // The platform's own server alone (no --console) is refused the same way; `console` has no --host at all.
    const platformOnly = await runCliAsync(['serve', '--data-dir', join(dir, 'other'), '--host', '0.0.0.0', '--port', '0']);
    expect(platformOnly.status).toBe(2);
    expect(platformOnly.stderr).toContain('--host 0.0.0.0 would let other machines reach the platform (its sign-in page, tokens and the /admin API) over plain HTTP');
    const browserMode = await runCliAsync(['console', '--data-dir', join(dir, 'other'), '--host', '0.0.0.0', '--no-open']);
    expect(browserMode.status).toBe(2);
    expect(browserMode.stderr).toContain('--host');
  }, 60_000);

  it('serves the platform itself over TLS: /health over https, plain HTTP to that port refused', async () => {
    const platformUrl = new URL(platformOrigin);
    const health = (await sendText(`${platformOrigin}/health`, 'GET', {}, undefined, tls.cert)).status;
    expect(health).toBe(200);
    const plain = await fetch(`http://127.0.0.1:${platformUrl.port}/health`).then(
      (res) => res.status,
      () => 'refused',
    );
    expect(plain).not.toBe(200);
    // The CLI's calls to the running serve (clock show/advance) go over https too: a certificate it does not trust
    // is said as such, and trusted through NODE_EXTRA_CA_CERTS it answers.
    const untrusted = await runCliAsync(['clock', 'show', '--data-dir', join(dir, 'data'), '--json']);
    expect(untrusted.status).not.toBe(0);
    expect(untrusted.stderr).toContain('answers, but its TLS certificate is not one this command trusts');
    const trusted = await runCliAsync(['clock', 'show', '--data-dir', join(dir, 'data'), '--json'], { NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') });
    expect(trusted.stderr).toBe('');
    expect(trusted.status).toBe(0);
  }, 60_000);

  it('refuses a key that is not the certificate’s, and files that are not PEM', async () => {
    const other = await certificate();
    writeFileSync(join(dir, 'other-key.pem'), other.key, { mode: 0o600 });
    writeFileSync(join(dir, 'not-pem.txt'), 'hello');
    const mismatched = await runCliAsync(['serve', '--data-dir', join(dir, 'other'), '--console', '--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'other-key.pem')]);
    expect(mismatched.status).toBe(2);
    expect(mismatched.stderr).toContain(`--tls-cert and --tls-key do not belong together: ${join(dir, 'other-key.pem')} is not the private key of the certificate`);
    const notPem = await runCliAsync(['serve', '--data-dir', join(dir, 'other'), '--console', '--tls-cert', join(dir, 'not-pem.txt'), '--tls-key', join(dir, 'key.pem')]);
    expect(notPem.stderr).toContain('is not a PEM certificate');
  }, 60_000);
});
