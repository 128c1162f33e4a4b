// An App Store install over real HTTP: the authorize URL the install returns (the app's permissions as scope,
// its Authorization URL as redirect_uri) walks the platform's sign-in and consent pages, the app receives a code
// with the install's state at its Authorization URL and exchanges it for tokens with exactly those scopes;
// uninstalling revokes them. A partner who installed for a client finds that client chosen on the consent page.
import { afterEach, describe, expect, it } from 'vitest';
import { storeInstallState } from '../../src-shared/domain/app-store';
import { OPERATOR, type Actor } from '../../src-main/core/access';
import { ANNA, DANA, FormClient, signIn, exchangeCode, formFields, startOAuthFixture, tokeninfo, type OAuthFixture } from '../helpers/oauth';

let fixture: OAuthFixture | null = null;
afterEach(async () => {
  await fixture?.close();
  fixture = null;
});

const CALLBACK = 'http://127.0.0.1:9/store-install';

describe('installing from the App Store runs the OAuth authorization', () => {
  it('the install’s authorize URL leads to a code at the Authorization URL; the tokens carry the app’s permissions; uninstall revokes them', async () => {
    fixture = await startOAuthFixture();
    const { platform } = fixture;
    const as = (email: string): Actor => (platform.localUsers.actorByEmail(email)!);
    const yuki = as('yuki@kawaii-stationery.example');
    const kawaii = fixture.companyOf('yuki@kawaii-stationery.example');
    const { app, clientSecret } = platform.myApps.create(yuki, {
      companyId: kawaii,
      kind: 'app',
      name: 'Install Flow',
      description: 'Tests the install flow.',
      priceMinor: 900,
      redirectUris: [CALLBACK],
      scopes: ['orders', 'products'],
      authorizationUrl: CALLBACK,
      developerEmail: 'dev@install-flow.example',
    });
    platform.myApps.requestApproval(yuki, { companyId: kawaii, appId: app.id, message: '' });
    platform.appApprovals.approve(OPERATOR, { appId: app.id, visibility: 'beta', note: '' });

    const alpen = fixture.companyOf(ANNA);
    const result = platform.appStore.install(as(ANNA), app.id, alpen);
    expect(result.installed.charge).toBe('beta');

    const client = new FormClient(fixture.url);
    const page = await signIn(client, result.authorizePath!, ANNA);
    expect(page.status).toBe(200);
    const decided = await client.post('/oauth2/authorize/decision', { company_id: String(alpen), ...formFields(page.html, '/oauth2/authorize/decision'), decision: 'approve' });
    expect(decided.status).toBe(303);
    const location = new URL(decided.location!);
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(location.searchParams.get('state')).toBe(storeInstallState(result.installed.installId!));

    const tokens = await exchangeCode({ ...fixture, app: { id: app.id, clientId: app.clientId!, clientSecret: clientSecret! } }, location.searchParams.get('code')!, { redirect_uri: CALLBACK });
    expect(tokens.status).toBe(200);
    expect(String(tokens.body.scope).split(/[ ,]/).sort()).toEqual(['orders', 'products']);
    const access = String(tokens.body.access_token);
    expect((await tokeninfo(fixture, access)).status).toBe(200);

    platform.appStore.uninstall(as(ANNA), app.id, alpen);
    expect((await tokeninfo(fixture, access)).status).not.toBe(200);
    expect(platform.appStore.installedApps(as(ANNA), alpen).some((a) => a.appId === app.id)).toBe(false);
  });

  it('the consent page starts with the client the partner installed for; a state of no active install of this app chooses nothing', async () => {
    fixture = await startOAuthFixture();
    const { platform } = fixture;
    const as = (email: string): Actor => (platform.localUsers.actorByEmail(email)!);
    const yuki = as('yuki@kawaii-stationery.example');
    const kawaii = fixture.companyOf('yuki@kawaii-stationery.example');
    const alpen = fixture.companyOf(ANNA);
    const create = (name: string) =>
      platform.myApps.create(yuki, { companyId: kawaii, kind: 'app', name, description: 'Tests consent.', priceMinor: 0, redirectUris: [CALLBACK], scopes: ['orders'], authorizationUrl: CALLBACK, developerEmail: 'dev@consent.example' }).app;
    const app = create('Consent Choice');
    const other = create('Other App');
    const result = platform.appStore.install(as(DANA), app.id, alpen);
    const otherInstall = platform.appStore.install(as(DANA), other.id, alpen);

    const client = new FormClient(fixture.url);
    // Each consent page is the answer to a sign-in (there is no sign-in session).
    const consentFor = async (path: string) => (await signIn(client, path, DANA)).html;
    const selected = (html: string) => /<option value="(\d+)" selected>/.exec(html)?.[1] ?? null;
    expect(selected(await consentFor(result.authorizePath!))).toBe(String(alpen));
    // Another app's install, an unknown install, an uninstalled one: nothing is chosen.
    const withState = (state: string) => result.authorizePath!.replace(/state=[^&]+/, `state=${state}`);
    expect(selected(await consentFor(withState(storeInstallState(otherInstall.installed.installId!))))).toBeNull();
    expect(selected(await consentFor(withState(storeInstallState(99_999))))).toBeNull();
    platform.appStore.uninstall(as(DANA), app.id, alpen);
    expect(selected(await consentFor(result.authorizePath!))).toBeNull();
  });
});
