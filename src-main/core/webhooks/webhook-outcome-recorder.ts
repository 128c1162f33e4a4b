// Writes what came back from the webhook worker: a batch of outcomes in one transaction — the attempt rows,
// the event states, each pair's block as the failure rules decide it (webhook-delivery-rules.ts), and the
// rules' effects: a deactivated hook with its developer's email (outbox), and the last hook of a pair whose
// company uninstalled the app removed once its notification was delivered or given up. If the transaction
// fails nothing of the batch is written and the events go out again (at least once).
import type { Platform } from '../platform';
import type { Emit } from '../services/service-context';
import { deactivationEmail } from './webhook-deactivation-email';
import { deactivationDueAt, failingEmail, WEBHOOK_FAILING_ALERT_MS } from './webhook-failing-email';
import { blockOf, type InFlightAttempt } from './webhook-delivery-queue';
import { afterOutcome, attemptSucceeded, pairKey, type Deactivation, type PairBlock, type PairState } from './webhook-delivery-rules';
import type { SendResult } from './webhook-worker-protocol';
import { internalsOf } from '../platform-internals';

export interface ReportedAttempt {
  attempt: InFlightAttempt;
  result: SendResult;
}

export interface RecordedBatch {
  /** A pair was blocked, retried or unblocked: the next due retry must be looked up again. */
  blocksChanged: boolean;
  /** A block ended: fresh events are read from the start again. */
  rescan: boolean;
}

export interface OutcomeRecorder {
  /** Writes the batch in one transaction (throws when it could not: nothing of it was written). */
  record(reported: ReportedAttempt[]): RecordedBatch;
}

