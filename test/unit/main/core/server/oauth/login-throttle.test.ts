// The sign-in throttle's records in the database (migration 024; issue 21 item 3). Its rules are tested in
// platform-server.parts.test.ts (against this very store); here: a restart does not reset a lock, and two
// processes on one data folder (two platforms = two connections, as two processes are) share it.
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../../../src-main/core/clock';
import { createLoginThrottle, THROTTLE } from '../../../../../../src-main/core/server/oauth/login-throttle';
import { openTestPlatform, tempDir } from '../../../../../helpers/platform';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((f) => f()));

function folder() {
  const dir = tempDir('pd-throttle-');
  cleanups.push(dir.remove);
  const open = () => {
    const platform = openTestPlatform('none', { path: dir.path, remove: () => undefined });
    cleanups.push(() => platform.close());
    return platform;
  };
  return { open };
}

describe('the sign-in throttle kept in the database', () => {
  it('a restart does not reset a lock, nor the failures short of one', async () => {
    const { open } = folder();
    const clock = createManualClock(0);
    const first = open();
    const before = createLoginThrottle(clock, first.repos.loginThrottles);
    for (let i = 0; i < THROTTLE.freeFailures; i++) await before.fail('locked@x.example');
    for (let i = 0; i < THROTTLE.freeFailures - 1; i++) await before.fail('almost@x.example');
    first.close();
    const after = createLoginThrottle(clock, open().repos.loginThrottles);
    expect(await after.waitMs('Locked@X.example ')).toBe(THROTTLE.firstLockMs);
    await after.fail('almost@x.example');
    expect(await after.waitMs('almost@x.example')).toBe(THROTTLE.firstLockMs);
  });

  it('two processes share it: failures on either count, a lock or a success on one holds on the other', async () => {
    const { open } = folder();
    const clock = createManualClock(0);
    const a = createLoginThrottle(clock, open().repos.loginThrottles);
    const b = createLoginThrottle(clock, open().repos.loginThrottles);
    for (let i = 0; i < THROTTLE.freeFailures; i++) await (i % 2 === 0 ? a : b).fail('shared@x.example');
    expect(await a.waitMs('shared@x.example')).toBe(THROTTLE.firstLockMs);
    expect(await b.waitMs('shared@x.example')).toBe(THROTTLE.firstLockMs);
    await b.fail('shared@x.example');
    expect(await a.waitMs('shared@x.example')).toBe(2 * THROTTLE.firstLockMs);
    await a.succeed('shared@x.example');
    expect(await b.waitMs('shared@x.example')).toBe(0);
    expect(await b.size()).toBe(0);
  });
});
