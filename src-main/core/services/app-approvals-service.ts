// The platform operator's side of App Store approval (spec §6): the queue of listings and their states,
// approving a pending request into Beta or Release, rejecting it with a reason (the listing stays in
// Development, the developer sees the reason and may request again), and moving approved listings between
// Beta and Release. Only the operator actor gets here: a user — whatever its permissions — is refused.
// Every decision emails the developer (local outbox) and emits app_listing.changed.
import type { z } from 'zod';
import type { operatorApproveSchema, operatorRejectSchema, operatorVisibilitySchema } from '../../../src-shared/api/app-store-inputs';
import type { OperatorApp } from '../../../src-shared/api/app-store-types';
import { ApiError } from '../../../src-shared/api/errors';
import { approvalStep, VISIBILITY_HELP, VISIBILITY_LABELS, type ApprovedVisibility } from '../../../src-shared/domain/app-store';
import { actorLabel, type Actor } from '../access';
import type { ListingRow } from '../repositories/app-store-repository';
import { approvalStatusOf, toOperatorApp } from './app-store-mappers';
import type { OutboxService } from './outbox-service';
import type { Emit, ServiceContext } from './service-context';

export type ApproveInput = z.output<typeof operatorApproveSchema>;
export type RejectInput = z.output<typeof operatorRejectSchema>;
export type OperatorVisibilityInput = z.output<typeof operatorVisibilitySchema>;

export interface AppApprovalsService {
  /** Every listing with its state and latest request; `pending` narrows to the open requests. */
  list(actor: Actor, filter: 'pending' | 'all'): OperatorApp[];
  get(actor: Actor, appId: number): OperatorApp;
  pendingCount(actor: Actor): number;
  approve(actor: Actor, input: ApproveInput): OperatorApp;
  reject(actor: Actor, input: RejectInput): OperatorApp;
  setVisibility(actor: Actor, input: OperatorVisibilityInput): OperatorApp;
}

export const OPERATOR_ONLY = 'Approving, rejecting and listing apps in the App Store is for the platform operator only.';

function requireOperator(actor: Actor): void {
  if (actor.kind !== 'operator') throw new ApiError('forbidden', OPERATOR_ONLY, { reason: 'operator_only' });
}

/**
 * Moves an approved listing to Beta or Release inside the caller's transaction (the developer ending a Beta,
 * or the operator). Refused, with the state machine's reason, for a listing that is not approved.
 */
export function setListingVisibility(ctx: ServiceContext, emit: Emit, row: ListingRow, visibility: ApprovedVisibility, actor: Actor): void {
  const latest = row.latest_request_id === null ? undefined : ctx.repos.appStore.getRequest(row.latest_request_id);
  const step = approvalStep({ visibility: row.visibility, status: approvalStatusOf(latest) }, { kind: 'set_visibility', visibility });
  if (!step.ok) throw new ApiError('conflict', step.problem, { reason: 'approval_state' });
  if (row.visibility === visibility) return;
  const now = ctx.clock.now();
  ctx.repos.apps.setVisibility(row.id, visibility, now);
  ctx.repos.audit.record({ company_id: row.company_id, actor: actorLabel(actor), action: 'app.visibility_changed', detail: { appId: row.id, from: row.visibility, to: visibility }, created_at: now });
  emit('app_listing.changed', { appId: row.id, companyId: row.company_id });
}

