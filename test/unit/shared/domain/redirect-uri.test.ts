// App URLs: exact redirect URIs, http only on loopback.
import { describe, expect, it } from 'vitest';
import { checkAppUrl, checkHttpUrl } from '../../../../src-shared/domain/redirect-uri';

describe('checkAppUrl', () => {
  it.each(['https://app.example.com/cb', 'https://app.example.com:8443/oauth/callback?x=1', 'http://127.0.0.1:3000/cb', 'http://[::1]:8080/', 'http://localhost/cb', 'http://LOCALHOST:9/cb'])(
    'accepts %s',
    (url) => expect(checkAppUrl(url)).toEqual({ ok: true }),
  );

  it.each([
    ['http://app.example.com/cb', 'must use https'],
    ['http://127.0.0.2/cb', 'must use https'],
    ['http://localhost.evil.example/cb', 'must use https'],
    ['https://app.example.com/cb#frag', 'fragment'],
    ['https://user:pw@app.example.com/cb', 'user name or password'],
    ['javascript:alert(1)', 'http or https'],
    ['app.example.com/cb', 'not a valid absolute URL'],
    ['https://app .example.com/cb', 'spaces'],
    ['https://app..example.com/cb', 'invalid host'],
    ['https://app.example.com:99999/cb', 'invalid port'],
    ['', 'required'],
  ])('refuses %s (%s)', (url, problem) => {
    const check = checkAppUrl(url);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problem).toContain(problem);
  });

  it('lets webhook addresses use plain http anywhere', () => {
    expect(checkHttpUrl('http://whatever.hostname.com/', { httpsUnlessLoopback: false })).toEqual({ ok: true });
  });
});
