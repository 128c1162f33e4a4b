// The authorization endpoint (spec §3): GET /oauth2/authorize validates the request and shows the sign-in page;
// signing in (POST /oauth2/authorize/login) answers with the consent page (app name, developer, each scope in plain
// words, the company to grant for: a partner's user picks its own company or one of its clients). Approval
// (POST /oauth2/authorize/decision) records the company's authorization and redirects with
// ?code=...&state=...&company_id=...; denial with ?error=access_denied&state=....
//
// No cookie, no sign-in session (H1, docs/architecture.md Security model): cookies are not port-scoped, so any
// other server on 127.0.0.1 the browser visits would receive a sign-in cookie and could approve consent with it.
// Instead the consent page carries a one-time ticket, bound to the user who just signed in and to this very
// authorization request (client, redirect URI, scopes, state, PKCE challenge), valid 10 minutes, spent by the
// decision. Only the page that the password produced holds it. Each authorization therefore asks for the
// password (browsers fill it in). Tickets live in the database (migration 023, only their hashes), so the decision
// may reach another process on the same data folder than the sign-in; spending one is a single DELETE ... RETURNING. Forms are accepted only from the platform's own pages (Origin).
import type { ServerResponse } from 'node:http';
import { OAUTH_SCOPE_LABELS, OAUTH_SCOPE_TITLES } from '../../../../src-shared/domain/oauth-scopes';
import { storeInstallIdOf } from '../../../../src-shared/domain/app-store';
import { hasPermission, userActor } from '../../access';
import type { CompanyRow } from '../../repositories/companies-repository';
import type { UserRow } from '../../repositories/users-repository';
import { HttpError, PageError } from '../http-error';
import { FORM_TYPE, mediaType, readText, redirect, sendHtml } from '../http-io';
import { createStoredOneTimeTokens } from '../one-time-tokens';
import type { PlatformModule, Route, RouteContext } from '../router';
import { AuthorizeRedirectError, REQUEST_FIELDS, validateAuthorizeRequest, withQuery, type AuthorizeRequest } from './authorize-request';
import { createPasswordSignIn } from '../password-sign-in';
import { pageCsp, renderConsentPage, renderLoginPage } from './pages';

export const AUTHORIZE_PATH = '/oauth2/authorize';
export const LOGIN_PATH = '/oauth2/authorize/login';
export const DECISION_PATH = '/oauth2/authorize/decision';
const FORM_LIMIT = 64 * 1024;
/** How long a consent page may be answered (platform time), once. */
export const CONSENT_TTL_MS = 10 * 60_000;
/** Pages may tell this server where a form came from (Origin on POST), never anyone else. */
const PAGE_HEADERS = { 'Referrer-Policy': 'same-origin' };

interface ConsentTicket {
  userId: number;
  /** The authorization request the ticket was made for (its fields, canonical). */
  request: string;
}

/** The request's fields as one string: a ticket answers exactly the request it was made for. */
function requestKey(request: AuthorizeRequest): string {
  return JSON.stringify(REQUEST_FIELDS.map((name) => request.fields[name]));
}

