// Browser mode's wire format for an embedded app: the console frames a wrapper page of the browser host,
// `/embed/<appId>?companyId=…[&userId=…&variant=…&otherCompanyId=…]`, which the host answers (with the console
// session's cookie) with a page whose own CSP allows framing only the app's origin and which holds the app in a
// sandboxed iframe. The console service builds the path; the host parses it.
import type { EmbedCheckVariant } from '../domain/embedded-apps';
import { EMBED_CHECK_VARIANTS } from '../domain/embedded-apps';

export const EMBED_FRAME_PREFIX = '/embed/';

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
