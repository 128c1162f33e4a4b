// One-time tokens kept in the database (migration 023): issue, redeem once, sweep. The caller hashes the token;
// this file never sees one. Asynchronous, on the data layer (db/data.ts): the same SQL on SQLite and PostgreSQL
// (DELETE … RETURNING is native in both).
import { statement, type Database } from '../db/data';

export interface OneTimeTokenRepository {
  insert(row: { tokenHash: string; kind: string; value: string; expiresAt: number }): Promise<void>;
  /** Deletes the row and answers it: of two callers (any processes) exactly one gets it. */
  redeem(tokenHash: string, kind: string): Promise<{ value: string; expiresAt: number } | undefined>;
  /** Drops every row of a kind whose value matches `matches` (read, then deleted by hash, in one transaction). */
  revokeWhere(kind: string, matches: (value: string) => boolean): Promise<number>;
  sweep(now: number): Promise<number>;
  count(kind: string): Promise<number>;
}

const insert = statement('oneTimeTokens.insert', ({ sql }, tokenHash: string, kind: string, value: string, expiresAt: number) =>
  sql`INSERT INTO one_time_tokens (token_hash, kind, value, expires_at) VALUES (${tokenHash}, ${kind}, ${value}, ${expiresAt})`,
);
const redeem = statement('oneTimeTokens.redeem', ({ sql }, tokenHash: string, kind: string) =>
  sql<{ value: string; expires_at: number }>`DELETE FROM one_time_tokens WHERE token_hash = ${tokenHash} AND kind = ${kind} RETURNING value, expires_at`,
);
const ofKind = statement('oneTimeTokens.ofKind', ({ sql }, kind: string) => sql<{ token_hash: string; value: string }>`SELECT token_hash, value FROM one_time_tokens WHERE kind = ${kind}`);
const remove = statement('oneTimeTokens.remove', ({ sql }, tokenHash: string) => sql`DELETE FROM one_time_tokens WHERE token_hash = ${tokenHash}`);
const sweep = statement('oneTimeTokens.sweep', ({ sql }, now: number) => sql`DELETE FROM one_time_tokens WHERE expires_at <= ${now}`);
const count = statement('oneTimeTokens.count', ({ sql }, kind: string) => sql<{ n: number }>`SELECT count(*) AS n FROM one_time_tokens WHERE kind = ${kind}`);

export function createOneTimeTokenRepository(data: Database): OneTimeTokenRepository {
  return {
    insert: async (row) => void (await data.run(insert, row.tokenHash, row.kind, row.value, row.expiresAt)),
    async redeem(tokenHash, kind) {
      const row = await data.one(redeem, tokenHash, kind);
      return row && { value: row.value, expiresAt: row.expires_at };
    },
    revokeWhere: (kind, matches) =>
      data.transaction(async () => {
        let removed = 0;
        for (const row of await data.all(ofKind, kind)) if (matches(row.value)) removed += (await data.run(remove, row.token_hash)).changes;
        return removed;
      }),
    sweep: async (now) => (await data.run(sweep, now)).changes,
    count: async (kind) => (await data.one(count, kind))!.n,
  };
}
