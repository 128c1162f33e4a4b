// Webhook registrations (spec §4/§5): what an app registers through /admin/webhooks.json. A hook is bound to
// the app and company of the token that created it; other apps (and other companies) never see it, and a
// foreign id is simply "not found". Validation is the schemas of src-shared/api/webhook-inputs.ts (address an
// absolute http(s) URL, topic one of spec §5's, `orders/create` stored as `order/create`, format json).
// Delivery (queue, attempts, retries) belongs to the webhook dispatcher; it listens to the events emitted
// here: webhook.created / webhook.updated / webhook.deleted, and webhook.reactivated when a PUT turns
// `is_active` from false back to true (it then resumes what is queued).
//
// Addresses the platform must not call (private networks unless the operator allowed them, link-local, cloud
// metadata, our own servers' ports, …: webhook-address-guard.ts) are refused; public and loopback addresses
// are fine.
//
// Hooks exist only while the company authorizes the app: registering or changing one needs the active
// authorization, with the scope the topic needs (WEBHOOK_TOPIC_SCOPE), no duplicate address per topic and at
// most WEBHOOK_LIMIT_PER_APP_AND_COMPANY hooks — all checked inside the writing IMMEDIATE transaction (no
// check-then-act race, even with another process on the folder); `removeUnauthorized` deletes the hooks of a
// pair whose authorization ended — at once when the authorization is revoked, except an app/uninstalled hook whose
// notification is still queued, which goes once that delivery succeeds or is abandoned (the dispatcher calls
// it again then).
import { ApiError } from '../../../src-shared/api/errors';
import { parseInput } from '../../../src-shared/api/validation';
import { webhookCreateSchema, webhookUpdateSchema } from '../../../src-shared/api/webhook-inputs';
import type { Webhook } from '../../../src-shared/api/webhook-types';
import { WEBHOOK_LIMIT_PER_APP_AND_COMPANY, WEBHOOK_TOPIC_SCOPE, type WebhookTopic } from '../../../src-shared/domain/webhook-topics';
import { toIso } from '../clock';
import type { AuthorizationRow } from '../repositories/authorizations-repository';
import type { WebhookPage, WebhookRow } from '../repositories/webhooks-repository';
import { refusedWebhookAddress, type AddressPolicy } from '../webhooks/webhook-address-guard';
import type { Emit, ServiceContext } from './service-context';

/** Who is asking: the app and company an access token was granted for. */
export interface WebhookOwner {
  appId: number;
  companyId: number;
}

export interface WebhooksService {
  /** One page of the owner's hooks, by id; `hasMore` when another page follows. */
  list(owner: WebhookOwner, page: WebhookPage): { webhooks: Webhook[]; hasMore: boolean };
  get(owner: WebhookOwner, id: number): Webhook;
  /** Validates `input` (wire names: address, topic, format, is_active) and registers the hook. */
  create(owner: WebhookOwner, input: unknown): Webhook;
  /** Changes address, topic, format or is_active; `id` in the body must match. */
  update(owner: WebhookOwner, id: number, input: unknown): Webhook;
  delete(owner: WebhookOwner, id: number): void;
  /** Every hook of a company, any app (console listings; the caller checks who may see the company). */
  listForCompany(companyId: number): Webhook[];
  /**
   * Inside the caller's transaction: deletes the hooks (with their queues and logs) of one pair, or of every
   * pair, whose company no longer authorizes the app — except an active app/uninstalled hook with its
   * notification still queued. Emits webhook.deleted for each; returns how many went.
   */
  removeUnauthorized(emit: Emit, pair: WebhookOwner | null): number;
}

export function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    appId: row.app_id,
    companyId: row.company_id,
    address: row.address,
    topic: row.topic as WebhookTopic,
    format: row.format,
    isActive: row.is_active === 1,
    deactivatedAt: row.deactivated_at === null ? null : toIso(row.deactivated_at),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export interface WebhooksServiceOptions {
  /** Our own ports and the operator's allowed private ranges, now (webhook-network-settings.ts). */
  policy(): AddressPolicy;
}

