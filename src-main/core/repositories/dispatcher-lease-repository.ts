// The dispatcher's lease (migration 028, docs/architecture.md "The dispatcher's lease"): one row per lease name
// ('webhooks'), held by one dispatcher among every process of a data folder and, on PostgreSQL, every server of
// the database. Asynchronous, on the data layer (db/data.ts); each step is one conditional statement, so two
// servers racing never both win:
// - acquire: an upsert that replaces the row only when it expired or is already this holder's;
// - the process-gone shortcut: a holder on this very machine whose process is gone is replaced at once, by an
//   UPDATE conditional on that holder still holding it (another process standing by may have been faster);
// - renew: pushes `expires_at` on only while this holder holds it; release: deletes only this holder's row.
// Times are real epoch milliseconds, never platform time (moving the platform clock must not hand the lease
// around). On SQLite every process shares one machine's clock and passes it (`now`); on PostgreSQL the database
// server's clock is used (`clock_timestamp()` in the statement), so skew between servers cannot expire a lease early.
import type { Db } from '../db/database';
import { statement, type Database, type StatementBuilder } from '../db/data';

export interface LeaseHolder {
  holder: string;
  /** The machine it runs on (machine id or host name). */
  host: string;
  pid: number;
  /** Real epoch ms (the database server's on PostgreSQL). */
  expiresAt: number;
}

export interface LeaseClaim {
  name: string;
  holder: string;
  host: string;
  pid: number;
  ttlMs: number;
  /** Real time on SQLite; ignored on PostgreSQL (the server's clock). */
  now: number;
}

export interface DispatcherLeaseRepository {
  /**
   * Takes the lease when it is free, expired, already this holder's, or held by a process of this machine that
   * `isGone` says has ended; false when another holds it.
   */
  acquire(claim: LeaseClaim, isGone: (holder: LeaseHolder) => boolean): Promise<boolean>;
  /** Pushes the expiry on; false when another holder has it now (this one must stand by). */
  renew(name: string, holder: string, ttlMs: number, now: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
  /** The current holder and the database's time, or undefined when nobody holds it. */
  read(name: string, now: number): Promise<(LeaseHolder & { now: number }) | undefined>;
}

/** The time statements compare with: the database server's on PostgreSQL, the caller's real time on SQLite. */
const timeOf = ({ sql, dialect }: StatementBuilder, now: number) => (dialect === 'postgres' ? sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint` : sql<number>`${now}`);

type Row = { holder: string; host: string; pid: number; expires_at: number; now: number };

const read = statement('dispatcherLease.read', (b, name: string, now: number) =>
  b.sql<Row>`SELECT holder, host, pid, expires_at, ${timeOf(b, now)} AS now FROM dispatcher_lease WHERE name = ${name}`,
);
const claim = statement('dispatcherLease.claim', (b, name: string, holder: string, host: string, pid: number, ttlMs: number, now: number) =>
  b.sql`INSERT INTO dispatcher_lease (name, holder, host, pid, expires_at) VALUES (${name}, ${holder}, ${host}, ${pid}, ${timeOf(b, now)} + ${ttlMs})
     ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, host = excluded.host, pid = excluded.pid, expires_at = excluded.expires_at
     WHERE dispatcher_lease.expires_at <= ${timeOf(b, now)} OR dispatcher_lease.holder = excluded.holder`,
);
const takeFrom = statement('dispatcherLease.takeFrom', (b, name: string, gone: string, holder: string, host: string, pid: number, ttlMs: number, now: number) =>
  b.sql`UPDATE dispatcher_lease SET holder = ${holder}, host = ${host}, pid = ${pid}, expires_at = ${timeOf(b, now)} + ${ttlMs} WHERE name = ${name} AND holder = ${gone}`,
);
const renew = statement('dispatcherLease.renew', (b, name: string, holder: string, ttlMs: number, now: number) =>
  b.sql`UPDATE dispatcher_lease SET expires_at = ${timeOf(b, now)} + ${ttlMs} WHERE name = ${name} AND holder = ${holder}`,
);
const release = statement('dispatcherLease.release', ({ sql }, name: string, holder: string) => sql`DELETE FROM dispatcher_lease WHERE name = ${name} AND holder = ${holder}`);

const holderOf = (row: Row): LeaseHolder & { now: number } => ({ holder: row.holder, host: row.host, pid: row.pid, expiresAt: row.expires_at, now: row.now });

export function createDispatcherLeaseRepository(data: Database): DispatcherLeaseRepository {
  return {
    async acquire(c, isGone) {
      const current = await data.one(read, c.name, c.now);
      if (current && current.holder !== c.holder && current.expires_at > current.now && current.host === c.host && isGone(holderOf(current))) {
        if ((await data.run(takeFrom, c.name, current.holder, c.holder, c.host, c.pid, c.ttlMs, c.now)).changes === 1) return true;
      }
      return (await data.run(claim, c.name, c.holder, c.host, c.pid, c.ttlMs, c.now)).changes === 1;
    },
    renew: async (name, holder, ttlMs, now) => (await data.run(renew, name, holder, ttlMs, now)).changes === 1,
    release: async (name, holder) => void (await data.run(release, name, holder)),
    async read(name, now) {
      const row = await data.one(read, name, now);
      return row && holderOf(row);
    },
  };
}

const syncReads = new WeakMap<Db, (name: string) => LeaseHolder | undefined>();

/**
 * The holder of a data folder's lease, read at once on its SQLite connection: for the messages that name the process
 * holding a folder (`folderHolder`, `dispatcherPid`), asked by synchronous code (seeding, snapshots). A data folder
 * is SQLite; on PostgreSQL `read` is the way.
 */
export function readFolderLease(db: Db, name: string): LeaseHolder | undefined {
  let reader = syncReads.get(db);
  if (!reader) {
    const select = db.prepare<[string], Row>('SELECT holder, host, pid, expires_at FROM dispatcher_lease WHERE name = ?');
    reader = (leaseName) => {
      const row = select.get(leaseName);
      return row && { holder: row.holder, host: row.host, pid: row.pid, expiresAt: row.expires_at };
    };
    syncReads.set(db, reader);
  }
  return reader(name);
}
