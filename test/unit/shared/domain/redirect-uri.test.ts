// The pure rules of the OAuth area: app URLs (exact redirect URIs, http only on loopback), the scope
// parameter (commas only, known scopes, order kept), and webhook topics with the orders/create alias.
import { describe, expect, it } from 'vitest';
import { canonicalScopes, parseScopeParam } from '../../../../src-shared/domain/oauth-scopes';
import { checkAppUrl, checkHttpUrl } from '../../../../src-shared/domain/redirect-uri';
import { canonicalWebhookTopic, WEBHOOK_TOPICS } from '../../../../src-shared/domain/webhook-topics';

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

describe('parseScopeParam', () => {
  it('keeps the order asked for and drops repeats', () => {
    expect(parseScopeParam('products,orders,customers,orders')).toEqual({ ok: true, scopes: ['products', 'orders', 'customers'] });
    expect(canonicalScopes(['orders', 'products'])).toEqual(['products', 'orders']);
  });

  it.each([
    ['', 'is required'],
    ['products orders', 'comma-separated without spaces'],
    ['products,,orders', 'empty entry'],
    ['products,admin', 'unknown scopes: admin'],
  ])('refuses %j', (raw, problem) => {
    const parsed = parseScopeParam(raw);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toContain(problem);
  });
});

describe('webhook topics', () => {
  it('are the fourteen of spec §5, with orders/create as an alias of order/create', () => {
    expect(WEBHOOK_TOPICS).toHaveLength(14);
    expect(canonicalWebhookTopic('orders/create')).toBe('order/create');
    expect(canonicalWebhookTopic('app/uninstalled')).toBe('app/uninstalled');
    expect(canonicalWebhookTopic('orders/update')).toBeNull();
  });
});
