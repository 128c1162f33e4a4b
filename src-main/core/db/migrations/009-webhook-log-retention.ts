// Migration 009: the webhook log's retention (docs/webhooks.md, "How long the log keeps"). The dispatcher
// deletes delivered events (and, by cascade, their attempts) once they are older than the retention; this
// index finds them oldest first without reading the queue or the rest of the log.
import { bothDialects } from '../../postgres/postgres-dialect';

export const migration009 = {
  id: 9,
  name: 'webhook-log-retention',
  ...bothDialects(`
CREATE INDEX webhook_events_delivered ON webhook_events(delivered_at) WHERE state = 'delivered';
`),
};
