// The hosted platform's failure rules (spec §5), walked with a manual clock and a real receiver: the block,
// events queued meanwhile, every retry interval after the latest failure, deactivation of the hook, the
// email to the developer, and reactivation. No sleeping: the clock moves and the dispatcher settles.
import { afterEach, describe, expect, it } from 'vitest';
import { WEBHOOK_RETRY_DELAYS_SECONDS } from '../../src-shared/domain/webhooks';
import { openTestPlatform, T0 } from '../helpers/platform';
import { insertApp, insertHook, shopCompanyId, startReceiver, startTestDispatcher, type Receiver } from '../helpers/webhooks';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface AttemptRow {
  id: number;
  event_id: number;
  webhook_id: number;
  kind: string;
  retry_number: number | null;
  attempted_at: number;
  duration_ms: number;
  status_code: number | null;
  ok: number;
  error: string | null;
}

/** A receiver whose answer depends on the path: /a and /b can fail independently. */
async function pathReceiver(): Promise<{ receiver: Receiver; answers: Record<string, number | 'hang'> }> {
  const answers: Record<string, number | 'hang'> = { '/a': 200, '/b': 200, '/c': 200 };
  const receiver = await startReceiver(200);
  const original = receiver.requests.push.bind(receiver.requests);
  receiver.requests.push = (...items) => {
    const count = original(...items);
    receiver.answer = answers[new URL(items[0].url, 'http://x').pathname] ?? 200;
    return count;
  };
  return { receiver, answers };
}

async function setup(timeoutMs?: number) {
  const platform = openTestPlatform('demo');
  const { receiver, answers } = await pathReceiver();
  cleanups.push(() => platform.dispose(), () => receiver.close());
  const base = receiver.url.replace(/\/hooks$/, '');
  const company = shopCompanyId(platform, 0);
  const otherCompany = shopCompanyId(platform, 1);
  const app = insertApp(platform, { companyId: company, name: 'Fulfilment Bridge', developerEmail: 'dev@bridge.example' });
  const otherApp = insertApp(platform, { companyId: company, name: 'Other app' });
  const hookA = insertHook(platform, { appId: app.id, companyId: company, topic: 'order/create', address: `${base}/a` });
  const hookB = insertHook(platform, { appId: app.id, companyId: company, topic: 'customer/create', address: `${base}/b` });
  const dispatcher = startTestDispatcher(platform, timeoutMs ? { timeoutMs } : {});
  cleanups.push(() => dispatcher.stop());
  const db = platform.db;
  const attempts = () => db.prepare('SELECT * FROM webhook_attempts ORDER BY id').all() as AttemptRow[];
  const pair = () =>
    db.prepare('SELECT * FROM webhook_pair_failures WHERE app_id = ? AND company_id = ?').get(app.id, company) as
      | { failures: number; first_failure_at: number; last_failure_at: number; next_attempt_at: number; last_error: string }
      | undefined;
  const hook = (id: number) => db.prepare('SELECT is_active, deactivated_at FROM webhooks WHERE id = ?').get(id) as { is_active: number; deactivated_at: number | null };
  const eventStates = () => db.prepare('SELECT webhook_id, state FROM webhook_events ORDER BY id').all();
  const emails = () => db.prepare("SELECT to_address, subject, body, created_at FROM outbox WHERE kind = 'webhook_deactivated'").all() as { to_address: string; subject: string; body: string; created_at: number }[];
  const emit = (name: 'order.created' | 'customer.created', id: number, companyId = company) => platform.ctx.transact((e) => e(name, { companyId, id }));
  /** Moves the clock to `at` (platform ms) and lets everything that fell due run. */
  const advanceTo = async (at: number) => {
    platform.clock.advance(at - platform.clock.now());
    await dispatcher.settle();
  };
  return { platform, receiver, answers, base, company, otherCompany, app, otherApp, hookA, hookB, dispatcher, attempts, pair, hook, eventStates, emails, emit, advanceTo };
}