export function createWebhooksService(ctx: ServiceContext, options: WebhooksServiceOptions): WebhooksService {
  const { repos, clock } = ctx;

  /** Deny by default: public and loopback addresses only, plus the allowed private ranges (webhook-address-guard.ts). */
  function assertAllowedAddress(address: string): void {
    const problem = refusedWebhookAddress(address, options.policy());
    if (problem) throw ApiError.validation({ address: [problem] });
  }

  function owned(owner: WebhookOwner, id: number): WebhookRow {
    const row = repos.webhooks.getForAppCompany(id, owner.appId, owner.companyId);
    if (!row) throw new ApiError('not_found', `Webhook ${id} was not found.`, { webhookId: id });
    return row;
  }

  /** In the writing transaction: a company that no longer authorizes the app has no hooks for it. */
  function assertAuthorized(owner: WebhookOwner): AuthorizationRow {
    const authorization = repos.authorizations.findActive(owner.appId, owner.companyId);
    if (!authorization) {
      throw new ApiError('conflict', `Company ${owner.companyId} does not authorize this app (any more): it has no webhooks for it.`);
    }
    return authorization;
  }

  /**
   * The rules that depend on stored rows, run inside the writing (IMMEDIATE) transaction so nothing can change
   * between the check and the write: the company authorizes the app with the scope the topic needs, the same
   * address is not registered twice for a topic, and the app stays within its number of hooks for the company.
   */
  function assertWritable(owner: WebhookOwner, hook: { address: string; topic: WebhookTopic }, exceptId: number | null): void {
    const authorization = assertAuthorized(owner);
    const needed = WEBHOOK_TOPIC_SCOPE[hook.topic];
    if (needed !== null && !authorization.scopes.split(',').includes(needed)) {
      throw ApiError.validation({ topic: [`needs the ${needed} scope: the company authorized this app for ${authorization.scopes}`] });
    }
    // Few hooks per (app, company): reading them all is cheaper than another index.
    const all = repos.webhooks.listForAppCompany(owner.appId, owner.companyId, { sinceId: 0, limit: -1, offset: 0 });
    if (all.some((h) => h.id !== exceptId && h.address === hook.address && h.topic === hook.topic)) {
      throw ApiError.validation({ address: [`is already registered for ${hook.topic}`] });
    }
    if (exceptId === null && all.length >= WEBHOOK_LIMIT_PER_APP_AND_COMPANY) {
      throw new ApiError('conflict', `This app has ${all.length} webhooks for company ${owner.companyId}, the most allowed (${WEBHOOK_LIMIT_PER_APP_AND_COMPANY}); delete one first.`);
    }
  }

  return {
    list(owner, page) {
      const rows = repos.webhooks.listForAppCompany(owner.appId, owner.companyId, { ...page, limit: page.limit + 1 });
      return { webhooks: rows.slice(0, page.limit).map(toWebhook), hasMore: rows.length > page.limit };
    },

    get: (owner, id) => toWebhook(owned(owner, id)),

    create(owner, raw) {
      const input = parseInput(webhookCreateSchema, raw);
      assertAllowedAddress(input.address);
      const now = clock.now();
      const id = ctx.transact((emit) => {
          assertWritable(owner, input, null);
          const webhookId = repos.webhooks.insert({
            app_id: owner.appId,
            company_id: owner.companyId,
            address: input.address,
            topic: input.topic,
            format: input.format,
            is_active: input.is_active ? 1 : 0,
            created_at: now,
            updated_at: now,
          });
          emit('webhook.created', { webhookId, appId: owner.appId, companyId: owner.companyId });
          return webhookId;
      });
      return toWebhook(repos.webhooks.get(id)!);
    },

    update(owner, id, raw) {
      owned(owner, id);
      const input = parseInput(webhookUpdateSchema, raw);
      if (input.id !== undefined && input.id !== id) throw ApiError.validation({ id: [`does not match the webhook in the URL (${id})`] });
      if (input.address !== undefined) assertAllowedAddress(input.address);
      const now = clock.now();
      ctx.transact((emit) => {
          // Read again in the writing transaction: what the change is checked against is what it changes.
          const row = owned(owner, id);
          const address = input.address ?? row.address;
          const topic = (input.topic ?? row.topic) as WebhookTopic;
          if (input.address !== undefined || input.topic !== undefined) assertWritable(owner, { address, topic }, id);
          else assertAuthorized(owner);
          const reactivated = input.is_active === true && row.is_active === 0;
          repos.webhooks.update(id, {
            address,
            topic,
            ...(input.is_active !== undefined ? { is_active: input.is_active ? 1 : 0, deactivated_at: input.is_active ? null : row.is_active === 1 ? now : row.deactivated_at } : {}),
            updated_at: now,
          });
          const event = { webhookId: id, appId: owner.appId, companyId: owner.companyId };
          emit('webhook.updated', event);
          if (reactivated) emit('webhook.reactivated', event);
      });
      return toWebhook(repos.webhooks.get(id)!);
    },

    delete(owner, id) {
      ctx.transact((emit) => {
        owned(owner, id);
        // Emitted before the row goes, so in-transaction listeners (delivery bookkeeping) can still read it.
        emit('webhook.deleted', { webhookId: id, appId: owner.appId, companyId: owner.companyId });
        repos.webhooks.delete(id);
      });
    },

    listForCompany: (companyId) => repos.webhooks.listForCompany(companyId).map(toWebhook),

    removeUnauthorized(emit, pair) {
      const rows = repos.webhooks.listUnauthorized(pair);
      for (const row of rows) {
        emit('webhook.deleted', { webhookId: row.id, appId: row.app_id, companyId: row.company_id });
        repos.webhooks.delete(row.id);
      }
      return rows.length;
    },
  };
}
