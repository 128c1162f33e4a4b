// Which apps a company has installed: the one question Manage Apps asks of the App Store. Until the App Store
// (branch store) lands, an installed app is an app with an active OAuth authorization for the company (the
// partner approved it on the consent page, which is also what an App Store install runs). When it lands, this
// function becomes `platform.appStore.installedApps(companyId)` and nothing else in embedded apps changes.
import type { AuthorizationsRepository } from '../repositories/authorizations-repository';

export interface InstalledApp {
  appId: number;
  /** What the company granted, comma-separated as stored. */
  scopes: string;
  /** How the app came to the company. */
  source: 'installed' | 'authorized';
}

export function installedApps(repos: { authorizations: AuthorizationsRepository }, companyId: number): InstalledApp[] {
  return repos.authorizations.listActiveForCompanies([companyId]).map((grant) => ({ appId: grant.app_id, scopes: grant.scopes, source: 'authorized' }));
}
