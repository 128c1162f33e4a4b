// The App Store services on the demo data: listings are products, visibility as the store applies it to real
// companies, the approval flow, installs and purchases (the Beta-free rule), rotating a secret, uninstalling
// (tokens revoked, app.uninstalled exactly once inside the transaction), permission changes (app.updated per
// company) and the operator-only functions.
import { afterEach, describe, expect, it } from 'vitest';
import type { ListingCreateInput } from '../../../../../src-shared/api/app-store-inputs';
import { OPERATOR, userActor, type Actor } from '../../../../../src-main/core/access';
import { migrate, openDatabase } from '../../../../../src-main/core/db/database';
import { MIGRATIONS } from '../../../../../src-main/areas';
import type { PlatformEventName } from '../../../../../src-main/core/events';
import { DEMO_OPERATOR_EMAIL } from '../../../../../src-main/core/seed/demo-seed';
import { openTestPlatform } from '../../../../helpers/platform';
import { errorOf } from '../../../../helpers/shop';
import { actorOf, companyOfUser } from '../../../../helpers/fixtures';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((p) => p.dispose()));

const YUKI = 'yuki@kawaii-stationery.example';
const DANA = 'dana@northwind-partners.example';
const ANNA = 'anna@alpenglueck.example';
const OLIVER = 'oliver@brightside-books.example';
const MAYA = 'maya@harborcoffee.example';
const SAM = 'sam@summit-sports.example';
const LUKAS = 'lukas@alpenglueck.example';

function demo() {
  const platform = openTestPlatform('demo');
  open.push(platform);
  const as = (email: string): Actor => actorOf(platform, email);
  const companyOf = (email: string) => companyOfUser(platform, email);
  const kawaii = companyOf(YUKI);
  const appInput = (extra: Partial<ListingCreateInput> = {}): ListingCreateInput => ({
    companyId: kawaii,
    kind: 'app',
    name: 'Stock Sync',
    description: 'Keeps stock in step with the warehouse.',
    priceMinor: 4900,
    redirectUris: ['https://stock-sync.example/oauth/callback', 'http://127.0.0.1:8123/callback'],
    scopes: ['products', 'orders', 'webhooks'],
    authorizationUrl: 'https://stock-sync.example/oauth/callback',
    startUrl: 'https://stock-sync.example/embedded',
    developerEmail: 'dev@stock-sync.example',
    ...extra,
  });
  const createApp = (extra: Partial<ListingCreateInput> = {}) => platform.myApps.create(as(YUKI), appInput(extra));
  /** Requests approval and has the operator approve it into `visibility`. */
  const approve = (appId: number, visibility: 'beta' | 'release') => {
    platform.myApps.requestApproval(as(YUKI), { companyId: kawaii, appId, message: '' });
    return platform.appApprovals.approve(OPERATOR, { appId, visibility, note: '' });
  };
  const events = () => {
    const seen: [PlatformEventName, unknown][] = [];
    const off = platform.ctx.onEmitInTransaction((name, payload) => void seen.push([name, payload]));
    return { seen, off, named: (name: PlatformEventName) => seen.filter(([n]) => n === name).map(([, p]) => p) };
  };
  return { platform, as, companyOf, kawaii, createApp, appInput, approve, events };
}


