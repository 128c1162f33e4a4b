// This connection's writes as a number that moves with every row it changes — SQLite's total_changes() (rows
// inserted, updated or deleted by any statement, triggers included, committed or rolled back) — except the rows of
// writes declared apart: tables that no kept answer reads, written so often that counting them would make every kept
// answer stale (the API request log's batch every 25 ms while requests come in). The /admin list answer cache
// (server/admin/list-cache.ts) reads it beside PRAGMA data_version (other connections' commits).
//
// Declaring a write apart is a promise about what reads the table: only the API request log (api_requests) is, and
// no list answer reads it. The count is exact: JavaScript runs the work synchronously on this connection, so the
// changes between before and after are the work's own.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

interface Counter {
  totalChanges: Statement<[], number>;
  apart: number;
}

const counters = new WeakMap<Db, Counter>();

function counterOf(db: Db): Counter {
  let counter = counters.get(db);
  if (!counter) {
    counter = { totalChanges: db.prepare<[], number>('SELECT total_changes()').pluck(), apart: 0 };
    counters.set(db, counter);
  }
  return counter;
}

/** Rows this connection changed so far, without those written apart. */
export function countedChanges(db: Db): number {
  const counter = counterOf(db);
  return counter.totalChanges.get()! - counter.apart;
}

/** Runs `work` (writes to tables no kept answer reads) without moving countedChanges. */
export function writeApart<T>(db: Db, work: () => T): T {
  const counter = counterOf(db);
  const before = counter.totalChanges.get()!;
  try {
    return work();
  } finally {
    counter.apart += counter.totalChanges.get()! - before;
  }
}
