// Embedded apps (spec §6): which apps a company sees under Extensions / Manage Apps, the signed URL that opens one
// (UserID = the numeric id of the signed-in user, CompanyID = the company it is opened for, hmac per the recipe),
// and the embed checker, which loads an app as any user and company the developer sees — correctly signed, with a
// wrong hmac, with a swapped CompanyID and without an hmac — and reports whether the app accepted each.
// The app secret is opened here, in the main process; callers get URLs, never the secret.
import type { EmbedCheckCandidates, EmbedCheckReport, EmbedCheckResult, EmbedTarget, ManagedApp, ManagedAppAccess } from '../../../src-shared/api/embedded-app-types';
import { ApiError } from '../../../src-shared/api/errors';
import {
  EMBED_CHECK_EXPECTED,
  EMBED_CHECK_LABELS,
  EMBED_CHECK_VARIANTS,
  classifyEmbedStatus,
  embedCheckPassed,
  embedCheckVerdict,
  httpOrigin,
  tamperedHmac,
  withEmbedQuery,
  type EmbedCheckVariant,
} from '../../../src-shared/domain/embedded-apps';
import { canonicalScopes, type OAuthScope } from '../../../src-shared/domain/oauth-scopes';
import { requirePermission, type Actor, type UserActor } from '../access';
import { embedHmac } from '../apps/embed-signing';
import { installedApps } from '../apps/installed-apps';
import { probeEmbedUrl, type EmbedProbeOptions } from '../apps/embed-probe';
import { toIso } from '../clock';
import type { AppWithCompanyRow } from '../repositories/apps-repository';
import type { UserRow } from '../repositories/users-repository';
import type { AppsService } from './apps-service';
import type { ServiceContext } from './service-context';

export interface CheckRequest {
  appId: number;
  companyId: number;
  userId: number;
  /** The CompanyID the swapped-company request carries (default: another company the actor sees). */
  otherCompanyId?: number | null;
}

export interface EmbeddedAppsService {
  /** Manage Apps for a company: its own apps, and the apps installed for or authorized by it. */
  list(actor: Actor, companyId: number): ManagedApp[];
  get(actor: Actor, appId: number, companyId: number): ManagedApp;
  /** The signed Start URL that opens an app for a company as the actor's own user. */
  open(actor: Actor, appId: number, companyId: number): EmbedTarget;
  /** One checker variant as any user and company the actor sees (the app must belong to a company they see). */
  checkTarget(actor: Actor, request: CheckRequest & { variant: EmbedCheckVariant }): EmbedTarget;
  /** Loads all four variants from here (GET, no cookies, short time limit) and classifies the answers. */
  check(actor: Actor, request: CheckRequest, options?: EmbedProbeOptions): Promise<EmbedCheckReport>;
  /** Companies and users the checker can load an app as. */
  checkCandidates(actor: Actor): EmbedCheckCandidates;
  /** A variant's URL without any access check (the CLI checks the user against the company itself). */
  sign(appId: number, userId: number, companyId: number, variant?: EmbedCheckVariant, otherCompanyId?: number): EmbedTarget;
}

interface Entry {
  app: AppWithCompanyRow;
  access: ManagedAppAccess;
  scopes: OAuthScope[];
}

