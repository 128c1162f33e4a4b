// The whole authorization code flow over real loopback HTTP against a real SQLite file: authorize, sign in,
// consent, code exchange, tokeninfo, refresh and a REST call, with the exact wire shapes of spec §3.
import { describe, expect, it } from 'vitest';
import { api, authorize, exchangeCode, refresh, REDIRECT_URI, oauthFixtureForFile, tokeninfo } from '../../helpers/oauth';

const fixture = oauthFixtureForFile();

const RFC1123 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

describe('authorization code flow', () => {
  it('redirects with code, state and company_id, exchanges the code for the exact token response, and the token works', async () => {
    const { location, code } = await authorize(fixture, { state: 'xyz 1/2' });
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect([...location.searchParams.keys()]).toEqual(['code', 'state', 'company_id']);
    expect(location.searchParams.get('state')).toBe('xyz 1/2');
    const companyId = fixture.companyOf('anna@alpenglueck.example');
    expect(location.searchParams.get('company_id')).toBe(String(companyId));
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const reply = await exchangeCode(fixture, code!);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.headers.get('pragma')).toBe('no-cache');
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = reply.body;
    expect(Object.keys(body)).toEqual(['expires', 'issued', 'access_token', 'access_type', 'as:client_id', 'expires_in', 'refresh_token', 'scope', 'token_type', 'userName']);
    expect(body.issued).toMatch(RFC1123);
    expect(body.expires).toMatch(RFC1123);
    expect(Date.parse(body.expires as string) - Date.parse(body.issued as string)).toBe(1800_000);
    expect(body.issued).toBe(new Date(fixture.platform.clock.now()).toUTCString());
    expect(body.access_type).toBe('offline');
    expect(body['as:client_id']).toBe(fixture.app.clientId);
    expect(body.expires_in).toBe(1799);
    expect(body.refresh_token).toMatch(/^[0-9a-f]{32}$/);
    expect(body.scope).toBe('products,orders,customers,webhooks,companies');
    expect(body.token_type).toBe('bearer');
    expect(body.userName).toBe('anna@alpenglueck.example');

    const info = await tokeninfo(fixture, body.access_token as string);
    expect(info.status).toBe(200);
    expect(info.body).toEqual({ issued_to: fixture.app.clientId, user_id: 'anna@alpenglueck.example', scope: 'products,orders,customers,webhooks,companies', expires_in: '1800', access_type: 'offline' });
    fixture.platform.clock.advance(62_000);
    expect((await tokeninfo(fixture, body.access_token as string)).body.expires_in).toBe('1738');

    const companies = await api(fixture, 'GET', '/admin/companies.json', body.access_token as string);
    expect(companies.status).toBe(200);
    expect(companies.body.companies.map((c: { id: number }) => c.id)).toEqual([companyId]);

    const renewed = await refresh(fixture, body.refresh_token as string);
    expect(renewed.status).toBe(200);
    expect(Object.keys(renewed.body)).toEqual(Object.keys(body));
    expect(renewed.body.refresh_token).not.toBe(body.refresh_token);
    expect(renewed.body.access_token).not.toBe(body.access_token);
    expect((await api(fixture, 'GET', '/admin/webhooks.json', renewed.body.access_token as string)).body).toEqual({ webhooks: [] });
  });

  it('records the authorization for the company, with the scopes granted and by whom', async () => {
    const companyId = fixture.companyOf('anna@alpenglueck.example');
    const listed = fixture.platform.authorizations.listForCompany({ kind: 'operator', label: 'test' }, companyId);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ appName: 'Order Sync', grantedBy: 'anna@alpenglueck.example', scopes: ['products', 'customers', 'orders', 'companies', 'webhooks'] });
  });
});
