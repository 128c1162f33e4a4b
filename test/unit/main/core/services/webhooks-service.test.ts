// The webhooks registration service on its own: validation with wire names, the alias, duplicates, owner
// isolation, and the events the dispatcher listens to (emitted inside the transaction).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../../src-shared/api/errors';
import { OPERATOR } from '../../../../../src-main/core/access';
import type { PlatformEventName } from '../../../../../src-main/core/events';
import { WEBHOOK_LIMIT_PER_APP_AND_COMPANY } from '../../../../../src-shared/domain/webhook-topics';
import { openTestPlatform } from '../../../../helpers/platform';
import { authorizeApp } from '../../../../helpers/webhooks';
import { actorOf, companyOfUser } from '../../../../helpers/fixtures';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((p) => p.dispose()));

function setup() {
  const platform = openTestPlatform('demo');
  open.push(platform);
  const companyOf = (email: string) => companyOfUser(platform, email);
  const { app } = platform.apps.create(OPERATOR, {
    companyId: companyOf('yuki@kawaii-stationery.example'), name: 'Hooks', redirectUris: ['https://a.example/cb'], scopes: ['webhooks'], authorizationUrl: null, startUrl: null, developerEmail: '',
  });
  const owner = { appId: app.id, companyId: companyOf('anna@alpenglueck.example') };
  authorizeApp(platform, owner.appId, owner.companyId);
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

  it('registers and changes hooks only while the company authorizes the app', () => {
    const { platform, owner, companyOf } = setup();
    const hook = platform.webhooks.create(owner, { topic: 'customer/update', address: 'https://x.example/hook' });
    const unauthorized = { ...owner, companyId: companyOf('oliver@brightside-books.example') };
    expect(() => platform.webhooks.create(unauthorized, { topic: 'customer/update', address: 'https://x.example/hook' })).toThrow(/does not authorize this app/);
    expect(platform.webhooks.listForCompany(unauthorized.companyId)).toEqual([]);
    // Revoked: the hook is gone with the authorization (it had nothing queued).
    platform.authorizations.revoke(OPERATOR, platform.authorizations.findActive(owner.appId, owner.companyId)!.id);
    expect(platform.repos.webhooks.get(hook.id)).toBeUndefined();
    expect(() => platform.webhooks.create(owner, { topic: 'customer/update', address: 'https://x.example/hook' })).toThrow(/does not authorize this app/);
  });

  it('removeUnauthorized keeps an active app/uninstalled hook while its notification is queued, and only that', () => {
    const { platform, owner } = setup();
    const uninstalled = platform.webhooks.create(owner, { topic: 'app/uninstalled', address: 'https://x.example/gone' });
    const paused = platform.webhooks.create(owner, { topic: 'app/uninstalled', address: 'https://x.example/paused', is_active: false });
    platform.webhooks.create(owner, { topic: 'customer/create', address: 'https://x.example/customers' });
    const deleted: number[] = [];
    const off = platform.ctx.onEmitInTransaction((name, payload) => {
      if (name === 'webhook.deleted') deleted.push((payload as { webhookId: number }).webhookId);
    });
    platform.authorizations.revoke(OPERATOR, platform.authorizations.findActive(owner.appId, owner.companyId)!.id);
    off();
    expect(platform.webhooks.listForCompany(owner.companyId).map((h) => h.id)).toEqual([uninstalled.id]);
    expect(deleted).toHaveLength(2);
    expect(deleted).toContain(paused.id);
    // Nothing else to remove until the notification is out.
    expect(platform.ctx.transact((emit) => platform.webhooks.removeUnauthorized(emit, owner))).toBe(0);
    platform.db.prepare("UPDATE webhook_events SET state = 'delivered' WHERE webhook_id = ?").run(uninstalled.id);
    expect(platform.ctx.transact((emit) => platform.webhooks.removeUnauthorized(emit, null))).toBe(1);
    expect(platform.webhooks.listForCompany(owner.companyId)).toEqual([]);
  });

  it('refuses an id in the body that differs from the URL', () => {
    const { platform, owner } = setup();
    const hook = platform.webhooks.create(owner, { topic: 'customer/update', address: 'https://x.example/hook' });
    expect(fieldsOf(() => platform.webhooks.update(owner, hook.id, { id: hook.id + 1, address: 'https://y.example/' }))).toHaveProperty('id');
  });

  describe('the checks run in the writing transaction (no check-then-act race)', () => {
    /** Runs `between` after the service has read its input but right before its transaction, as another writer would. */
    function interleave(platform: ReturnType<typeof setup>['platform'], between: () => void) {
      const transact = platform.ctx.transact;
      let armed = true;
      platform.ctx.transact = ((work: never) => {
        if (armed) {
          armed = false;
          between();
        }
        return transact(work);
      }) as typeof transact;
      return () => (platform.ctx.transact = transact);
    }
    const insertRaw = (platform: ReturnType<typeof setup>['platform'], owner: { appId: number; companyId: number }, address: string, topic = 'customer/create') =>
      platform.db
        .prepare('INSERT INTO webhooks (app_id, company_id, address, topic, format, is_active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 0, 0)')
        .run(owner.appId, owner.companyId, address, topic, 'json');
    const count = (platform: ReturnType<typeof setup>['platform']) => (platform.db.prepare('SELECT COUNT(*) AS n FROM webhooks').get() as { n: number }).n;

    it('a duplicate committed between the request and its transaction is refused, not written twice', () => {
      const { platform, owner } = setup();
      const restore = interleave(platform, () => insertRaw(platform, owner, 'https://x.example/race'));
      expect(fieldsOf(() => platform.webhooks.create(owner, { topic: 'customer/create', address: 'https://x.example/race' }))).toEqual({ address: ['is already registered for customer/create'] });
      restore();
      expect(count(platform)).toBe(1);
    });

    it('a change to the same address and topic as a hook written meanwhile is refused', () => {
      const { platform, owner } = setup();
      const hook = platform.webhooks.create(owner, { topic: 'customer/create', address: 'https://x.example/a' });
      const restore = interleave(platform, () => insertRaw(platform, owner, 'https://x.example/b'));
      expect(fieldsOf(() => platform.webhooks.update(owner, hook.id, { address: 'https://x.example/b' }))).toEqual({ address: ['is already registered for customer/create'] });
      restore();
      expect(platform.webhooks.get(owner, hook.id).address).toBe('https://x.example/a');
    });

    it('the limit counts hooks written meanwhile', () => {
      const { platform, owner } = setup();
      for (let i = 1; i < WEBHOOK_LIMIT_PER_APP_AND_COMPANY; i++) platform.webhooks.create(owner, { topic: 'customer/create', address: `https://x.example/${i}` });
      const restore = interleave(platform, () => insertRaw(platform, owner, 'https://x.example/last'));
      expect(() => platform.webhooks.create(owner, { topic: 'customer/create', address: 'https://x.example/one-too-many' })).toThrow(/the most allowed \(100\)/);
      restore();
      expect(count(platform)).toBe(WEBHOOK_LIMIT_PER_APP_AND_COMPANY);
    });

    it('a topic whose scope the company does not grant is refused, naming the topic', () => {
      const { platform, owner, companyOf } = setup();
      const narrow = { ...owner, companyId: companyOf('oliver@brightside-books.example') };
      platform.ctx.transact((emit) => platform.authorizations.grant(emit, { appId: narrow.appId, companyId: narrow.companyId, user: null, scopes: ['webhooks'] }));
      expect(fieldsOf(() => platform.webhooks.create(narrow, { topic: 'product/update', address: 'https://x.example/p' }))).toEqual({
        topic: ['needs the products scope: the company authorized this app for webhooks'],
      });
      expect(platform.webhooks.create(narrow, { topic: 'app/update', address: 'https://x.example/p' }).topic).toBe('app/update');
    });
  });

  describe('addresses into private networks (M1)', () => {
    const anna = (platform: ReturnType<typeof setup>['platform']) => actorOf(platform, 'anna@alpenglueck.example');

    it('refuses private, shared and embedded-IPv4 addresses at registration and on change, naming the field, writing nothing', () => {
      const { platform, owner } = setup();
      for (const address of ['http://10.0.0.5/hook', 'http://192.168.1.20:8080/', 'http://100.64.1.1/', 'http://[fd00::5]/', 'http://[::ffff:172.16.0.1]/', 'http://3232235777/']) {
        expect(fieldsOf(() => platform.webhooks.create(owner, { topic: 'product/create', address })).address[0]).toMatch(/^must not point at /);
      }
      expect(platform.webhooks.list(owner, { limit: 50, sinceId: 0, offset: 0 }).webhooks).toEqual([]);
      const hook = platform.webhooks.create(owner, { topic: 'product/create', address: 'http://127.0.0.1:3000/hook' });
      expect(fieldsOf(() => platform.webhooks.update(owner, hook.id, { id: hook.id, address: 'http://10.0.0.5/' })).address[0]).toMatch(/private network address \(10\.0\.0\.5\)/);
      expect(platform.webhooks.get(owner, hook.id).address).toBe('http://127.0.0.1:3000/hook');
    });

    it("accepts a range the operator allowed, and only the operator allows one (audited)", () => {
      const { platform, owner } = setup();
      expect(() => platform.webhookNetwork.change(anna(platform), { allow: ['10.0.0.0/24'], disallow: [] })).toThrow(/platform operator/);
      expect(platform.webhookNetwork.change(OPERATOR, { allow: ['10.0.0.9/24'], disallow: [] }).allowedRanges).toEqual(['10.0.0.0/24']);
      expect(platform.webhooks.create(owner, { topic: 'product/create', address: 'http://10.0.0.5/hook' }).address).toBe('http://10.0.0.5/hook');
      expect(fieldsOf(() => platform.webhooks.create(owner, { topic: 'product/create', address: 'http://10.0.1.5/hook' })).address[0]).toMatch(/private network/);
      expect(fieldsOf(() => platform.webhookNetwork.change(OPERATOR, { allow: ['169.254.0.0/16', '10.1.0.0/16'], disallow: [] })).allow[0]).toMatch(/not inside a private range/);
      expect(platform.webhookNetwork.allowedRanges()).toEqual(['10.0.0.0/24']);
      platform.webhookNetwork.change(OPERATOR, { allow: [], disallow: ['10.0.0.0/24'] });
      expect(fieldsOf(() => platform.webhooks.create(owner, { topic: 'customer/create', address: 'http://10.0.0.5/hook' })).address[0]).toMatch(/private network/);
      const entries = platform.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'webhooks.private_networks_changed' ORDER BY id").all();
      expect(entries).toEqual([
        { actor: 'operator', detail: JSON.stringify({ from: [], to: ['10.0.0.0/24'] }) },
        { actor: 'operator', detail: JSON.stringify({ from: ['10.0.0.0/24'], to: [] }) },
      ]);
    });

    it("refuses the ports this folder's servers remember (ports.json) on loopback", () => {
      const { platform, owner } = setup();
      writeFileSync(join(platform.dataDir, 'ports.json'), JSON.stringify({ platform: 4711, console: 4712 }));
      expect(fieldsOf(() => platform.webhooks.create(owner, { topic: 'product/create', address: 'http://localhost:4712/' })).address[0]).toBe('must not point at the console itself (port 4712)');
      expect(fieldsOf(() => platform.webhooks.create(owner, { topic: 'product/create', address: 'http://127.0.0.1:4711/' })).address[0]).toBe('must not point at the platform server itself (port 4711)');
    });
  });
});
