// Which apps a company has installed: the one question Manage Apps asks. An app is installed when the App Store
// installed it for the company (services/app-store-service.ts; the install may still wait for the company's
// consent, which the app itself can start) or when the company approved it on the platform consent page without
// the store (an app a developer registered with `partnerdeck app create` and sent through OAuth). Themes are
// installed through the store too but are not embedded apps, so they are left out here.
import type { AppStoreRepository } from '../repositories/app-store-repository';
import type { AppsRepository } from '../repositories/apps-repository';
import type { AuthorizationsRepository } from '../repositories/authorizations-repository';

export interface InstalledApp {
  appId: number;
  /** What the company granted (or, for a store install still waiting for consent, what the app asks for), comma-separated as stored. */
  scopes: string;
  /** How the app came to the company. */
  source: 'installed' | 'authorized';
}

export function installedApps(
  repos: { authorizations: AuthorizationsRepository; appStore: AppStoreRepository; apps: AppsRepository },
  companyId: number,
): InstalledApp[] {
  const granted = new Map(repos.authorizations.listActiveForCompanies([companyId]).map((grant) => [grant.app_id, grant.scopes]));
  const out: InstalledApp[] = [];
  for (const install of repos.appStore.activeInstallsOf([companyId])) {
    const app = repos.apps.get(install.app_id);
    if (!app || app.kind !== 'app') continue;
    out.push({ appId: app.id, scopes: granted.get(app.id) ?? app.scopes, source: 'installed' });
    granted.delete(app.id);
  }
  for (const [appId, scopes] of granted) out.push({ appId, scopes, source: 'authorized' });
  return out;
}
