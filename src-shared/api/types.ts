// Data shapes that cross the console API. Plain JSON: ids are numbers, times ISO 8601 strings.
import type { Permission } from '../domain/permissions';

export type PaymentRoute = 'direct' | 'via_partner';

export interface Company {
  id: number;
  name: string;
  email: string;
  phone: string;
  street: string;
  city: string;
  postalCode: string;
  country: string;
  vatId: string | null;
  /** For external identification (spec §1); the companies list finds a company by it. */
  token: string | null;
  isSample: boolean;
  /** A development company (`partnerdeck app dev`): places test orders, never billed, marked like a sample company. */
  isDevelopment: boolean;
  paymentRoute: PaymentRoute;
  isPartner: boolean;
  partnerId: number | null;
  partnerName: string | null;
  adminDomain: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A company as lists show it, with how many users it has. */
export interface CompanySummary
  extends Pick<Company, 'id' | 'name' | 'country' | 'city' | 'token' | 'isSample' | 'isDevelopment' | 'paymentRoute' | 'isPartner' | 'partnerId' | 'createdAt'> {
  userCount: number;
}

export interface User {
  id: number;
  companyId: number;
  email: string;
  name: string;
  permissions: Permission[];
  isAdmin: boolean;
  /** The platform operator role: reviews App Store listings (approve into Beta/Release, reject with a reason). */
  isOperator: boolean;
  createdAt: string;
}

export interface ShopSettings {
  companyId: number;
  shopName: string;
  currency: string;
  defaultVatRateBp: number;
  storefrontOpen: boolean;
  supportEmail: string;
  updatedAt: string;
}

export type PartnerRequestStatus = 'pending' | 'accepted' | 'declined' | 'cancelled';

export interface PartnerRequest {
  id: number;
  companyId: number;
  companyName: string;
  partnerId: number;
  partnerName: string;
  message: string;
  status: PartnerRequestStatus;
  requestedBy: string;
  createdAt: string;
  decidedAt: string | null;
}

export interface PartnerDirectoryEntry {
  id: number;
  name: string;
  country: string;
  city: string;
}

export interface OutboxMessage {
  id: number;
  companyId: number | null;
  to: string;
  subject: string;
  body: string;
  kind: string;
  createdAt: string;
  readAt: string | null;
}

/** Who is signed in to the console and which company it is acting as. */
export interface SessionInfo {
  user: User | null;
  /** The signed-in user's own company ("Self"). */
  home: Company | null;
  /** The company the console acts as: the home company or one of its clients. */
  acting: Company | null;
  isSelf: boolean;
  /** Permissions that apply right now (the user's own; partner users keep theirs when acting as a client). */
  permissions: Permission[];
  /** Store functions (shop, products, orders, ...) are available only when acting as a non-partner company. */
  storeAvailable: boolean;
  recentCompanyIds: number[];
  /** The signed-in user is the platform operator: the console shows App review. */
  isOperator: boolean;
  /** The partner brand (logo, admin domain) this user sees; null: the platform's own. */
  brand: SessionBrand | null;
  /** The signed-in user may move the platform clock (the operator role or a partner's administrator). */
  canMoveClock: boolean;
}

export interface SwitcherEntry {
  id: number;
  name: string;
  isSelf: boolean;
  isSample: boolean;
  /** A development company (app developers' test orders; never billed). */
  isDevelopment: boolean;
  paymentRoute: PaymentRoute;
  city: string;
  country: string;
}

export interface AppInfo {
  version: string;
  dataDir: string;
  /** Where the console runs: the desktop app, browser mode (`partnerdeck console`) or a team server (`serve --console`). */
  host: 'electron' | 'browser' | 'team';
  secretStore: { kind: 'os-keychain' | 'key-file'; warning: string | null };
  platformUrl: string | null;
  clockNow: string;
}

export interface SignInCandidate {
  userId: number;
  email: string;
  name: string;
  companyId: number;
  companyName: string;
  companyIsPartner: boolean;
  /** The user has the platform operator role (App review). */
  isOperator: boolean;
}

/** A partner's uploaded logo (white label). `dataUrl` is only ever used as an <img> source. */
export interface PartnerLogo {
  mime: 'image/png' | 'image/jpeg' | 'image/webp' | 'image/svg+xml';
  width: number;
  height: number;
  sizeBytes: number;
  fileName: string;
  uploadedAt: string;
  uploadedBy: string;
  /** Changes with the file (the session's brand carries it, so the console reloads a changed logo). */
  sha256: string;
  dataUrl: string;
}

/** A partner's white label: its admin domain, the host to point it at, its logo. */
export interface WhiteLabel {
  companyId: number;
  adminDomain: string | null;
  /** `https://<adminDomain>/` when one is set: where the partner's clients sign in. */
  adminUrl: string | null;
  /** The platform's admin host the domain's CNAME record points at (a platform setting). */
  cnameTarget: string;
  logo: PartnerLogo | null;
}

export interface LogoUploadResult {
  whiteLabel: WhiteLabel;
  /** What was taken out of an SVG before it was stored (scripts, event handlers, outside references). */
  removed: string[];
}

/** Whose brand the signed-in user sees: its own company's if that is a partner, else its partner's (or none). */
export interface SessionBrand {
  partnerId: number;
  partnerName: string;
  adminDomain: string | null;
  /** The logo's sha256, or null: the platform's own logo. */
  logoVersion: string | null;
}
