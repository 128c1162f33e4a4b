// Webhooks for developers (issue 19 item 4) through the real worker to a real receiver: secret rotation with a
// grace period (two `v1,` signatures that the standardwebhooks library verifies with either secret, the hash
// with the new one, both secrets accepted by client authentication until the grace ends, then only the new);
// the 24-hour failure alert (one outbox email and a console event per blocked pair, a day before the
// deactivation); `recover` (everything still queued since a time goes out again as replays); and
// hosted-compatibility mode leaving the Standard Webhooks headers out of real deliveries.
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../src-main/core/access';
import { standardWebhooksSecret } from '../../src-main/core/webhooks/webhook-signing';
import { WEBHOOK_RETRY_DELAYS_SECONDS } from '../../src-shared/domain/webhooks';
import { independentHash } from '../helpers/independent-hash';
import { openTestPlatform } from '../helpers/platform';
import { insertApp, insertHook, shopCompanyId, startDeliveryRig, startReceiver, startTestDispatcher } from '../helpers/webhooks';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const headersOf = (request: { headers: Record<string, unknown> }) => Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));

const realClockSetup = () => startDeliveryRig(cleanups);

describe('secret rotation with a grace period', () => {
  it('signs with both secrets during the grace (hash with the new one), accepts both for client auth, then only the new', async () => {
    const { platform, receiver, app, dispatcher, order } = await realClockSetup();
    const row = () => platform.repos.apps.get(app.id)!;
    const { clientSecret: fresh } = platform.apps.rotateSecret(OPERATOR, app.id, { graceSeconds: 3600 });
    expect(fresh).not.toBe(app.secret);

    // Client authentication: both work during the grace; the old one is told apart (the API log marks it).
    expect(platform.apps.matchedSecret(row(), fresh)).toBe('current');
    expect(platform.apps.matchedSecret(row(), app.secret)).toBe('previous');
    expect(platform.apps.matchedSecret(row(), `${app.secret}x`)).toBeNull();

    order(1);
    await dispatcher.settle();
    expect(receiver.requests).toHaveLength(1);
    const during = receiver.requests[0];
    const signatures = String(during.headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(2);
    expect(signatures.every((s) => s.startsWith('v1,'))).toBe(true);
    // A receiver on either secret verifies it with the standardwebhooks library; the hash is the new secret's.
    for (const secret of [fresh, app.secret]) expect(new Webhook(standardWebhooksSecret(secret)).verify(during.body, headersOf(during))).toMatchObject({ scope: 'order/create' });
    expect(JSON.parse(during.body).hash).toBe(independentHash(fresh, during.body));

    // After the grace: one signature, the old secret verifies nothing and no longer authenticates.
    platform.clock.advance(3600_000);
    expect(platform.apps.matchedSecret(row(), app.secret)).toBeNull();
    expect(platform.apps.previousSecret(app.id)).toBeNull();
    order(2);
    await dispatcher.settle();
    expect(receiver.requests).toHaveLength(2);
    const after = receiver.requests[1];
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(new Webhook(standardWebhooksSecret(fresh)).verify(after.body, headersOf(after))).toMatchObject({ data: { id: '2' } });
    expect(() => new Webhook(standardWebhooksSecret(app.secret)).verify(after.body, headersOf(after))).toThrow();
  });

  it('without a grace period the old secret stops at once; a second rotation keeps only the last two', async () => {
    const platform = openTestPlatform('demo');
    cleanups.push(() => platform.dispose());
    const app = insertApp(platform, { companyId: shopCompanyId(platform) });
    const row = () => platform.repos.apps.get(app.id)!;
    const { clientSecret: second } = platform.apps.rotateSecret(OPERATOR, app.id, { graceSeconds: 600 });
    const { clientSecret: third } = platform.apps.rotateSecret(OPERATOR, app.id, { graceSeconds: 600 });
    expect(platform.apps.matchedSecret(row(), third)).toBe('current');
    expect(platform.apps.matchedSecret(row(), second)).toBe('previous');
    expect(platform.apps.matchedSecret(row(), app.secret)).toBeNull();
    const { clientSecret: fourth } = platform.apps.rotateSecret(OPERATOR, app.id, { graceSeconds: 0 });
    expect(platform.apps.matchedSecret(row(), fourth)).toBe('current');
    expect(platform.apps.matchedSecret(row(), third)).toBeNull();
    expect(() => platform.apps.rotateSecret(OPERATOR, app.id, { graceSeconds: 8 * 86_400 })).toThrow(/7 days/);
    const audit = platform.db.prepare("SELECT detail FROM audit_log WHERE action = 'app.secret_rotated' ORDER BY id").pluck().all() as string[];
    expect(audit.map((d) => JSON.parse(d).graceSeconds)).toEqual([600, 600, 0]);
  });
});

describe('the 24-hour failure alert', () => {
  it('sends one email and a console event when a pair has failed for 24 hours, before the deactivation', async () => {
    const platform = openTestPlatform('demo');
    const receiver = await startReceiver(500);
    cleanups.push(() => platform.dispose(), () => receiver.close());
    const company = shopCompanyId(platform);
    const app = insertApp(platform, { companyId: company, name: 'Bridge', developerEmail: 'dev@bridge.example' });
    const hook = insertHook(platform, { appId: app.id, companyId: company, topic: 'order/create', address: receiver.url });
    const dispatcher = startTestDispatcher(platform);
    cleanups.push(() => dispatcher.stop());
    const failing: unknown[] = [];
    cleanups.push(platform.events.subscribe(({ name, payload }) => void (name === 'webhook.failing' && failing.push(payload))));
    const mails = (kind: string) => platform.db.prepare('SELECT to_address, subject, body FROM outbox WHERE kind = ? ORDER BY id').all(kind) as { to_address: string; subject: string; body: string }[];
    const pair = () => platform.db.prepare('SELECT failures, next_attempt_at, alerted_at FROM webhook_pair_failures').get() as { failures: number; next_attempt_at: number; alerted_at: number | null } | undefined;

    platform.ctx.transact((emit) => emit('order.created', { companyId: company, id: 1 }));
    await dispatcher.settle();
    // Retries 1..9 fail: 10 failures spanning 60+180+…+21600 s ≈ 10 h — no alert yet.
    for (let retry = 1; retry <= 9; retry++) {
      platform.clock.advance(pair()!.next_attempt_at - platform.clock.now());
      await dispatcher.settle();
    }
    expect(pair()).toMatchObject({ failures: 10, alerted_at: null });
    expect(mails('webhook_failing')).toEqual([]);
    // Retry 10 fails about 24 h after the first failure: the alert goes out, once.
    platform.clock.advance(pair()!.next_attempt_at - platform.clock.now());
    await dispatcher.settle();
    expect(pair()!.failures).toBe(11);
    expect(pair()!.alerted_at).not.toBeNull();
    const [alert] = mails('webhook_failing');
    expect(alert.to_address).toBe('dev@bridge.example');
    expect(alert.subject).toMatch(/^Webhooks failing for 24 hours: app "Bridge" for /);
    expect(alert.body).toContain(`#${hook} order/create`.replace(' ', '  '));
    const deactivatesAt = pair()!.next_attempt_at;
    expect(alert.body).toContain(`deactivates them at about ${new Date(deactivatesAt).toISOString()}`);
    expect(failing).toEqual([expect.objectContaining({ appId: app.id, companyId: company, appName: 'Bridge', deactivatesAt })]);
    const [group] = platform.webhookDeliveries.overview(null, company).filter((g) => g.appId === app.id);
    expect(group.block).toMatchObject({ alertedAt: expect.any(String), deactivatesAt: new Date(deactivatesAt).toISOString() });
    // The last retry fails: deactivated with its own email; no second alert.
    platform.clock.advance(WEBHOOK_RETRY_DELAYS_SECONDS[10] * 1000 + 1000);
    await dispatcher.settle();
    expect(mails('webhook_deactivated')).toHaveLength(1);
    expect(mails('webhook_failing')).toHaveLength(1);
    expect(failing).toHaveLength(1);
  });
});

describe('recover and hosted-compatibility mode', () => {
  it('recover sends everything still queued since a time again, as replays with the same webhook-id', async () => {
    const { platform, receiver, company, hook, dispatcher, order } = await realClockSetup();
    receiver.answer = 503;
    order(1);
    await dispatcher.settle();
    const since = platform.clock.now();
    order(2);
    order(3);
    await dispatcher.settle();
    expect(receiver.requests).toHaveLength(1); // 2 and 3 wait behind the block
    receiver.answer = 200;
    const recovered = platform.webhookDeliveries.recover(null, { since, companyId: company });
    expect(recovered).toMatchObject({ events: 2, hooks: [{ webhookId: hook, isActive: true, events: 2 }] });
    await dispatcher.settle();
    const bodies = receiver.requests.slice(1).map((r) => JSON.parse(r.body).data.id);
    expect(bodies).toEqual(['2', '3']);
    const kinds = platform.db.prepare('SELECT e.message_id, t.kind FROM webhook_attempts t JOIN webhook_events e ON e.id = t.event_id ORDER BY t.id').all() as { message_id: string; kind: string }[];
    expect(kinds.slice(1).map((k) => k.kind)).toEqual(['replay', 'replay']);
    expect(receiver.requests.slice(1).map((r) => r.headers['webhook-id'])).toEqual(kinds.slice(1).map((k) => k.message_id));
    // Delivered now: nothing left to recover since that time, and a time in the future is refused.
    expect(platform.webhookDeliveries.recover(null, { since, companyId: company }).events).toBe(0);
    expect(() => platform.webhookDeliveries.recover(null, { since: platform.clock.now() + 60_000 })).toThrow(/platform's time/);
  });

  it('strict mode leaves the Standard Webhooks headers out of real deliveries; the hash stays', async () => {
    const { platform, receiver, app, dispatcher, order } = await realClockSetup();
    order(1);
    await dispatcher.settle();
    expect(receiver.requests[0].headers['webhook-signature']).toMatch(/^v1,/);
    platform.compatibility.setStrict(true);
    order(2);
    await dispatcher.settle();
    const strict = receiver.requests[1];
    expect(Object.keys(strict.headers).filter((h) => h.startsWith('webhook-'))).toEqual([]);
    expect(JSON.parse(strict.body).hash).toBe(independentHash(app.secret, strict.body));
  });
});
