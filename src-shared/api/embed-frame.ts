// Browser mode's wire format for an embedded app: the console frames a wrapper page of the browser host,
// `/embed/<appId>?companyId=…[&userId=…&variant=…&otherCompanyId=…]&ticket=…`, which the host answers with a page
// whose own CSP allows framing only the app's origin and which holds the app in a sandboxed iframe. The console
// service builds the path; the host adds a one-time ticket to it when it answers `embeddedApps.open` (a frame
// cannot send the session's Authorization header, and no cookie is ever used) and parses it.
import type { EmbedCheckVariant } from '../domain/embedded-apps';
import { EMBED_CHECK_VARIANTS } from '../domain/embedded-apps';

export const EMBED_FRAME_PREFIX = '/embed/';
/** The query parameter carrying the browser host's one-time ticket for a wrapper page. */
export const EMBED_TICKET_PARAM = 'ticket';

/**
 * The app frame's sandbox (the wrapper page's iframe; the console's frame around the wrapper carries the same), each token for a reason (docs/embedded-apps.md):
 * - allow-scripts: apps are web applications;
 * - allow-forms: their settings pages submit forms;
 * - allow-same-origin: the app keeps its own origin, so its cookies, storage and calls to its own backend work.
 *   Safe only because the app's origin is never the console's (the wrapper refuses that case), so the app
 *   cannot reach into the console or lift its own sandbox;
 * - allow-popups + allow-popups-to-escape-sandbox: a link with target=_blank (the platform's OAuth consent page,
 *   which refuses to be framed; the app's docs) opens as an ordinary new tab the user sees. allow-popups is what
 *   lets a popup open at all; the escape makes that tab a normal page rather than a sandboxed one.
 * Never: allow-top-navigation (the app cannot take the console away), allow-modals, allow-downloads,
 * allow-pointer-lock, allow-presentation, allow-storage-access-by-user-activation.
 */
export const EMBED_SANDBOX = 'allow-scripts allow-forms allow-same-origin allow-popups allow-popups-to-escape-sandbox';


export interface EmbedFrameRequest {
  appId: number;
  companyId: number;
  check: { userId: number; variant: EmbedCheckVariant; otherCompanyId: number | null } | null;
}

export function embedFramePath(request: EmbedFrameRequest): string {
  const query = [`companyId=${request.companyId}`];
  if (request.check) {
    query.push(`userId=${request.check.userId}`, `variant=${request.check.variant}`);
    if (request.check.otherCompanyId !== null) query.push(`otherCompanyId=${request.check.otherCompanyId}`);
  }
  return `${EMBED_FRAME_PREFIX}${request.appId}?${query.join('&')}`;
}

function id(text: string | null): number | null {
  if (text === null || !/^[1-9]\d{0,15}$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/** The request a wrapper path names, or null when it is not one (the host answers 404). */
export function parseEmbedFramePath(pathname: string, params: { get(name: string): string | null }): EmbedFrameRequest | null {
  if (!pathname.startsWith(EMBED_FRAME_PREFIX)) return null;
  const appId = id(pathname.slice(EMBED_FRAME_PREFIX.length));
  const companyId = id(params.get('companyId'));
  if (appId === null || companyId === null) return null;
  const variant = params.get('variant');
  if (variant === null) return { appId, companyId, check: null };
  const userId = id(params.get('userId'));
  if (userId === null || !(EMBED_CHECK_VARIANTS as readonly string[]).includes(variant)) return null;
  const other = params.get('otherCompanyId');
  const otherCompanyId = other === null ? null : id(other);
  if (other !== null && otherCompanyId === null) return null;
  return { appId, companyId, check: { userId, variant: variant as EmbedCheckVariant, otherCompanyId } };
}
