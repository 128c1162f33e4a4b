// The sessions of a team server's console (migration 026); the rules (idle and absolute expiry, only hashes) are
// services/team-sessions-service.ts's. On the asynchronous data layer (db/data.ts): the same SQL on SQLite and
// PostgreSQL, written once as steps (db/steps.ts) and run awaited on either database (`createTeamSessionsRepository`)
// or at once on SQLite (`createTeamSessionsRepositoryNow`): the service's `resolve` answers the team console's
// synchronous `consoleOf` (host/browser-host.ts), so the service stays synchronous until that does.
import type { Database } from '../db/data';
import { all, atOnce, awaiting, one, run, type AtOnce, type Awaiting, type Step } from '../db/steps';
import { textStatement } from '../db/text-statements';

export interface TeamSessionRow {
  tokenHash: string;
  userId: number;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  clientAddress: string;
}

export interface TeamSessionsSteps {
  insert(row: TeamSessionRow): Step<void>;
  get(tokenHash: string): Step<TeamSessionRow | undefined>;
  /** Moves `last_seen_at` forward (never back: two servers touching at once keep the later). */
  touch(tokenHash: string, lastSeenAt: number): Step<void>;
  remove(tokenHash: string): Step<boolean>;
  removeOfUser(userId: number): Step<number>;
  /** Deletes sessions past their absolute expiry or idle since before `idleBefore`. */
  sweep(now: number, idleBefore: number): Step<number>;
  count(): Step<number>;
}

/** Awaited, on either database. */
export type TeamSessionsRepository = Awaiting<TeamSessionsSteps>;
/** At once, on SQLite only (what the synchronous service uses). */
export type TeamSessionsRepositoryNow = AtOnce<TeamSessionsSteps>;

const insert = textStatement(
  'teamSessions.insert',
  `INSERT INTO team_sessions (token_hash, user_id, created_at, last_seen_at, expires_at, client_address)
     VALUES (@tokenHash, @userId, @createdAt, @lastSeenAt, @expiresAt, @clientAddress)`,
);
const get = textStatement<{ token_hash: string; user_id: number; created_at: number; last_seen_at: number; expires_at: number; client_address: string }>(
  'teamSessions.get',
  'SELECT token_hash, user_id, created_at, last_seen_at, expires_at, client_address FROM team_sessions WHERE token_hash = ?',
);
const touch = textStatement('teamSessions.touch', 'UPDATE team_sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?');
const remove = textStatement('teamSessions.remove', 'DELETE FROM team_sessions WHERE token_hash = ?');
const removeOfUser = textStatement('teamSessions.removeOfUser', 'DELETE FROM team_sessions WHERE user_id = ?');
const sweep = textStatement('teamSessions.sweep', 'DELETE FROM team_sessions WHERE expires_at <= ? OR last_seen_at < ?');
// `AS n`: the synchronous form plucked the one column; a row needs a name for it.
const count = textStatement<{ n: number }>('teamSessions.count', 'SELECT count(*) AS n FROM team_sessions');

const steps: TeamSessionsSteps = {
  *insert(row) {
    yield* run(insert, row as unknown as Readonly<Record<string, unknown>>);
  },
  *get(tokenHash) {
    const row = yield* one(get, [tokenHash]);
    return row && { tokenHash: row.token_hash, userId: row.user_id, createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at, clientAddress: row.client_address };
  },
  *touch(tokenHash, lastSeenAt) {
    yield* run(touch, [lastSeenAt, tokenHash, lastSeenAt]);
  },
  *remove(tokenHash) {
    return (yield* run(remove, [tokenHash])).changes > 0;
  },
  *removeOfUser(userId) {
    return (yield* run(removeOfUser, [userId])).changes;
  },
  *sweep(now, idleBefore) {
    return (yield* run(sweep, [now, idleBefore])).changes;
  },
  *count() {
    return (yield* all(count))[0].n;
  },
};

export function createTeamSessionsRepository(data: Database): TeamSessionsRepository {
  return awaiting(steps, data);
}

export function createTeamSessionsRepositoryNow(data: Database): TeamSessionsRepositoryNow {
  return atOnce(steps, data, 'teamSessions');
}
