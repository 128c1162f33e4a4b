// The email the platform sends to an app's developer when one of its hooks is deactivated after the last
// retry failed (spec §5). It lands in the local outbox like every other email.
import { WEBHOOK_RETRY_DELAYS_SECONDS } from '../../../src-shared/domain/webhooks';
import { toIso } from '../clock';
import type { Email } from '../services/outbox-service';
import { developerEmail } from './webhook-developer-email';
import type { AppRow } from '../repositories/apps-repository';
import type { WebhookRow } from '../repositories/webhooks-repository';

export const WEBHOOK_DEACTIVATED_EMAIL_KIND = 'webhook_deactivated';

export interface DeactivationFacts {
  app: AppRow;
  hook: WebhookRow;
  companyName: string;
  /** Fallback address when the app has no developer email: its company's. */
  developerCompanyEmail: string;
  firstFailureAt: number;
  lastFailureAt: number;
  lastError: string;
  queued: number;
  /** The company no longer authorizes the app: the hook is removed, not kept for reactivation. */
  uninstalled: boolean;
}

export function deactivationEmail(facts: DeactivationFacts): Email {
  const { app, hook } = facts;
  const lines = [
    `the platform has deactivated a webhook of your app "${app.name}" for ${facts.companyName} (company ${hook.company_id}),`,
    'because its endpoint did not acknowledge notifications for about 48 hours.',
    '',
    `  Webhook:        #${hook.id}  ${hook.topic}  ->  ${hook.address}`,
    `  First failure:  ${toIso(facts.firstFailureAt)}`,
    `  Last failure:   ${toIso(facts.lastFailureAt)} (${facts.lastError})`,
    `  Attempts:       the first delivery and ${WEBHOOK_RETRY_DELAYS_SECONDS.length} retries, ${WEBHOOK_RETRY_DELAYS_SECONDS.join(', ')} seconds after each failure`,
    ...(facts.uninstalled
      ? [
          '',
          `${facts.companyName} no longer authorizes the app (it was uninstalled), so the webhook has been removed together`,
          `with the ${facts.queued} notification${facts.queued === 1 ? '' : 's'} it still held. If the company installs the app again, register the webhook again.`,
        ]
      : [
          `  Still queued:   ${facts.queued} notification${facts.queued === 1 ? '' : 's'}, kept for you: they go out when the webhook is active again`,
          '',
          'To resume delivery, fix the endpoint (any 2xx within 10 seconds is success) and set is_active back to true:',
          `  PUT /admin/webhooks/${hook.id}.json with "is_active": true`,
          'or press Reactivate on the Webhooks screen of the console.',
        ]),
  ];
  return developerEmail({
    app,
    developerCompanyEmail: facts.developerCompanyEmail,
    subject: `Webhook deactivated: ${hook.topic} for ${facts.companyName} (app "${app.name}")`,
    lines,
    kind: WEBHOOK_DEACTIVATED_EMAIL_KIND,
    at: facts.lastFailureAt,
  });
}
