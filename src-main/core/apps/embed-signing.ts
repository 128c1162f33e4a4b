// Signing embedded-app URLs (spec §6, from the source's C# sample): message = base64(utf8("?UserID=<u>&CompanyID=<c>")),
// hmac = lowercase hex(HMAC-SHA256(key = utf8(appSecret), data = utf8(message))). The URL is the Start URL with
// UserID, CompanyID and hmac appended (src-shared/domain/embedded-apps.ts). Runs in the main process only: the
// renderer never sees an app secret.
import { createHmac } from 'node:crypto';
import { embedSignedText, withEmbedQuery } from '../../../src-shared/domain/embedded-apps';

/** The base64 text the hmac is computed over. */
export function embedMessage(userId: number, companyId: number): string {
  return Buffer.from(embedSignedText(userId, companyId), 'utf8').toString('base64');
}

/** The `hmac` parameter for a user and company. */
export function embedHmac(appSecret: string, userId: number, companyId: number): string {
  return createHmac('sha256', Buffer.from(appSecret, 'utf8')).update(embedMessage(userId, companyId), 'utf8').digest('hex');
}

/** The Start URL the console loads: its own query kept, then UserID, CompanyID and hmac. */
export function signedEmbedUrl(startUrl: string, appSecret: string, userId: number, companyId: number): string {
  return withEmbedQuery(startUrl, { userId, companyId, hmac: embedHmac(appSecret, userId, companyId) });
}
