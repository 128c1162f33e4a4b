// Shapes of the embedded-apps area (Extensions / Manage Apps, the embed checker) that cross the console API and
// the CLI's --json output.
import type { EmbedCheckOutcome, EmbedCheckVariant } from '../domain/embedded-apps';
import type { OAuthScope } from '../domain/oauth-scopes';

/** Why an app shows under Manage Apps for a company. */
export type ManagedAppAccess = 'own' | 'installed' | 'authorized';

/** An app as Manage Apps lists it for one company. */
export interface ManagedApp {
  appId: number;
  name: string;
  /** The company that made the app (its developer). */
  developerCompanyId: number;
  developerCompanyName: string;
  developerEmail: string;
  /** The company Manage Apps shows it for. */
  companyId: number;
  /** own: the company's own app (a developer opens it without installing); installed: from the App Store;
   * authorized: the company approved it on the OAuth consent page. */
  access: ManagedAppAccess;
  /** What the company granted (own apps: what they ask for). */
  scopes: OAuthScope[];
  /** Null: not an embedded app (no Start URL), nothing to open. */
  startUrl: string | null;
  startOrigin: string | null;
  /** The signed-in user may run the embed checker (the app belongs to a company they see). */
  canCheck: boolean;
}

export interface EmbedBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How the renderer shows an app: Electron puts a native view over a placeholder; a browser tab frames a wrapper page. */
export type EmbedOpenResult =
  | { mode: 'view'; slot: string; origin: string }
  | { mode: 'frame'; src: string; origin: string }
  /** The app's server could not be reached: the console shows its own frame saying so (not the browser's error page). */
  | { mode: 'unreachable'; origin: string; appName: string; startUrl: string; tried: string; reason: string; local: boolean };

/** A signed (or checker-variant) embed URL. */
export interface EmbedTarget {
  appId: number;
  appName: string;
  companyId: number;
  userId: number;
  variant: EmbedCheckVariant;
  url: string;
  origin: string;
}

/** One request of the embed checker and how the app answered it. */
export interface EmbedCheckResult {
  variant: EmbedCheckVariant;
  label: string;
  expected: 'accept' | 'reject';
  outcome: EmbedCheckOutcome;
  /** True: what a correct app does; false: a problem in the app's verification; null: unclear. */
  passed: boolean | null;
  verdict: string;
  url: string;
  /** The UserID and CompanyID the request carried. */
  userId: number;
  companyId: number;
  status: number | null;
  location: string | null;
  snippet: string;
  error: string | null;
  elapsedMs: number;
}

export interface EmbedCheckReport {
  appId: number;
  appName: string;
  startUrl: string;
  userId: number;
  companyId: number;
  /** The company whose id the swapped-company request carries. */
  otherCompanyId: number;
  checkedAt: string;
  results: EmbedCheckResult[];
  /** Every variant answered as a correct app does. */
  allPassed: boolean;
}

/** Whom the checker can load an app as: the companies the signed-in user sees and their users. */
export interface EmbedCheckCandidates {
  companies: { id: number; name: string; isPartner: boolean }[];
  users: { id: number; name: string; email: string; companyId: number }[];
}
