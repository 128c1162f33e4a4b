// The dispatcher's lease for several servers (migration 028) on SQLite and PostgreSQL: two "servers" (on PostgreSQL two
// pools, as two servers have; SQLite's in-memory database has one connection) race to acquire — exactly one wins —,
// renew, take over after expiry, release; the process-gone shortcut only for a holder of this machine. Real time:
// on PostgreSQL the database server's clock decides expiry (the `now` a caller passes is ignored there), so the
// expiry is waited out with a short lease.
import { describe, expect, it } from 'vitest';
import { createDispatcherLeaseRepository, type LeaseClaim } from '../../../../../src-main/core/repositories/dispatcher-lease-repository';
import { dataTargets, useData } from '../../../../helpers/databases';

const never = () => false;

describe.each(await dataTargets())('the dispatcher lease on $name', (target) => {
  const db = useData(target, ['dispatcher_lease']);
  const claim = (holder: string, overrides: Partial<LeaseClaim> = {}): LeaseClaim => ({ name: 'webhooks', holder, host: 'machine-1', pid: 100, ttlMs: 15_000, now: Date.now(), ...overrides });

  it('two servers racing for a free lease: exactly one wins, the other stands by until it is released', async () => {
    const one = createDispatcherLeaseRepository(db.data);
    const two = createDispatcherLeaseRepository(db.another());
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? one : two).acquire(claim(`server-${i}`), never)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = `server-${results.indexOf(true)}`;
    const read = await one.read('webhooks', Date.now());
    expect(read).toMatchObject({ holder: winner, host: 'machine-1', pid: 100 });
    // Held: the winner renews and keeps it; another neither renews nor acquires it.
    expect(await two.renew('webhooks', winner, 15_000, Date.now())).toBe(true);
    expect(await one.renew('webhooks', 'somebody-else', 15_000, Date.now())).toBe(false);
    expect(await two.acquire(claim('late'), never)).toBe(false);
    // Released only by its holder.
    await one.release('webhooks', 'late');
    expect((await two.read('webhooks', Date.now()))!.holder).toBe(winner);
    await two.release('webhooks', winner);
    expect(await one.read('webhooks', Date.now())).toBeUndefined();
    expect(await one.acquire(claim('late'), never)).toBe(true);
  });

  it('an expired lease is taken over (by one of two servers racing), and the old holder can no longer renew it', async () => {
    const one = createDispatcherLeaseRepository(db.data);
    const two = createDispatcherLeaseRepository(db.another());
    expect(await one.acquire(claim('old', { ttlMs: 300 }), never)).toBe(true);
    expect(await two.acquire(claim('new-a'), never)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 450));
    const raced = await Promise.all([two.acquire(claim('new-a'), never), one.acquire(claim('new-b'), never)]);
    expect(raced.filter(Boolean)).toHaveLength(1);
    expect(await one.renew('webhooks', 'old', 15_000, Date.now())).toBe(false);
    expect((await one.read('webhooks', Date.now()))!.holder).toBe(raced[0] ? 'new-a' : 'new-b');
  });

  it('a holder whose process is gone is replaced at once only when it ran on this machine', async () => {
    const one = createDispatcherLeaseRepository(db.data);
    const two = createDispatcherLeaseRepository(db.another());
    const gone = () => true;
    expect(await one.acquire(claim('elsewhere', { host: 'machine-2', pid: 7 }), never)).toBe(true);
    // Process 7 of machine-2 means nothing on machine-1: it waits for the expiry.
    expect(await two.acquire(claim('here'), gone)).toBe(false);
    await one.release('webhooks', 'elsewhere');
    expect(await one.acquire(claim('crashed', { pid: 7 }), never)).toBe(true);
    let asked = 0;
    expect(await two.acquire(claim('here', { pid: 8 }), (holder) => (asked++, holder.pid === 7))).toBe(true);
    expect(asked).toBe(1);
    expect(await one.read('webhooks', Date.now())).toMatchObject({ holder: 'here', pid: 8 });
  });

  it.runIf(target.dialect === 'postgres')('PostgreSQL decides expiry by its own clock: a caller whose clock is days ahead expires nothing', async () => {
    const one = createDispatcherLeaseRepository(db.data);
    const two = createDispatcherLeaseRepository(db.another());
    expect(await one.acquire(claim('holder'), never)).toBe(true);
    const skewed = Date.now() + 3 * 24 * 60 * 60_000;
    expect(await two.acquire(claim('skewed', { now: skewed }), never)).toBe(false);
    const read = (await two.read('webhooks', skewed))!;
    expect(Math.abs(read.now - Date.now())).toBeLessThan(60_000);
    expect(read.expiresAt - read.now).toBeGreaterThan(10_000);
  });
});
