// The HTML pages of the authorization endpoint: sign-in, consent and error. Server-rendered, no scripts,
// no external resources: one inline stylesheet allowed by its hash, an inline SVG logo, and a strict
// Content-Security-Policy (forms may post only to this server, and the consent form's redirect may go
// only to the app's redirect URI origin). Every value is HTML-escaped.
import { createHash } from 'node:crypto';
import { escapeHtml as e } from '../http-io';

const STYLE = `
:root{color-scheme:light dark;--bg:#f4f5f8;--card:#fff;--text:#1b1e26;--muted:#5d6474;--line:#e2e5ec;--accent:#4f46e5;--accent-text:#fff;--danger:#b42318;--danger-bg:#fef3f2;--chip:#eef0ff}
@media (prefers-color-scheme:dark){:root{--bg:#111318;--card:#1b1e26;--text:#eceef3;--muted:#a0a7b7;--line:#2c313d;--accent:#818cf8;--accent-text:#0d0f14;--danger:#fda29b;--danger-bg:#2a1614;--chip:#262a45}}
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;padding:32px 16px;background:var(--bg);color:var(--text);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.card{width:100%;max-width:440px;background:var(--card);border:1px solid var(--line);border-radius:14px;box-shadow:0 8px 30px rgba(16,24,40,.08);padding:28px 28px 24px}
.brand{display:flex;align-items:center;gap:10px;font-weight:600;font-size:14px;color:var(--muted);margin-bottom:22px}
.brand svg{flex:none}
.badge{margin-left:auto;font-size:11px;font-weight:600;letter-spacing:.02em;text-transform:uppercase;padding:3px 8px;border-radius:999px;background:var(--chip);color:var(--accent)}
h1{font-size:21px;line-height:1.3;margin:0 0 6px}
.sub{color:var(--muted);margin:0 0 20px;font-size:14px}
.sub strong{color:var(--text);font-weight:600}
label{display:block;font-size:13px;font-weight:600;margin:14px 0 6px}
input[type=email],input[type=password],select{width:100%;padding:10px 12px;border-radius:8px;border:1px solid var(--line);background:var(--bg);color:var(--text);font:inherit}
input:focus,select:focus,button:focus{outline:2px solid var(--accent);outline-offset:1px}
.actions{display:flex;gap:10px;margin-top:22px}
button{flex:1;padding:10px 14px;border-radius:8px;border:1px solid var(--line);background:var(--card);color:var(--text);font:inherit;font-weight:600;cursor:pointer}
button.primary{background:var(--accent);border-color:var(--accent);color:var(--accent-text)}
button.link{flex:none;border:0;background:none;padding:0;color:var(--accent);font-weight:500;font-size:13px;white-space:nowrap}
.dev{font-weight:400;color:var(--muted)}
.error{background:var(--danger-bg);color:var(--danger);border-radius:8px;padding:10px 12px;font-size:14px;margin:0 0 14px}
.scopes{list-style:none;margin:0;padding:0;border:1px solid var(--line);border-radius:10px}
.scopes li{display:flex;gap:10px;padding:10px 12px;border-top:1px solid var(--line)}
.scopes li:first-child{border-top:0}
.scopes svg{flex:none;margin-top:3px;color:var(--accent)}
.scopes b{display:block;font-size:14px}
.scopes span{display:block;color:var(--muted);font-size:13px}
.meta{margin-top:18px;font-size:13px;color:var(--muted)}
.meta code,.code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:var(--bg);border:1px solid var(--line);border-radius:5px;padding:1px 5px;overflow-wrap:anywhere}
.who{display:flex;align-items:center;justify-content:space-between;gap:12px;margin-top:18px;padding-top:14px;border-top:1px solid var(--line);font-size:13px;color:var(--muted)}
.who a.link{color:var(--accent);font-weight:500;font-size:13px;white-space:nowrap;text-decoration:none}
.who a.link:hover{text-decoration:underline}
footer{margin-top:18px;font-size:12px;color:var(--muted);text-align:center;max-width:440px}
`;

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

