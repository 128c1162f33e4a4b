// Transactions around synchronous work (core/db/transactions.ts), their function built once per connection: an
// IMMEDIATE one commits the work's writes together or not at all and takes the write lock at BEGIN (a second
// connection cannot write meanwhile), a nested call is a savepoint of the outer transaction, no wrapper is built per
// call; a read transaction sees one snapshot (another connection's commit meanwhile is not seen until it ends).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../../../src-main/core/db/database';
import { immediateTransaction, readTransaction } from '../../../../../src-main/core/db/transactions';
import { tempDir } from '../../../../helpers/platform';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

function open() {
  const dir = tempDir();
  const file = join(dir.path, 'tx.sqlite');
  const db = openDatabase(file, { migrations: [] });
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const other = new Database(file);
  other.pragma('busy_timeout = 0');
  cleanup.push(() => other.close(), () => db.close(), () => dir.remove());
  return { db, other };
}

describe('immediateTransaction', () => {
  it('commits the work’s writes together, rolls them back when it throws, and holds the write lock from the start', () => {
    const { db, other } = open();
    const count = () => db.prepare('SELECT count(*) FROM t').pluck().get();
    expect(immediateTransaction(db, () => {
      db.prepare("INSERT INTO t (v) VALUES ('a')").run();
      // Nothing written yet by this work, and still another connection cannot write: BEGIN IMMEDIATE.
      expect(() => other.prepare("INSERT INTO t (v) VALUES ('x')").run()).toThrow(/locked|busy/i);
      return 'done';
    })).toBe('done');
    expect(count()).toBe(1);
    expect(() => immediateTransaction(db, () => {
      db.prepare("INSERT INTO t (v) VALUES ('b')").run();
      throw new Error('no');
    })).toThrow('no');
    expect(count()).toBe(1);
  });

  it('is a savepoint inside an open transaction, and builds its transaction function once per connection', () => {
    const { db } = open();
    const built = vi.spyOn(db, 'transaction');
    immediateTransaction(db, () => {
      db.prepare("INSERT INTO t (v) VALUES ('outer')").run();
      expect(() => immediateTransaction(db, () => {
        db.prepare("INSERT INTO t (v) VALUES ('inner')").run();
        throw new Error('inner fails');
      })).toThrow('inner fails');
    });
    for (let i = 0; i < 3; i++) immediateTransaction(db, () => db.prepare("INSERT INTO t (v) VALUES ('again')").run());
    expect(db.prepare('SELECT v FROM t ORDER BY id').pluck().all()).toEqual(['outer', 'again', 'again', 'again']);
    expect(built.mock.calls.length).toBeLessThanOrEqual(1);
  });

  it('reads one snapshot in a read transaction', () => {
    const { db, other } = open();
    const count = () => db.prepare('SELECT count(*) FROM t').pluck().get();
    const seen = readTransaction(db, () => {
      const before = count();
      other.prepare("INSERT INTO t (v) VALUES ('x')").run();
      return [before, count()];
    });
    expect(seen).toEqual([0, 0]);
    expect(count()).toBe(1);
  });
});