describe('My Apps: every listing is a product', () => {
  it('creates the app product in the developer’s shop with the sales fields, and credentials whose secret is shown once', () => {
    const { platform, as, kawaii, createApp } = demo();
    const { app, clientSecret } = createApp();
    expect(app).toMatchObject({ kind: 'app', companyId: kawaii, name: 'Stock Sync', priceMinor: 4900, currency: 'JPY', isActive: true, visibility: 'development', approval: 'none' });
    expect(app.readiness).toEqual({});
    const product = platform.catalog.getProduct(as(YUKI), kawaii, app.productId);
    expect(product).toMatchObject({ kind: 'app', name: 'Stock Sync', priceMinor: 4900, currency: 'JPY' });
    const row = platform.repos.apps.get(app.id)!;
    expect(platform.apps.verifySecret(row, clientSecret!)).toBe(true);
    expect(JSON.stringify(platform.myApps.get(as(YUKI), kawaii, app.id))).not.toContain(clientSecret);
    expect(platform.myApps.revealSecret(as(YUKI), kawaii, app.id)).toBe(clientSecret);
    // The product cannot be deleted from Products while it is a listing; the storefront does not sell it.
    expect(errorOf(() => platform.catalog.deleteProduct(as(YUKI), kawaii, app.productId)).details).toMatchObject({ reason: 'app_store_listing' });
    expect(Object.keys(errorOf(() => platform.checkout.place(OPERATOR, kawaii, { customer: { email: 'a@b.example', name: 'A', phone: '', street: '', city: '', postalCode: '', country: 'JP', acceptsMarketing: false }, lines: [{ productId: app.productId, quantity: 1 }], note: '' })).fields)).toEqual(['lines.0.productId']);
    // Renaming the product in the shop renames the listing.
    platform.catalog.updateProduct(as(YUKI), kawaii, app.productId, { name: 'Stock Sync Pro' });
    expect(platform.repos.apps.get(app.id)!.name).toBe('Stock Sync Pro');
  });

  it('a theme listing names one of the shop’s themes and has no OAuth credentials', () => {
    const { platform, as, kawaii, appInput } = demo();
    const pastel = platform.myApps.themeChoices(as(YUKI), kawaii).find((t) => t.name === 'Pastel')!;
    const { app, clientSecret } = platform.myApps.create(as(YUKI), { ...appInput(), kind: 'theme', name: 'Pastel Dreams', redirectUris: [], scopes: [], authorizationUrl: null, startUrl: null, themeId: pastel.id });
    expect(clientSecret).toBeNull();
    expect(app).toMatchObject({ kind: 'theme', clientId: null, themeId: pastel.id, themeName: 'Pastel' });
    expect(platform.catalog.getProduct(as(YUKI), kawaii, app.productId).kind).toBe('theme');
    expect(platform.apps.findByClientId(platform.repos.apps.get(app.id)!.client_id)).toBeUndefined();
    expect(errorOf(() => platform.myApps.revealSecret(as(YUKI), kawaii, app.id)).code).toBe('conflict');
    expect(errorOf(() => platform.myApps.create(as(YUKI), { ...appInput(), kind: 'theme', themeId: 999_999 })).fields).toHaveProperty('redirectUris');
    expect(errorOf(() => platform.myApps.create(as(YUKI), { ...appInput(), kind: 'theme', redirectUris: [], scopes: [], authorizationUrl: null, startUrl: null, themeId: 999_999 })).fields).toEqual({
      themeId: [expect.stringContaining('is not one of')],
    });
  });

  it('validates with field names, needs the apps permission and a shop (partners have none), and writes nothing on failure', () => {
    const { platform, as, companyOf, createApp, kawaii } = demo();
    const before = platform.db.prepare('SELECT COUNT(*) FROM products').pluck().get();
    expect(errorOf(() => createApp({ authorizationUrl: 'https://elsewhere.example/cb' })).fields).toEqual({ authorizationUrl: ['must be identical to one of the redirect URIs'] });
    expect(Object.keys(errorOf(() => createApp({ name: '', priceMinor: -1, redirectUris: ['http://app.example/cb'], authorizationUrl: null })).fields).sort()).toEqual(['name', 'priceMinor', 'redirectUris.0']);
    expect(errorOf(() => platform.myApps.create(as(LUKAS), { ...createAppInput(kawaii), companyId: companyOf(LUKAS) })).code).toBe('forbidden');
    expect(errorOf(() => platform.myApps.create(as(DANA), { ...createAppInput(kawaii), companyId: companyOf(DANA) })).details).toMatchObject({ reason: 'partner_has_no_shop' });
    expect(errorOf(() => platform.myApps.create(as(ANNA), createAppInput(kawaii))).code).toBe('not_found');
    expect(platform.db.prepare('SELECT COUNT(*) FROM products').pluck().get()).toBe(before);
  });

  it('migration 006 gives apps registered before it a product in their shop', () => {
    const db = openDatabase(':memory:', { migrations: MIGRATIONS.filter((m) => m.id < 6) });
    db.prepare("INSERT INTO companies (id, name, country, created_at, updated_at) VALUES (1, 'Dev GmbH', 'DE', 1, 1)").run();
    db.prepare("INSERT INTO shop_settings (company_id, shop_name, currency, default_vat_rate_bp, updated_at) VALUES (1, 'Dev', 'EUR', 1900, 1)").run();
    db.prepare("INSERT INTO products (id, company_id, kind, name, price_minor, currency, vat_rate_bp, created_at, updated_at) VALUES (7, 1, 'service', 'Old', 100, 'EUR', 1900, 1, 1)").run();
    db.prepare("DELETE FROM products WHERE id = 7").run();
    for (const [id, name] of [[1, 'One'], [2, 'Two']] as const) {
      db.prepare("INSERT INTO apps (id, company_id, name, client_id, client_secret_sealed, created_at, updated_at) VALUES (?, 1, ?, ?, 'x', 5, 5)").run(id, name, `c${id}`);
    }
    expect(migrate(db, MIGRATIONS.filter((m) => m.id <= 6))).toEqual([6]);
    const rows = db.prepare('SELECT a.id, a.kind, a.visibility, p.id AS product_id, p.kind AS product_kind, p.name, p.currency, p.vat_rate_bp, p.price_minor FROM apps a JOIN products p ON p.id = a.product_id ORDER BY a.id').all();
    // Product ids continue after the AUTOINCREMENT sequence (7 was used and deleted).
    expect(rows).toEqual([
      { id: 1, kind: 'app', visibility: 'development', product_id: 8, product_kind: 'app', name: 'One', currency: 'EUR', vat_rate_bp: 1900, price_minor: 0 },
      { id: 2, kind: 'app', visibility: 'development', product_id: 9, product_kind: 'app', name: 'Two', currency: 'EUR', vat_rate_bp: 1900, price_minor: 0 },
    ]);
    db.close();
  });
});

