// Single-use, short-lived secrets kept in a server's memory: the console's launch links and its embedded-app
// frame tickets (browser host), the OAuth consent tickets (authorization pages). A token is 256 random bits; only
// its SHA-256 is kept as the key, so the map never holds a usable secret. `take` consumes: a token works once,
// before its expiry, and never again. The map is bounded (expired entries are swept, then the oldest go).
import { cryptoIds, type Ids } from '../ids';
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
