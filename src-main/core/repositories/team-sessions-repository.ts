// The sessions of a team server's console (migration 026); the rules (idle and absolute expiry, only hashes) are
// services/team-sessions-service.ts's. PostgreSQL: the same SQL (`DELETE ... RETURNING` is native there too).
import type { Db } from '../db/database';

export interface TeamSessionRow {
  tokenHash: string;
  userId: number;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  clientAddress: string;
}

export interface TeamSessionsRepository {
  insert(row: TeamSessionRow): void;
  get(tokenHash: string): TeamSessionRow | undefined;
  /** Moves `last_seen_at` forward (never back: two servers touching at once keep the later). */
  touch(tokenHash: string, lastSeenAt: number): void;
  remove(tokenHash: string): boolean;
  removeOfUser(userId: number): number;
  /** Deletes sessions past their absolute expiry or idle since before `idleBefore`. */
  sweep(now: number, idleBefore: number): number;
  count(): number;
}

export function createTeamSessionsRepository(db: Db): TeamSessionsRepository {
  const insert = db.prepare(
    `INSERT INTO team_sessions (token_hash, user_id, created_at, last_seen_at, expires_at, client_address)
     VALUES (@tokenHash, @userId, @createdAt, @lastSeenAt, @expiresAt, @clientAddress)`,
  );
  const get = db.prepare<[string], { token_hash: string; user_id: number; created_at: number; last_seen_at: number; expires_at: number; client_address: string }>(
    'SELECT token_hash, user_id, created_at, last_seen_at, expires_at, client_address FROM team_sessions WHERE token_hash = ?',
  );
  const touch = db.prepare('UPDATE team_sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?');
  const remove = db.prepare('DELETE FROM team_sessions WHERE token_hash = ?');
  const removeOfUser = db.prepare('DELETE FROM team_sessions WHERE user_id = ?');
  const sweep = db.prepare('DELETE FROM team_sessions WHERE expires_at <= ? OR last_seen_at < ?');
  const count = db.prepare<[], number>('SELECT count(*) FROM team_sessions').pluck();
  return {
    insert: (row) => void insert.run(row),
    get(tokenHash) {
      const row = get.get(tokenHash);
      return row && { tokenHash: row.token_hash, userId: row.user_id, createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at, clientAddress: row.client_address };
    },
    touch: (tokenHash, lastSeenAt) => void touch.run(lastSeenAt, tokenHash, lastSeenAt),
    remove: (tokenHash) => remove.run(tokenHash).changes > 0,
    removeOfUser: (userId) => removeOfUser.run(userId).changes,
    sweep: (now, idleBefore) => sweep.run(now, idleBefore).changes,
    count: () => count.get()!,
  };
}
