// /admin/companies.json: a token reaches its own company and, when granted for a partner, the partner's
// clients; nothing else (foreign ids are 404). POST creates a client with a partner's token only; PUT
// changes data through the companies service with field errors in wire names; DELETE deletes a client with
// its data for its partner's token (409 with the reasons when documents, orders or clients stand in the way;
// 403 for the company itself), also through a real OAuth client library; ?token=T finds a company by its token.
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNA, api, DANA, startOAuthFixture, tokensFor, type OAuthFixture } from '../../helpers/oauth';

let fixture: OAuthFixture;
let anna: string;
let partner: string;
let partnerForClient: string;
let northwind: number;
let alpen: number;
let brightside: number;
let harbor: number;
beforeAll(async () => {
  fixture = await startOAuthFixture();
  northwind = fixture.companyOf(DANA);
  alpen = fixture.companyOf(ANNA);
  brightside = fixture.companyOf('oliver@brightside-books.example');
  harbor = fixture.companyOf('maya@harborcoffee.example');
  anna = (await tokensFor(fixture, { scope: 'companies' })).access;
  partner = (await tokensFor(fixture, { email: DANA, companyId: northwind, scope: 'companies' })).access;
  partnerForClient = (await tokensFor(fixture, { email: DANA, companyId: brightside, scope: 'companies' })).access;
});
afterAll(() => fixture.close());

const ids = (body: { companies: { id: number }[] }) => body.companies.map((c) => c.id);

