// Browser mode's wrapper page for an embedded app (`/embed/<appId>?companyId=…`, see src-shared/api/embed-frame.ts):
// served at the console's origin with its own Content-Security-Policy, which allows framing exactly one origin —
// the app's — and nothing else (no scripts, no other frames, no form posts), and holding the signed Start URL in a
// sandboxed iframe. The console frames this page (its own CSP allows `frame-src 'self'` only), so the console's
// policy never has to name an app, and the app never shares the console's origin.
import { createHash } from 'node:crypto';
import { EMBED_SANDBOX } from '../../src-shared/api/embed-frame';


/** Features the framed app never gets (on top of the browser's defaults for cross-origin frames). */
export const EMBED_PERMISSIONS_POLICY =
  'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), payment=(), display-capture=(), clipboard-read=(), midi=()';

const STYLE = 'html,body{margin:0;height:100%;overflow:hidden;background:transparent}iframe{display:block;border:0;width:100%;height:100%}' +
  '.error{font:14px/1.5 system-ui,sans-serif;color:#5b1a1a;background:#fdf2f2;border:1px solid #f3c7c7;border-radius:8px;margin:16px;padding:12px 14px}';
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The wrapper's policy: frames only from `appOrigin`, the one inline style by hash, framed only by the console. */
export function embedFramePolicy(appOrigin: string): string {
  return [
    "default-src 'none'",
    `frame-src ${appOrigin}`,
    `style-src ${STYLE_HASH}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

export interface EmbedFramePage {
  status: number;
  headers: Record<string, string>;
  html: string;
}

const COMMON_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  // The page carries a signed URL: never cached, never sent on as a referrer.
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  // The console (same origin) frames it; nobody else may.
  'X-Frame-Options': 'SAMEORIGIN',
  'Permissions-Policy': EMBED_PERMISSIONS_POLICY,
};

/** The page holding the app. `url` is the signed Start URL, `origin` its origin. */
export function embedFramePage(target: { appName: string; url: string; origin: string }): EmbedFramePage {
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(target.appName)}</title><style>${STYLE}</style></head>` +
    `<body><iframe src="${escapeHtml(target.url)}" title="${escapeHtml(target.appName)}" sandbox="${EMBED_SANDBOX}" ` +
    `referrerpolicy="no-referrer" allow="" data-app-origin="${escapeHtml(target.origin)}"></iframe></body></html>`;
  return { status: 200, headers: { ...COMMON_HEADERS, 'Content-Security-Policy': embedFramePolicy(target.origin) }, html };
}

/** What the frame shows when the app cannot be opened (no Start URL, not installed, secret not readable...). */
export function embedFrameError(status: number, message: string): EmbedFramePage {
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>App unavailable</title><style>${STYLE}</style></head>` +
    `<body><p class="error" role="alert">${escapeHtml(message)}</p></body></html>`;
  return {
    status,
    headers: { ...COMMON_HEADERS, 'Content-Security-Policy': `default-src 'none'; style-src ${STYLE_HASH}; base-uri 'none'; form-action 'none'; frame-ancestors 'self'` },
    html,
  };
}