function createAppInput(companyId: number): ListingCreateInput {
  return { companyId, kind: 'app', name: 'X', priceMinor: 0, redirectUris: ['https://x.example/cb'], scopes: ['products'] };
}

describe('visibility in the store, company by company', () => {
  it('Development: the creator, its partner and the partner’s other clients; Beta and Release: everybody', () => {
    const { platform, as, companyOf, kawaii, createApp, approve } = demo();
    const { app } = createApp();
    const sees = (email: string) => platform.appStore.browse(as(email), companyOf(email), { search: '', kind: 'any' }).some((l) => l.id === app.id);
    const matrix = () => ({ creator: sees(YUKI), partner: sees(DANA), otherClient: sees(ANNA), unrelated: sees(MAYA), operator: platform.appApprovals.list(OPERATOR, 'all').some((a) => a.id === app.id) });
    expect(matrix()).toEqual({ creator: true, partner: true, otherClient: true, unrelated: false, operator: true });
    expect(errorOf(() => platform.appStore.listing(as(MAYA), companyOf(MAYA), app.id)).code).toBe('not_found');
    approve(app.id, 'beta');
    expect(matrix()).toEqual({ creator: true, partner: true, otherClient: true, unrelated: true, operator: true });
    platform.myApps.setVisibility(as(YUKI), { companyId: kawaii, appId: app.id, visibility: 'release' });
    expect(matrix()).toEqual({ creator: true, partner: true, otherClient: true, unrelated: true, operator: true });
    // Not available for sale: only its developer (and the operator) see it.
    platform.myApps.update(as(YUKI), { companyId: kawaii, appId: app.id, isActive: false });
    expect(matrix()).toEqual({ creator: true, partner: false, otherClient: false, unrelated: false, operator: true });
  });

  it('search and the kind filter', () => {
    const { platform, as, companyOf, createApp } = demo();
    const { app } = createApp({ name: 'Label Printer Bridge', description: 'Prints shipping labels.' });
    const browse = (search: string, kind: 'any' | 'app' | 'theme' = 'any') => platform.appStore.browse(as(ANNA), companyOf(ANNA), { search, kind }).map((l) => l.id);
    expect(browse('label')).toContain(app.id);
    expect(browse('shipping LABELS')).toContain(app.id);
    expect(browse('Kawaii')).toContain(app.id);
    expect(browse('nothing like this')).not.toContain(app.id);
    expect(browse('', 'theme')).not.toContain(app.id);
  });
});

