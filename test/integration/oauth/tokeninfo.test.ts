// GET /api/tokeninfo: the exact success shape (expires_in a string) and exactly the three error values.
import { describe, expect, it } from 'vitest';
import { oauthFixtureForFile, tokeninfo, tokensFor } from '../../helpers/oauth';

const fixture = oauthFixtureForFile();

describe('tokeninfo', () => {
  it('answers the exact shape, with expires_in as a string of seconds left', async () => {
    const { access } = await tokensFor(fixture, { scope: 'products,orders,customers' });
    const res = await fetch(`${fixture.url}/api/tokeninfo?access_token=${access}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(Object.keys(body)).toEqual(['issued_to', 'user_id', 'scope', 'expires_in', 'access_type']);
    expect(body).toEqual({ issued_to: fixture.app.clientId, user_id: 'anna@alpenglueck.example', scope: 'products,orders,customers', expires_in: '1800', access_type: 'offline' });
  });

  it('"access_token required" without a token', async () => {
    expect(await tokeninfo(fixture, null)).toEqual({ status: 400, body: { error: 'access_token required' } });
    expect(await tokeninfo(fixture, '')).toEqual({ status: 400, body: { error: 'access_token required' } });
  });

  it('"invalid access_token" for an unknown token', async () => {
    expect(await tokeninfo(fixture, 'x'.repeat(43))).toEqual({ status: 400, body: { error: 'invalid access_token' } });
  });

  it('"expired" once the 1800 seconds are over', async () => {
    const { access } = await tokensFor(fixture);
    fixture.platform.clock.advance(1799_000);
    expect((await tokeninfo(fixture, access)).body.expires_in).toBe('1');
    fixture.platform.clock.advance(1000);
    expect(await tokeninfo(fixture, access)).toEqual({ status: 400, body: { error: 'expired' } });
  });

  it('reads only the query parameter (as the hosted platform documents)', async () => {
    const { access } = await tokensFor(fixture);
    const res = await fetch(`${fixture.url}/api/tokeninfo`, { headers: { authorization: `Bearer ${access}` } });
    expect(await res.json()).toEqual({ error: 'access_token required' });
  });
});
