// The sign-in throttle's records (migration 024) on both databases of the data layer, and the throttle's rules
// on top of each (core/server/oauth/login-throttle.ts): a lock after 5 failures, doubling, capped, cleared by a
// success; failures racing for one email all counted (SQLite: one transaction after the other; PostgreSQL:
// SERIALIZABLE, retried — two pools here are two team servers). The flood rules (L2): platform-server.parts.test.ts.
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../../src-main/core/clock';
import { createLoginThrottleRepository } from '../../../../../src-main/core/repositories/login-throttle-repository';
import { createLoginThrottle, THROTTLE } from '../../../../../src-main/core/server/oauth/login-throttle';
import { dataTargets, useData } from '../../../../helpers/databases';

describe.each(await dataTargets())('sign-in throttle records on $name', (target) => {
  const db = useData(target, ['login_throttles']);

  it('puts, reads, replaces, removes and counts records; removes idle ones oldest first, never a locked one', async () => {
    const repo = createLoginThrottleRepository(db.data);
    await repo.put('a@x.example', { failures: 1, lockedUntil: 0, lastFailureAt: 10 });
    await repo.put('b@x.example', { failures: 6, lockedUntil: 5_000, lastFailureAt: 20 });
    await repo.put('c@x.example', { failures: 2, lockedUntil: 0, lastFailureAt: 30 });
    await repo.put('a@x.example', { failures: 2, lockedUntil: 0, lastFailureAt: 15 });
    expect(await repo.get('a@x.example')).toEqual({ failures: 2, lockedUntil: 0, lastFailureAt: 15 });
    expect(await repo.get('nobody@x.example')).toBeUndefined();
    expect(await repo.count()).toBe(3);
    // idle before 100, not locked at 1,000: a and c, oldest failure first; b is locked until 5,000.
    expect(await repo.removeIdle(1_000, 100, 1)).toBe(1);
    expect(await repo.get('a@x.example')).toBeUndefined();
    expect(await repo.removeIdle(1_000, 100, 10)).toBe(1);
    expect(await repo.get('b@x.example')).toEqual({ failures: 6, lockedUntil: 5_000, lastFailureAt: 20 });
    await repo.remove('b@x.example');
    expect(await repo.count()).toBe(0);
  });

  it('locks an email after 5 failures for 30 s, doubling, at most 15 minutes; success clears it', async () => {
    const clock = createManualClock(0);
    const throttle = createLoginThrottle(clock, createLoginThrottleRepository(db.data));
    for (let i = 0; i < THROTTLE.freeFailures - 1; i++) await throttle.fail('A@x.example');
    expect(await throttle.waitMs('a@x.example')).toBe(0);
    await throttle.fail('a@x.example');
    expect(await throttle.waitMs('a@x.example')).toBe(THROTTLE.firstLockMs);
    clock.advance(THROTTLE.firstLockMs);
    await throttle.fail('a@x.example');
    expect(await throttle.waitMs('a@x.example')).toBe(2 * THROTTLE.firstLockMs);
    for (let i = 0; i < 10; i++) await throttle.fail('a@x.example');
    expect(await throttle.waitMs('a@x.example')).toBe(THROTTLE.maxLockMs);
    await throttle.succeed('a@x.example');
    expect(await throttle.waitMs('a@x.example')).toBe(0);
  });

  it('counts every one of many failures for one email sent at once, from two servers', async () => {
    const clock = createManualClock(0);
    const a = createLoginThrottle(clock, createLoginThrottleRepository(db.data));
    const b = createLoginThrottle(clock, createLoginThrottleRepository(db.another()));
    await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? a : b).fail('raced@x.example')));
    expect(await createLoginThrottleRepository(db.data).get('raced@x.example')).toMatchObject({ failures: 8 });
  });
});