describe('companies resource', () => {
  it("a shop's token sees only its own company", async () => {
    const list = await api(fixture, 'GET', '/admin/companies.json', anna);
    expect(ids(list.body)).toEqual([alpen]);
    const one = await api(fixture, 'GET', `/admin/companies/${alpen}.json`, anna);
    expect(one.body.company).toMatchObject({ id: alpen, name: 'Alpenglück Naturkosmetik GmbH', country: 'AT', vat_id: 'ATU12345678', is_partner: false, partner_id: northwind, payment_route: 'direct' });
    for (const foreign of [northwind, brightside, harbor, 999999]) {
      const reply = await api(fixture, 'GET', `/admin/companies/${foreign}.json`, anna);
      expect(reply).toMatchObject({ status: 404, body: { errors: `company ${foreign} was not found` } });
    }
  });

  it("a partner's token sees the partner and its clients, paginated; a token the partner granted for one client sees that client only", async () => {
    const all = await api(fixture, 'GET', '/admin/companies.json?limit=250', partner);
    const expected = [northwind, ...fixture.platform.repos.companies.clientIds(northwind)].sort((a, b) => a - b);
    expect(ids(all.body)).toEqual(expected);
    expect(ids(all.body)).not.toContain(harbor);
    const page2 = await api(fixture, 'GET', '/admin/companies.json?limit=3&page=2', partner);
    expect(ids(page2.body)).toEqual(expected.slice(3, 6));
    expect(page2.headers.get('link')).toContain('rel="next"');
    expect((await api(fixture, 'GET', `/admin/companies/${harbor}.json`, partner)).status).toBe(404);
    expect(ids((await api(fixture, 'GET', '/admin/companies.json', partnerForClient)).body)).toEqual([brightside]);
    expect((await api(fixture, 'GET', `/admin/companies/${northwind}.json`, partnerForClient)).status).toBe(404);
  });

  it('payment_method is the masked method on file, read-only: a PUT carrying it changes nothing', async () => {
    const one = await api(fixture, 'GET', `/admin/companies/${alpen}.json`, anna);
    expect(one.body.company.payment_method).toEqual({ type: 'sepa_debit', country: 'AT', last4: '3201', mandate_reference: 'ALP-0007', mandate_signed_on: expect.stringMatching(/^\d{4}-06-02$/), holder: 'Alpenglück Naturkosmetik GmbH' });
    const list = await api(fixture, 'GET', '/admin/companies.json?limit=250', partner);
    const byId = new Map(list.body.companies.map((c: { id: number; payment_method: unknown }) => [c.id, c.payment_method]));
    expect(byId.get(northwind)).toMatchObject({ type: 'sepa_debit', country: 'DE', last4: '4411' });
    expect(byId.get(brightside)).toBeNull(); // Via Partner: charged through Northwind's mandate
    expect(JSON.stringify(list.body)).not.toMatch(/AT61|DE16|190430023457|3704004405/);
    const put = await api(fixture, 'PUT', `/admin/companies/${alpen}.json`, anna, { company: { city: 'Innsbruck', payment_method: { type: 'card', last4: '0000' } } });
    expect(put.status).toBe(200);
    expect(put.body.company.payment_method).toEqual(one.body.company.payment_method);
  });

  it('?token=T finds the company with that token among those the token reaches (the token "for external identification")', async () => {
    const { platform } = fixture;
    platform.db.prepare("UPDATE companies SET token = 'ERP-ALPEN-1' WHERE id = ?").run(alpen);
    platform.db.prepare("UPDATE companies SET token = 'ERP-HARBOR-1' WHERE id = ?").run(harbor);
    const found = await api(fixture, 'GET', '/admin/companies.json?token=ERP-ALPEN-1', partner);
    expect(found.status).toBe(200);
    expect(found.body.companies.map((c: { id: number; token: string }) => [c.id, c.token])).toEqual([[alpen, 'ERP-ALPEN-1']]);
    expect(ids((await api(fixture, 'GET', '/admin/companies.json?token=ERP-ALPEN-1', anna)).body)).toEqual([alpen]);
    // Exact match only, and never a company outside the token's reach.
    expect(ids((await api(fixture, 'GET', '/admin/companies.json?token=ERP-ALPEN', partner)).body)).toEqual([]);
    expect(ids((await api(fixture, 'GET', '/admin/companies.json?token=ERP-HARBOR-1', partner)).body)).toEqual([]);
    expect(ids((await api(fixture, 'GET', '/admin/companies.json?token=ERP-ALPEN-1', partnerForClient)).body)).toEqual([]);
    expect(await api(fixture, 'GET', '/admin/companies.json?token=', partner)).toMatchObject({ status: 400, body: { errors: { token: ['must not be empty'] } } });
  });

  it('PUT changes company data; bad input names the wire field and writes nothing', async () => {
    const changed = await api(fixture, 'PUT', `/admin/companies/${alpen}.json`, anna, { company: { city: 'Hall in Tirol', postal_code: '6060' } });
    expect(changed.status).toBe(200);
    expect(changed.body.company).toMatchObject({ city: 'Hall in Tirol', postal_code: '6060' });
    for (const [body, field] of [
      [{ vat_id: 'DE123' }, 'vat_id'],
      [{ postal_code: 'x'.repeat(30) }, 'postal_code'],
      [{ payment_route: 'via_partner' }, 'payment_route'],
      [{ colour: 'red' }, 'colour'],
    ] as const) {
      const reply = await api(fixture, 'PUT', `/admin/companies/${alpen}.json`, anna, { company: body });
      expect(reply.status).toBe(422);
      expect(Object.keys(reply.body.errors)).toEqual([field]);
    }
    expect((await api(fixture, 'GET', `/admin/companies/${alpen}.json`, anna)).body.company).toMatchObject({ city: 'Hall in Tirol', vat_id: 'ATU12345678', payment_route: 'direct' });
    expect((await api(fixture, 'PUT', `/admin/companies/${northwind}.json`, anna, { company: { city: 'x' } })).status).toBe(404);
  });

  it('POST creates a client with a partner token (attestation required); other tokens get 403', async () => {
    const missing = await api(fixture, 'POST', '/admin/companies.json', partner, { company: { name: 'API Client GmbH', country: 'DE' } });
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.errors)).toEqual(['attest_not_affiliated']);
    const created = await api(fixture, 'POST', '/admin/companies.json', partner, { company: { name: 'API Client GmbH', country: 'DE', attest_not_affiliated: true } });
    expect(created.status).toBe(201);
    expect(created.body.company).toMatchObject({ name: 'API Client GmbH', partner_id: northwind, is_partner: false });
    expect(ids((await api(fixture, 'GET', '/admin/companies.json?limit=250', partner)).body)).toContain(created.body.company.id);
    for (const token of [anna, partnerForClient]) {
      expect((await api(fixture, 'POST', '/admin/companies.json', token, { company: { name: 'X', country: 'DE', attest_not_affiliated: true } })).status).toBe(403);
    }
  });

  it("DELETE deletes a client with its data for its partner's token: gone from the list, its own tokens stop working", async () => {
    const created = await api(fixture, 'POST', '/admin/companies.json', partner, { company: { name: 'Short-lived GmbH', country: 'AT', attest_not_affiliated: true } });
    const id = created.body.company.id as number;
    const itsToken = (await tokensFor(fixture, { email: DANA, companyId: id, scope: 'companies' })).access;
    expect((await api(fixture, 'GET', `/admin/companies/${id}.json`, itsToken)).status).toBe(200);

    const reply = await api(fixture, 'DELETE', `/admin/companies/${id}.json`, partner);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({});
    expect((await api(fixture, 'GET', `/admin/companies/${id}.json`, partner)).status).toBe(404);
    expect(ids((await api(fixture, 'GET', '/admin/companies.json?limit=250', partner)).body)).not.toContain(id);
    // The authorization went with the company: the token granted for it no longer reaches anything.
    expect((await api(fixture, 'GET', `/admin/companies/${id}.json`, itsToken)).status).toBe(401);
    expect((await api(fixture, 'DELETE', `/admin/companies/${id}.json`, partner)).status).toBe(404);
  });

  it('DELETE of a client with orders is 409 naming the reason, and deletes nothing; the company itself gets 403; foreign ids 404', async () => {
    const refused = await api(fixture, 'DELETE', `/admin/companies/${brightside}.json`, partner);
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toMatch(/^Brightside Books Ltd cannot be deleted: it has [\d,]+ orders\.$/);
    expect((await api(fixture, 'GET', `/admin/companies/${brightside}.json`, partner)).status).toBe(200);
    const itself = await api(fixture, 'DELETE', `/admin/companies/${alpen}.json`, anna);
    expect(itself.status).toBe(403);
    expect(itself.body.errors).toContain('can be deleted by its managing partner or the platform operator, not by itself');
    expect((await api(fixture, 'DELETE', `/admin/companies/${harbor}.json`, anna)).status).toBe(404);
  });

  it('DELETE through openid-client (a real OAuth client library): refresh the token, then delete with it', async () => {
    const created = await api(fixture, 'POST', '/admin/companies.json', partner, { company: { name: 'Library Test SARL', country: 'FR', attest_not_affiliated: true } });
    const id = created.body.company.id as number;
    const tokens = await tokensFor(fixture, { email: DANA, companyId: northwind, scope: 'companies' });
    const config = new oidc.Configuration(
      { issuer: fixture.url, authorization_endpoint: `${fixture.url}/oauth2/authorize`, token_endpoint: `${fixture.url}/token` },
      fixture.app.clientId,
      fixture.app.clientSecret,
    );
    oidc.allowInsecureRequests(config);
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh);
    const response = await oidc.fetchProtectedResource(config, refreshed.access_token, new URL(`${fixture.url}/admin/companies/${id}.json`), 'DELETE');
    expect(response.status).toBe(200);
    expect((await api(fixture, 'GET', `/admin/companies/${id}.json`, refreshed.access_token)).status).toBe(404);
  });
});
