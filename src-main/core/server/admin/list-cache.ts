// The answer cache of /admin list reads (issue 22): a list page's JSON text, Link header and ETag, kept per
// (resource, company, user, the token's scopes, the query without access_token, the server's origin) and valid only
// while the database has not changed at all. What stays per request is everything around the answer: the token
// check (looked up, expiry read from the clock service, revocation, the user still seeing the company, the scope),
// the rate limit, the API request log and the headers — those run before the cache is asked (rest-kit's route
// wrapper, the router).
//
// Why it is sound: a list answer is a function of the database and the key (the shop services' lists read no clock
// and no process state: their access checks read the user, company and relation rows). The database's version is
// two counters read at each request: SQLite's `PRAGMA data_version` (moves when ANY other connection, of this
// process or another, commits) and `total_changes()` (every row this connection inserted, changed or deleted, in any
// statement or trigger, committed or not; less the API request log's own rows, which no list reads:
// db/counted-changes.ts) — together every write anyone can make to what a list reads. An answer computed at another
// version is never served: a changed version drops every kept answer. On PostgreSQL (no such counters) nothing is
// cached. A new answer is computed in one read transaction with the version read inside it, so it is stored under the
// version of the snapshot it was read from; a kept answer is served after one statement reads the version (no read
// transaction around the request: the token check reads kept rows too, db/read-memo.ts).
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Db } from '../../db/database';
import { versionReader } from '../../db/read-memo';

export interface ListAnswer {
  /** The JSON body as sent (UTF-8, encoded once). */
  body: Buffer;
  /** The Link header (next/previous pages), if any. */
  link: string | undefined;
  /** Strong validator of the body (RFC 9110 §8.8.3), quoted. */
  etag: string;
}

export interface ListCacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
}

export interface ListCache {
  /**
   * The answer for `key` at the database's current version: the kept one (one statement reads the version), or
   * `compute()`'s (then kept), computed in one read transaction with a second reading of the version (one snapshot).
   */
  answer(key: string, compute: () => { body: Buffer; link: string | undefined }): ListAnswer;
  stats(): ListCacheStats;
}

export interface ListCacheOptions {
  /** Kept answers at most (least recently used go first; default 512). */
  maxEntries?: number;
  /** Bytes of kept bodies at most (default 32 MB). */
  maxBytes?: number;
}

/** A strong ETag of a body: SHA-256, base64url, the first 27 characters (160 bits). */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Whether the request's If-None-Match names this ETag (weak comparison, RFC 9110 §13.1.2: W/ ignored; * matches). */
export function notModified(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return (t.startsWith('W/') ? t.slice(2) : t) === etag;
  });
}

export function createListCache(db: Db, options: ListCacheOptions = {}): ListCache {
  const maxEntries = options.maxEntries ?? 512;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const readVersion = versionReader(db);
  const entries = new Map<string, ListAnswer>();
  let version = '';
  let bytes = 0;
  let hits = 0;
  let misses = 0;

  const forget = (key: string, entry: ListAnswer) => {
    entries.delete(key);
    bytes -= entry.body.length;
  };

  const kept = (key: string): ListAnswer | undefined => {
    const answer = entries.get(key);
    if (!answer) return undefined;
    hits += 1;
    // Most recently used last.
    entries.delete(key);
    entries.set(key, answer);
    return answer;
  };
  const lookUp = (key: string, compute: () => { body: Buffer; link: string | undefined }): ListAnswer => {
    // Inside the read transaction: data_version is the snapshot's, countedChanges this connection's writes so far.
    const now = readVersion();
    if (now !== version) {
      entries.clear();
      bytes = 0;
      version = now;
    }
    const cached = kept(key);
    if (cached) return cached;
    misses += 1;
    const { body, link } = compute();
    const answer: ListAnswer = { body, link, etag: etagOf(body) };
    // What the list itself wrote (nothing today) would make the answer older than the version it was read at.
    if (readVersion() !== version || body.length > maxBytes / 4) return answer;
    entries.set(key, answer);
    bytes += body.length;
    for (const [oldKey, old] of entries) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      forget(oldKey, old);
    }
    return answer;
  };
  const inSnapshot = db.transaction(lookUp);

  return {
    answer(key, compute) {
      if (db.inTransaction) return lookUp(key, compute);
      // A kept answer needs no read transaction of its own: reading the version is one statement (its own snapshot),
      // and the answer was read at that version. Anything else is computed in one snapshot.
      if (entries.has(key) && readVersion() === version) return kept(key)!;
      return inSnapshot.deferred(key, compute);
    },
    stats: () => ({ hits, misses, entries: entries.size, bytes }),
  };
}
