// The App Store's rules (spec §6) as pure functions both sides share: who sees a listing (visibility by
// state and the viewer's relation to the developer), what installing costs (the Beta-free rule, internal
// use, earlier purchases), and the approval state machine (request, approve into Beta or Release, reject
// with a reason, request again). The services call these; the console uses them for labels and badges.

/** Kinds of listing: apps (OAuth clients, optionally embedded) and themes (installed into a shop's themes). */
export const LISTING_KINDS = ['app', 'theme'] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];

/** Shop visibility (spec §6): Development until approved, then Beta or Release. */
export const VISIBILITIES = ['development', 'beta', 'release'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
/** The states an approved listing can be in. */
export const APPROVED_VISIBILITIES = ['beta', 'release'] as const;
export type ApprovedVisibility = (typeof APPROVED_VISIBILITIES)[number];

export const VISIBILITY_LABELS: Record<Visibility, string> = {
  development: 'Development',
  beta: 'Beta',
  release: 'Release',
};

export const VISIBILITY_HELP: Record<Visibility, string> = {
  development: 'Visible only to the creating company and its related companies (its partner and the partner’s other clients)',
  beta: 'Visible to all companies, marked Beta and free; whoever installs during Beta never pays later',
  release: 'Visible to all companies; installing means buying it',
};

/** The approval of a listing: none requested yet, waiting for the operator, approved, or rejected (with a reason). */
export type ApprovalStatus = 'none' | 'pending' | 'approved' | 'rejected';

export const APPROVAL_LABELS: Record<ApprovalStatus, string> = {
  none: 'Not requested',
  pending: 'Waiting for approval',
  approved: 'Approved',
  rejected: 'Rejected',
};

/** The listing's side of the visibility rule. */
export interface ListingAudience {
  visibility: Visibility;
  developerCompanyId: number;
  /** The partner that manages the developer's company, if any. */
  developerPartnerId: number | null;
  /** The product is available for sale (its "Active" flag). */
  available: boolean;
}

/** Who looks: the platform operator, or a company (a partner has no partner of its own). */
export type StoreViewer = { kind: 'operator' } | { kind: 'company'; companyId: number; partnerId: number | null };

/**
 * How a viewer relates to a listing's developer. Related companies (spec: "the creating company and its
 * related companies") are decided as: the developer itself; the partner that manages the developer; and that
 * partner's other clients. An independent developer (no partner) has no related companies but itself.
 */
export type ViewerRelation = 'operator' | 'developer' | 'related' | 'unrelated';

export function relationOf(listing: Pick<ListingAudience, 'developerCompanyId' | 'developerPartnerId'>, viewer: StoreViewer): ViewerRelation {
  if (viewer.kind === 'operator') return 'operator';
  if (viewer.companyId === listing.developerCompanyId) return 'developer';
  const partner = listing.developerPartnerId;
  if (partner !== null && (viewer.companyId === partner || viewer.partnerId === partner)) return 'related';
  return 'unrelated';
}

/**
 * Whether a listing shows in the App Store for a viewer. Development: the developer and its related
 * companies; Beta and Release: everybody. A listing whose product is not available for sale shows only to
 * its developer (and the operator), whatever its state.
 */
export function isVisibleInStore(listing: ListingAudience, viewer: StoreViewer): boolean {
  const relation = relationOf(listing, viewer);
  if (relation === 'operator' || relation === 'developer') return true;
  if (!listing.available) return false;
  if (listing.visibility === 'development') return relation === 'related';
  return true;
}

/**
 * What an install costs, and why:
 * - `internal`: the developer installs its own listing (apps used internally need no approval and are free);
 * - `development`: a related company installs a listing still in Development (testing; free);
 * - `beta`: installed during Beta (free; this company never pays for it later);
 * - `beta_earlier`: in Release, but the company installed it during Beta once (free for good);
 * - `purchased_earlier`: in Release, and the company bought it before (a reinstall is free);
 * - `free`: in Release at a price of zero (nothing to buy, no order);
 * - `purchase`: in Release: a paid order in the developer's shop.
 */
export type InstallCharge = 'internal' | 'development' | 'beta' | 'beta_earlier' | 'purchased_earlier' | 'free' | 'purchase';

export interface ChargeInput {
  relation: ViewerRelation;
  visibility: Visibility;
  priceMinor: number;
  /** The company installed this listing during Beta at some time (also if uninstalled since). */
  everInstalledInBeta: boolean;
  /** The company bought this listing before (a purchase order exists). */
  purchasedBefore: boolean;
}

export function installCharge(input: ChargeInput): InstallCharge {
  if (input.relation === 'developer') return 'internal';
  if (input.visibility === 'development') return 'development';
  if (input.visibility === 'beta') return 'beta';
  if (input.everInstalledInBeta) return 'beta_earlier';
  if (input.purchasedBefore) return 'purchased_earlier';
  if (input.priceMinor === 0) return 'free';
  return 'purchase';
}

export const CHARGE_LABELS: Record<InstallCharge, string> = {
  internal: 'Free: your own listing (internal use)',
  development: 'Free while in Development (testing)',
  beta: 'Free during Beta, and free for good after it',
  beta_earlier: 'Free: installed during Beta',
  purchased_earlier: 'Already bought: reinstalling is free',
  free: 'Free',
  purchase: 'Buy',
};

/** Listings that need nothing to be bought when installed. */
export function isChargeFree(charge: InstallCharge): boolean {
  return charge !== 'purchase';
}

/** The listing's approval state, for the state machine. */
export interface ApprovalState {
  visibility: Visibility;
  status: ApprovalStatus;
}

export type ApprovalAction =
  | { kind: 'request' }
  | { kind: 'approve'; visibility: ApprovedVisibility }
  | { kind: 'reject'; reason: string }
  | { kind: 'set_visibility'; visibility: ApprovedVisibility };

export type ApprovalStep = { ok: true; next: ApprovalState } | { ok: false; problem: string };

/**
 * The approval state machine: Development → (request) pending → (approve) Beta or Release, or (reject, with a
 * reason) back to Development with the reason shown, from where the developer may request again. Approved
 * listings move between Beta and Release (the developer ends the Beta, or the operator changes it).
 */
export function approvalStep(state: ApprovalState, action: ApprovalAction): ApprovalStep {
  switch (action.kind) {
    case 'request':
      if (state.status === 'pending') return { ok: false, problem: 'Approval was already requested; the operator has not decided yet.' };
      if (state.status === 'approved') return { ok: false, problem: `It is already approved (${VISIBILITY_LABELS[state.visibility]}).` };
      return { ok: true, next: { visibility: 'development', status: 'pending' } };
    case 'approve':
      if (state.status !== 'pending') return { ok: false, problem: 'Only a pending approval request can be approved.' };
      return { ok: true, next: { visibility: action.visibility, status: 'approved' } };
    case 'reject':
      if (state.status !== 'pending') return { ok: false, problem: 'Only a pending approval request can be rejected.' };
      if (action.reason.trim() === '') return { ok: false, problem: 'A rejection needs a reason the developer can act on.' };
      return { ok: true, next: { visibility: 'development', status: 'rejected' } };
    case 'set_visibility':
      if (state.status !== 'approved') return { ok: false, problem: 'Only an approved listing can be set to Beta or Release; request approval first.' };
      return { ok: true, next: { visibility: action.visibility, status: 'approved' } };
  }
}

/** Two letters for a listing's icon: "Order Sync" -> "OS", "pixel" -> "PI". */
export function listingInitials(name: string): string {
  const words = name.trim().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length === 1) return words[0].slice(0, 2).toUpperCase();
  return (words[0][0] + words[1][0]).toUpperCase();
}

