// Shapes of the App Store area that cross the console API (and the CLI's --json output): a developer's
// listing as My Apps shows it, a listing as the store shows it, what installing would cost, an installed
// app (Manage Apps and the store's Installed tab), and the operator's view of the approval queue.
import type { ApprovalStatus, ApprovedVisibility, InstallCharge, ListingKind, Visibility } from '../domain/app-store';
import type { OAuthScope } from '../domain/oauth-scopes';

/** One approval request and, once decided, the operator's decision. */
export interface ApprovalRequest {
  id: number;
  requestedAt: string;
  requestedBy: string;
  message: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decision: 'approved' | 'rejected' | null;
  /** The state an approval put it in. */
  visibility: ApprovedVisibility | null;
  /** Why it was rejected (or the operator's note on an approval). */
  reason: string;
}

/** A listing as its developer sees it (My Apps). Never the shared secret: that is revealed on demand. */
export interface DeveloperApp {
  id: number;
  kind: ListingKind;
  companyId: number;
  companyName: string;
  /** The product in the developer's shop that carries the sales fields. */
  productId: number;
  name: string;
  description: string;
  priceMinor: number;
  currency: string;
  vatRateBp: number;
  /** Available for sale (the product's Active flag). */
  isActive: boolean;
  /** Apps: the OAuth client id. Themes have no OAuth: null. */
  clientId: string | null;
  redirectUris: string[];
  scopes: OAuthScope[];
  authorizationUrl: string | null;
  startUrl: string | null;
  developerEmail: string;
  /** Themes: the developer's theme that installs copy (null when it was deleted). */
  themeId: number | null;
  themeName: string | null;
  visibility: Visibility;
  approval: ApprovalStatus;
  /** The latest request (pending, or the last decision with its reason). */
  latestRequest: ApprovalRequest | null;
  /** What is missing before approval can be requested (field -> sentence). */
  readiness: Record<string, string>;
  activeInstalls: number;
  purchases: number;
  secretRotatedAt: string | null;
  /** Until then the secret replaced by the last rotation still works beside the new one (null: no grace period running). */
  previousSecretValidUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What `myApps.create` and `myApps.rotateSecret` answer: the listing and the shared secret in clear this once. */
export interface DeveloperAppWithSecret {
  app: DeveloperApp;
  /** Null for themes (they have no OAuth credentials). */
  clientSecret: string | null;
}

/** A listing in the App Store. */
export interface StoreListing {
  id: number;
  kind: ListingKind;
  name: string;
  initials: string;
  description: string;
  developerCompanyId: number;
  developerName: string;
  developerEmail: string;
  priceMinor: number;
  currency: string;
  vatRateBp: number;
  visibility: Visibility;
  /** Only the developer sees listings that are not available for sale. */
  isAvailable: boolean;
  scopes: OAuthScope[];
  /** Has a Start URL: it opens inside the console under Extensions / Manage Apps. */
  embedded: boolean;
  /** The viewing company is the developer. */
  isOwn: boolean;
  /** Companies (the viewer, or a partner's clients) that have it installed now. */
  installedFor: { companyId: number; companyName: string }[];
}

/** What installing a listing for one company would do. */
export interface InstallQuote {
  appId: number;
  companyId: number;
  companyName: string;
  /** Already installed for this company: uninstall instead. */
  installed: boolean;
  charge: InstallCharge;
  /** What a purchase costs (net, gross with the product's VAT rate); null when nothing is bought. */
  amount: { netMinor: number; vatMinor: number; grossMinor: number; currency: string } | null;
  /** False with `reason` when the install is refused (sample company buying, listing unavailable, ...). */
  canInstall: boolean;
  reason: string | null;
  /** Apps with an Authorization URL: the OAuth consent the install opens. */
  runsAuthorization: boolean;
}

/** An app (or theme) installed for a company: by the App Store, or authorized by the company through OAuth. */
export interface InstalledApp {
  appId: number;
  kind: ListingKind;
  name: string;
  developerName: string;
  companyId: number;
  companyName: string;
  /** Embedded apps: what Manage Apps loads (with UserID, CompanyID and hmac). */
  startUrl: string | null;
  clientId: string | null;
  /** The permissions the company granted (apps with an authorization), else the app's permissions. */
  scopes: OAuthScope[];
  /** `store`: installed from the App Store; `authorization`: only authorized through OAuth. */
  source: 'store' | 'authorization';
  installId: number | null;
  installedAt: string;
  installedBy: string;
  charge: InstallCharge | null;
  installedDuringBeta: boolean;
  authorizationId: number | null;
  purchaseOrder: { id: number; number: number; grossMinor: number; currency: string } | null;
  /** Theme installs: the copy in the company's themes (null once deleted). */
  themeId: number | null;
  visibility: Visibility;
}

/** What an install did. */
export interface InstallResult {
  installed: InstalledApp;
  /**
   * Apps with an Authorization URL: the platform's authorize URL (client_id, scope = the app's permissions,
   * redirect_uri = the Authorization URL) to open so the user completes the consent. Null for themes, apps
   * without an Authorization URL, or while the platform server is not running (`authorizePath` still set).
   */
  authorizeUrl: string | null;
  /** The same without the server's origin. */
  authorizePath: string | null;
  purchaseOrder: { id: number; number: number; grossMinor: number; currency: string } | null;
}

/** A listing as the operator sees it: state, developer, and the latest request. */
export interface OperatorApp {
  id: number;
  kind: ListingKind;
  name: string;
  developerCompanyId: number;
  developerName: string;
  developerEmail: string;
  description: string;
  priceMinor: number;
  currency: string;
  isActive: boolean;
  scopes: OAuthScope[];
  redirectUris: string[];
  authorizationUrl: string | null;
  startUrl: string | null;
  visibility: Visibility;
  approval: ApprovalStatus;
  latestRequest: ApprovalRequest | null;
  activeInstalls: number;
  purchases: number;
}

/** Whether this console session acts as the platform operator. */
export interface OperatorStatus {
  /** The signed-in user has the platform operator role. */
  isOperator: boolean;
  pendingRequests: number;
}
