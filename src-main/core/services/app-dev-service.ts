// The core side of `partnerdeck app dev` (issue 19 item 1; cli/commands/app-dev-command.ts is the command): what
// exists now for an app's config (the app by the .env's client id, else by name in a development company, its
// company, its grant and hooks there), applying the config (app created or updated, development company and its
// app-developer user made, the app installed with consent granted without a click — development companies only,
// recorded in the audit log —, hooks synced), tokens through the code flow, and the delivery attempts to tail.
import { randomBytes } from 'node:crypto';
import { appCreateSchema } from '../../../src-shared/api/app-inputs';
import { companyCreateSchema, userCreateSchema } from '../../../src-shared/api/inputs';
import { parseInput } from '../../../src-shared/api/validation';
import { formatScopes, type OAuthScope } from '../../../src-shared/domain/oauth-scopes';
import { PERMISSIONS } from '../../../src-shared/domain/permissions';
import type { WebhookTopic } from '../../../src-shared/domain/webhook-topics';
import { OPERATOR, type UserActor } from '../access';
import { hashPassword } from '../passwords';
import type { AppsService } from './apps-service';
import type { AuthorizationsService } from './authorizations-service';
import type { CompaniesService } from './companies-service';
import type { LocalUsersService } from './local-users-service';
import type { OAuthService } from './oauth-service';
import type { ServiceContext } from './service-context';
import type { UsersService } from './users-service';
import type { WebhooksService } from './webhooks-service';

export const APP_DEV_USER_NAME = 'App developer (partnerdeck app dev)';
const devUserEmail = (companyId: number) => `developer@dev-${companyId}.partnerdeck.test`;
export const devCompanyName = (appName: string) => `${appName} (development)`;

/** What the app's config file asks for (cli/app-dev/app-config.ts reads it). */
export interface AppDevSpec {
  name: string;
  scopes: readonly OAuthScope[];
  redirectUrls: readonly string[];
  startUrl: string | null;
  authorizationUrl: string | null;
  developerEmail: string;
  webhooks: readonly { topic: WebhookTopic; address: string }[];
}

export interface AppDevState {
  companyId: number | null;
  companyName: string;
  appId: number | null;
  app: { name: string; scopes: string[]; redirectUris: string[]; startUrl: string | null; authorizationUrl: string | null; developerEmail: string } | null;
  installedScopes: string[] | null;
  hooks: { id: number; topic: string; address: string }[];
}

export interface AppDevAttempt {
  id: number;
  kind: string;
  retryNumber: number | null;
  statusCode: number | null;
  ok: boolean;
  durationMs: number;
  error: string | null;
  url: string;
  topic: string;
  messageId: string;
  payload: string;
}

export interface AppDevService {
  /** The state for a config; `company`: the development company asked for (--company / [dev] company), if any. */
  current(spec: AppDevSpec, company: { id: number; name: string } | null, clientId: string | undefined): AppDevState;
  /** Makes the platform match the config; returns the app, company and app-developer user ids. */
  apply(spec: AppDevSpec, state: AppDevState): Promise<{ appId: number; companyId: number; userId: number }>;
  /** The .env's tokens when still valid for the app, company and scopes, else new ones through the code flow. */
  tokens(ids: { appId: number; companyId: number; userId: number }, spec: AppDevSpec, old: { access?: string; refresh?: string }): { access: string; refresh: string; fresh: boolean };
  /** The newest delivery attempt's id (0 when none): where a tail starts. */
  lastAttemptId(): number;
  /** Delivery attempts to the app's hooks after `afterId`, oldest first. */
  attemptsAfter(appId: number, afterId: number, limit: number): AppDevAttempt[];
}

interface AppDevDeps {
  apps: AppsService;
  authorizations: AuthorizationsService;
  oauth: OAuthService;
  webhooks: WebhooksService;
  companies: CompaniesService;
  users: UsersService;
  localUsers: LocalUsersService;
}