const LOGO = `<svg width="26" height="26" viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="8" fill="#4f46e5"/><path d="M9 23V9h8a5 5 0 0 1 0 10h-4v4z" fill="none" stroke="#fff" stroke-width="2.6" stroke-linejoin="round"/></svg>`;
const CHECK = `<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

/** The page's Content-Security-Policy; `formTargets` are origins a form submission may end up at besides this server. */
export function pageCsp(formTargets: readonly string[] = []): string {
  return [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    `form-action 'self'${formTargets.map((t) => ` ${t}`).join('')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/**
 * The page around `body`. Error pages send no referrer at all; the sign-in and consent pages leave it to their
 * `Referrer-Policy: same-origin` header, so their forms carry a real Origin (a no-referrer page's form posts say
 * `Origin: null`, which the platform refuses) while nothing reaches any other origin.
 */
function layout(title: string, body: string, options: { referrer?: 'none' | 'header' } = {}): string {
  const referrer = options.referrer === 'header' ? '' : '<meta name="referrer" content="no-referrer">';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${referrer}
<title>${e(title)} · PartnerDeck</title><style>${STYLE}</style></head>
<body><main class="card"><div class="brand">${LOGO}<span>PartnerDeck</span><span class="badge">Local platform</span></div>
${body}</main>
<footer>This is the platform running on your computer. Nothing you enter leaves this machine.</footer></body></html>`;
}

function hidden(fields: Record<string, string | null | undefined>): string {
  return Object.entries(fields)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([name, value]) => `<input type="hidden" name="${e(name)}" value="${e(value!)}">`)
    .join('');
}

export interface LoginPageModel {
  appName: string;
  action: string;
  /** The authorization request, carried through the form unchanged. */
  request: Record<string, string | null>;
  email: string;
  error: string | null;
}

export function renderLoginPage(model: LoginPageModel): string {
  return layout(
    'Sign in',
    `<h1>Sign in to continue</h1>
<p class="sub"><strong>${e(model.appName)}</strong> wants to connect to your shop. Sign in with your account on this platform.</p>
${model.error ? `<p class="error" role="alert">${e(model.error)}</p>` : ''}
<form method="post" action="${e(model.action)}" autocomplete="on">
${hidden(model.request)}
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required value="${e(model.email)}"${model.email ? '' : ' autofocus'}>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required${model.email ? ' autofocus' : ''}>
<div class="actions"><button class="primary" type="submit">Sign in</button></div>
</form>`,
    { referrer: 'header' },
  );
}

export interface ConsentPageModel {
  appName: string;
  developer: string;
  developerEmail: string;
  action: string;
  /** The one-time ticket of this consent (bound to the signed-in user and this very request). */
  consent: string;
  /** The authorization URL again (GET), to sign in as somebody else. */
  switchAccountHref: string;
  request: Record<string, string | null>;
  scopes: { title: string; label: string }[];
  companies: { id: number; name: string; note: string }[];
  selectedCompanyId: number | null;
  user: { name: string; email: string };
  redirectHost: string;
  error: string | null;
  /** False when the user may not authorize apps: only Deny is offered. */
  canApprove: boolean;
}

export function renderConsentPage(model: ConsentPageModel): string {
  const company =
    model.companies.length === 1
      ? `<p class="meta">Access is granted for <strong>${e(model.companies[0].name)}</strong>.</p>${hidden({ company_id: String(model.companies[0].id) })}`
      : `<label for="company_id">Grant access for</label><select id="company_id" name="company_id" required><option value=""${model.selectedCompanyId === null ? ' selected' : ''} disabled>Choose a company…</option>${model.companies
          .map((c) => `<option value="${c.id}"${c.id === model.selectedCompanyId ? ' selected' : ''}>${e(c.name)}${c.note ? ` (${e(c.note)})` : ''}</option>`)
          .join('')}</select>`;
  return layout(
    `Authorize ${model.appName}`,
    `<h1>Authorize ${e(model.appName)}</h1>
<p class="sub">by <strong>${e(model.developer)}</strong>${model.developerEmail ? ` <span class="dev">· ${e(model.developerEmail)}</span>` : ''}</p>
${model.error ? `<p class="error" role="alert">${e(model.error)}</p>` : ''}
<p>${e(model.appName)} would like to:</p>
<ul class="scopes">${model.scopes.map((s) => `<li>${CHECK}<div><b>${e(s.title)}</b><span>${e(s.label)}</span></div></li>`).join('')}</ul>
<form method="post" action="${e(model.action)}">
${hidden({ ...model.request, consent: model.consent })}
${company}
<p class="meta">After your decision you are sent back to <code>${e(model.redirectHost)}</code>. You can revoke access any time in the console under Company → Authorized apps.</p>
<div class="actions"><button type="submit" name="decision" value="deny" formnovalidate>Deny</button>${model.canApprove ? '<button class="primary" type="submit" name="decision" value="approve">Approve</button>' : ''}</div>
</form>
<div class="who"><span>Signed in as <strong>${e(model.user.name)}</strong> (${e(model.user.email)})</span>
<a class="link" href="${e(model.switchAccountHref)}">Not you?</a></div>`,
    { referrer: 'header' },
  );
}

/** What the error page suggests when the request itself was bad (the app's fault, not the user's). */
export const BAD_REQUEST_ADVICE =
  "The app that sent you here made a request this platform cannot accept, so you were not sent back to it. If you develop this app, compare its client_id and redirect_uri with the app's registration (partnerdeck app list).";

export function renderErrorPage(title: string, description: string, code: string, advice: string | null): string {
  return layout(
    title,
    `<h1>${e(title)}</h1>
<p class="error" role="alert">${e(description)}</p>
<p class="meta">Error code: <code>${e(code)}</code></p>
${advice ? `<p class="meta">${e(advice)}</p>` : ''}`,
  );
}
