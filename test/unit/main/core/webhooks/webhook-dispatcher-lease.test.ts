// The dispatcher lease (one dispatcher per data folder): two handles on one data folder, as two processes
// would have, with a hand-moved real-time clock. Taking a free lease, standing by while the holder's
// heartbeat is fresh, taking over a stale lease or one whose process is gone, renewing at its pace, losing
// it to a takeover, releasing it; and which process the CLI reports as dispatching.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openPlatform } from '../../../../../src-main/areas';
import { createManualClock } from '../../../../../src-main/core/clock';
import { createSeededIds } from '../../../../../src-main/core/ids';
import { createKeyFileSecretStore } from '../../../../../src-main/core/secrets/key-file-secret-store';
import {
  activeDispatcherPid,
  createDatabaseLease,
  LEASE_HEARTBEAT_MS,
  LEASE_STALE_MS,
  LEASE_STANDBY_CHECK_MS,
} from '../../../../../src-main/core/webhooks/webhook-dispatcher-lease';
import { openTestPlatform, T0, tempDir } from '../../../../helpers/platform';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A process id that no process has: one that just ended. */
function endedPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

function setup() {
  const dir = tempDir();
  const first = openTestPlatform('none', dir);
  // A second handle on the same folder: another process's connection.
  const second = openPlatform({
    dataDir: dir.path,
    secretStore: createKeyFileSecretStore(`${dir.path}/secret.key`),
    clock: () => createManualClock(T0),
    ids: createSeededIds('second'),
  });
  cleanups.push(() => first.dispose(), () => second.close());
  const clock = { now: 1_000_000 };
  const realNow = () => clock.now;
  const alive = new Set([101, 202]);
  const isAlive = (pid: number) => alive.has(pid);
  const a = createDatabaseLease(first, { owner: 'a', pid: 101, realNow, isAlive });
  const b = createDatabaseLease(second, { owner: 'b', pid: 202, realNow, isAlive });
  const row = () => first.repos.webhookDelivery.readLease();
  return { first, second, clock, alive, a, b, row, realNow };
}

describe('the dispatcher lease', () => {
  it('is taken when free; the holder renews its heartbeat every 2 s, not in between', () => {
    const t = setup();
    expect(t.row()).toBeUndefined();
    expect(t.a.acquire()).toBe(true);
    expect(t.row()).toEqual({ owner: 'a', pid: 101, heartbeat_at: 1_000_000 });
    t.clock.now += LEASE_HEARTBEAT_MS - 1;
    expect(t.a.renew()).toBe(true);
    expect(t.row()!.heartbeat_at).toBe(1_000_000);
    t.clock.now += 1;
    expect(t.a.renew()).toBe(true);
    expect(t.row()!.heartbeat_at).toBe(1_000_000 + LEASE_HEARTBEAT_MS);
  });

  it('a second process stands by while the heartbeat is fresh, looks once a second, and takes over a stale lease', () => {
    const t = setup();
    expect(t.a.acquire()).toBe(true);
    expect(t.b.acquire()).toBe(false);
    // The holder stops renewing (hangs). Until the heartbeat is 15 s old the lease stays its own.
    t.clock.now += LEASE_STALE_MS - 1;
    expect(t.b.acquire()).toBe(false);
    t.clock.now += 1;
    // Looked less than a second ago: no look now, whatever the lease says.
    expect(t.b.acquire()).toBe(false);
    expect(t.row()!.owner).toBe('a');
    t.clock.now += LEASE_STANDBY_CHECK_MS - 1;
    expect(t.b.acquire()).toBe(true);
    expect(t.row()).toEqual({ owner: 'b', pid: 202, heartbeat_at: t.clock.now });
    // The old holder finds out at its next renewal and stands by.
    expect(t.a.renew()).toBe(false);
    expect(t.a.acquire()).toBe(false);
  });

  it('the lease of a process that is gone is taken over at once', () => {
    const t = setup();
    expect(t.a.acquire()).toBe(true);
    expect(t.b.acquire()).toBe(false);
    t.alive.delete(101);
    t.clock.now += LEASE_STANDBY_CHECK_MS;
    expect(t.b.acquire()).toBe(true);
    expect(t.row()!.owner).toBe('b');
  });

  it('released, it goes to the process standing by at its next look; its own holder may take it again', () => {
    const t = setup();
    expect(t.a.acquire()).toBe(true);
    expect(t.a.acquire()).toBe(false); // looked less than a second ago
    t.clock.now += LEASE_STANDBY_CHECK_MS;
    expect(t.a.acquire()).toBe(true); // already its own
    expect(t.b.acquire()).toBe(false);
    t.a.release();
    expect(t.row()).toBeUndefined();
    t.clock.now += LEASE_STANDBY_CHECK_MS;
    expect(t.b.acquire()).toBe(true);
    // Releasing is only ever the holder's: a's release now leaves b's lease alone.
    t.a.release();
    expect(t.row()!.owner).toBe('b');
  });

  it('renewing keeps a holder that is slow but alive ahead of the process standing by', () => {
    const t = setup();
    expect(t.a.acquire()).toBe(true);
    for (let i = 0; i < 20; i++) {
      t.clock.now += LEASE_HEARTBEAT_MS;
      expect(t.a.renew()).toBe(true);
      expect(t.b.acquire()).toBe(false);
    }
    expect(t.row()!.owner).toBe('a');
  });

  it('the CLI is told which process dispatches: a fresh lease of a running process only', () => {
    const platform = openTestPlatform('none');
    cleanups.push(() => platform.dispose());
    let now = 5_000_000;
    const realNow = () => now;
    expect(activeDispatcherPid(platform, realNow)).toBeNull();
    const lease = createDatabaseLease(platform, { owner: 'here', realNow });
    expect(lease.acquire()).toBe(true);
    expect(activeDispatcherPid(platform, realNow)).toBe(process.pid);
    now += LEASE_STALE_MS;
    expect(activeDispatcherPid(platform, realNow)).toBeNull();
    now -= LEASE_STALE_MS;
    const gone = endedPid();
    platform.repos.webhookDelivery.writeLease({ owner: 'gone', pid: gone, heartbeat_at: now });
    expect(activeDispatcherPid(platform, realNow)).toBeNull();
    platform.repos.webhookDelivery.writeLease({ owner: 'here', pid: process.pid, heartbeat_at: now });
    lease.release();
    expect(activeDispatcherPid(platform, realNow)).toBeNull();
  });
});