/** `generations`: the dispatcher's generation of each pair (pairKey), which this updates. */
export function createOutcomeRecorder(platform: Platform, generations: Map<string, number>): OutcomeRecorder {
  const { ctx, repos } = internalsOf(platform);
  const repo = repos.webhookDelivery;

  function deactivate(appId: number, deactivation: Deactivation, emit: Emit): void {
    const { webhooks, apps, companies, authorizations } = repos;
    const before = webhooks.get(deactivation.webhookId);
    if (!before || before.is_active === 0) return; // deleted or switched off meanwhile
    const { failedAt } = deactivation;
    webhooks.update(before.id, { is_active: 0, deactivated_at: failedAt, updated_at: failedAt });
    const hook = webhooks.get(before.id)!;
    const app = apps.get(appId)!;
    emit('webhook.deactivated', { webhookId: hook.id, appId: app.id, companyId: hook.company_id });
    platform.outbox.queue(
      emit,
      deactivationEmail({
        app,
        hook,
        companyName: companies.get(hook.company_id)?.name ?? `company ${hook.company_id}`,
        developerCompanyEmail: companies.get(app.company_id)?.email ?? '',
        firstFailureAt: deactivation.firstFailureAt,
        lastFailureAt: failedAt,
        lastError: deactivation.error,
        queued: repo.countQueued(hook.id),
        // An uninstalled app's app/uninstalled hook: it is removed right after, there is nothing to reactivate.
        uninstalled: !authorizations.findActive(app.id, hook.company_id),
      }),
    );
  }

  /** The 24-hour alert (issue 19 item 4): once per blocked pair, when its failures have spanned a day. */
  function alertIfFailingLong(appId: number, companyId: number, emit: Emit): void {
    const pair = repo.getPair(appId, companyId);
    if (!pair || pair.alerted_at != null || pair.last_failure_at - pair.first_failure_at < WEBHOOK_FAILING_ALERT_MS) return;
    const { webhooks, apps, companies } = repos;
    const app = apps.get(appId);
    if (!app) return;
    const hooks = webhooks.listForCompany(companyId).filter((hook) => hook.app_id === appId && hook.is_active === 1);
    const companyName = companies.get(companyId)?.name ?? `company ${companyId}`;
    repo.markPairAlerted(appId, companyId, pair.last_failure_at);
    platform.outbox.queue(
      emit,
      failingEmail({
        app,
        hooks,
        companyId,
        companyName,
        developerCompanyEmail: companies.get(app.company_id)?.email ?? '',
        failures: pair.failures,
        firstFailureAt: pair.first_failure_at,
        lastFailureAt: pair.last_failure_at,
        nextAttemptAt: pair.next_attempt_at,
        lastError: pair.last_error ?? 'no answer',
        queued: hooks.reduce((sum, hook) => sum + repo.countQueued(hook.id), 0),
      }),
    );
    emit('webhook.failing', { appId, companyId, appName: app.name, companyName, deactivatesAt: deactivationDueAt(pair.failures, pair.next_attempt_at) });
  }

  /**
   * Applies the failure rules to one outcome and writes what they decide; true when the pair settled. `blocks`: each
   * pair's block as this batch's transaction last wrote or read it (only this recorder writes blocks, and a batch is
   * one transaction, so the row is read once per pair and batch instead of once per outcome).
   */
  function applyRules({ attempt, result }: ReportedAttempt, batch: RecordedBatch, blocks: Map<string, PairBlock | null>, emit: Emit): boolean {
    const key = pairKey(attempt.appId, attempt.companyId);
    let stored = blocks.get(key);
    if (stored === undefined) {
      stored = blockOf(repo.getPair(attempt.appId, attempt.companyId));
      blocks.set(key, stored);
    }
    const state: PairState = { block: stored, generation: generations.get(key) ?? 0 };
    const decision = afterOutcome(state, attempt, result);
    if (decision.deactivate) deactivate(attempt.appId, decision.deactivate, emit);
    const { block } = decision.next;
    if (block !== state.block) {
      if (block) {
        repo.upsertPair({
          app_id: attempt.appId,
          company_id: attempt.companyId,
          failures: block.failures,
          first_failure_at: block.firstFailureAt,
          last_failure_at: block.lastFailureAt,
          next_attempt_at: block.nextAttemptAt,
          last_webhook_id: block.lastWebhookId,
          last_error: block.lastError,
        });
        alertIfFailingLong(attempt.appId, attempt.companyId, emit);
      } else {
        repo.deletePair(attempt.appId, attempt.companyId);
      }
      blocks.set(key, block);
      batch.blocksChanged = true;
    }
    if (decision.next.generation !== state.generation) generations.set(key, decision.next.generation);
    if (decision.rescan) batch.rescan = true;
    return decision.settled;
  }

  return {
    record(reported) {
      const batch: RecordedBatch = { blocksChanged: false, rescan: false };
      ctx.transact((emit) => {
        /** Pairs where a notification was delivered or given up: an uninstalled app's last hook may go now. */
        const settled = new Map<string, { appId: number; companyId: number }>();
        const blocks = new Map<string, PairBlock | null>();
        // The attempts first (event rows, then the attempt rows in one statement), then the rules for each outcome.
        repo.logAttempts(
          reported.map(({ attempt, result }) => ({
            row: {
              event_id: attempt.eventId,
              webhook_id: attempt.webhookId,
              app_id: attempt.appId,
              company_id: attempt.companyId,
              kind: attempt.kind,
              retry_number: attempt.retryNumber,
              attempted_at: attempt.attemptedAt,
              duration_ms: result.durationMs,
              status_code: result.status,
              ok: attemptSucceeded(result) ? 1 : 0,
              error: result.error,
              url: attempt.url,
              request_headers: result.requestHeaders,
              request_body: result.requestBody,
            },
            replayRequestedAt: attempt.kind === 'replay' ? attempt.replayRequestedAt : null,
          })),
        );
        for (const item of reported) {
          const { attempt } = item;
          if (applyRules(item, batch, blocks, emit)) settled.set(pairKey(attempt.appId, attempt.companyId), { appId: attempt.appId, companyId: attempt.companyId });
        }
        for (const pair of settled.values()) platform.webhooks.removeUnauthorized(emit, pair);
      });
      return batch;
    },
  };
}
