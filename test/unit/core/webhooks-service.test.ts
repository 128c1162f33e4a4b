// The webhooks registration service on its own: validation with wire names, the alias, duplicates, owner
// isolation, and the events the dispatcher listens to (emitted inside the transaction).
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-shared/api/errors';
import { OPERATOR } from '../../../src-main/core/access';
import type { PlatformEventName } from '../../../src-main/core/events';
import { openTestPlatform } from '../../helpers/platform';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((p) => p.dispose()));

function setup() {
  const platform = openTestPlatform('demo');
  open.push(platform);
  const companyOf = (email: string) => platform.repos.users.findByEmail(email)!.company_id;
  const { app } = platform.apps.create(OPERATOR, {
    companyId: companyOf('yuki@kawaii-stationery.example'), name: 'Hooks', redirectUris: ['https://a.example/cb'], scopes: ['webhooks'], authorizationUrl: null, startUrl: null, developerEmail: '',
  });
  const owner = { appId: app.id, companyId: companyOf('anna@alpenglueck.example') };
  return { platform, owner, companyOf };
}

function fieldsOf(fn: () => unknown): Record<string, string[]> {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return (error as ApiError).fields;
  }
  throw new Error('expected an ApiError');
}

describe('webhooks service', () => {
  it('stores orders/create as order/create, defaults format and is_active', () => {
    const { platform, owner } = setup();
    const hook = platform.webhooks.create(owner, { topic: 'orders/create', address: 'https://x.example/hook' });
    expect(hook).toMatchObject({ topic: 'order/create', format: 'json', isActive: true, appId: owner.appId, companyId: owner.companyId });
  });

  it('reports every bad field at once, by its wire name, unknown ones included, and writes nothing', () => {
    const { platform, owner } = setup();
    const fields = fieldsOf(() => platform.webhooks.create(owner, { topic: 'nope', address: 'x', format: 'xml', is_active: 'yes', colour: 'red' }));
    expect(Object.keys(fields).sort()).toEqual(['address', 'colour', 'format', 'is_active', 'topic']);
    expect(platform.webhooks.list(owner, { limit: 50, sinceId: 0, offset: 0 }).webhooks).toEqual([]);
    expect(Object.keys(fieldsOf(() => platform.webhooks.create(owner, null))).sort()).toEqual(['address', 'topic']);
  });

  it('keeps hooks of other apps and companies out of reach', () => {
    const { platform, owner, companyOf } = setup();
    const hook = platform.webhooks.create(owner, { topic: 'product/create', address: 'https://x.example/hook' });
    const otherCompany = { ...owner, companyId: companyOf('oliver@brightside-books.example') };
    const otherApp = { ...owner, appId: owner.appId + 1000 };
    for (const stranger of [otherCompany, otherApp]) {
      expect(() => platform.webhooks.get(stranger, hook.id)).toThrow(/not found/);
      expect(() => platform.webhooks.update(stranger, hook.id, { address: 'https://evil.example/' })).toThrow(/not found/);
      expect(() => platform.webhooks.delete(stranger, hook.id)).toThrow(/not found/);
      expect(platform.webhooks.list(stranger, { limit: 50, sinceId: 0, offset: 0 }).webhooks).toEqual([]);
    }
  });

  it('emits its events inside the transaction, deleted before the row goes, reactivated only from inactive', () => {
    const { platform, owner } = setup();
    const seen: [PlatformEventName, boolean][] = [];
    const off = platform.ctx.onEmitInTransaction((name, payload) => {
      if (name.startsWith('webhook.')) seen.push([name, platform.repos.webhooks.get((payload as { webhookId: number }).webhookId) !== undefined]);
    });
    const hook = platform.webhooks.create(owner, { topic: 'customer/update', address: 'https://x.example/hook' });
    platform.webhooks.update(owner, hook.id, { is_active: true });
    platform.webhooks.update(owner, hook.id, { is_active: false });
    expect(platform.repos.webhooks.get(hook.id)!.deactivated_at).not.toBeNull();
    platform.webhooks.update(owner, hook.id, { is_active: true });
    platform.webhooks.delete(owner, hook.id);
    off();
    expect(seen).toEqual([
      ['webhook.created', true],
      ['webhook.updated', true],
      ['webhook.updated', true],
      ['webhook.updated', true],
      ['webhook.reactivated', true],
      ['webhook.deleted', true],
    ]);
  });

  it('refuses an id in the body that differs from the URL', () => {
    const { platform, owner } = setup();
    const hook = platform.webhooks.create(owner, { topic: 'customer/update', address: 'https://x.example/hook' });
    expect(fieldsOf(() => platform.webhooks.update(owner, hook.id, { id: hook.id + 1, address: 'https://y.example/' }))).toHaveProperty('id');
  });
});
