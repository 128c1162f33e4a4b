import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestPlatform } from '../../../../helpers/platform';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((p) => p.dispose()));

function setup() {
  const platform = openTestPlatform('none');
  open.push(platform);
  platform.db.exec('CREATE TABLE side_effects (note TEXT NOT NULL) STRICT');
  const count = () => platform.db.prepare('SELECT count(*) FROM side_effects').pluck().get() as number;
  return { platform, count };
}

describe('transactional outbox hook (onEmitInTransaction)', () => {
  it('runs inside the transaction: its writes commit with the change and the event is published after', () => {
    const { platform, count } = setup();
    const seen: string[] = [];
    platform.ctx.onEmitInTransaction((name) => {
      expect(platform.db.inTransaction).toBe(true);
      platform.db.prepare('INSERT INTO side_effects (note) VALUES (?)').run(name);
      seen.push(`tx:${name}`);
    });
    platform.events.subscribe(({ name }) => seen.push(`bus:${name}`));
    platform.ctx.transact((emit) => emit('product.created', { companyId: 1, id: 7 }));
    expect(count()).toBe(1);
    expect(seen).toEqual(['tx:product.created', 'bus:product.created']);
  });

  it('rolls back with the change, and nobody hears of a change that was rolled back', () => {
    const { platform, count } = setup();
    const published: string[] = [];
    platform.ctx.onEmitInTransaction(() => void platform.db.prepare('INSERT INTO side_effects (note) VALUES (?)').run('x'));
    platform.events.subscribe(({ name }) => published.push(name));
    expect(() =>
      platform.ctx.transact((emit) => {
        emit('order.created', { companyId: 1, id: 1 });
        throw new Error('the change failed after emitting');
      }),
    ).toThrow('the change failed');
    expect(count()).toBe(0);
    expect(published).toEqual([]);
  });

  it('a listener that throws rolls the change back; an unsubscribed listener no longer runs', () => {
    const { platform, count } = setup();
    const off = platform.ctx.onEmitInTransaction(() => {
      throw new Error('outbox write failed');
    });
    expect(() =>
      platform.ctx.transact((emit) => {
        platform.db.prepare('INSERT INTO side_effects (note) VALUES (?)').run('change');
        emit('customer.created', { companyId: 1, id: 2 });
      }),
    ).toThrow('outbox write failed');
    expect(count()).toBe(0);
    off();
    platform.ctx.transact((emit) => {
      platform.db.prepare('INSERT INTO side_effects (note) VALUES (?)').run('change');
      emit('customer.created', { companyId: 1, id: 2 });
    });
    expect(count()).toBe(1);
  });
});

describe('write transactions take the write lock at their start (M4)', () => {
  // A read-then-write transaction that started deferred cannot wait for another connection's commit: once
  // that commit lands after its read, SQLite refuses the upgrade to a write at once (SQLITE_BUSY_SNAPSHOT),
  // whatever the busy timeout. Another connection in a worker thread commits exactly between the read and the
  // write of `transact`; the write must still succeed (it waits instead).
  it('a read-then-write transact waits out another connection instead of failing with "database is locked"', async () => {
    const { platform, count } = setup();
    const flags = new Int32Array(new SharedArrayBuffer(8)); // [0]: main has read; [1]: worker committed
    const worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       const Database = require(workerData.sqlite);
       const flags = new Int32Array(workerData.flags);
       const db = new Database(workerData.file);
       db.pragma('busy_timeout = 10000');
       Atomics.wait(flags, 0, 0, 10000);
       db.prepare("INSERT INTO side_effects (note) VALUES ('other connection')").run();
       Atomics.store(flags, 1, 1);
       Atomics.notify(flags, 1);
       db.close();`,
      { eval: true, workerData: { sqlite: require.resolve('better-sqlite3'), file: join(platform.dir, 'partnerdeck.sqlite'), flags: flags.buffer } },
    );
    const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
    const online = new Promise((resolve) => worker.once('online', resolve));
    await online;
    expect(() =>
      platform.ctx.transact(() => {
        const before = count();
        Atomics.store(flags, 0, 1);
        Atomics.notify(flags, 0);
        // Give the other connection time to commit (deferred) or to queue for the lock (immediate).
        Atomics.wait(flags, 1, 0, 700);
        platform.db.prepare('INSERT INTO side_effects (note) VALUES (?)').run(`after ${before}`);
      }),
    ).not.toThrow();
    expect(await exited).toBe(0);
    expect(count()).toBe(2);
  });
});