export function createAppApprovalsService(ctx: ServiceContext, outbox: OutboxService): AppApprovalsService {
  const { repos, clock } = ctx;

  function listing(appId: number): ListingRow {
    const row = repos.appStore.getListing(appId);
    if (!row) throw new ApiError('not_found', `App ${appId} was not found.`, { appId });
    return row;
  }

  function dto(appId: number): OperatorApp {
    const row = listing(appId);
    return toOperatorApp(row, row.latest_request_id === null ? undefined : repos.appStore.getRequest(row.latest_request_id));
  }

  /** Decides the open request of a listing; the state machine checks the step first. */
  function decide(actor: Actor, appId: number, decision: { kind: 'approve'; visibility: ApprovedVisibility; note: string } | { kind: 'reject'; reason: string }): OperatorApp {
    requireOperator(actor);
    const row = listing(appId);
    const open = repos.appStore.openRequest(appId);
    const step = approvalStep(
      { visibility: row.visibility, status: approvalStatusOf(open ?? (row.latest_request_id === null ? undefined : repos.appStore.getRequest(row.latest_request_id))) },
      decision.kind === 'approve' ? { kind: 'approve', visibility: decision.visibility } : { kind: 'reject', reason: decision.reason },
    );
    if (!step.ok || !open) throw new ApiError('conflict', step.ok ? 'There is no open approval request.' : step.problem, { reason: 'approval_state' });
    const now = clock.now();
    const by = actorLabel(actor);
    ctx.transact((emit) => {
      const decided = repos.appStore.decide(open.id, {
        decided_at: now,
        decided_by: by,
        decision: decision.kind === 'approve' ? 'approved' : 'rejected',
        visibility: decision.kind === 'approve' ? decision.visibility : null,
        reason: decision.kind === 'approve' ? decision.note : decision.reason,
      });
      if (!decided) throw new ApiError('conflict', 'This request was decided meanwhile.', { reason: 'approval_state' });
      repos.apps.setVisibility(appId, step.next.visibility, now);
      repos.audit.record({
        company_id: row.company_id,
        actor: by,
        action: decision.kind === 'approve' ? 'app.approved' : 'app.rejected',
        detail: { appId, requestId: open.id, ...(decision.kind === 'approve' ? { visibility: decision.visibility } : { reason: decision.reason }) },
        created_at: now,
      });
      const to = row.developer_email || row.company_email;
      if (to) {
        const what = row.kind === 'theme' ? 'theme' : 'app';
        outbox.queue(emit, {
          companyId: row.company_id,
          to,
          kind: 'app_approval',
          subject: decision.kind === 'approve' ? `Your ${what} "${row.name}" was approved: ${VISIBILITY_LABELS[decision.visibility]}` : `Your ${what} "${row.name}" was not approved`,
          body:
            decision.kind === 'approve'
              ? `Hello,\n\nthe platform operator approved "${row.name}" for the App Store. It is now in ${VISIBILITY_LABELS[decision.visibility]}: ${VISIBILITY_HELP[decision.visibility].toLowerCase()}.\n${decision.note ? `\nNote from the operator: ${decision.note}\n` : ''}\nYou can move it between Beta and Release under Extensions → My Apps.\n`
              : `Hello,\n\nthe platform operator did not approve "${row.name}" for the App Store. It stays in Development (visible to you and your related companies).\n\nReason: ${decision.reason}\n\nChange what the reason asks for and request approval again under Extensions → My Apps.\n`,
        });
      }
      emit('app_listing.changed', { appId, companyId: row.company_id });
    });
    return dto(appId);
  }

  return {
    list(actor, filter) {
      requireOperator(actor);
      const rows = repos.appStore.listListings();
      const latest = new Map(repos.appStore.requestsByIds(rows.flatMap((r) => (r.latest_request_id === null ? [] : [r.latest_request_id]))).map((r) => [r.app_id, r]));
      const all = rows.map((row) => toOperatorApp(row, latest.get(row.id)));
      return filter === 'pending' ? all.filter((a) => a.approval === 'pending') : all;
    },

    get(actor, appId) {
      requireOperator(actor);
      return dto(appId);
    },

    pendingCount(actor) {
      requireOperator(actor);
      return repos.appStore.countPending();
    },

    approve: (actor, input) => decide(actor, input.appId, { kind: 'approve', visibility: input.visibility, note: input.note }),

    reject: (actor, input) => decide(actor, input.appId, { kind: 'reject', reason: input.reason }),

    setVisibility(actor, input) {
      requireOperator(actor);
      const row = listing(input.appId);
      ctx.transact((emit) => setListingVisibility(ctx, emit, row, input.visibility, actor));
      return dto(input.appId);
    },
  };
}
