// The team console's request rules (host/team-access.ts): the cookie's flags over plain HTTP, TLS and a trusted
// proxy; forwarded headers believed only with --trust-proxy; the Host check on loopback; the network refusals of
// `serve --console` (cli/team-console.ts).
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { cookiesOf } from '../../../../src-main/core/server/http-io';
import { createTeamAccess, sessionCookie, SECURE_SESSION_COOKIE, SESSION_COOKIE, type TeamNetwork } from '../../../../src-main/host/team-access';
import type { PushedEvent } from '../../../../src-shared/api/contract';

function access(network: Partial<TeamNetwork>) {
  return createTeamAccess({
    platform: () => {
      throw new Error('not used');
    },
    network: { tls: false, trustProxy: false, loopback: true, ...network },
    consoleFor: () => {
      throw new Error('not used');
    },
    port: () => 4800,
  });
}

const request = (headers: Record<string, string>, remoteAddress = '127.0.0.1') => ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict, Path=/ always, Secure with the __Host- name only over TLS', () => {
    expect(sessionCookie('tok', false, 60)).toBe(`${SESSION_COOKIE}=tok; Path=/; HttpOnly; SameSite=Strict; Max-Age=60`);
    expect(sessionCookie('tok', true, 60)).toBe(`${SECURE_SESSION_COOKIE}=tok; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure`);
    expect(sessionCookie(null, true)).toBe(`${SECURE_SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure`);
  });

  it('is read by name, the first of a name winning', () => {
    expect(cookiesOf('a=1; partnerdeck_session=x; partnerdeck_session=y').get(SESSION_COOKIE)).toBe('x');
    expect(cookiesOf(undefined).size).toBe(0);
  });
});

describe('requests over TLS and through a proxy', () => {
  it('counts as secure with its own TLS, or the proxy’s X-Forwarded-Proto only when the proxy is trusted', () => {
    const forwarded = request({ 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' });
    expect(access({ tls: true }).isSecure(request({}))).toBe(true);
    expect(access({}).isSecure(forwarded)).toBe(false);
    expect(access({ trustProxy: true }).isSecure(forwarded)).toBe(true);
    expect(access({ trustProxy: true }).isSecure(request({ 'x-forwarded-proto': 'http' }))).toBe(false);
  });

  it('takes the client address from X-Forwarded-For (the hop the proxy added) only when trusted', () => {
    const forwarded = request({ 'x-forwarded-for': '198.51.100.1, 203.0.113.9' }, '127.0.0.1');
    expect(access({}).clientAddress(forwarded)).toBe('127.0.0.1');
    expect(access({ trustProxy: true }).clientAddress(forwarded)).toBe('203.0.113.9');
  });

  it('on loopback without a proxy accepts only this port’s loopback names as Host (DNS rebinding)', () => {
    const loopback = access({});
    expect(loopback.isAllowedHost('127.0.0.1:4800')).toBe(true);
    expect(loopback.isAllowedHost('localhost:4800')).toBe(true);
    expect(loopback.isAllowedHost('evil.example:4800')).toBe(false);
    expect(loopback.isAllowedHost('127.0.0.1:4801')).toBe(false);
    expect(access({ loopback: false, tls: true }).isAllowedHost('deck.example.com')).toBe(true);
    expect(access({ loopback: false, tls: true }).isAllowedHost('bad host/')).toBe(false);
  });

  it('accepts an Origin only when it is the very origin the request reached', () => {
    const team = access({ loopback: false, tls: true });
    const req = request({ host: 'deck.example.com' });
    expect(team.isAllowedOrigin('https://deck.example.com', req)).toBe(true);
    expect(team.isAllowedOrigin('http://deck.example.com', req)).toBe(false);
    expect(team.isAllowedOrigin('https://evil.example', req)).toBe(false);
    expect(team.isAllowedOrigin('null', req)).toBe(false);
  });
});

describe('the consoles kept ready', () => {
  // Three people at most; a session token is the user's id; every person may see everything.
  function teamOf() {
    const closed: number[] = [];
    const listeners = new Map<number, Set<(event: PushedEvent) => void>>();
    const team = createTeamAccess({
      platform: () => ({ teamSessions: { resolve: (token: string) => ({ userId: Number(token) }) }, localUsers: { actorOf: () => ({}) }, access: { canSee: () => true } }) as never,
      network: { tls: false, trustProxy: false, loopback: true },
      consoleFor: (userId) =>
        ({
          invoke: async () => null,
          onEvent: (listener: (event: PushedEvent) => void) => {
            const set = listeners.get(userId) ?? new Set();
            listeners.set(userId, set);
            set.add(listener);
            return () => set.delete(listener);
          },
          close: () => closed.push(userId),
        }) as never,
      port: () => 4800,
      maxConsoles: 3,
    });
    const consoleOf = (userId: number) => team.consoleOf(request({ cookie: `${SESSION_COOKIE}=${userId}` }))!;
    return { team, closed, consoleOf };
  }

  it('lets go first of somebody with no page listening, keeping the streams of those who have one', () => {
    const { closed, consoleOf } = teamOf();
    const ended: number[] = [];
    consoleOf(1).onEvent(() => undefined, () => ended.push(1));
    consoleOf(2);
    consoleOf(3).onEvent(() => undefined, () => ended.push(3));
    consoleOf(4);
    expect(closed).toEqual([2]);
    expect(ended).toEqual([]);
  });

  it('ends the event streams of a person whose console it had to let go, so their pages reconnect instead of going silent', () => {
    const { closed, consoleOf } = teamOf();
    const ended: string[] = [];
    consoleOf(1).onEvent(() => undefined, () => ended.push('1a'));
    consoleOf(1).onEvent(() => undefined, () => ended.push('1b'));
    consoleOf(2).onEvent(() => undefined, () => ended.push('2'));
    consoleOf(3).onEvent(() => undefined, () => ended.push('3'));
    consoleOf(4);
    expect(closed).toEqual([1]);
    expect(ended).toEqual(['1a', '1b']);
    // A stream its page closed is not ended again: with 2 and 3 still listening and 4 not, 4 goes next.
    const off = consoleOf(2).onEvent(() => undefined, () => ended.push('2 again'));
    off();
    consoleOf(5);
    expect(closed).toEqual([1, 4]);
    expect(ended).toEqual(['1a', '1b']);
  });
});