export const authorizeModule: PlatformModule = (deps) => {
  const { platform } = deps;
  // The throttle is in the database: a lock survives a restart and holds on every process of the folder (024).
  const signIn = createPasswordSignIn(platform.clock, platform.repos);
  // In the database: the decision may reach another process than the sign-in (two servers on one folder).
  const tickets = createStoredOneTimeTokens<ConsentTicket>(platform.repos.oneTimeTokens, { kind: 'oauth.consent', now: () => platform.clock.now(), ids: platform.ids });

  async function readForm(ctx: RouteContext): Promise<URLSearchParams> {
    const origin = ctx.req.headers.origin;
    // Our own pages send their origin (Referrer-Policy same-origin); `null` (a sandboxed frame, a no-referrer page)
    // and any other origin — another port on 127.0.0.1 included — are refused. Beyond loopback (`serve --host`) the
    // origin is the scheme and Host this request came with (https under TLS or a trusted proxy's X-Forwarded-Proto).
    if (origin !== undefined && !deps.network.isAllowedOrigin(origin, ctx.req)) {
      throw new PageError(403, 'forbidden', 'This form was sent from another site', 'For your safety, the sign-in and consent forms are accepted only from their own pages.', 'Go back to the app and start again.');
    }
    if (mediaType(ctx.req) !== FORM_TYPE) throw new HttpError(415, 'unsupported_media_type', `The form must be sent as ${FORM_TYPE}.`);
    return new URLSearchParams(await readText(ctx.req, FORM_LIMIT));
  }

  /** Runs a step of the flow; an error that belongs to the app goes back to its redirect URI. */
  const withRedirectErrors = (step: (ctx: RouteContext) => Promise<void> | void) => async (ctx: RouteContext) => {
    try {
      await step(ctx);
    } catch (error) {
      if (error instanceof AuthorizeRedirectError) return redirect(ctx.res, error.location(), {}, ctx.req.method === 'GET' ? 302 : 303);
      throw error;
    }
  };

  function companiesFor(user: UserRow): CompanyRow[] {
    const own = platform.repos.companies.get(user.company_id);
    if (!own) return [];
    if (!own.is_partner) return [own];
    const clientIds = platform.repos.companies.clientIds(own.id);
    const clients = clientIds.map((id) => platform.repos.companies.get(id)!).sort((a, b) => a.name.localeCompare(b.name));
    return [own, ...clients];
  }

  function showLogin(res: ServerResponse, request: AuthorizeRequest, options: { status?: number; email?: string; error?: string | null } = {}): void {
    const html = renderLoginPage({ appName: request.app.name, action: LOGIN_PATH, request: request.fields, email: options.email ?? '', error: options.error ?? null });
    sendHtml(res, options.status ?? 200, html, pageCsp(), PAGE_HEADERS);
  }

  /**
   * The company an App Store install ran this authorization for (its state is `app-store-install-<id>`): the
   * consent page starts with it chosen, so the partner who installed for a client need not pick it again. Only
   * an active install of this very app, for a company the user may grant for; anything else chooses nothing.
   */
  function installCompanyOf(request: AuthorizeRequest, companies: CompanyRow[]): number | null {
    const installId = storeInstallIdOf(request.state);
    const install = installId === null ? undefined : platform.repos.appStore.getInstall(installId);
    if (!install || install.app_id !== request.app.id || install.uninstalled_at !== null) return null;
    return companies.some((c) => c.id === install.company_id) ? install.company_id : null;
  }

  /** The consent page for a signed-in user, with a fresh one-time ticket for this request. */
  async function showConsent(res: ServerResponse, request: AuthorizeRequest, user: UserRow, options: { status?: number; error?: string | null; selected?: number | null } = {}): Promise<void> {
    const own = platform.repos.companies.get(user.company_id);
    const companies = companiesFor(user);
    const developer = platform.repos.apps.get(request.app.id);
    let error = options.error ?? null;
    if (!hasPermission(userActor(user), 'apps')) {
      error = `You need the "apps" permission to authorize apps for ${own?.name ?? 'your company'}. Ask one of its administrators.`;
    }
    const consent = await tickets.issue({ userId: user.id, request: requestKey(request) }, CONSENT_TTL_MS);
    const html = renderConsentPage({
      appName: request.app.name,
      developer: developer?.company_name ?? 'unknown developer',
      developerEmail: request.app.developer_email,
      action: DECISION_PATH,
      consent,
      switchAccountHref: authorizeUrlOf(request),
      request: request.fields,
      scopes: request.scopes.map((s) => ({ title: OAUTH_SCOPE_TITLES[s], label: OAUTH_SCOPE_LABELS[s] })),
      companies: companies.map((c) => ({ id: c.id, name: c.name, note: c.id === own?.id ? (c.is_partner ? 'your partner company' : '') : 'client' })),
      selectedCompanyId: options.selected ?? installCompanyOf(request, companies),
      user: { name: user.name, email: user.email },
      redirectHost: originOf(request.redirectUri),
      error,
      canApprove: hasPermission(userActor(user), 'apps') && companies.length > 0,
    });
    sendHtml(res, options.status ?? 200, html, pageCsp([formActionSourceOf(request.redirectUri)]), PAGE_HEADERS);
  }

  /** A POST of one of the flow's forms (sign-in, consent): read from our own page, the request it carries checked again. */
  const formStep = (path: string, step: (ctx: RouteContext, form: URLSearchParams, request: AuthorizeRequest) => Promise<void>): Route => ({
    method: 'POST',
    path,
    errors: 'page',
    handle: withRedirectErrors(async (ctx) => {
      const form = await readForm(ctx);
      await step(ctx, form, validateAuthorizeRequest(platform, form));
    }),
  });

  return {
    prefixes: [{ prefix: '/oauth2/', errors: 'page' }],
    routes: [
      {
        method: 'GET',
        path: AUTHORIZE_PATH,
        errors: 'page',
        handle: withRedirectErrors((ctx) => showLogin(ctx.res, validateAuthorizeRequest(platform, ctx.url.searchParams))),
      },
      formStep(LOGIN_PATH, async (ctx, form, request) => {
        const email = (form.get('email') ?? '').trim().toLowerCase();
        const password = form.get('password') ?? '';
        // Beyond loopback also per client address (one machine guessing many emails); on 127.0.0.1 every caller
        // has the same address, so only per email.
        const outcome = await signIn.attempt(email, password, deps.beyondLoopback ? { address: deps.network.clientAddress(ctx.req) } : {});
        if ('waitMs' in outcome) {
          return showLogin(ctx.res, request, { status: 429, email, error: `Too many failed sign-ins for this email. Try again in ${Math.ceil(outcome.waitMs / 1000)} seconds.` });
        }
        if ('wrong' in outcome) return showLogin(ctx.res, request, { status: 401, email, error: 'The email or password is not right.' });
        const { user } = outcome;
        await showConsent(ctx.res, request, user);
      }),
      formStep(DECISION_PATH, async (ctx, form, request) => {
        const ticket = await tickets.take(form.get('consent'));
        const user = ticket && ticket.request === requestKey(request) ? platform.repos.users.get(ticket.userId) : undefined;
        if (!user) {
          return showLogin(ctx.res, request, { status: 400, error: 'This consent form has expired or was already answered. Please sign in again.' });
        }
        if (form.get('decision') === 'deny') {
          throw new AuthorizeRedirectError(request.redirectUri, 'access_denied', null, request.state);
        }
        if (form.get('decision') !== 'approve') return await showConsent(ctx.res, request, user, { status: 400, error: 'Choose Approve or Deny.' });
        const companyId = Number(form.get('company_id'));
        const company = companiesFor(user).find((c) => c.id === companyId);
        if (!company) return await showConsent(ctx.res, request, user, { status: 400, error: 'Choose the company to grant access for.' });
        if (!hasPermission(userActor(user), 'apps')) return await showConsent(ctx.res, request, user, { status: 403, selected: company.id });
        const code = platform.ctx.transact((emit) => {
          const authorization = platform.authorizations.grant(emit, { appId: request.app.id, companyId: company.id, user: userActor(user), scopes: request.scopes });
          return platform.oauth.issueCode({
            app: request.app,
            authorizationId: authorization.id,
            companyId: company.id,
            userId: user.id,
            redirectUri: request.redirectUri,
            scopes: request.scopes,
            codeChallenge: request.codeChallenge,
          });
        });
        redirect(
          ctx.res,
          withQuery(request.redirectUri, [['code', code], ...(request.state !== null ? ([['state', request.state]] as [string, string][]) : []), ['company_id', String(company.id)]]),
        );
      }),
    ],
  };
};

/** The authorization endpoint with the same request (to sign in as somebody else). */
function authorizeUrlOf(request: AuthorizeRequest): string {
  return `${AUTHORIZE_PATH}?${new URLSearchParams(Object.entries(request.fields).filter((entry): entry is [string, string] => entry[1] !== null))}`;
}

function originOf(uri: string): string {
  const match = /^(https?:\/\/[^/?#]+)/i.exec(uri);
  return match ? match[1] : uri;
}

/**
 * The CSP source that lets the approval's redirect (a form submission's redirect, governed by form-action)
 * reach the redirect URI. CSP host sources cannot name an IPv6 literal (`http://[::1]:3000` is ignored by
 * Chromium), so for one the source is the scheme and port with any host (`http://*:3000`); the redirect URI
 * itself still has to match a registered one exactly.
 */
export function formActionSourceOf(uri: string): string {
  const ipv6 = /^(https?):\/\/\[[0-9a-fA-F:.]+\](?::(\d+))?(?:[/?]|$)/i.exec(uri);
  if (!ipv6) return originOf(uri);
  const scheme = ipv6[1].toLowerCase();
  return `${scheme}://*:${ipv6[2] ?? (scheme === 'https' ? '443' : '80')}`;
}
