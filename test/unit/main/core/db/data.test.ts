// The data layer (src-main/core/db/data.ts) on both databases: statements compiled once per dialect with their
// arguments in place, rows, changes, transactions (commit, rollback, savepoints) and — the point of the design —
// that a transaction's awaits let no other caller's statement into it, and that two read-modify-write
// transactions racing both count. PostgreSQL parts skip, saying why, where no server answers.
import { describe, expect, it } from 'vitest';
import { statement } from '../../../../../src-main/core/db/data';
import { createSqliteDatabase } from '../../../../../src-main/core/db/sqlite-data';
import { openDatabase } from '../../../../../src-main/core/db/database';
import { MIGRATIONS } from '../../../../../src-main/areas';
import { dataTargets, useData } from '../../../../helpers/databases';

// settings (key TEXT PRIMARY KEY, value TEXT) and audit_log (id, company_id, actor, action, detail, created_at) are
// in every database; the tests use them as plain tables.
const put = statement('test.put', ({ sql }, key: string, value: string) =>
  sql`INSERT INTO settings (key, value) VALUES (${key}, ${value}) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
);
const get = statement('test.get', ({ sql }, key: string) => sql<{ value: string }>`SELECT value FROM settings WHERE key = ${key}`);
const all = statement('test.all', ({ sql }) => sql<{ key: string; value: string }>`SELECT key, value FROM settings ORDER BY key`);
/** The same argument twice, in another order than declared. */
const between = statement('test.between', ({ sql }, low: string, high: string) =>
  sql<{ key: string }>`SELECT key FROM settings WHERE key <= ${high} AND key >= ${low} AND ${high} >= ${low} ORDER BY key`,
);
/** The query builder, with a constant of its own (the limit). */
const firstTwo = statement('test.firstTwo', ({ kysely }, prefix: string) =>
  kysely.selectFrom('settings').select(['key']).where('key', 'like', prefix).orderBy('key').limit(2),
);
const audit = statement('test.audit', ({ sql }, at: number, money: number) =>
  sql`INSERT INTO audit_log (company_id, actor, action, detail, created_at) VALUES (${money}, 'test', 'test', '{}', ${at})`,
);
const auditRows = statement('test.auditRows', ({ sql }) => sql<{ company_id: number; created_at: number; total: number; n: number }>`
  SELECT company_id, created_at, (SELECT SUM(company_id) FROM audit_log) AS total, (SELECT count(*) FROM audit_log) AS n FROM audit_log ORDER BY id`);

/** A row argument whose fields are the parameters (a field used twice, out of order). */
const putRow = statement('test.putRow', ({ sql }, row: { key: string; value: string }) =>
  sql`INSERT INTO settings (key, value) VALUES (${row.key}, ${row.value} || '/' || ${row.key})`,
);

const targets = await dataTargets();

describe.each(targets)('the data layer on $name', (target) => {
  const db = useData(target, ['settings', 'audit_log']);

  it('runs a statement with its arguments, answers rows and changes', async () => {
    expect(await db.data.run(put, 'a', '1')).toEqual({ changes: 1 });
    await db.data.run(put, 'b', '2');
    await db.data.run(put, 'c', '3');
    expect(await db.data.one(get, 'b')).toEqual({ value: '2' });
    expect(await db.data.one(get, 'nope')).toBeUndefined();
    expect(await db.data.all(all)).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
      { key: 'c', value: '3' },
    ]);
    expect((await db.data.all(between, 'b', 'c')).map((r) => r.key)).toEqual(['b', 'c']);
    expect((await db.data.all(firstTwo, '%')).map((r) => r.key)).toEqual(['a', 'b']);
  });

  it("takes a row argument's fields as parameters", async () => {
    await db.data.run(putRow, { key: 'r1', value: 'one' });
    await db.data.run(putRow, { key: 'r2', value: 'two' });
    expect(await db.data.all(all)).toEqual([
      { key: 'r1', value: 'one/r1' },
      { key: 'r2', value: 'two/r2' },
    ]);
    expect(putRow.compiled(target.dialect)).toMatchObject({ sources: [0, 0, 0], fields: ['key', 'value', 'key'], direct: false });
  });

  it('runs one statement over many argument lists, in order, and counts the rows changed; inside a transaction, with it', async () => {
    expect(await db.data.runEach(put, [['e1', 'a'], ['e2', 'b'], ['e1', 'c']])).toBe(3);
    expect(await db.data.all(all)).toEqual([
      { key: 'e1', value: 'c' },
      { key: 'e2', value: 'b' },
    ]);
    await expect(
      db.data.transaction(async () => {
        await db.data.runEach(put, [['e3', 'x'], ['e4', 'y']]);
        throw new Error('undone');
      }),
    ).rejects.toThrow('undone');
    expect((await db.data.all(all)).map((r) => r.key)).toEqual(['e1', 'e2']);
  });

  it('answers integers as numbers (BIGINT on PostgreSQL), sums and counts included', async () => {
    const at = 1_796_000_000_000;
    await db.data.run(audit, at, 2 ** 52);
    await db.data.run(audit, at + 1, 5);
    const rows = await db.data.all(auditRows);
    expect(rows).toEqual([
      { company_id: 2 ** 52, created_at: at, total: 2 ** 52 + 5, n: 2 },
      { company_id: 5, created_at: at + 1, total: 2 ** 52 + 5, n: 2 },
    ]);
  });

  it('commits a transaction, and rolls back all of it when its work throws', async () => {
    await db.data.transaction(async () => {
      await db.data.run(put, 'kept', 'yes');
      expect(db.data.inTransaction()).toBe(true);
    });
    expect(db.data.inTransaction()).toBe(false);
    await expect(
      db.data.transaction(async () => {
        await db.data.run(put, 'lost', 'yes');
        await db.data.run(put, 'kept', 'changed');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await db.data.all(all)).toEqual([{ key: 'kept', value: 'yes' }]);
  });

  it('makes a transaction inside a transaction a savepoint: its failure undoes only its own statements', async () => {
    await db.data.transaction(async () => {
      await db.data.run(put, 'outer', '1');
      await expect(
        db.data.transaction(async () => {
          await db.data.run(put, 'inner', '1');
          throw new Error('inner refused');
        }),
      ).rejects.toThrow('inner refused');
      await db.data.transaction(async () => db.data.run(put, 'inner2', '1'));
    });
    expect((await db.data.all(all)).map((r) => r.key)).toEqual(['inner2', 'outer']);
  });

  it("lets no other caller's statement into a transaction while it awaits, even when it rolls back", async () => {
    let inside!: () => void;
    const started = new Promise<void>((resolve) => (inside = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = db.data.transaction(async () => {
      await db.data.run(put, 'tx', 'uncommitted');
      inside();
      // A real wait (timers and I/O run meanwhile), as a transaction awaiting anything but its statements would.
      await held;
      throw new Error('rolled back');
    });
    await started;
    // Another request meanwhile: a write and a read.
    const write = db.data.run(put, 'other', 'written');
    const read = db.data.one(get, 'tx');
    await new Promise((resolve) => setTimeout(resolve, 30));
    release();
    await expect(transaction).rejects.toThrow('rolled back');
    await write;
    // The read never saw the uncommitted row, the write was not undone with the transaction.
    expect(await read).toBeUndefined();
    expect(await db.data.all(all)).toEqual([{ key: 'other', value: 'written' }]);
  });

  it('counts both of two read-modify-write transactions that race (SQLite: one after the other; PostgreSQL: SERIALIZABLE, retried)', async () => {
    await db.data.run(put, 'counter', '0');
    const increment = () =>
      db.data.transaction(
        async () => {
          const { value } = (await db.data.one(get, 'counter'))!;
          await new Promise((resolve) => setTimeout(resolve, 10));
          await db.data.run(put, 'counter', String(Number(value) + 1));
        },
        { serializable: true },
      );
    await Promise.all([increment(), increment(), increment()]);
    expect(await db.data.one(get, 'counter')).toEqual({ value: '3' });
  });
});

describe('the data layer on SQLite: its own line and its statements', () => {
  it('runs the other caller after the commit, in the order they came', async () => {
    const data = createSqliteDatabase(openDatabase(':memory:', { migrations: MIGRATIONS }));
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = data.transaction(async () => {
      await data.run(put, 'tx', '1');
      await held;
      order.push('commit');
    });
    const outside = data.run(put, 'outside', '1');
    const second = data.transaction(async () => void order.push((await data.one(get, 'outside')) ? 'second, after the outside write' : 'second, before it'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual([]);
    release();
    await Promise.all([transaction, outside, second]);
    expect(order).toEqual(['commit', 'second, after the outside write']);
    await data.close();
  });

  it("keeps today's SQL text: a raw statement compiles to the same text with ? placeholders, once", () => {
    expect(get.compiled('sqlite').sql).toBe('SELECT value FROM settings WHERE key = ?');
    expect(get.compiled('sqlite')).toBe(get.compiled('sqlite'));
    expect(get.compiled('postgres').sql).toBe('SELECT value FROM settings WHERE key = $1');
    expect(between.compiled('sqlite').sources).toEqual([1, 0, 1, 0]);
    expect(firstTwo.compiled('postgres')).toMatchObject({ sql: 'select "key" from "settings" where "key" like $1 order by "key" limit $2', sources: [0, -1], constants: [undefined, 2] });
  });
});