export function createEmbeddedAppsService(ctx: ServiceContext, apps: AppsService): EmbeddedAppsService {
  const { repos, access, clock } = ctx;

  /**
   * The one place that decides which apps a company has under Manage Apps. Its own apps come first (a developer
   * opens them without installing), then every app with an active authorization for the company.
   */
  function entriesFor(actor: Actor, companyId: number): Entry[] {
    access.company(actor, companyId);
    requirePermission(actor, 'apps');
    const entries = new Map<number, Entry>();
    for (const app of repos.apps.listByCompanies([companyId])) {
      entries.set(app.id, { app, access: 'own', scopes: canonicalScopes(app.scopes.split(',')) });
    }
    for (const installed of installedApps(repos, companyId)) {
      if (entries.has(installed.appId)) continue;
      const app = repos.apps.get(installed.appId);
      if (app) entries.set(app.id, { app, access: installed.source, scopes: canonicalScopes(installed.scopes.split(',')) });
    }
    return [...entries.values()].sort((a, b) => a.app.name.localeCompare(b.app.name) || a.app.id - b.app.id);
  }

  function toManaged(actor: Actor, companyId: number, entry: Entry): ManagedApp {
    return {
      appId: entry.app.id,
      name: entry.app.name,
      developerCompanyId: entry.app.company_id,
      developerCompanyName: entry.app.company_name,
      developerEmail: entry.app.developer_email,
      companyId,
      access: entry.access,
      scopes: entry.scopes,
      startUrl: entry.app.start_url,
      startOrigin: entry.app.start_url === null ? null : httpOrigin(entry.app.start_url),
      canCheck: access.canSee(actor, entry.app.company_id),
    };
  }

  function userOf(actor: Actor): UserActor {
    if (actor.kind !== 'user') throw new ApiError('forbidden', 'Embedded apps are opened by a signed-in user (their id is the UserID).');
    return actor;
  }

  /** The app, for the checker: it must belong to a company the actor sees. */
  function developerApp(actor: Actor, appId: number): AppWithCompanyRow {
    requirePermission(actor, 'apps');
    const app = repos.apps.get(appId);
    if (!app || !access.canSee(actor, app.company_id)) throw new ApiError('not_found', `App ${appId} was not found.`, { appId });
    return app;
  }

  function visibleUser(actor: Actor, userId: number): UserRow {
    const user = repos.users.get(userId);
    if (!user || !access.canSee(actor, user.company_id)) throw ApiError.validation({ userId: [`user ${userId} is not one you can see`] });
    return user;
  }

  function otherCompanyFor(actor: Actor, companyId: number, requested: number | null | undefined): number {
    if (requested !== undefined && requested !== null) {
      if (requested === companyId) throw ApiError.validation({ otherCompanyId: ['must differ from the company the app is loaded for'] });
      return requested;
    }
    const visible = actor.kind === 'user' ? access.visibleCompanyIds(actor) : repos.companies.listAll().map((c) => c.id);
    return visible.find((id) => id !== companyId) ?? companyId + 1;
  }

  function sign(appId: number, userId: number, companyId: number, variant: EmbedCheckVariant = 'valid', otherCompanyId?: number): EmbedTarget {
    const app = repos.apps.get(appId);
    if (!app) throw new ApiError('not_found', `App ${appId} was not found.`, { appId });
    if (app.start_url === null) {
      throw new ApiError('conflict', `${app.name} has no Start URL, so it is not an embedded app. Set its Start URL to open it under Manage Apps.`, { appId });
    }
    const secret = apps.openSecret(app.id);
    const signedFor = (company: number) => embedHmac(secret, userId, company);
    const other = otherCompanyId ?? companyId + 1;
    const query =
      variant === 'valid'
        ? { userId, companyId, hmac: signedFor(companyId) }
        : variant === 'wrong-hmac'
          ? { userId, companyId, hmac: tamperedHmac(signedFor(companyId)) }
          : variant === 'swapped-company'
            ? { userId, companyId: other, hmac: signedFor(companyId) }
            : { userId, companyId, hmac: null };
    return {
      appId: app.id,
      appName: app.name,
      companyId: Number(query.companyId),
      userId,
      variant,
      url: withEmbedQuery(app.start_url, query),
      origin: httpOrigin(app.start_url) ?? app.start_url,
    };
  }

  function checkTarget(actor: Actor, request: CheckRequest & { variant: EmbedCheckVariant }): EmbedTarget {
    const app = developerApp(actor, request.appId);
    access.company(actor, request.companyId);
    visibleUser(actor, request.userId);
    const other = otherCompanyFor(actor, request.companyId, request.otherCompanyId);
    return sign(app.id, request.userId, request.companyId, request.variant, other);
  }

  return {
    list: (actor, companyId) => entriesFor(actor, companyId).map((entry) => toManaged(actor, companyId, entry)),

    get(actor, appId, companyId) {
      const entry = entriesFor(actor, companyId).find((e) => e.app.id === appId);
      if (!entry) throw new ApiError('not_found', `App ${appId} is not among the apps of company ${companyId}.`, { appId, companyId });
      return toManaged(actor, companyId, entry);
    },

    open(actor, appId, companyId) {
      const user = userOf(actor);
      const entry = entriesFor(actor, companyId).find((e) => e.app.id === appId);
      if (!entry) throw new ApiError('not_found', `App ${appId} is not among the apps of company ${companyId}.`, { appId, companyId });
      return sign(appId, user.userId, companyId);
    },

    checkTarget,

    async check(actor, request, options) {
      const app = developerApp(actor, request.appId);
      const other = otherCompanyFor(actor, request.companyId, request.otherCompanyId);
      const targets = EMBED_CHECK_VARIANTS.map((variant) => checkTarget(actor, { ...request, otherCompanyId: other, variant }));
      const probes = await Promise.all(targets.map((target) => probeEmbedUrl(target.url, options)));
      const results: EmbedCheckResult[] = targets.map((target, i) => {
        const probe = probes[i];
        const outcome = probe.status === null ? 'unreachable' : classifyEmbedStatus(probe.status);
        return {
          variant: target.variant,
          label: EMBED_CHECK_LABELS[target.variant],
          expected: EMBED_CHECK_EXPECTED[target.variant],
          outcome,
          passed: embedCheckPassed(target.variant, outcome),
          verdict: embedCheckVerdict(target.variant, outcome, probe.status),
          url: target.url,
          userId: target.userId,
          companyId: target.companyId,
          status: probe.status,
          location: probe.location,
          snippet: probe.snippet,
          error: probe.error,
          elapsedMs: probe.elapsedMs,
        };
      });
      return {
        appId: app.id,
        appName: app.name,
        startUrl: app.start_url ?? '',
        userId: request.userId,
        companyId: request.companyId,
        otherCompanyId: other,
        checkedAt: toIso(clock.now()),
        results,
        allPassed: results.every((r) => r.passed === true),
      };
    },

    checkCandidates(actor) {
      requirePermission(actor, 'apps');
      const ids = actor.kind === 'user' ? access.visibleCompanyIds(actor) : repos.companies.listAll().map((c) => c.id);
      const companies = ids
        .map((id) => repos.companies.get(id))
        .filter((c) => c !== undefined)
        .map((c) => ({ id: c.id, name: c.name, isPartner: c.is_partner === 1 }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const users = companies.flatMap((c) => repos.users.listByCompany(c.id).map((u) => ({ id: u.id, name: u.name, email: u.email, companyId: c.id })));
      return { companies, users };
    },

    sign,
  };
}