/**
 * The state the App Store passes to the app's Authorization URL when it runs the OAuth authorization for an
 * install (the app did not start this flow, so it cannot check a state it made; this tells it where the
 * code comes from).
 */
export function storeInstallState(installId: number): string {
  return `app-store-install-${installId}`;
}

/** The install id a `storeInstallState` carries, or null for any other state. */
export function storeInstallIdOf(state: string | null): number | null {
  const match = /^app-store-install-([1-9]\d{0,14})$/.exec(state ?? '');
  return match ? Number(match[1]) : null;
}

/** What a listing must have before its approval can be requested (spec §6: the sales fields and the API credentials). */
export interface ReadinessInput {
  kind: ListingKind;
  description: string;
  developerEmail: string;
  authorizationUrl: string | null;
  available: boolean;
  themeId: number | null;
}

/** Problems by field, in the words the developer sees; empty when approval can be requested. */
export function readinessProblems(listing: ReadinessInput): Record<string, string> {
  const problems: Record<string, string> = {};
  if (listing.description.trim() === '') problems.description = 'Describe what it does: the description is the App Store page.';
  if (listing.developerEmail === '') problems.developerEmail = 'Give a developer email: buyers and the operator write to it.';
  if (!listing.available) problems.isActive = 'Make it available for sale (Active): the operator reviews what buyers would see.';
  if (listing.kind === 'app' && listing.authorizationUrl === null) {
    problems.authorizationUrl = 'Set the Authorization URL: the App Store calls it with the permissions when a company installs the app.';
  }
  if (listing.kind === 'theme' && listing.themeId === null) problems.themeId = 'Choose the theme buyers receive.';
  return problems;
}
