// Single-use, short-lived secrets. A token is 256 random bits; only its SHA-256 is kept as the key, so neither the
// map nor the table ever holds a usable secret, and a presented token is looked up by its hash (no comparison of
// secrets; a timing difference of the lookup could tell at most a prefix of a hash). `take` consumes: a token works
// once, before its expiry, and never again. Two stores behind one interface:
//  - in the database (`createStoredOneTimeTokens`, migration 023): what another process on the same data folder must
//    redeem — the OAuth consent tickets (authorization pages; a sign-in on one server, the decision on another).
//    Redeeming is one `DELETE ... RETURNING`: of two processes racing for a ticket exactly one gets it.
//  - in memory (`createOneTimeTokens`): what only the issuing process can ever redeem — the console's launch links
//    (they carry a callback into the browser host that issued them) and its embedded-app frame tickets (served by
//    that same host). Bounded (expired entries are swept, then the oldest go).
import { cryptoIds, type Ids } from '../ids';
import type { OneTimeTokenRepository } from '../repositories/one-time-token-repository';
import { hashSecret } from '../secrets/secret-hash';

export interface OneTimeTokens<T> {
  /** Issues a token for `value`, valid for `ttlMs`; returns the token (shown once, never stored). */
  issue(value: T, ttlMs: number): string;
  /** The value of a live token, consuming it; undefined when unknown, already used or expired. */
  take(token: string | null | undefined): T | undefined;
  /** Drops every token whose value matches (e.g. the tickets of a signed-out user). */
  revokeWhere(match: (value: T) => boolean): void;
  size(): number;
}

export function createOneTimeTokens<T>(options: { now: () => number; ids?: Ids; max?: number }): OneTimeTokens<T> {
  const { now } = options;
  const ids = options.ids ?? cryptoIds;
  const max = options.max ?? 1000;
  const entries = new Map<string, { value: T; expiresAt: number }>();

  function sweep(at: number): void {
    for (const [key, entry] of entries) if (entry.expiresAt <= at) entries.delete(key);
    while (entries.size >= max) entries.delete(entries.keys().next().value!);
  }

  return {
    issue(value, ttlMs) {
      const at = now();
      sweep(at);
      const token = ids.token(32);
      entries.set(hashSecret(token), { value, expiresAt: at + ttlMs });
      return token;
    },
    take(token) {
      if (!token) return undefined;
      const key = hashSecret(token);
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      return entry.expiresAt > now() ? entry.value : undefined;
    },
    revokeWhere(match) {
      for (const [key, entry] of entries) if (match(entry.value)) entries.delete(key);
    },
    size: () => entries.size,
  };
}

/** The database-backed store: the same operations, asynchronous (the data layer, db/data.ts). */
export interface StoredOneTimeTokens<T> {
  issue(value: T, ttlMs: number): Promise<string>;
  take(token: string | null | undefined): Promise<T | undefined>;
  revokeWhere(match: (value: T) => boolean): Promise<void>;
  size(): Promise<number>;
}

/**
 * One-time tokens in the database, shared by every process on the data folder (or every server on one PostgreSQL). Values are stored as JSON (plain
 * data only). Expired rows are swept at each issue (an index range); a ticket is issued only after a password
 * was checked (scrypt, ~0.3 s of CPU), which bounds how fast the table can grow.
 */
export function createStoredOneTimeTokens<T>(repo: OneTimeTokenRepository, options: { kind: string; now: () => number; ids?: Ids }): StoredOneTimeTokens<T> {
  const { kind, now } = options;
  const ids = options.ids ?? cryptoIds;
  return {
    async issue(value, ttlMs) {
      const at = now();
      await repo.sweep(at);
      const token = ids.token(32);
      await repo.insert({ tokenHash: hashSecret(token), kind, value: JSON.stringify(value), expiresAt: at + ttlMs });
      return token;
    },
    async take(token) {
      if (!token) return undefined;
      const row = await repo.redeem(hashSecret(token), kind);
      return row && row.expiresAt > now() ? (JSON.parse(row.value) as T) : undefined;
    },
    async revokeWhere(match) {
      await repo.revokeWhere(kind, (value) => match(JSON.parse(value) as T));
    },
    size: () => repo.count(kind),
  };
}
