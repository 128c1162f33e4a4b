// The App Store (spec §6) as companies use it: browsing the listings a company may see (visibility rules in
// src-shared/domain/app-store.ts), what installing would cost for a company (the Beta-free rule), installing
// and uninstalling, and the apps installed for (or authorized by) a company.
//
// Installing, in one transaction: a Release purchase (a paid order in the developer's shop, the buying company
// as its customer, one line with the app product at its price: the month close pays the developer's share
// from it), the install row, the app's permissions granted to the company (spec: "installing grants the app's
// permissions"), or for a theme a copy of the developer's theme in the company's themes; then app.installed.
// For apps with an Authorization URL the result carries the platform's authorize URL (scope = the app's
// permissions, redirect_uri = the Authorization URL) for the user to complete the consent, so the app gets
// its code. Uninstalling revokes the company's authorization and its tokens (which emits app.uninstalled
// once: the app's app/uninstalled webhooks fire), marks the install uninstalled, and removes a theme's copy.
// Revoking an authorization elsewhere (Company → Authorized apps) ends the store install as well.
import type { InstallQuote, InstallResult, InstalledApp, StoreListing } from '../../../src-shared/api/app-store-types';
import { ApiError } from '../../../src-shared/api/errors';
import {
  installCharge,
  isVisibleInStore,
  relationOf,
  storeInstallState,
  type InstallCharge,
  type ListingKind,
  type StoreViewer,
} from '../../../src-shared/domain/app-store';
import { canonicalScopes } from '../../../src-shared/domain/oauth-scopes';
import { priceLine } from '../../../src-shared/domain/shop';
import { actorLabel, requirePermission, type Actor } from '../access';
import type { ListingRow } from '../repositories/app-store-repository';
import type { AuthorizationListRow } from '../repositories/authorizations-repository';
import type { CompanyRow } from '../repositories/companies-repository';
import type { PlatformEventName, PlatformEvents } from '../events';
import { authorizationToInstalledApp, installToInstalledApp, toStoreListing } from './app-store-mappers';
import type { AuthorizationsService } from './authorizations-service';
import { SAMPLE_CANNOT_SELL } from './checkout-service';
import type { CustomersService } from './customers-service';
import type { OrdersService } from './orders-service';
import type { Emit, ServiceContext } from './service-context';
import type { OpenShop } from './shop-access';

export interface BrowseQuery {
  search: string;
  kind: 'any' | ListingKind;
}

export interface AppStoreService {
  /** Listings the viewing company may see (its own and related ones in Development, everyone's in Beta and Release). */
  browse(actor: Actor, viewerCompanyId: number, query: BrowseQuery): StoreListing[];
  /** One listing as the viewing company sees it; not_found when it may not see it. */
  listing(actor: Actor, viewerCompanyId: number, appId: number): StoreListing;
  /** What installing the listing for a company would do (charge, amount, whether it is allowed and why not). */
  quote(actor: Actor, appId: number, companyId: number): InstallQuote;
  /** Installs for a company (the actor's own, or a partner's client); needs the "apps" permission. */
  install(actor: Actor, appId: number, companyId: number): InstallResult;
  /** Uninstalls for a company: revokes its authorization and tokens, fires app/uninstalled. */
  uninstall(actor: Actor, appId: number, companyId: number): InstalledApp;
  /**
   * The apps installed for a company (from the App Store) or authorized by it (OAuth consent), with their
   * Start URL — what Extensions / Manage Apps lists. Themes are included (startUrl null).
   */
  installedApps(actor: Actor, companyId: number): InstalledApp[];
  /** The same for several companies the actor sees (a partner's Installed tab across its clients). */
  installedAppsOf(actor: Actor, companyIds: number[]): InstalledApp[];
}

export interface AppStoreDeps {
  authorizations: AuthorizationsService;
  customers: CustomersService;
  orders: OrdersService;
}

/** The platform's authorization endpoint (server/oauth/authorize-routes.ts). */
const AUTHORIZE_PATH = '/oauth2/authorize';

