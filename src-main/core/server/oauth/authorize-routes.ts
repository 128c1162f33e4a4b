// The authorization endpoint (spec §3): GET /oauth2/authorize validates the request and shows the sign-in
// page or, once signed in, the consent page (app name, developer, each scope in plain words, the company to
// grant for: a partner's user picks its own company or one of its clients). The forms post to
// /oauth2/authorize/login, /decision and /logout, each checked against the session's CSRF token; approval
// records the company's authorization and redirects with ?code=...&state=...&company_id=...; denial with
// ?error=access_denied&state=....
import type { ServerResponse } from 'node:http';
import { OAUTH_SCOPE_LABELS, OAUTH_SCOPE_TITLES } from '../../../../src-shared/domain/oauth-scopes';
import { storeInstallIdOf } from '../../../../src-shared/domain/app-store';
import { hasPermission } from '../../access';
import { hashPassword, verifyPassword } from '../../passwords';
import type { CompanyRow } from '../../repositories/companies-repository';
import type { UserRow } from '../../repositories/users-repository';
import { HttpError, PageError } from '../http-error';
import { FORM_TYPE, mediaType, parseCookies, readBody, redirect, sendHtml } from '../http-io';
import { isAllowedOrigin } from '../loopback';
import type { PlatformModule, RouteContext } from '../router';
import { AuthorizeRedirectError, validateAuthorizeRequest, withQuery, type AuthorizeRequest } from './authorize-request';
import { createLoginSessions, SESSION_IDLE_MS, type LoginSession } from './login-sessions';
import { createLoginThrottle } from './login-throttle';
import { pageCsp, renderConsentPage, renderLoginPage } from './pages';

export const AUTHORIZE_PATH = '/oauth2/authorize';
const LOGIN_PATH = '/oauth2/authorize/login';
const DECISION_PATH = '/oauth2/authorize/decision';
const LOGOUT_PATH = '/oauth2/authorize/logout';
const FORM_LIMIT = 64 * 1024;
/** Pages may tell this server where a form came from (Origin on POST), never anyone else. */
const PAGE_HEADERS = { 'Referrer-Policy': 'same-origin' };

/** The sign-in cookie's name: per port (cookies are not port-scoped, and several platforms may run), and
 * distinct from the browser host's `pd_session_<port>`. */
export function sessionCookieName(port: number): string {
  return `pd_oauth_${port}`;
}