describe('failure rules per (app, company) pair', () => {
  it('blocks for 60 s, queues meanwhile, retries on the schedule, deactivates, emails, and resumes on reactivation', async () => {
    const t = await setup();
    t.answers['/a'] = 500;

    // The first delivery fails: the pair is blocked for 60 s after the failure.
    t.emit('order.created', 1);
    await t.dispatcher.settle();
    let log = t.attempts();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ kind: 'delivery', status_code: 500, ok: 0, attempted_at: T0 });
    const firstFailure = T0 + log[0].duration_ms;
    expect(t.pair()).toMatchObject({ failures: 1, first_failure_at: firstFailure, next_attempt_at: firstFailure + 60_000, last_error: 'HTTP 500' });

    // Events created while blocked are queued, even for another hook of the pair, and nothing goes out early.
    t.emit('customer.created', 2);
    await t.advanceTo(firstFailure + 59_999);
    expect(t.attempts()).toHaveLength(1);
    expect(t.eventStates()).toEqual([
      { webhook_id: t.hookA, state: 'queued' },
      { webhook_id: t.hookB, state: 'queued' },
    ]);

    // Each retry goes out exactly its delay after the latest failure and sends the oldest queued event.
    let lastFailure = firstFailure;
    for (let n = 1; n <= WEBHOOK_RETRY_DELAYS_SECONDS.length; n++) {
      const due = lastFailure + WEBHOOK_RETRY_DELAYS_SECONDS[n - 1] * 1000;
      await t.advanceTo(due - 1);
      expect(t.attempts()).toHaveLength(n);
      await t.advanceTo(due);
      log = t.attempts();
      // After the last retry the pair's other hook sends its queued event at once (checked below).
      expect(log).toHaveLength(n < WEBHOOK_RETRY_DELAYS_SECONDS.length ? n + 1 : n + 2);
      expect(log[n]).toMatchObject({ kind: 'retry', retry_number: n, attempted_at: due, webhook_id: t.hookA, status_code: 500 });
      lastFailure = due + log[n].duration_ms;
      if (n < WEBHOOK_RETRY_DELAYS_SECONDS.length) {
        expect(t.pair()).toMatchObject({ failures: n + 1, first_failure_at: firstFailure, last_failure_at: lastFailure });
        expect(t.hook(t.hookA).is_active).toBe(1);
      }
    }
    expect((lastFailure - firstFailure) / 3_600_000).toBeGreaterThan(48);

    // After the last retry failed: the hook is deactivated, the developer gets one email, and the pair's
    // other hook gets its queued event at once.
    expect(t.hook(t.hookA)).toEqual({ is_active: 0, deactivated_at: lastFailure });
    expect(t.pair()).toBeUndefined();
    const [email] = t.emails();
    expect(t.emails()).toHaveLength(1);
    expect(email.to_address).toBe('dev@bridge.example');
    expect(email.created_at).toBe(lastFailure);
    expect(email.subject).toContain('order/create');
    expect(email.body).toContain(t.base + '/a');
    expect(email.body).toContain('Still queued:   1 notification');
    expect(t.eventStates()).toEqual([
      { webhook_id: t.hookA, state: 'queued' },
      { webhook_id: t.hookB, state: 'delivered' },
    ]);

    // A deactivated hook gets no new events; reactivation sends what it still had queued.
    t.emit('order.created', 3);
    await t.dispatcher.settle();
    expect(t.eventStates()).toHaveLength(2);
    t.answers['/a'] = 200;
    t.platform.webhookDeliveries.reactivate(null, t.hookA);
    await t.dispatcher.settle();
    expect(t.hook(t.hookA)).toEqual({ is_active: 1, deactivated_at: null });
    expect(t.eventStates()).toEqual([
      { webhook_id: t.hookA, state: 'delivered' },
      { webhook_id: t.hookB, state: 'delivered' },
    ]);
    expect(t.attempts().at(-1)).toMatchObject({ kind: 'delivery', webhook_id: t.hookA, ok: 1 });
  });

  it('a successful retry clears the block and the queue goes out with it', async () => {
    const t = await setup();
    t.answers['/a'] = 503;
    t.emit('order.created', 1);
    await t.dispatcher.settle();
    for (let i = 2; i <= 6; i++) t.emit(i % 2 ? 'order.created' : 'customer.created', i);
    await t.dispatcher.settle();
    expect(t.attempts()).toHaveLength(1);
    t.answers['/a'] = 200;
    await t.advanceTo(t.pair()!.next_attempt_at);
    expect(t.pair()).toBeUndefined();
    const log = t.attempts();
    expect(log).toHaveLength(7);
    expect(log[1]).toMatchObject({ kind: 'retry', retry_number: 1, ok: 1 });
    expect(log.slice(2).every((a) => a.kind === 'delivery' && a.ok === 1)).toBe(true);
    expect(t.eventStates().every((e) => (e as { state: string }).state === 'delivered')).toBe(true);
  });

  it('a 3xx and a timeout are failures; other apps and other companies are not blocked', async () => {
    const t = await setup(300);
    const otherAppHook = insertHook(t.platform, { appId: t.otherApp.id, companyId: t.company, topic: 'order/create', address: `${t.base}/c` });
    const otherCompanyHook = insertHook(t.platform, { appId: t.app.id, companyId: t.otherCompany, topic: 'order/create', address: `${t.base}/c` });
    t.answers['/a'] = 302;
    t.emit('order.created', 1);
    await t.dispatcher.settle();
    expect(t.attempts()[0]).toMatchObject({ status_code: 302, ok: 0 });
    // Same company, other app; same app, other company: delivered at once although (app, company) is blocked.
    expect(t.attempts().filter((a) => a.ok === 1).map((a) => a.webhook_id)).toEqual([otherAppHook]);
    t.emit('order.created', 2, t.otherCompany);
    await t.dispatcher.settle();
    expect(t.attempts().filter((a) => a.ok === 1).map((a) => a.webhook_id)).toEqual([otherAppHook, otherCompanyHook]);
    expect(t.pair()).toMatchObject({ failures: 1 });

    // The retry times out: still a failure, and the next retry counts from the end of the wait.
    t.answers['/a'] = 'hang';
    const before = t.attempts().length;
    const due = t.pair()!.next_attempt_at;
    await t.advanceTo(due);
    const retry = t.attempts()[before];
    expect(retry).toMatchObject({ kind: 'retry', status_code: null, ok: 0, error: 'no answer within 0.3 s' });
    expect(retry.duration_ms).toBeGreaterThanOrEqual(300);
    expect(t.pair()).toMatchObject({ failures: 2, next_attempt_at: due + retry.duration_ms + 180_000 });
  });

  it('moving the clock two days at once walks the whole schedule in order, stamped with scheduled times', async () => {
    const t = await setup();
    t.answers['/a'] = 500;
    t.emit('order.created', 1);
    await t.dispatcher.settle();
    await t.advanceTo(T0 + 3 * 86_400_000);
    const log = t.attempts();
    expect(log.map((a) => a.kind)).toEqual(['delivery', ...WEBHOOK_RETRY_DELAYS_SECONDS.map(() => 'retry')]);
    for (let n = 1; n < log.length; n++) {
      expect(log[n].retry_number).toBe(n);
      expect(log[n].attempted_at - (log[n - 1].attempted_at + log[n - 1].duration_ms)).toBe(WEBHOOK_RETRY_DELAYS_SECONDS[n - 1] * 1000);
    }
    expect(t.hook(t.hookA).is_active).toBe(0);
    expect(t.emails()).toHaveLength(1);
  });

  it('retries that fell due while no dispatcher ran go out at the next start, then the schedule continues', async () => {
    const t = await setup();
    t.answers['/a'] = 500;
    t.emit('order.created', 1);
    await t.dispatcher.settle();
    await t.dispatcher.stop();
    // The app was closed for a day.
    t.platform.clock.advance(86_400_000);
    const restarted = startTestDispatcher(t.platform);
    cleanups.push(() => restarted.stop());
    await restarted.settle();
    const log = t.attempts();
    expect(log).toHaveLength(2);
    expect(log[1]).toMatchObject({ kind: 'retry', retry_number: 1, attempted_at: T0 + 86_400_000 });
    expect(t.pair()).toMatchObject({ failures: 2, next_attempt_at: T0 + 86_400_000 + log[1].duration_ms + 180_000 });
  });
});
