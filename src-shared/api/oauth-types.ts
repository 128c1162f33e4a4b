// Shapes of the OAuth and app area that cross the console API and the CLI's --json output.
import type { OAuthScope } from '../domain/oauth-scopes';

/** An app's registration as the developer sees it (never the secret; that is shown once, at creation). */
export interface AppSummary {
  id: number;
  companyId: number;
  companyName: string;
  name: string;
  clientId: string;
  redirectUris: string[];
  scopes: OAuthScope[];
  authorizationUrl: string | null;
  startUrl: string | null;
  developerEmail: string;
  createdAt: string;
}

/** What `app create` answers: the credentials, the shared secret in clear this one time. */
export interface AppCredentials {
  id: number;
  client_id: string;
  client_secret: string;
}

/** An app a company has authorized (Settings / Authorized apps). */
export interface AuthorizedApp {
  id: number;
  appId: number;
  appName: string;
  clientId: string;
  developerCompanyName: string;
  developerEmail: string;
  companyId: number;
  companyName: string;
  scopes: OAuthScope[];
  grantedBy: string;
  grantedAt: string;
  updatedAt: string;
  revokedAt: string | null;
}

/** Settings / Developer: where the local platform answers and its endpoints. */
export interface DeveloperInfo {
  /** Null when the platform server is not running (the console still works without it). */
  platformUrl: string | null;
  endpoints: { name: string; method: string; url: string; description: string }[];
  docsUrl: string | null;
  scopes: { scope: OAuthScope; label: string }[];
  /** The data folder, for `partnerdeck app create --data-dir …` on the same platform. */
  dataDir: string;
  /** Lifetimes the developer plans around. */
  lifetimes: { accessTokenSeconds: number; codeSeconds: number };
}