describe('approval', () => {
  it('request, reject with a reason (shown to the developer, by email too), request again, approve into Beta, then Release', () => {
    const { platform, as, kawaii, createApp } = demo();
    const { app } = createApp();
    const dev = as(YUKI);
    expect(platform.myApps.requestApproval(dev, { companyId: kawaii, appId: app.id, message: 'Please review' })).toMatchObject({ approval: 'pending', visibility: 'development' });
    expect(errorOf(() => platform.myApps.requestApproval(dev, { companyId: kawaii, appId: app.id, message: '' })).code).toBe('conflict');
    expect(platform.appApprovals.list(OPERATOR, 'pending').map((a) => a.id)).toContain(app.id);
    expect(platform.appApprovals.pendingCount(OPERATOR)).toBe(platform.appApprovals.list(OPERATOR, 'pending').length);

    const rejected = platform.appApprovals.reject(OPERATOR, { appId: app.id, reason: 'The Authorization URL answers 404.' });
    expect(rejected).toMatchObject({ approval: 'rejected', visibility: 'development' });
    const seen = platform.myApps.get(dev, kawaii, app.id);
    expect(seen.latestRequest).toMatchObject({ decision: 'rejected', reason: 'The Authorization URL answers 404.', decidedBy: 'operator', message: 'Please review' });
    const mail = platform.outbox.list(OPERATOR, 5, kawaii)[0];
    expect(mail).toMatchObject({ to: 'dev@stock-sync.example', subject: 'Your app "Stock Sync" was not approved' });
    expect(mail.body).toContain('Reason: The Authorization URL answers 404.');
    expect(errorOf(() => platform.appApprovals.approve(OPERATOR, { appId: app.id, visibility: 'beta', note: '' })).code).toBe('conflict');

    expect(platform.myApps.requestApproval(dev, { companyId: kawaii, appId: app.id, message: 'Fixed' }).approval).toBe('pending');
    expect(platform.appApprovals.approve(OPERATOR, { appId: app.id, visibility: 'beta', note: 'Welcome' })).toMatchObject({ approval: 'approved', visibility: 'beta' });
    expect(platform.outbox.list(OPERATOR, 5, kawaii)[0].subject).toBe('Your app "Stock Sync" was approved: Beta');
    expect(platform.myApps.setVisibility(dev, { companyId: kawaii, appId: app.id, visibility: 'release' }).visibility).toBe('release');
    expect(platform.appApprovals.setVisibility(OPERATOR, { appId: app.id, visibility: 'beta' }).visibility).toBe('beta');
    expect(platform.repos.appStore.requestsOf(app.id)).toHaveLength(2);
  });

  it('refuses a request while the listing is not ready, naming what is missing', () => {
    const { platform, as, kawaii, createApp } = demo();
    const { app } = createApp({ description: '', authorizationUrl: null, developerEmail: '' });
    const error = errorOf(() => platform.myApps.requestApproval(as(YUKI), { companyId: kawaii, appId: app.id, message: '' }));
    expect(error.details).toMatchObject({ reason: 'not_ready' });
    expect(Object.keys(error.details!.missing as object).sort()).toEqual(['authorizationUrl', 'description', 'developerEmail']);
    expect(platform.repos.appStore.requestsOf(app.id)).toEqual([]);
    expect(errorOf(() => platform.myApps.setVisibility(as(YUKI), { companyId: kawaii, appId: app.id, visibility: 'beta' })).code).toBe('conflict');
  });

  it('operator functions refuse every user, however many permissions it has', () => {
    const { platform, as, createApp } = demo();
    const { app } = createApp();
    for (const email of [DANA, YUKI]) {
      const user = as(email);
      expect(errorOf(() => platform.appApprovals.list(user, 'all')).code).toBe('forbidden');
      expect(errorOf(() => platform.appApprovals.approve(user, { appId: app.id, visibility: 'beta', note: '' })).code).toBe('forbidden');
      expect(errorOf(() => platform.appApprovals.reject(user, { appId: app.id, reason: 'no' })).code).toBe('forbidden');
      expect(errorOf(() => platform.appApprovals.setVisibility(user, { appId: app.id, visibility: 'release' })).code).toBe('forbidden');
      expect(errorOf(() => platform.appApprovals.pendingCount(user)).code).toBe('forbidden');
    }
  });
});

