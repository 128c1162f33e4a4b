// logAttempts (the outcome recorder's write): each event row updated in order, the attempt rows inserted several to a
// statement (32 at most) in the same order, and nothing written for an event that is gone (deleted with its hook while
// its attempt was in flight). The rules around it: test/integration/webhook-delivery.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import type { NewAttemptRow } from '../../../../../src-main/core/repositories/webhook-delivery-repository';
import { queueOrders, registerFixture } from '../../../../../bench/harness/webhooks-harness';
import { openTestPlatform } from '../../../../helpers/platform';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function platformWithEvents(count: number) {
  const platform = openTestPlatform('demo');
  cleanups.push(() => platform.dispose());
  const fixture = registerFixture(platform, 'http://127.0.0.1:9/hooks', 1);
  const ids = [...queueOrders(platform, fixture.companyIds[0], count, count).keys()];
  return { platform, ids, repo: platform.repos.webhookDelivery };
}

function attemptOf(platform: ReturnType<typeof platformWithEvents>['platform'], eventId: number, ok: boolean): NewAttemptRow {
  const event = platform.repos.webhookDelivery.getEvent(eventId)!;
  return {
    event_id: eventId,
    webhook_id: event.webhook_id,
    app_id: event.app_id,
    company_id: event.company_id,
    kind: 'delivery',
    retry_number: null,
    attempted_at: 1_000 + eventId,
    duration_ms: eventId % 7,
    status_code: ok ? 200 : 503,
    ok: ok ? 1 : 0,
    error: null,
    url: `http://127.0.0.1:9/hooks/${eventId}`,
    request_headers: `{"n":"${eventId}"}`,
    request_body: `{"event":${eventId}}`,
  };
}

describe('webhook delivery repository: logAttempts', () => {
  it('logs 70 outcomes (three statements) in order, each on its event row, and skips an event that is gone', () => {
    const { platform, ids, repo } = platformWithEvents(71);
    const rows = ids.map((id, i) => attemptOf(platform, id, i % 3 !== 0));
    const gone = ids[40];
    platform.db.prepare('DELETE FROM webhook_events WHERE id = ?').run(gone);
    const logged = platform.ctx.transact(() => repo.logAttempts(rows.map((row) => ({ row, replayRequestedAt: null }))));
    expect(logged).toBe(70);
    const stored = platform.db.prepare('SELECT * FROM webhook_attempts ORDER BY id').all() as (NewAttemptRow & { id: number })[];
    expect(stored.map(({ id: _id, ...row }) => row)).toEqual(rows.filter((row) => row.event_id !== gone));
    for (const row of rows.filter((r) => r.event_id !== gone)) {
      const event = repo.getEvent(row.event_id)!;
      expect(event.last_attempt_at).toBe(row.attempted_at);
      expect(event.last_status).toBe(row.status_code);
    }
    expect(repo.getEvent(ids[1])).toMatchObject({ state: 'delivered', attempts: 1, delivered_at: 1_000 + ids[1] });
    expect(repo.getEvent(ids[3])).toMatchObject({ state: 'queued', attempts: 1, delivered_at: null });
  });

  it('answers a replay only when it is still the one asked for', () => {
    const { platform, ids, repo } = platformWithEvents(2);
    repo.requestReplay(ids[0], 500);
    repo.requestReplay(ids[1], 600);
    platform.ctx.transact(() =>
      repo.logAttempts([
        { row: { ...attemptOf(platform, ids[0], true), kind: 'replay' }, replayRequestedAt: 500 },
        { row: { ...attemptOf(platform, ids[1], true), kind: 'replay' }, replayRequestedAt: 599 },
      ]),
    );
    expect(repo.getEvent(ids[0])!.replay_requested_at).toBeNull();
    expect(repo.getEvent(ids[1])!.replay_requested_at).toBe(600);
  });
});
