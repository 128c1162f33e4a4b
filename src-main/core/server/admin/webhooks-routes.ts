// /admin/webhooks.json and /admin/webhooks/{id}.json (spec §4), scope `webhooks`: list, read, create (201),
// change (PUT; is_active true reactivates) and delete. A hook belongs to the token's app and company; other
// apps' hooks are "not found". Properties: id, address, topic, format, is_active, created_at, updated_at.
import type { Webhook } from '../../../../src-shared/api/webhook-types';
import { sendJson } from '../http-io';
import type { PlatformModule } from '../router';
import { parsePage, readResourceBody, resourceId, resourceRoutes, restTime, sendList, sendOne, type RestAuth } from './rest-kit';

export function webhookResource(hook: Webhook): Record<string, unknown> {
  return {
    id: hook.id,
    address: hook.address,
    topic: hook.topic,
    format: hook.format,
    is_active: hook.isActive,
    created_at: restTime(hook.createdAt),
    updated_at: restTime(hook.updatedAt),
  };
}

const ownerOf = (auth: RestAuth) => ({ appId: auth.grant.appId, companyId: auth.companyId });

export const webhooksModule: PlatformModule = ({ platform }) => ({
  routes: resourceRoutes('webhooks', 'webhooks', {
    list(ctx, auth) {
      const page = parsePage(ctx.url);
      const { webhooks, hasMore } = platform.webhooks.list(ownerOf(auth), page);
      sendList(ctx, 'webhooks', webhooks.map(webhookResource), page, hasMore);
    },
    get(ctx, auth) {
      sendOne(ctx, 200, 'webhook', webhookResource(platform.webhooks.get(ownerOf(auth), resourceId(ctx, 'webhook'))));
    },
    async create(ctx, auth) {
      const body = await readResourceBody(ctx, 'webhook');
      sendOne(ctx, 201, 'webhook', webhookResource(platform.webhooks.create(ownerOf(auth), body)));
    },
    async update(ctx, auth) {
      const id = resourceId(ctx, 'webhook');
      platform.webhooks.get(ownerOf(auth), id);
      const body = await readResourceBody(ctx, 'webhook');
      sendOne(ctx, 200, 'webhook', webhookResource(platform.webhooks.update(ownerOf(auth), id, body)));
    },
    remove(ctx, auth) {
      platform.webhooks.delete(ownerOf(auth), resourceId(ctx, 'webhook'));
      sendJson(ctx.res, 200, {});
    },
  }),
});