describe('the platform operator role and the demo store', () => {
  it('only the platform (or an operator) gives the role; a company administrator cannot make itself one', () => {
    const { platform, as } = demo();
    const dana = as(DANA);
    expect(errorOf(() => platform.users.setOperator(dana, platform.repos.users.findByEmail(DANA)!.id, true)).details).toMatchObject({ reason: 'operator_only' });
    expect(platform.repos.users.findByEmail(DANA)!.is_operator).toBe(0);
    const operatorUser = platform.repos.users.findByEmail(DEMO_OPERATOR_EMAIL)!;
    expect(operatorUser.is_operator).toBe(1);
    expect(platform.users.setOperator(userActor(operatorUser), platform.repos.users.findByEmail(DANA)!.id, true).isOperator).toBe(true);
    expect(platform.users.setOperator(OPERATOR, platform.repos.users.findByEmail(DANA)!.id, false).isOperator).toBe(false);
  });

  it('the demo store has Release, Beta, Development and pending listings, seen by the visibility rules', () => {
    const { platform, as, companyOf } = demo();
    const names = (email: string) => platform.appStore.browse(as(email), companyOf(email), { search: '', kind: 'any' }).map((l) => `${l.name}:${l.visibility}`).sort();
    // Northwind's family sees Rheinwerk's app in Development; an unrelated company does not, nor the pending one.
    expect(names(DANA)).toEqual(['Label Printer:development', 'Loyalty Beans:beta', 'Nordic Frost:release', 'Parcel Pilot:release', 'Review Radar:beta']);
    expect(names(MAYA)).toEqual(['Loyalty Beans:beta', 'Nordic Frost:release', 'Parcel Pilot:release', 'Review Radar:beta']);
    expect(platform.appApprovals.list(OPERATOR, 'pending').map((a) => a.name)).toEqual(['Newsletter Bridge']);
    expect(platform.db.prepare('SELECT COUNT(*) FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id WHERE p.kind IN (\'app\', \'theme\')').pluck().get()).toBe(0);
  });
});

