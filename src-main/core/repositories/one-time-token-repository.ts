// One-time tokens kept in the database (migration 023): issue, redeem once, sweep. The caller hashes the token;
// this file never sees one. PostgreSQL: the same SQL.
import type { Db } from '../db/database';

export interface OneTimeTokenRepository {
  insert(row: { tokenHash: string; kind: string; value: string; expiresAt: number }): void;
  /** Deletes the row and answers it: of two callers (any processes) exactly one gets it. */
  redeem(tokenHash: string, kind: string): { value: string; expiresAt: number } | undefined;
  /** Drops every row of a kind whose value matches `matches` (read, then deleted by hash). */
  revokeWhere(kind: string, matches: (value: string) => boolean): number;
  sweep(now: number): number;
  count(kind: string): number;
}

export function createOneTimeTokenRepository(db: Db): OneTimeTokenRepository {
  const insert = db.prepare('INSERT INTO one_time_tokens (token_hash, kind, value, expires_at) VALUES (@tokenHash, @kind, @value, @expiresAt)');
  const redeem = db.prepare<[string, string], { value: string; expires_at: number }>(
    'DELETE FROM one_time_tokens WHERE token_hash = ? AND kind = ? RETURNING value, expires_at',
  );
  const ofKind = db.prepare<[string], { token_hash: string; value: string }>('SELECT token_hash, value FROM one_time_tokens WHERE kind = ?');
  const remove = db.prepare('DELETE FROM one_time_tokens WHERE token_hash = ?');
  const sweep = db.prepare('DELETE FROM one_time_tokens WHERE expires_at <= ?');
  const count = db.prepare<[string], number>('SELECT count(*) FROM one_time_tokens WHERE kind = ?').pluck();
  return {
    insert: (row) => void insert.run(row),
    redeem(tokenHash, kind) {
      const row = redeem.get(tokenHash, kind);
      return row && { value: row.value, expiresAt: row.expires_at };
    },
    revokeWhere: (kind, matches) =>
      db
        .transaction(() => {
          let removed = 0;
          for (const row of ofKind.all(kind)) if (matches(row.value)) removed += remove.run(row.token_hash).changes;
          return removed;
        })
        .immediate(),
    sweep: (now) => sweep.run(now).changes,
    count: (kind) => count.get(kind)!,
  };
}
