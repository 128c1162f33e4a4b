// The list runner reads pages as raw arrays and builds the row objects itself (issue 22: a third cheaper than
// better-sqlite3's object rows). The objects must be exactly what the default row mode gives: same keys in
// the same order, same values (nulls, integers, text, blobs), a later column of the same name winning.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createListRunner, rowReader, type ListQuery } from '../../../../../src-main/core/repositories/table-access';

const dbs: Database.Database[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

function fixture() {
  const db = new Database(':memory:');
  dbs.push(db);
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price INTEGER, note TEXT, data BLOB, ratio REAL);
    CREATE TABLE u (id INTEGER PRIMARY KEY, t_id INTEGER, name TEXT);
    INSERT INTO t VALUES (1, 'Äpfel', 1250, NULL, x'00ff', 0.5), (2, 'birne', 9007199254740991, 'n', NULL, NULL), (3, 'Cherry', 0, '', x'', -1.25);
    INSERT INTO u VALUES (10, 1, 'first'), (11, 3, 'third');`);
  return db;
}

describe('rowReader', () => {
  it('builds the same objects as the default row mode, a later column of the same name winning', () => {
    const db = fixture();
    const sql = 'SELECT t.*, u.name AS u_name, u.name, t.id * 2 AS twice FROM t LEFT JOIN u ON u.t_id = t.id WHERE t.id >= @from ORDER BY t.id';
    const expected = db.prepare(sql).all({ from: 1 });
    const actual = rowReader(db.prepare(sql))({ from: 1 });
    expect(actual).toEqual(expected);
    expect(actual.map((row) => Object.keys(row as object))).toEqual(expected.map((row) => Object.keys(row as object)));
    expect((actual[1] as { name: string | null }).name).toBeNull();
  });

  it('answers an empty page with an empty array', () => {
    const db = fixture();
    expect(rowReader(db.prepare('SELECT * FROM t WHERE id > @id'))({ id: 99 })).toEqual([]);
  });
});

describe('list runner pages', () => {
  it('pages through a query with the same rows as plain statements, and counts', () => {
    const db = fixture();
    const lists = createListRunner(db);
    const query: ListQuery = { from: 't', select: 't.*', where: ['t.price >= @min'], orderBy: ['t.name COLLATE NOCASE'], tieBreak: 't.id', direction: 'asc', params: { min: 0 } };
    const all = db.prepare('SELECT t.* FROM t WHERE t.price >= 0 ORDER BY t.name COLLATE NOCASE, t.id').all();
    expect([...lists.page(query, 0, 2), ...lists.page(query, 2, 2)]).toEqual(all);
    expect(lists.count(query)).toBe(3);
    expect([...lists.iterate(query)]).toEqual(all);
  });
});