describe('installing and buying', () => {
  it('Beta installs are free and stay free after Release; a first install in Release buys it: a paid order in the developer’s shop', () => {
    const { platform, as, companyOf, kawaii, createApp, approve } = demo();
    const { app } = createApp();
    approve(app.id, 'beta');
    const alpen = companyOf(ANNA);
    const bright = companyOf(OLIVER);
    const ordersBefore = platform.db.prepare('SELECT COUNT(*) FROM orders WHERE company_id = ?').pluck().get(kawaii);

    const beta = platform.appStore.install(as(DANA), app.id, alpen);
    expect(beta.installed).toMatchObject({ charge: 'beta', installedDuringBeta: true, purchaseOrder: null, source: 'store', companyId: alpen, startUrl: 'https://stock-sync.example/embedded' });
    expect(beta.authorizePath).toMatch(/^\/oauth2\/authorize\?client_id=[0-9a-f]{32}&scope=products,orders,webhooks&redirect_uri=https%3A%2F%2Fstock-sync.example%2Foauth%2Fcallback&response_type=code&state=app-store-install-\d+$/);
    expect(platform.authorizations.findActive(app.id, alpen)!.scopes).toBe('products,orders,webhooks');
    expect(errorOf(() => platform.appStore.install(as(DANA), app.id, alpen)).code).toBe('conflict');

    platform.myApps.setVisibility(as(YUKI), { companyId: kawaii, appId: app.id, visibility: 'release' });
    platform.appStore.uninstall(as(ANNA), app.id, alpen);
    expect(platform.appStore.quote(as(ANNA), app.id, alpen)).toMatchObject({ charge: 'beta_earlier', amount: null, canInstall: true });
    expect(platform.appStore.install(as(ANNA), app.id, alpen).installed).toMatchObject({ charge: 'beta_earlier', purchaseOrder: null });
    expect(platform.db.prepare('SELECT COUNT(*) FROM orders WHERE company_id = ?').pluck().get(kawaii)).toBe(ordersBefore);

    // Brightside never installed during Beta: it buys it.
    const quote = platform.appStore.quote(as(DANA), app.id, bright);
    expect(quote).toMatchObject({ charge: 'purchase', canInstall: true, amount: { netMinor: 4900, currency: 'JPY' } });
    const bought = platform.appStore.install(as(DANA), app.id, bright);
    expect(bought.installed.charge).toBe('purchase');
    const order = platform.orders.get(OPERATOR, kawaii, bought.purchaseOrder!.id);
    const brightRow = platform.repos.companies.get(bright)!;
    expect(order).toMatchObject({ status: 'paid', currency: 'JPY', netMinor: 4900, grossMinor: quote.amount!.grossMinor, isDemo: false });
    expect(order.lines).toEqual([expect.objectContaining({ productId: app.productId, kind: 'app', name: 'Stock Sync', quantity: 1, unitPriceMinor: 4900 })]);
    const customer = platform.customers.get(OPERATOR, kawaii, order.customerId);
    expect(customer).toMatchObject({ email: brightRow.email, name: brightRow.name });
    // The month close reads it as an app sale of the developer.
    const sales = platform.sales.productSalesForMonth('2026-11', ['app']);
    expect(sales).toContainEqual(expect.objectContaining({ companyId: kawaii, productId: app.productId, currency: 'JPY', quantity: 1, netMinor: 4900 }));

    // A reinstall after the purchase is free; after a refund it must be bought again.
    platform.appStore.uninstall(as(DANA), app.id, bright);
    expect(platform.appStore.quote(as(DANA), app.id, bright).charge).toBe('purchased_earlier');
    platform.orders.update(OPERATOR, kawaii, order.id, { status: 'refunded' });
    expect(platform.appStore.quote(as(DANA), app.id, bright).charge).toBe('purchase');
  });

  it('a sample company installs Beta apps but cannot buy; the developer installs its own app in any state', () => {
    const { platform, as, companyOf, kawaii, createApp, approve } = demo();
    const summit = companyOf(SAM);
    const { app } = createApp();
    expect(platform.appStore.install(as(YUKI), app.id, kawaii).installed.charge).toBe('internal');
    approve(app.id, 'release');
    const quote = platform.appStore.quote(as(DANA), app.id, summit);
    expect(quote).toMatchObject({ charge: 'purchase', canInstall: false });
    expect(quote.reason).toContain('sample company');
    const refused = errorOf(() => platform.appStore.install(as(DANA), app.id, summit));
    expect(refused).toMatchObject({ code: 'forbidden', details: { reason: 'sample_company' } });
    platform.appApprovals.setVisibility(OPERATOR, { appId: app.id, visibility: 'beta' });
    expect(platform.appStore.install(as(SAM), app.id, summit).installed.charge).toBe('beta');
  });

  it('installs only for companies in reach with the apps permission; partners install for clients, not themselves', () => {
    const { platform, as, companyOf, createApp, approve } = demo();
    const { app } = createApp();
    approve(app.id, 'beta');
    expect(errorOf(() => platform.appStore.install(as(MAYA), app.id, companyOf(ANNA))).code).toBe('not_found');
    expect(errorOf(() => platform.appStore.install(as(LUKAS), app.id, companyOf(LUKAS))).code).toBe('forbidden');
    expect(errorOf(() => platform.appStore.install(as(DANA), app.id, companyOf(DANA))).details).toMatchObject({ reason: 'partner' });
  });

  it('a theme install copies the developer’s theme into the company’s themes; uninstalling removes the copy (not while active)', () => {
    const { platform, as, companyOf, kawaii, appInput, approve } = demo();
    const pastel = platform.myApps.themeChoices(as(YUKI), kawaii).find((t) => t.name === 'Pastel')!;
    const { app } = platform.myApps.create(as(YUKI), { ...appInput(), kind: 'theme', name: 'Pastel Dreams', redirectUris: [], scopes: [], authorizationUrl: null, startUrl: null, themeId: pastel.id, priceMinor: 0 });
    approve(app.id, 'release');
    const alpen = companyOf(ANNA);
    platform.content.themes.create(as(ANNA), alpen, { name: 'Pastel', version: '0.1.0', author: '', description: '', settings: {}, isActive: false });
    const result = platform.appStore.install(as(ANNA), app.id, alpen);
    expect(result).toMatchObject({ authorizePath: null, purchaseOrder: null, installed: { charge: 'free', kind: 'theme' } });
    const copy = platform.content.themes.get(as(ANNA), alpen, result.installed.themeId!);
    expect(copy).toMatchObject({ name: 'Pastel (2)', version: '2.1.0', isActive: false, settings: { primaryColor: '#e88fb0', font: 'Inter' } });
    expect(platform.authorizations.findActive(app.id, alpen)).toBeUndefined();
    platform.content.themes.update(as(ANNA), alpen, copy.id, { isActive: true });
    expect(errorOf(() => platform.appStore.uninstall(as(ANNA), app.id, alpen)).details).toMatchObject({ reason: 'active_theme' });
    const other = platform.content.themes.list(as(ANNA), alpen, { search: '', sort: 'name', direction: 'asc', offset: 0, limit: 50 }).items.find((t) => t.id !== copy.id)!;
    platform.content.themes.update(as(ANNA), alpen, other.id, { isActive: true });
    platform.appStore.uninstall(as(ANNA), app.id, alpen);
    expect(errorOf(() => platform.content.themes.get(as(ANNA), alpen, copy.id)).code).toBe('not_found');
    expect(platform.appStore.installedApps(as(ANNA), alpen).some((a) => a.appId === app.id)).toBe(false);
  });
});