export function createAppStoreService(ctx: ServiceContext, deps: AppStoreDeps): AppStoreService {
  const { repos, access, clock } = ctx;

  // Revoking an authorization (Company → Authorized apps, or an uninstall here) ends the company's store
  // install of the app in the same transaction; a product renamed in the shop renames its listing.
  ctx.onEmitInTransaction(<E extends PlatformEventName>(name: E, payload: PlatformEvents[E]) => {
    if (name === 'authorization.revoked') {
      const { authorizationId, appId, companyId } = payload as PlatformEvents['authorization.revoked'];
      const install = repos.appStore.activeInstall(appId, companyId);
      if (install) repos.appStore.markUninstalled(install.id, clock.now(), repos.authorizations.get(authorizationId)?.revoked_by ?? 'platform');
    } else if (name === 'product.updated') {
      const { companyId, id } = payload as PlatformEvents['product.updated'];
      if (!repos.apps.findByProductId(id)) return;
      const product = repos.catalog.getProduct(companyId, id);
      if (product) repos.apps.renameByProduct(id, product.name, clock.now());
    }
  });

  const viewerOf = (company: CompanyRow): StoreViewer => ({ kind: 'company', companyId: company.id, partnerId: company.partner_id });
  const audienceOf = (row: ListingRow) => ({
    visibility: row.visibility,
    developerCompanyId: row.company_id,
    developerPartnerId: row.developer_partner_id,
    available: row.is_active === 1,
  });

  /** The companies whose installs a viewer's store shows: itself, and for a partner its clients. */
  function installScope(company: CompanyRow): number[] {
    return company.is_partner ? [company.id, ...repos.companies.clientIds(company.id)] : [company.id];
  }

  function installedForMap(companyIds: number[]): Map<number, StoreListing['installedFor']> {
    const map = new Map<number, StoreListing['installedFor']>();
    for (const install of repos.appStore.activeInstallsOf(companyIds)) {
      const list = map.get(install.app_id) ?? [];
      list.push({ companyId: install.company_id, companyName: install.company_name });
      map.set(install.app_id, list);
    }
    return map;
  }

  /** The listing, if this company may see it; otherwise a not_found that reveals nothing. */
  function visibleListing(company: CompanyRow, appId: number): ListingRow {
    const row = repos.appStore.getListing(appId);
    if (!row || !isVisibleInStore(audienceOf(row), viewerOf(company))) throw new ApiError('not_found', `App ${appId} was not found in the App Store.`, { appId });
    return row;
  }

  interface Plan {
    target: CompanyRow;
    row: ListingRow;
    charge: InstallCharge;
    problem: string | null;
  }

  /** Everything an install decides before it writes: the charge and, when it is refused, why. */
  function plan(actor: Actor, appId: number, companyId: number): Plan {
    const target = access.company(actor, companyId);
    requirePermission(actor, 'apps');
    if (actor.kind === 'user') visibleListing(repos.companies.get(actor.companyId)!, appId);
    const row = visibleListing(target, appId);
    const relation = relationOf(audienceOf(row), viewerOf(target));
    const charge = installCharge({
      relation,
      visibility: row.visibility,
      priceMinor: row.price_minor,
      everInstalledInBeta: repos.appStore.everInstalledInBeta(row.id, target.id),
      purchasedBefore: repos.appStore.hasCountedPurchase(row.id, target.id),
    });
    let problem: string | null = null;
    if (target.is_partner) {
      problem = `${target.name} is a partner: apps and themes are installed for shops. Choose one of its clients.`;
    } else if (charge === 'purchase' && target.is_sample) {
      problem = `${target.name} is a sample company: it is never billed, so it cannot buy "${row.name}". Sample companies can install Beta and free apps.`;
    } else if (charge === 'purchase' && row.developer_is_sample) {
      problem = `${SAMPLE_CANNOT_SELL}: the developer ${row.company_name} is a sample company, so "${row.name}" cannot be bought.`;
    } else if (row.kind === 'theme' && (row.theme_id === null || !repos.content.getTheme(row.company_id, row.theme_id))) {
      problem = `The developer's theme for "${row.name}" is no longer there; the developer must choose one under My Apps.`;
    }
    return { target, row, charge, problem };
  }

  function amountOf(row: ListingRow): InstallQuote['amount'] {
    const line = priceLine(row.price_minor, 1, row.vat_rate_bp);
    return { netMinor: line.netMinor, vatMinor: line.vatMinor, grossMinor: line.grossMinor, currency: row.currency };
  }

  function authorizePathOf(row: ListingRow, installId: number): string | null {
    if (row.kind !== 'app' || row.authorization_url === null || row.scopes === '') return null;
    const query = new URLSearchParams({
      client_id: row.client_id,
      scope: row.scopes,
      redirect_uri: row.authorization_url,
      response_type: 'code',
      state: storeInstallState(installId),
    });
    return `${AUTHORIZE_PATH}?${query.toString().replace(/%2C/g, ',')}`;
  }

  /** A free theme name in the company's shop: "Aurora", else "Aurora (2)", ... */
  function freeThemeName(companyId: number, name: string): string {
    if (!repos.content.findThemeByName(companyId, name)) return name;
    for (let n = 2; ; n++) {
      const candidate = `${name} (${n})`;
      if (!repos.content.findThemeByName(companyId, candidate)) return candidate;
    }
  }

  /** The paid order of a Release purchase in the developer's shop; returns its id. */
  function purchase(emit: Emit, row: ListingRow, buyer: CompanyRow, actor: Actor, now: number): number {
    const developer = repos.companies.get(row.company_id)!;
    const shop: OpenShop = { company: developer, settings: repos.shopSettings.get(developer.id)!, isDemo: developer.is_sample === 1 };
    const email = buyer.email || (actor.kind === 'user' ? actor.email : `company-${buyer.id}@companies.partnerdeck.invalid`);
    const { customer } = deps.customers.findOrCreate(
      emit,
      developer.id,
      { email, name: buyer.name, phone: buyer.phone, street: buyer.street, city: buyer.city, postalCode: buyer.postal_code, country: buyer.country, acceptsMarketing: false, note: `App Store buyer (company ${buyer.id})` },
      now,
    );
    return deps.orders.place(emit, shop, {
      customerId: customer.id,
      lines: [{ productId: row.product_id, quantity: 1 }],
      status: 'paid',
      source: 'checkout',
      note: `App Store purchase of "${row.name}" for ${buyer.name}`,
      placedAt: now,
      requireActive: true,
    });
  }

  function installedOf(companyIds: number[]): InstalledApp[] {
    const installs = repos.appStore.activeInstallsOf(companyIds);
    const authorizations = repos.authorizations.listActiveForCompanies(companyIds);
    const authByKey = new Map<string, AuthorizationListRow>(authorizations.map((a) => [`${a.app_id}:${a.company_id}`, a]));
    const listings = new Map<number, ListingRow | undefined>();
    const listingOf = (appId: number) => {
      if (!listings.has(appId)) listings.set(appId, repos.appStore.getListing(appId));
      return listings.get(appId);
    };
    const out: InstalledApp[] = [];
    const seen = new Set<string>();
    for (const install of installs) {
      const listing = listingOf(install.app_id);
      if (!listing) continue;
      const key = `${install.app_id}:${install.company_id}`;
      seen.add(key);
      out.push(installToInstalledApp(listing, install, authByKey.get(key)));
    }
    for (const authorization of authorizations) {
      const key = `${authorization.app_id}:${authorization.company_id}`;
      const listing = listingOf(authorization.app_id);
      if (seen.has(key) || !listing) continue;
      out.push(authorizationToInstalledApp(listing, authorization));
    }
    return out.sort((a, b) => a.companyName.localeCompare(b.companyName) || a.name.localeCompare(b.name) || a.appId - b.appId);
  }

  return {
    browse(actor, viewerCompanyId, query) {
      const company = access.company(actor, viewerCompanyId);
      const viewer = viewerOf(company);
      const search = query.search.trim().toLowerCase();
      const rows = repos.appStore
        .listListings()
        .filter((row) => isVisibleInStore(audienceOf(row), viewer))
        .filter((row) => query.kind === 'any' || row.kind === query.kind)
        .filter((row) => !search || `${row.name}\n${row.description}\n${row.company_name}`.toLowerCase().includes(search));
      const installed = installedForMap(installScope(company));
      return rows.map((row) => toStoreListing(row, company.id, installed.get(row.id) ?? []));
    },

    listing(actor, viewerCompanyId, appId) {
      const company = access.company(actor, viewerCompanyId);
      const row = visibleListing(company, appId);
      return toStoreListing(row, company.id, installedForMap(installScope(company)).get(row.id) ?? []);
    },

    quote(actor, appId, companyId) {
      const { target, row, charge, problem } = plan(actor, appId, companyId);
      const installed = repos.appStore.activeInstall(row.id, target.id) !== undefined;
      return {
        appId: row.id,
        companyId: target.id,
        companyName: target.name,
        installed,
        charge,
        amount: charge === 'purchase' ? amountOf(row) : null,
        canInstall: !installed && problem === null,
        reason: installed ? `"${row.name}" is already installed for ${target.name}.` : problem,
        runsAuthorization: row.kind === 'app' && row.authorization_url !== null,
      };
    },

    install(actor, appId, companyId) {
      const { target, row, charge, problem } = plan(actor, appId, companyId);
      if (repos.appStore.activeInstall(row.id, target.id)) throw new ApiError('conflict', `"${row.name}" is already installed for ${target.name}.`, { reason: 'installed' });
      if (problem !== null) {
        throw new ApiError(target.is_sample && charge === 'purchase' ? 'forbidden' : 'conflict', problem, {
          reason: target.is_partner ? 'partner' : charge === 'purchase' && target.is_sample ? 'sample_company' : charge === 'purchase' && row.developer_is_sample ? 'sample_developer' : 'theme_missing',
        });
      }
      const now = clock.now();
      const by = actorLabel(actor);
      const user = actor.kind === 'user' ? actor : null;
      const installId = ctx.transact((emit) => {
        const orderId = charge === 'purchase' ? purchase(emit, row, target, actor, now) : null;
        let themeId: number | null = null;
        if (row.kind === 'theme') {
          const source = repos.content.getTheme(row.company_id, row.theme_id!)!;
          themeId = repos.content.themes.insert({
            company_id: target.id,
            name: freeThemeName(target.id, source.name),
            version: source.version,
            author: source.author || row.company_name,
            description: source.description,
            settings: source.settings,
            is_active: 0,
            created_at: now,
            updated_at: now,
          });
          emit('theme.created', { companyId: target.id, id: themeId });
        }
        const id = repos.appStore.insertInstall({
          app_id: row.id,
          company_id: target.id,
          installed_at: now,
          installed_by: user ? user.email : by,
          installed_by_user_id: user?.userId ?? null,
          visibility_at_install: row.visibility,
          charge,
          installed_during_beta: row.visibility === 'beta' ? 1 : 0,
          purchase_order_id: orderId,
          theme_id: themeId,
        });
        const scopes = canonicalScopes(row.scopes.split(','));
        if (row.kind === 'app' && scopes.length > 0) deps.authorizations.grant(emit, { appId: row.id, companyId: target.id, user, scopes });
        repos.audit.record({ company_id: target.id, actor: by, action: 'app.installed', detail: { appId: row.id, installId: id, charge, orderId }, created_at: now });
        emit('app.installed', { companyId: target.id, appId: row.id, installId: id });
        return id;
      });
      const install = repos.appStore.getInstall(installId)!;
      const installed = installToInstalledApp(repos.appStore.getListing(row.id)!, install, repos.authorizations.listActiveForCompanies([target.id]).find((a) => a.app_id === row.id));
      return { installed, authorizeUrl: null, authorizePath: authorizePathOf(row, installId), purchaseOrder: installed.purchaseOrder };
    },

    uninstall(actor, appId, companyId) {
      const target = access.company(actor, companyId);
      requirePermission(actor, 'apps');
      const row = repos.appStore.getListing(appId);
      const install = row ? repos.appStore.activeInstall(appId, target.id) : undefined;
      const authorization = row ? deps.authorizations.findActive(appId, target.id) : undefined;
      if (!row || (!install && !authorization)) throw new ApiError('not_found', `App ${appId} is not installed for ${target.name}.`, { appId });
      const copy = install?.theme_id != null ? repos.content.getTheme(target.id, install.theme_id) : undefined;
      if (copy?.is_active) {
        throw new ApiError('conflict', `"${copy.name}" is ${target.name}'s active theme. Activate another theme under Content → Themes first, then uninstall.`, { reason: 'active_theme' });
      }
      const listed = installedOf([target.id]).find((a) => a.appId === appId)!;
      const now = clock.now();
      const by = actorLabel(actor);
      ctx.transact((emit) => {
        if (install) repos.appStore.markUninstalled(install.id, now, by);
        if (copy) {
          repos.content.themes.remove(copy.id);
          emit('theme.deleted', { companyId: target.id, id: copy.id });
        }
        // Revoking emits app.uninstalled (once); without an authorization the uninstall emits it itself.
        if (!(authorization && deps.authorizations.revokeInTransaction(emit, authorization.id, by))) emit('app.uninstalled', { companyId: target.id, appId });
        repos.audit.record({ company_id: target.id, actor: by, action: 'app.uninstalled', detail: { appId, installId: install?.id ?? null, authorizationId: authorization?.id ?? null }, created_at: now });
      });
      return listed;
    },

    installedApps(actor, companyId) {
      access.company(actor, companyId);
      return installedOf([companyId]);
    },

    installedAppsOf(actor, companyIds) {
      for (const id of companyIds) access.company(actor, id);
      return installedOf(companyIds);
    },
  };
}
