// Migration 018: secret rotation with a grace period and the 24-hour failure alert (issue 19 item 4).
// After a rotation with a grace period the replaced secret stays valid until `previous_secret_expires_at`
// (platform ms): OAuth client authentication accepts it, and webhooks carry a second `v1,` signature made
// with it (the payload `hash` uses the new secret). A blocked (app, company) pair that has failed for
// 24 hours gets one alert (outbox email + console notice) before the 48-hour deactivation: `alerted_at`
// says it went out (the row goes when the pair recovers, so a later failure alerts again).
import { bothDialects } from '../../postgres/postgres-dialect';

export const migration018 = {
  id: 18,
  name: 'webhook-secret-grace',
  ...bothDialects(`
ALTER TABLE apps ADD COLUMN previous_secret_sealed TEXT;
ALTER TABLE apps ADD COLUMN previous_secret_hash TEXT;
ALTER TABLE apps ADD COLUMN previous_secret_expires_at INTEGER;
ALTER TABLE webhook_pair_failures ADD COLUMN alerted_at INTEGER;
`),
};