describe('secrets', () => {
  it('rotating makes the old secret fail client authentication at once and the new one work', () => {
    const { platform, as, kawaii, createApp } = demo();
    const { app, clientSecret } = createApp();
    const rotated = platform.myApps.rotateSecret(as(YUKI), { companyId: kawaii, appId: app.id });
    const row = platform.repos.apps.get(app.id)!;
    expect(rotated.clientSecret).not.toBe(clientSecret);
    expect(platform.apps.verifySecret(row, clientSecret!)).toBe(false);
    expect(platform.apps.verifySecret(row, rotated.clientSecret!)).toBe(true);
    expect(platform.apps.openSecret(app.id)).toBe(rotated.clientSecret);
    expect(rotated.app.secretRotatedAt).not.toBeNull();
    expect(errorOf(() => platform.myApps.rotateSecret(as(ANNA), { companyId: kawaii, appId: app.id })).code).toBe('not_found');
  });
});

describe('uninstalling and permission changes', () => {
  function withTokens() {
    const ctx = demo();
    const { platform, as, companyOf, createApp, approve } = ctx;
    const { app } = createApp();
    approve(app.id, 'beta');
    const alpen = companyOf(ANNA);
    platform.appStore.install(as(ANNA), app.id, alpen);
    const anna = platform.repos.users.findByEmail(ANNA)!;
    const row = platform.apps.findByClientId(platform.repos.apps.get(app.id)!.client_id)!;
    const authorization = platform.authorizations.findActive(app.id, alpen)!;
    const code = platform.oauth.issueCode({ app: row, authorizationId: authorization.id, companyId: alpen, userId: anna.id, redirectUri: 'https://stock-sync.example/oauth/callback', scopes: ['products', 'orders', 'webhooks'], codeChallenge: null });
    const tokens = platform.oauth.exchangeCode(row, { code, redirectUri: 'https://stock-sync.example/oauth/callback', codeVerifier: null });
    const hook = platform.webhooks.create({ appId: app.id, companyId: alpen }, { address: 'https://stock-sync.example/hooks/uninstalled', topic: 'app/uninstalled' });
    return { ...ctx, app, alpen, tokens, hook, authorization };
  }

  it('revokes the company’s tokens and emits app.uninstalled exactly once, inside the transaction that ends the install', () => {
    const { platform, as, app, alpen, tokens, hook, events } = withTokens();
    expect(platform.oauth.checkAccessToken(tokens.accessToken).ok).toBe(true);
    const seen = events();
    const stateAtEmit: unknown[] = [];
    const off = platform.ctx.onEmitInTransaction((name) => {
      if (name === 'app.uninstalled') stateAtEmit.push({ install: platform.repos.appStore.activeInstall(app.id, alpen) ?? null, authorization: platform.authorizations.findActive(app.id, alpen) ?? null, inTransaction: platform.db.inTransaction });
    });
    const uninstalled = platform.appStore.uninstall(as(ANNA), app.id, alpen);
    off();
    seen.off();
    expect(uninstalled).toMatchObject({ appId: app.id, companyId: alpen });
    expect(seen.named('app.uninstalled')).toEqual([{ companyId: alpen, appId: app.id }]);
    expect(stateAtEmit).toEqual([{ install: null, authorization: null, inTransaction: true }]);
    expect(platform.oauth.checkAccessToken(tokens.accessToken)).toMatchObject({ ok: false, reason: 'invalid' });
    const queued = platform.db.prepare('SELECT topic, payload FROM webhook_events WHERE webhook_id = ?').all(hook.id) as { topic: string; payload: string }[];
    expect(queued).toEqual([{ topic: 'app/uninstalled', payload: JSON.stringify({ company_id: alpen, producer: 'shop', scope: 'app/uninstalled', data: { type: 'app', id: String(app.id) } }) }]);
    expect(errorOf(() => platform.appStore.uninstall(as(ANNA), app.id, alpen)).code).toBe('not_found');
  });

  it('revoking the authorization under Authorized apps ends the store install too', () => {
    const { platform, as, app, alpen, authorization } = withTokens();
    platform.authorizations.revoke(as(ANNA), authorization.id);
    expect(platform.repos.appStore.activeInstall(app.id, alpen)).toBeUndefined();
    expect(platform.appStore.installedApps(as(ANNA), alpen).some((a) => a.appId === app.id)).toBe(false);
  });

  it('changing permissions emits app.updated for every company that has the app and narrows what they granted', () => {
    const { platform, as, companyOf, kawaii, app, alpen, tokens, events } = withTokens();
    // Brightside only authorized it through OAuth (no store install); Harbor has nothing to do with it.
    const bright = companyOf(OLIVER);
    platform.ctx.transact((emit) => platform.authorizations.grant(emit, { appId: app.id, companyId: bright, user: actorOf(platform, OLIVER), scopes: ['orders'] }));
    const seen = events();
    platform.myApps.update(as(YUKI), { companyId: kawaii, appId: app.id, scopes: ['products', 'orders'] });
    seen.off();
    expect(seen.named('app.updated')).toEqual([{ companyId: alpen, appId: app.id }, { companyId: bright, appId: app.id }].sort((a, b) => a.companyId - b.companyId));
    expect(platform.authorizations.findActive(app.id, alpen)!.scopes).toBe('products,orders');
    const check = platform.oauth.checkAccessToken(tokens.accessToken);
    expect(check.ok && check.grant.scopes).toEqual(['products', 'orders']);
    // Editing without a permission change fires nothing for the installs.
    const again = events();
    platform.myApps.update(as(YUKI), { companyId: kawaii, appId: app.id, description: 'New words' });
    again.off();
    expect(again.named('app.updated')).toEqual([]);
    // installedApps lists the store install and the OAuth-only authorization, with the Start URL.
    const installed = platform.appStore.installedAppsOf(as(DANA), [alpen, bright]).filter((a) => a.appId === app.id);
    expect(installed.map((a) => [a.companyId, a.source, a.startUrl])).toEqual(
      [
        [alpen, 'store', 'https://stock-sync.example/embedded'],
        [bright, 'authorization', 'https://stock-sync.example/embedded'],
      ].sort((a, b) => String(platform.repos.companies.get(a[0] as number)!.name).localeCompare(platform.repos.companies.get(b[0] as number)!.name)),
    );
  });
});
