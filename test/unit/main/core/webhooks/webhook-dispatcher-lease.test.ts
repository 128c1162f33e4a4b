// The dispatcher lease (one dispatcher per data folder): two handles on one data folder, as two processes would have,
// with a hand-moved real-time clock. Taking a free lease, standing by while the holder renews, taking over an expired
// lease or one whose process on this machine is gone (never one of another machine: its process id means nothing
// here), renewing at its pace, losing it to a takeover, releasing it; moving the platform clock changes nothing; and
// which process the CLI reports as dispatching. The racing of servers on SQLite and PostgreSQL is
// test/unit/main/core/repositories/dispatcher-lease-repository.test.ts.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openPlatform } from '../../../../../src-main/areas';
import { createManualClock } from '../../../../../src-main/core/clock';
import { createSeededIds } from '../../../../../src-main/core/ids';
import { readFolderLease } from '../../../../../src-main/core/repositories/dispatcher-lease-repository';
import { createKeyFileSecretStore } from '../../../../../src-main/core/secrets/key-file-secret-store';
import {
  activeDispatcherPid,
  createDatabaseLease,
  leaseTurns,
  LEASE_HEARTBEAT_MS,
  LEASE_STALE_MS,
  LEASE_STANDBY_CHECK_MS,
  machineIdentity,
  WEBHOOKS_LEASE,
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

function setup(options: { hostOfB?: string } = {}) {
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
  const a = createDatabaseLease(first, { owner: 'a', pid: 101, host: 'machine-1', realNow, isAlive });
  const b = createDatabaseLease(second, { owner: 'b', pid: 202, host: options.hostOfB ?? 'machine-1', realNow, isAlive });
  const row = () => readFolderLease(first.db, WEBHOOKS_LEASE);
  return { first, second, clock, alive, a, b, row, realNow };
}

describe('the dispatcher lease', () => {
  it('is taken when free; the holder renews every 2 s, pushing the expiry 15 s on, not in between', async () => {
    const t = setup();
    expect(t.row()).toBeUndefined();
    expect(await t.a.acquire()).toBe(true);
    expect(t.row()).toEqual({ holder: 'a', host: 'machine-1', pid: 101, expiresAt: 1_000_000 + LEASE_STALE_MS });
    t.clock.now += LEASE_HEARTBEAT_MS - 1;
    expect(await t.a.renew()).toBe(true);
    expect(t.row()!.expiresAt).toBe(1_000_000 + LEASE_STALE_MS);
    t.clock.now += 1;
    expect(await t.a.renew()).toBe(true);
    expect(t.row()!.expiresAt).toBe(1_000_000 + LEASE_HEARTBEAT_MS + LEASE_STALE_MS);
  });

  it('a second process stands by while the lease is unexpired, looks once a second, and takes over an expired one', async () => {
    const t = setup();
    expect(await t.a.acquire()).toBe(true);
    expect(await t.b.acquire()).toBe(false);
    // The holder stops renewing (hangs). Until the lease expires it stays its own.
    t.clock.now += LEASE_STALE_MS - 1;
    expect(await t.b.acquire()).toBe(false);
    t.clock.now += 1;
    // Looked less than a second ago: no look now, whatever the lease says.
    expect(await t.b.acquire()).toBe(false);
    expect(t.row()!.holder).toBe('a');
    t.clock.now += LEASE_STANDBY_CHECK_MS - 1;
    expect(await t.b.acquire()).toBe(true);
    expect(t.row()).toEqual({ holder: 'b', host: 'machine-1', pid: 202, expiresAt: t.clock.now + LEASE_STALE_MS });
    // The old holder finds out at its next renewal and stands by.
    expect(await t.a.renew()).toBe(false);
    expect(await t.a.acquire()).toBe(false);
  });

  it('the lease of a process of this machine that is gone is taken over at once', async () => {
    const t = setup();
    expect(await t.a.acquire()).toBe(true);
    expect(await t.b.acquire()).toBe(false);
    t.alive.delete(101);
    t.clock.now += LEASE_STANDBY_CHECK_MS;
    expect(await t.b.acquire()).toBe(true);
    expect(t.row()!.holder).toBe('b');
  });

  it('a holder on another machine is waited out to its expiry, whatever its process id names here', async () => {
    const t = setup({ hostOfB: 'machine-2' });
    expect(await t.a.acquire()).toBe(true);
    // Process 101 does not run on machine-2's side of the check: only the expiry counts.
    t.alive.delete(101);
    t.clock.now += LEASE_STANDBY_CHECK_MS;
    expect(await t.b.acquire()).toBe(false);
    t.clock.now += LEASE_STALE_MS;
    expect(await t.b.acquire()).toBe(true);
    expect(t.row()).toMatchObject({ holder: 'b', host: 'machine-2' });
  });

  it('moving the platform clock by days never expires it (real time, not platform time)', async () => {
    const t = setup();
    expect(await t.a.acquire()).toBe(true);
    t.first.clock.advance(3 * 24 * 60 * 60_000);
    t.second.clock.advance(3 * 24 * 60 * 60_000);
    t.clock.now += LEASE_STANDBY_CHECK_MS;
    expect(await t.b.acquire()).toBe(false);
    expect(t.row()!.holder).toBe('a');
  });

  it('released, it goes to the process standing by at its next look; its own holder may take it again', async () => {
    const t = setup();
    expect(await t.a.acquire()).toBe(true);
    expect(await t.a.acquire()).toBe(false); // looked less than a second ago
    t.clock.now += LEASE_STANDBY_CHECK_MS;
    expect(await t.a.acquire()).toBe(true); // already its own
    expect(await t.b.acquire()).toBe(false);
    await t.a.release();
    expect(t.row()).toBeUndefined();
    t.clock.now += LEASE_STANDBY_CHECK_MS;
    expect(await t.b.acquire()).toBe(true);
    // Releasing is only ever the holder's: a's release now leaves b's lease alone.
    await t.a.release();
    expect(t.row()!.holder).toBe('b');
  });

  it('renewing keeps a holder that is slow but alive ahead of the process standing by', async () => {
    const t = setup();
    expect(await t.a.acquire()).toBe(true);
    for (let i = 0; i < 20; i++) {
      t.clock.now += LEASE_HEARTBEAT_MS;
      expect(await t.a.renew()).toBe(true);
      expect(await t.b.acquire()).toBe(false);
    }
    expect(t.row()!.holder).toBe('a');
  });

  it('the CLI is told which process dispatches: an unexpired lease of a running process only', async () => {
    const platform = openTestPlatform('none');
    cleanups.push(() => platform.dispose());
    let now = 5_000_000;
    const realNow = () => now;
    expect(activeDispatcherPid(platform, realNow)).toBeNull();
    const lease = createDatabaseLease(platform, { owner: 'here', realNow });
    expect(await lease.acquire()).toBe(true);
    expect(activeDispatcherPid(platform, realNow)).toBe(process.pid);
    now += LEASE_STALE_MS;
    expect(activeDispatcherPid(platform, realNow)).toBeNull();
    now -= LEASE_STALE_MS;
    await lease.release();
    const gone = createDatabaseLease(platform, { owner: 'gone', pid: endedPid(), realNow });
    expect(await gone.acquire()).toBe(true);
    expect(readFolderLease(platform.db, WEBHOOKS_LEASE)!.host).toBe(machineIdentity());
    expect(activeDispatcherPid(platform, realNow)).toBeNull();
    await gone.release();
    expect(activeDispatcherPid(platform, realNow)).toBeNull();
  });
});

describe("the runtime's turns at the lease", () => {
  it('one call at a time; a result applied only in the state it was asked from; a lease taken while stopping given back', async () => {
    let state: 'standby' | 'active' | 'stopping' = 'standby';
    const answers: ((taken: boolean) => void)[] = [];
    let released = 0;
    const lease = {
      acquire: () => new Promise<boolean>((resolve) => answers.push(resolve)),
      renew: () => Promise.resolve(true),
      release: async () => void released++,
    };
    const turns = leaseTurns(lease, () => state, { stopped: (s) => s === 'stopping', open: () => true, log: () => undefined });
    const applied: boolean[] = [];
    const first = turns.take(() => lease.acquire(), (taken) => applied.push(taken));
    // Pending: a second turn is the same one, no second call.
    expect(turns.take(() => lease.acquire(), (taken) => applied.push(!taken))).toBe(first);
    expect(answers).toHaveLength(1);
    answers[0]!(true);
    await first;
    expect(applied).toEqual([true]);
    // Asked while standing by, answered after stop began: not applied, and the lease goes back.
    const late = turns.take(() => lease.acquire(), (taken) => applied.push(taken));
    state = 'stopping';
    answers[1]!(true);
    await late;
    expect(applied).toEqual([true]);
    expect(released).toBe(1);
  });
});