export function createAppDevService(ctx: ServiceContext, deps: AppDevDeps): AppDevService {
  const { db, repos } = ctx;
  const { apps, authorizations, oauth, webhooks, companies, users, localUsers } = deps;
  const developmentCompany = (id: number) => {
    const row = repos.companies.get(id);
    return row && row.is_development === 1 ? { id: row.id, name: row.name } : null;
  };
  const appsInDevelopmentCompanies = db.prepare<[string], { id: number; company_id: number; company_name: string }>(
    'SELECT a.id, a.company_id, c.name AS company_name FROM apps a JOIN companies c ON c.id = a.company_id WHERE c.is_development = 1 AND a.name = ? ORDER BY a.id',
  );
  const developmentCompanyNamed = db.prepare<[string], { id: number; name: string }>('SELECT id, name FROM companies WHERE is_development = 1 AND name = ? ORDER BY id LIMIT 1');
  const hooksOf = db.prepare<[number, number], AppDevState['hooks'][number]>('SELECT id, topic, address FROM webhooks WHERE app_id = ? AND company_id = ? ORDER BY id');
  const attempts = db.prepare<[number, number, number], { id: number; kind: string; retry_number: number | null; status_code: number | null; ok: number; duration_ms: number; error: string | null; url: string; topic: string; message_id: string; payload: string }>(
    `SELECT t.id, t.kind, t.retry_number, t.status_code, t.ok, t.duration_ms, t.error, t.url, e.topic, e.message_id, e.payload
     FROM webhook_attempts t JOIN webhook_events e ON e.id = t.event_id WHERE t.app_id = ? AND t.id > ? ORDER BY t.id LIMIT ?`,
  );
  const maxAttemptId = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM webhook_attempts').pluck();

  async function devUser(companyId: number): Promise<UserActor> {
    const email = devUserEmail(companyId);
    const existing = localUsers.actorByEmail(email);
    if (existing) return existing;
    // Never signed in with: the password is random and thrown away (the console's Switch user reaches the user).
    const password = randomBytes(24).toString('base64url');
    const input = parseInput(userCreateSchema, { companyId, email, name: APP_DEV_USER_NAME, password, permissions: [...PERMISSIONS], isAdmin: true, sendWelcomeEmail: false });
    const user = users.create(OPERATOR, input, { passwordHash: await hashPassword(password) });
    return localUsers.actorOf(user.id)!;
  }

  return {
    current(spec, asked, clientId) {
      let company = asked;
      let appId: number | null = null;
      const byClient = clientId ? apps.findByClientId(clientId) : undefined;
      if (byClient && developmentCompany(byClient.company_id) && (company === null || company.id === byClient.company_id)) {
        appId = byClient.id;
        company ??= developmentCompany(byClient.company_id);
      }
      if (appId === null) {
        const match = appsInDevelopmentCompanies.all(spec.name).find((c) => company === null || c.company_id === company.id);
        if (match) {
          appId = match.id;
          company ??= { id: match.company_id, name: match.company_name };
        }
      }
      company ??= developmentCompanyNamed.get(devCompanyName(spec.name)) ?? null;
      const summary = appId === null ? null : apps.get(OPERATOR, appId);
      const authorization = appId !== null && company ? authorizations.findActive(appId, company.id) : undefined;
      return {
        companyId: company?.id ?? null,
        companyName: company?.name ?? devCompanyName(spec.name),
        appId,
        app: summary && { name: summary.name, scopes: summary.scopes, redirectUris: summary.redirectUris, startUrl: summary.startUrl, authorizationUrl: summary.authorizationUrl, developerEmail: summary.developerEmail },
        installedScopes: authorization ? authorization.scopes.split(',') : null,
        hooks: appId !== null && company ? hooksOf.all(appId, company.id) : [],
      };
    },

    async apply(spec, state) {
      let companyId = state.companyId;
      if (companyId === null) {
        const input = parseInput(companyCreateSchema, { name: state.companyName, country: 'DE', attestNotAffiliated: true });
        companyId = companies.create(OPERATOR, input, { isDevelopment: true }).id;
      }
      const user = await devUser(companyId);
      const fields = {
        companyId,
        name: spec.name,
        redirectUris: [...spec.redirectUrls],
        scopes: [...spec.scopes],
        authorizationUrl: spec.authorizationUrl,
        startUrl: spec.startUrl,
        developerEmail: spec.developerEmail,
      };
      let appId = state.appId;
      if (appId === null) appId = apps.create(OPERATOR, fields).app.id;
      else {
        const checked = parseInput(appCreateSchema, fields);
        const id = appId;
        ctx.transact(() =>
          apps.update(id, {
            name: checked.name,
            redirect_uris: JSON.stringify(checked.redirectUris),
            scopes: formatScopes(checked.scopes),
            authorization_url: checked.authorizationUrl,
            start_url: checked.startUrl,
            developer_email: checked.developerEmail,
          }),
        );
      }
      const finalAppId = appId;
      const finalCompanyId = companyId;
      const missing = state.installedScopes === null ? spec.scopes : spec.scopes.filter((s) => !state.installedScopes!.includes(s));
      if (missing.length > 0) {
        ctx.transact((emit) => {
          authorizations.grant(emit, { appId: finalAppId, companyId: finalCompanyId, user, scopes: spec.scopes });
          repos.audit.record({
            company_id: finalCompanyId,
            actor: 'partnerdeck app dev',
            action: 'app.dev_install',
            detail: { appId: finalAppId, scopes: spec.scopes, consent: 'granted without a click (development company, partnerdeck app dev)' },
            created_at: ctx.clock.now(),
          });
        });
      }
      const owner = { appId: finalAppId, companyId: finalCompanyId };
      const key = (h: { topic: string; address: string }) => `${h.topic} ${h.address}`;
      const existing = new Map(state.hooks.map((h) => [key(h), h.id]));
      const wanted = new Set(spec.webhooks.map(key));
      for (const hook of spec.webhooks) if (!existing.has(key(hook))) webhooks.create(owner, { topic: hook.topic, address: hook.address, is_active: true });
      for (const [hookKey, id] of existing) if (!wanted.has(hookKey)) webhooks.delete(owner, id);
      return { appId: finalAppId, companyId: finalCompanyId, userId: user.userId };
    },

    tokens({ appId, companyId, userId }, spec, old) {
      if (old.access && old.refresh) {
        const check = oauth.checkAccessToken(old.access);
        if (check.ok && check.grant.appId === appId && check.grant.companyId === companyId && spec.scopes.every((s) => check.grant.scopes.includes(s))) {
          return { access: old.access, refresh: old.refresh, fresh: false };
        }
      }
      const app = repos.apps.get(appId)!;
      const authorization = authorizations.findActive(appId, companyId)!;
      const redirectUri = spec.redirectUrls[0];
      const code = oauth.issueCode({ app, authorizationId: authorization.id, companyId, userId, redirectUri, scopes: [...spec.scopes], codeChallenge: null });
      const tokens = oauth.exchangeCode(app, { code, redirectUri, codeVerifier: null });
      return { access: tokens.accessToken, refresh: tokens.refreshToken, fresh: true };
    },

    lastAttemptId: () => maxAttemptId.get() ?? 0,

    attemptsAfter: (appId, afterId, limit) =>
      attempts.all(appId, afterId, limit).map((row) => ({
        id: row.id,
        kind: row.kind,
        retryNumber: row.retry_number,
        statusCode: row.status_code,
        ok: row.ok === 1,
        durationMs: row.duration_ms,
        error: row.error,
        url: row.url,
        topic: row.topic,
        messageId: row.message_id,
        payload: row.payload,
      })),
  };
}
