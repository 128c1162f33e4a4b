// Reads kept while the database is unchanged (core/db/read-memo.ts): a kept value is served only at the version it
// was read at — this connection's writes (committed or rolled back), another connection's commit and nothing else move
// it; the API request log's rows (written apart) do not.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { writeApart } from '../../../../../src-main/core/db/counted-changes';
import { openDatabase, type Db } from '../../../../../src-main/core/db/database';
import { createReadMemo, versionReader } from '../../../../../src-main/core/db/read-memo';
import { tempDir } from '../../../../helpers/platform';

const dirs: { remove(): void }[] = [];
const open: { close(): void }[] = [];
afterEach(() => {
  open.splice(0).forEach((d) => d.close());
  dirs.splice(0).forEach((d) => d.remove());
});

function twoConnections(): { db: Db; other: Database.Database } {
  const dir = tempDir();
  dirs.push(dir);
  const file = join(dir.path, 'memo.sqlite');
  const db = openDatabase(file, { migrations: [] });
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1, \'a\'); CREATE TABLE api_requests (id INTEGER PRIMARY KEY, x TEXT)');
  const other = new Database(file);
  open.push(db, other);
  return { db, other };
}

describe('read memo', () => {
  it('keeps a value while nothing changes and reads it anew after this connection writes', () => {
    const { db } = twoConnections();
    const memo = createReadMemo(db);
    const read = () => db.prepare('SELECT v FROM t WHERE id = 1').pluck().get() as string;
    let reads = 0;
    const get = () => memo.current().get('t1', () => (reads++, read()));
    expect(get()).toBe('a');
    expect(get()).toBe('a');
    expect(reads).toBe(1);
    db.prepare("UPDATE t SET v = 'b' WHERE id = 1").run();
    expect(get()).toBe('b');
    expect(reads).toBe(2);
    // A rolled-back write moves the version too (the memo only needs "maybe changed").
    expect(() => db.transaction(() => {
      db.prepare("UPDATE t SET v = 'c' WHERE id = 1").run();
      throw new Error('roll back');
    })()).toThrow('roll back');
    expect(get()).toBe('b');
    expect(reads).toBe(3);
  });

  it('reads anew after another connection commits', () => {
    const { db, other } = twoConnections();
    const memo = createReadMemo(db);
    const get = () => memo.current().get('t1', () => db.prepare('SELECT v FROM t WHERE id = 1').pluck().get());
    expect(get()).toBe('a');
    other.prepare("UPDATE t SET v = 'z' WHERE id = 1").run();
    expect(get()).toBe('z');
  });

  it('is not moved by writes declared apart (the API request log)', () => {
    const { db } = twoConnections();
    const version = versionReader(db);
    const before = version();
    writeApart(db, () => db.prepare("INSERT INTO api_requests (x) VALUES ('r')").run());
    expect(version()).toBe(before);
    db.prepare("INSERT INTO t (v) VALUES ('n')").run();
    expect(version()).not.toBe(before);
  });

  it('starts over when full', () => {
    const { db } = twoConnections();
    const memo = createReadMemo(db, { maxEntries: 2 });
    const view = memo.current();
    view.get('a', () => 1);
    view.get('b', () => 2);
    view.get('c', () => 3);
    expect(memo.stats().entries).toBe(1);
    expect(view.get('c', () => 99)).toBe(3);
  });
});