export const authorizeModule: PlatformModule = (deps) => {
  const { platform } = deps;
  const sessions = createLoginSessions(platform.clock, platform.ids);
  const throttle = createLoginThrottle(platform.clock);
  /** Checked when the email is unknown, so an unknown email costs as much time as a wrong password. */
  let decoyHash: string | null = null;

  const cookieName = () => sessionCookieName(deps.port());
  const setCookie = (value: string) => `${cookieName()}=${value}; HttpOnly; SameSite=Lax; Path=/oauth2/; Max-Age=${SESSION_IDLE_MS / 1000}`;
  const clearCookie = () => `${cookieName()}=; HttpOnly; SameSite=Lax; Path=/oauth2/; Max-Age=0`;
  const cookieOf = (ctx: RouteContext) => parseCookies(ctx.req.headers.cookie)[cookieName()];
  /**
   * The request's live session, if any. Using it slides its expiry: the server side in `sessions.get`, the
   * browser's cookie here (a fresh Max-Age on whatever this request answers), so a user who keeps working is
   * not signed out an hour after signing in.
   */
  const sessionOf = (ctx: RouteContext): LoginSession | undefined => {
    const cookie = cookieOf(ctx);
    const session = sessions.get(cookie);
    if (session) ctx.res.setHeader('Set-Cookie', setCookie(cookie!));
    return session;
  };

  async function readForm(ctx: RouteContext): Promise<URLSearchParams> {
    const origin = ctx.req.headers.origin;
    if (origin !== undefined && origin !== 'null' && !isAllowedOrigin(origin, deps.port())) {
      throw new PageError(403, 'forbidden', 'This form was sent from another site', 'For your safety, the sign-in and consent forms are accepted only from their own pages.', 'Go back to the app and start again.');
    }
    if (mediaType(ctx.req) !== FORM_TYPE) throw new HttpError(415, 'unsupported_media_type', `The form must be sent as ${FORM_TYPE}.`);
    return new URLSearchParams((await readBody(ctx.req, FORM_LIMIT)).toString('utf8'));
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

  function showLogin(res: ServerResponse, request: AuthorizeRequest, options: { status?: number; email?: string; error?: string | null; session?: { cookieValue: string; session: LoginSession } } = {}): void {
    const fresh = options.session ?? sessions.create(null);
    const html = renderLoginPage({ appName: request.app.name, action: LOGIN_PATH, csrf: fresh.session.csrf, request: request.fields, email: options.email ?? '', error: options.error ?? null });
    sendHtml(res, options.status ?? 200, html, pageCsp(), { ...PAGE_HEADERS, 'Set-Cookie': setCookie(fresh.cookieValue) });
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

  function showConsent(res: ServerResponse, request: AuthorizeRequest, session: LoginSession, user: UserRow, options: { status?: number; error?: string | null; selected?: number | null } = {}): void {
    const own = platform.repos.companies.get(user.company_id);
    const companies = companiesFor(user);
    const developer = platform.repos.apps.get(request.app.id);
    let error = options.error ?? null;
    if (!hasPermission({ kind: 'user', user }, 'apps')) {
      error = `You need the "apps" permission to authorize apps for ${own?.name ?? 'your company'}. Ask one of its administrators.`;
    }
    const html = renderConsentPage({
      appName: request.app.name,
      developer: developer?.company_name ?? 'unknown developer',
      developerEmail: request.app.developer_email,
      action: DECISION_PATH,
      logoutAction: LOGOUT_PATH,
      csrf: session.csrf,
      request: request.fields,
      scopes: request.scopes.map((s) => ({ title: OAUTH_SCOPE_TITLES[s], label: OAUTH_SCOPE_LABELS[s] })),
      companies: companies.map((c) => ({ id: c.id, name: c.name, note: c.id === own?.id ? (c.is_partner ? 'your partner company' : '') : 'client' })),
      selectedCompanyId: options.selected ?? installCompanyOf(request, companies),
      user: { name: user.name, email: user.email },
      redirectHost: originOf(request.redirectUri),
      error,
      canApprove: hasPermission({ kind: 'user', user }, 'apps') && companies.length > 0,
    });
    sendHtml(res, options.status ?? 200, html, pageCsp([formActionSourceOf(request.redirectUri)]), PAGE_HEADERS);
  }

  /** The signed-in user of a session, if the session and the user still exist. */
  function signedInUser(session: LoginSession | undefined): UserRow | undefined {
    return session?.userId == null ? undefined : platform.repos.users.get(session.userId);
  }

  function requireCsrf(session: LoginSession | undefined, form: URLSearchParams): LoginSession | null {
    return session && sessions.csrfMatches(session, form.get('csrf')) ? session : null;
  }

  return {
    prefixes: [{ prefix: '/oauth2/', errors: 'page' }],
    routes: [
      {
        method: 'GET',
        path: AUTHORIZE_PATH,
        errors: 'page',
        handle: withRedirectErrors((ctx) => {
          const request = validateAuthorizeRequest(platform, ctx.url.searchParams);
          const cookie = cookieOf(ctx);
          const session = sessionOf(ctx);
          const user = signedInUser(session);
          // Not signed in: the sign-in page, keeping an anonymous session (and its CSRF token) if there is one.
          if (!session || !user) return showLogin(ctx.res, request, session ? { session: { cookieValue: cookie!, session } } : {});
          showConsent(ctx.res, request, session, user);
        }),
      },
      {
        method: 'POST',
        path: LOGIN_PATH,
        errors: 'page',
        handle: withRedirectErrors(async (ctx) => {
          const form = await readForm(ctx);
          const request = validateAuthorizeRequest(platform, form);
          const email = (form.get('email') ?? '').trim().toLowerCase();
          const password = form.get('password') ?? '';
          const session = requireCsrf(sessions.get(cookieOf(ctx)), form);
          if (!session) return showLogin(ctx.res, request, { status: 400, email, error: 'This sign-in form has expired. Please sign in again.' });
          const wait = throttle.waitMs(email);
          if (wait > 0) {
            return showLogin(ctx.res, request, { status: 429, email, error: `Too many failed sign-ins for this email. Try again in ${Math.ceil(wait / 1000)} seconds.` });
          }
          const user = email ? platform.repos.users.findByEmail(email) : undefined;
          const ok = verifyPassword(password, user?.password_hash ?? (decoyHash ??= hashPassword('decoy password for unknown emails')));
          if (!user || !ok) {
            throttle.fail(email);
            return showLogin(ctx.res, request, { status: 401, email, error: 'The email or password is not right.' });
          }
          throttle.succeed(email);
          // A new session for the signed-in user: the anonymous one (and its cookie value) is dropped.
          sessions.destroy(cookieOf(ctx));
          const signedIn = sessions.create(user.id);
          redirect(ctx.res, authorizeUrlOf(request), { 'Set-Cookie': setCookie(signedIn.cookieValue) });
        }),
      },
      {
        method: 'POST',
        path: DECISION_PATH,
        errors: 'page',
        handle: withRedirectErrors(async (ctx) => {
          const form = await readForm(ctx);
          const request = validateAuthorizeRequest(platform, form);
          const session = requireCsrf(sessionOf(ctx), form);
          const user = signedInUser(session ?? undefined);
          if (!session || !user) {
            throw new PageError(400, 'invalid_session', 'Your session has expired', 'This consent form is no longer valid: you were signed out, it expired, or it was sent from elsewhere.', 'Go back to the app and start again.');
          }
          if (form.get('decision') === 'deny') {
            throw new AuthorizeRedirectError(request.redirectUri, 'access_denied', null, request.state);
          }
          if (form.get('decision') !== 'approve') return showConsent(ctx.res, request, session, user, { status: 400, error: 'Choose Approve or Deny.' });
          const companyId = Number(form.get('company_id'));
          const company = companiesFor(user).find((c) => c.id === companyId);
          if (!company) return showConsent(ctx.res, request, session, user, { status: 400, error: 'Choose the company to grant access for.' });
          if (!hasPermission({ kind: 'user', user }, 'apps')) return showConsent(ctx.res, request, session, user, { status: 403, selected: company.id });
          const code = platform.ctx.transact((emit) => {
            const authorization = platform.authorizations.grant(emit, { appId: request.app.id, companyId: company.id, user, scopes: request.scopes });
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
      },
      {
        method: 'POST',
        path: LOGOUT_PATH,
        errors: 'page',
        handle: withRedirectErrors(async (ctx) => {
          const form = await readForm(ctx);
          const request = validateAuthorizeRequest(platform, form);
          if (requireCsrf(sessions.get(cookieOf(ctx)), form)) sessions.destroy(cookieOf(ctx));
          redirect(ctx.res, authorizeUrlOf(request), { 'Set-Cookie': clearCookie() });
        }),
      },
    ],
  };
};

/** Back to the authorization endpoint with the same request (after signing in or out). */
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
