// Reads kept while the database is unchanged (issue 22): the database's version — SQLite's `PRAGMA data_version`
// (moves when ANY other connection, of this process or another, commits) and this connection's countedChanges (every
// row it changed, committed or not, less the API request log's own rows: counted-changes.ts) — and a memo of read
// results that is valid only at the version it was filled at. The platform server's REST token check keeps the rows it
// reads (the token pair with its family and authorization, the user, the company) here; the /admin list answer cache
// (server/admin/list-cache.ts) reads the same version.
//
// Why it is exact: a kept value is a function of the database (the memo's callers read rows, no clock and no process
// state), and any write anyone can make moves the version, which empties the memo at the next `current()`. The
// version is read BEFORE the values are computed, so a value is never kept under a newer version than the one it was
// read at (a value read a moment later, from a newer commit, is kept under the older version and dropped at the next
// read of the version, which has moved).
import { countedChanges } from './counted-changes';
import type { Db } from './database';

/** The database's version as this connection sees it now (inside a transaction: its snapshot's). */
export function versionReader(db: Db): () => string {
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  return () => `${dataVersion.get()}:${countedChanges(db)}`;
}

export interface ReadMemoView {
  /** The value kept for `key` at this version, or `compute()`'s (then kept). */
  get<T>(key: string, compute: () => T): T;
}

export interface ReadMemo {
  /** Reads the database's version (once) and returns the memo valid at it. */
  current(): ReadMemoView;
  stats(): { hits: number; misses: number; entries: number };
}

export function createReadMemo(db: Db, options: { maxEntries?: number } = {}): ReadMemo {
  const maxEntries = options.maxEntries ?? 4096;
  const readVersion = versionReader(db);
  const kept = new Map<string, unknown>();
  let version = '';
  let hits = 0;
  let misses = 0;
  const view: ReadMemoView = {
    get<T>(key: string, compute: () => T): T {
      if (kept.has(key)) {
        hits += 1;
        return kept.get(key) as T;
      }
      misses += 1;
      const value = compute();
      // Unbounded keys (every token presented) must not grow the memo forever: start over when full.
      if (kept.size >= maxEntries) kept.clear();
      kept.set(key, value);
      return value;
    },
  };
  return {
    current() {
      const now = readVersion();
      if (now !== version) {
        kept.clear();
        version = now;
      }
      return view;
    },
    stats: () => ({ hits, misses, entries: kept.size }),
  };
}
