// App Store rows -> the shapes of src-shared/api/app-store-types.ts: a developer's listing (My Apps), a
// store listing, the operator's view, an approval request and an installed app; plus the approval status
// a listing's latest request stands for.
import type { ApprovalRequest, DeveloperApp, InstalledApp, OperatorApp, StoreListing } from '../../../src-shared/api/app-store-types';
import { listingInitials, readinessProblems, type ApprovalStatus, type InstallCharge } from '../../../src-shared/domain/app-store';
import { canonicalScopes } from '../../../src-shared/domain/oauth-scopes';
import { toIso } from '../clock';
import type { ApprovalRequestRow, InstallListRow, ListingRow } from '../repositories/app-store-repository';
import type { AuthorizationListRow } from '../repositories/authorizations-repository';

/** What a listing still needs before approval can be requested (field -> sentence). */
export function readinessOf(row: ListingRow): Record<string, string> {
  return readinessProblems({
    kind: row.kind,
    description: row.description,
    developerEmail: row.developer_email,
    authorizationUrl: row.authorization_url,
    available: row.is_active === 1,
    themeId: row.theme_id,
  });
}

export function approvalStatusOf(latest: ApprovalRequestRow | undefined): ApprovalStatus {
  if (!latest) return 'none';
  if (latest.decided_at === null) return 'pending';
  return latest.decision === 'approved' ? 'approved' : 'rejected';
}

export function toApprovalRequest(row: ApprovalRequestRow): ApprovalRequest {
  return {
    id: row.id,
    requestedAt: toIso(row.requested_at),
    requestedBy: row.requested_by,
    message: row.message,
    decidedAt: row.decided_at === null ? null : toIso(row.decided_at),
    decidedBy: row.decided_by,
    decision: row.decision,
    visibility: row.visibility,
    reason: row.reason,
  };
}

const scopesOf = (row: Pick<ListingRow, 'scopes'>) => canonicalScopes(row.scopes.split(','));
const urisOf = (row: Pick<ListingRow, 'redirect_uris'>) => JSON.parse(row.redirect_uris) as string[];

/** `now`: platform ms, to tell whether the replaced secret's grace period still runs. */
export function toDeveloperApp(row: ListingRow, latest: ApprovalRequestRow | undefined, now: number): DeveloperApp {
  return {
    id: row.id,
    kind: row.kind,
    companyId: row.company_id,
    companyName: row.company_name,
    productId: row.product_id,
    name: row.name,
    description: row.description,
    priceMinor: row.price_minor,
    currency: row.currency,
    vatRateBp: row.vat_rate_bp,
    isActive: row.is_active === 1,
    clientId: row.kind === 'app' ? row.client_id : null,
    redirectUris: urisOf(row),
    scopes: scopesOf(row),
    authorizationUrl: row.authorization_url,
    startUrl: row.start_url,
    developerEmail: row.developer_email,
    themeId: row.theme_id,
    themeName: row.theme_name,
    visibility: row.visibility,
    approval: approvalStatusOf(latest),
    latestRequest: latest ? toApprovalRequest(latest) : null,
    readiness: readinessOf(row),
    activeInstalls: row.active_installs,
    purchases: row.purchases,
    secretRotatedAt: row.secret_rotated_at === null ? null : toIso(row.secret_rotated_at),
    previousSecretValidUntil: row.previous_secret_expires_at === null || row.previous_secret_expires_at <= now ? null : toIso(row.previous_secret_expires_at),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function toStoreListing(row: ListingRow, viewerCompanyId: number, installedFor: StoreListing['installedFor']): StoreListing {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    initials: listingInitials(row.name),
    description: row.description,
    developerCompanyId: row.company_id,
    developerName: row.company_name,
    developerEmail: row.developer_email,
    priceMinor: row.price_minor,
    currency: row.currency,
    vatRateBp: row.vat_rate_bp,
    visibility: row.visibility,
    isAvailable: row.is_active === 1,
    scopes: scopesOf(row),
    embedded: row.start_url !== null,
    isOwn: row.company_id === viewerCompanyId,
    installedFor,
  };
}

export function toOperatorApp(row: ListingRow, latest: ApprovalRequestRow | undefined): OperatorApp {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    developerCompanyId: row.company_id,
    developerName: row.company_name,
    developerEmail: row.developer_email,
    description: row.description,
    priceMinor: row.price_minor,
    currency: row.currency,
    isActive: row.is_active === 1,
    scopes: scopesOf(row),
    redirectUris: urisOf(row),
    authorizationUrl: row.authorization_url,
    startUrl: row.start_url,
    visibility: row.visibility,
    approval: approvalStatusOf(latest),
    latestRequest: latest ? toApprovalRequest(latest) : null,
    activeInstalls: row.active_installs,
    purchases: row.purchases,
  };
}

/** An App Store install (with the company's authorization, if the app has one). */
export function installToInstalledApp(listing: ListingRow, install: InstallListRow, authorization: AuthorizationListRow | undefined): InstalledApp {
  return {
    appId: listing.id,
    kind: listing.kind,
    name: listing.name,
    developerName: listing.company_name,
    companyId: install.company_id,
    companyName: install.company_name,
    startUrl: listing.start_url,
    clientId: listing.kind === 'app' ? listing.client_id : null,
    scopes: authorization ? canonicalScopes(authorization.scopes.split(',')) : scopesOf(listing),
    source: 'store',
    installId: install.id,
    installedAt: toIso(install.installed_at),
    installedBy: install.installed_by,
    charge: install.charge as InstallCharge,
    installedDuringBeta: install.installed_during_beta === 1,
    authorizationId: authorization?.id ?? null,
    purchaseOrder:
      install.purchase_order_id !== null && install.order_number !== null
        ? { id: install.purchase_order_id, number: install.order_number, grossMinor: install.order_gross_minor!, currency: install.order_currency! }
        : null,
    themeId: install.theme_id,
    visibility: listing.visibility,
  };
}

/** An app a company authorized through OAuth without installing it from the store. */
export function authorizationToInstalledApp(listing: ListingRow, authorization: AuthorizationListRow): InstalledApp {
  return {
    appId: listing.id,
    kind: listing.kind,
    name: listing.name,
    developerName: listing.company_name,
    companyId: authorization.company_id,
    companyName: authorization.company_name,
    startUrl: listing.start_url,
    clientId: listing.client_id,
    scopes: canonicalScopes(authorization.scopes.split(',')),
    source: 'authorization',
    installId: null,
    installedAt: toIso(authorization.created_at),
    installedBy: authorization.granted_by,
    charge: null,
    installedDuringBeta: false,
    authorizationId: authorization.id,
    purchaseOrder: null,
    themeId: null,
    visibility: listing.visibility,
  };
}
