// Pushed events across servers on PostgreSQL (LISTEN/NOTIFY, src-main/core/postgres/postgres-change-feed.ts): two
// feeds on one database, as two servers have. What one publishes the other hears by name, never itself; a payload
// past the notification limit arrives as null ("reload"); a listening connection the server drops is reconnected,
// says null once, and hears again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeFeed, ChangeNotice } from '../../../../../src-main/core/db/change-feed';
import { createPostgresChangeFeed } from '../../../../../src-main/core/postgres/postgres-change-feed';
import { createTestDatabase, postgresSuiteTitle, probePostgres, type TestDatabase } from '../../../../helpers/postgres';

const probe = await probePostgres();

describe.skipIf(probe.reason !== null)(postgresSuiteTitle('the change feed on PostgreSQL', probe), () => {
  let database: TestDatabase;
  let one: ChangeFeed;
  let two: ChangeFeed;
  beforeAll(async () => {
    database = await createTestDatabase();
    one = await createPostgresChangeFeed(new URL(database.url));
    two = await createPostgresChangeFeed(new URL(database.url), { reconnectMs: 50 });
  }, 60_000);
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await database?.drop();
  });

  /** The notices a feed hears until `count` arrived (or 5 s passed). */
  function hear(feed: ChangeFeed, count: number): Promise<ChangeNotice[]> {
    const heard: ChangeNotice[] = [];
    return new Promise((resolve) => {
      const timer = setTimeout(() => (off(), resolve(heard)), 5_000);
      const off = feed.subscribe((notice) => {
        heard.push(notice);
        if (heard.length === count) {
          clearTimeout(timer);
          off();
          resolve(heard);
        }
      });
    });
  }

  it('what one server publishes, the other hears by name with its payload; nobody hears their own', async () => {
    const atTwo = hear(two, 2);
    const atOne = hear(one, 1);
    await one.publish({ name: 'product.created', payload: { companyId: 7, productId: 12 } });
    await one.publish({ name: 'clock.advanced', payload: { now: 1, offsetMs: 2 } });
    expect(await atTwo).toEqual([
      { name: 'product.created', payload: { companyId: 7, productId: 12 } },
      { name: 'clock.advanced', payload: { now: 1, offsetMs: 2 } },
    ]);
    await two.publish({ name: 'order.updated', payload: { companyId: 3 } });
    expect(await atOne).toEqual([{ name: 'order.updated', payload: { companyId: 3 } }]);
  });

  it('an event too large for a notification is heard as null (reload what you show)', async () => {
    const atTwo = hear(two, 1);
    await one.publish({ name: 'product.updated', payload: { description: 'x'.repeat(10_000) } });
    expect(await atTwo).toEqual([null]);
  });

  it('a listening connection the server drops is reconnected: null once, then events again', async () => {
    const afterDrop = hear(two, 2);
    await database.client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'partnerdeck-listen' AND datname = current_database()`);
    // Wait for the null of the reconnection, then publish.
    const reconnected = await new Promise<ChangeNotice>((resolve) => {
      const off = two.subscribe((notice) => (off(), resolve(notice)));
    });
    expect(reconnected).toBeNull();
    await one.publish({ name: 'customer.created', payload: { companyId: 1 } });
    expect(await afterDrop).toEqual([null, { name: 'customer.created', payload: { companyId: 1 } }]);
  }, 30_000);
});
