// The alert an app's developer gets when a webhook has failed for 24 hours (issue 19 item 4): halfway through the
// retry schedule of spec §5, a day before the last retry would deactivate the hook, so there is time to fix the
// endpoint. One per blocked (app, company) pair (webhook_pair_failures.alerted_at); it lands in the local outbox
// like every other email, and the console shows a notice beside the pair's block on the Webhooks screen.
import { WEBHOOK_RETRY_DELAYS_SECONDS } from '../../../src-shared/domain/webhooks';
import { toIso } from '../clock';
import type { AppRow } from '../repositories/apps-repository';
import type { WebhookRow } from '../repositories/webhooks-repository';
import type { Email } from '../services/outbox-service';
import { developerEmail } from './webhook-developer-email';

export const WEBHOOK_FAILING_EMAIL_KIND = 'webhook_failing';

/** A pair is alerted once its failures span this long (spec §5 deactivates after about 48 hours). */
export const WEBHOOK_FAILING_ALERT_MS = 24 * 3_600_000;

/**
 * When the hook will be deactivated if every remaining retry fails at once: the next retry (`nextAttemptAt`)
 * plus the delays of the retries after it. `failures`: failed attempts so far (1 = the first delivery failed).
 */
export function deactivationDueAt(failures: number, nextAttemptAt: number): number {
  return nextAttemptAt + WEBHOOK_RETRY_DELAYS_SECONDS.slice(failures).reduce((sum, seconds) => sum + seconds * 1000, 0);
}

export interface FailingFacts {
  app: AppRow;
  hooks: WebhookRow[];
  companyId: number;
  companyName: string;
  /** Fallback address when the app has no developer email: its company's. */
  developerCompanyEmail: string;
  failures: number;
  firstFailureAt: number;
  lastFailureAt: number;
  nextAttemptAt: number;
  lastError: string;
  queued: number;
}

export function failingEmail(facts: FailingFacts): Email {
  const { app } = facts;
  const deactivatesAt = deactivationDueAt(facts.failures, facts.nextAttemptAt);
  const hours = Math.floor((facts.lastFailureAt - facts.firstFailureAt) / 3_600_000);
  const lines = [
    `the webhooks of your app "${app.name}" for ${facts.companyName} (company ${facts.companyId}) have been failing for ${hours} hours.`,
    `If the endpoint does not acknowledge the next retries, the platform deactivates them at about ${toIso(deactivatesAt)}.`,
    '',
    ...facts.hooks.map((hook) => `  Webhook:        #${hook.id}  ${hook.topic}  ->  ${hook.address}`),
    `  First failure:  ${toIso(facts.firstFailureAt)}`,
    `  Last failure:   ${toIso(facts.lastFailureAt)} (${facts.lastError})`,
    `  Failed so far:  the first delivery and ${facts.failures - 1} of ${WEBHOOK_RETRY_DELAYS_SECONDS.length} retries`,
    `  Next retry:     ${toIso(facts.nextAttemptAt)}`,
    `  Waiting:        ${facts.queued} notification${facts.queued === 1 ? '' : 's'} (kept, not lost: they go out after the next successful attempt)`,
    '',
    'Fix the endpoint (any 2xx within 10 seconds is success); the next retry then delivers what is waiting.',
    'To send what failed right away once it works: `partnerdeck webhooks recover --since <time>`, or Replay on the',
    'Webhooks screen of the console.',
  ];
  return developerEmail({
    app,
    developerCompanyEmail: facts.developerCompanyEmail,
    subject: `Webhooks failing for ${hours} hours: app "${app.name}" for ${facts.companyName}`,
    lines,
    kind: WEBHOOK_FAILING_EMAIL_KIND,
    at: facts.lastFailureAt,
  });
}
