// Migration 010: the refresh-token grace window (RFC 9700 §4.14.2; docs/platform-api.md, "Lifetimes"). Two
// refreshes of one token within a few seconds (an app's retry, two of its workers) get the same new pair instead
// of revoking the grant. The pair the first one received is kept for that window on the spent token's row,
// sealed with a key derived from the spent refresh token itself (AES-256-GCM): only a caller that presents that
// token (and authenticates as its client) can open it; the platform stores no usable token. Cleared once the
// window ends or the new refresh token is used.
import { bothDialects } from '../../postgres/postgres-dialect';

export const migration010 = {
  id: 10,
  name: 'oauth-refresh-grace',
  ...bothDialects(`
ALTER TABLE oauth_tokens ADD COLUMN successor_sealed TEXT;
`),
};
