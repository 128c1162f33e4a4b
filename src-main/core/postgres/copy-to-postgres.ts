// `partnerdeck migrate` (docs/team-server.md "Moving a data folder in"): a data folder's SQLite database copied
// into an EMPTY PostgreSQL database, in ONE transaction — the schema (every migration's PostgreSQL form, recorded
// in schema_migrations), then every table in foreign-key order with its ids, in multi-row INSERT batches; the
// identity sequences set past the largest id (and past SQLite's AUTOINCREMENT high-water mark, so an id is never
// given twice); then the row count of every table and a checksum of every money column compared on both sides
// before COMMIT. Sealed secrets are copied as they are (what opens them is the folder's key file: the report counts
// them by the store that sealed them); the clock offset is a settings row and moves with it.
// The SQLite file is held for the whole copy: taken out of WAL mode at once (refused while another process has the
// folder open, core/db/exclusive-access.ts) and read in one read transaction, then put back into WAL mode.
import Database from 'better-sqlite3';
import { ApiError } from '../../../src-shared/api/errors';
import { folderInUseError, leaveWalAtOnce } from '../db/exclusive-access';
import type { Migration } from '../db/migrations';
import { KEY_FILE_SEAL_PREFIX, OS_KEYCHAIN_SEAL_PREFIX } from '../secrets/secret-store';
import { connectPostgres, displayUrl, type PostgresClient } from './postgres-connection';
import { migrateWithinTransaction } from './postgres-migrate';

export interface CopyOptions {
  databasePath: string;
  url: URL;
  migrations: readonly Migration[];
  /** Who is known to hold the folder (the dispatcher's pid), for the refusal. */
  holder?: () => string | null;
  /** Called after each table: its name, the rows copied so far in all tables, and the rows in all tables. */
  onProgress?: (table: string, copied: number, total: number) => void;
  now?: () => number;
}

export interface TableCount {
  table: string;
  sqlite: number;
  postgres: number;
  /** Sum of the table's money columns (`*_minor`) on each side, null when it has none. */
  moneySqlite: string | null;
  moneyPostgres: string | null;
}

export interface CopyReport {
  url: string;
  tables: TableCount[];
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** Sealed secrets copied, by the store that sealed them. */
  secrets: { keyFile: number; osKeychain: number };
  clockOffsetMs: number;
  schemaVersion: number;
}

/** How many rows one INSERT carries: PostgreSQL takes at most 65,535 parameters per statement. */
function batchRowsFor(columns: number): number {
  return Math.max(1, Math.min(1000, Math.floor(65_535 / columns)));
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface TablePlan {
  name: string;
  columns: string[];
  money: string[];
  sealed: string[];
  identity: boolean;
  /** A column referencing the table itself (companies.partner_id): rows go parents first. */
  selfReference: string | null;
}

function planTables(db: Database.Database): TablePlan[] {
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name").pluck().all() as string[];
  const plans = new Map<string, TablePlan & { parents: string[] }>();
  for (const name of names) {
    const info = db.prepare(`PRAGMA table_info(${quote(name)})`).all() as { name: string; type: string; pk: number }[];
    const fks = db.prepare(`PRAGMA foreign_key_list(${quote(name)})`).all() as { table: string; from: string }[];
    const pk = info.filter((c) => c.pk > 0);
    plans.set(name, {
      name,
      columns: info.map((c) => c.name),
      money: info.filter((c) => c.name.endsWith('_minor')).map((c) => c.name),
      sealed: info.filter((c) => c.name.endsWith('_sealed')).map((c) => c.name),
      identity: pk.length === 1 && pk[0].name === 'id' && pk[0].type.toUpperCase() === 'INTEGER',
      selfReference: fks.find((f) => f.table === name)?.from ?? null,
      parents: [...new Set(fks.map((f) => f.table).filter((t) => t !== name))],
    });
  }
  // Parents before children (a cycle between two tables would need deferred constraints: there is none today).
  const ordered: TablePlan[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`the tables ${[...path, name].join(' -> ')} reference each other in a cycle`);
    state.set(name, 'visiting');
    const plan = plans.get(name)!;
    for (const parent of plan.parents) if (plans.has(parent)) visit(parent, [...path, name]);
    state.set(name, 'done');
    ordered.push(plan);
  };
  for (const name of names) visit(name, []);
  return ordered;
}

/** Rows of a self-referencing table in an order where every referenced row comes first. */
function parentsFirst(rows: unknown[][], idIndex: number, parentIndex: number): unknown[][] {
  const byId = new Map(rows.map((row) => [row[idIndex], row]));
  const placed = new Set<unknown>();
  const out: unknown[][] = [];
  const place = (row: unknown[], depth: number) => {
    if (placed.has(row[idIndex])) return;
    const parent = row[parentIndex];
    if (parent !== null && parent !== row[idIndex] && byId.has(parent) && depth < rows.length) place(byId.get(parent)!, depth + 1);
    placed.add(row[idIndex]);
    out.push(row);
  };
  for (const row of rows) place(row, 0);
  return out;
}

/** What the empty database already has (tables, views, sequences, functions, types), named; [] when empty. */
export async function existingObjects(client: PostgresClient): Promise<string[]> {
  const { rows } = await client.query<{ what: string }>(`
    SELECT what FROM (
      SELECT CASE WHEN c.relkind IN ('r', 'p') THEN 1 WHEN c.relkind IN ('v', 'm') THEN 2 ELSE 3 END AS rank,
             CASE WHEN c.relkind IN ('r', 'p') THEN 'table ' WHEN c.relkind IN ('v', 'm') THEN 'view ' WHEN c.relkind = 'S' THEN 'sequence ' ELSE 'relation ' END
               || n.nspname || '.' || c.relname AS what
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
      UNION ALL
      SELECT 4, 'function ' || n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    ) found ORDER BY rank, what`);
  return rows.map((r) => r.what);
}

export async function copyFolderToPostgres(options: CopyOptions): Promise<CopyReport> {
  const started = performance.now();
  const db = new Database(options.databasePath, { fileMustExist: true });
  try {
    if (!leaveWalAtOnce(db)) throw folderInUseError(options.holder?.() ?? null, 'run `partnerdeck migrate` again', 'Nothing was copied.');
    try {
      // One read transaction for the whole copy: a consistent state, and no other process can write meanwhile.
      db.exec('BEGIN');
      try {
        return await copyWithin(db, options, started);
      } finally {
        db.exec('ROLLBACK');
      }
    } finally {
      db.pragma('journal_mode = WAL');
    }
  } finally {
    db.close();
  }
}

async function copyWithin(db: Database.Database, options: CopyOptions, started: number): Promise<CopyReport> {
  const plans = planTables(db);
  const counts = new Map(plans.map((p) => [p.name, db.prepare(`SELECT COUNT(*) FROM ${quote(p.name)}`).pluck().get() as number]));
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const client = await connectPostgres(options.url);
  try {
    const found = await existingObjects(client);
    if (found.length > 0) {
      const shown = found.slice(0, 5).join(', ') + (found.length > 5 ? ` and ${found.length - 5} more` : '');
      throw new ApiError('conflict', `The database ${displayUrl(options.url)} is not empty (it has ${shown}): \`partnerdeck migrate\` copies only into an empty database. Create a new one (createdb NAME) and name it in --to. Nothing was copied.`, {
        reason: 'database_not_empty',
      });
    }
    await client.query('BEGIN');
    try {
      await migrateWithinTransaction(client, options.migrations, options.now);
      let copied = 0;
      for (const plan of plans) {
        copied += await copyTable(db, client, plan);
        options.onProgress?.(plan.name, copied, total);
      }
      await setSequences(db, client, plans);
      const tables = await verify(db, client, plans, counts);
      const wrong = tables.filter((t) => t.sqlite !== t.postgres || t.moneySqlite !== t.moneyPostgres);
      if (wrong.length > 0) {
        throw new Error(`the copy does not match the folder in ${wrong.map((t) => `${t.table} (${t.sqlite} rows, ${t.postgres} copied${t.moneySqlite !== t.moneyPostgres ? `; money ${t.moneySqlite} vs ${t.moneyPostgres}` : ''})`).join(', ')}: nothing was kept`);
      }
      await client.query('COMMIT');
      const seconds = (performance.now() - started) / 1000;
      return {
        url: displayUrl(options.url),
        tables,
        rows: total,
        seconds,
        rowsPerSecond: Math.round(total / seconds),
        secrets: countSecrets(db, plans),
        clockOffsetMs: Number((db.prepare("SELECT value FROM settings WHERE key = 'clock.offset_ms'").pluck().get() as string | undefined) ?? 0),
        schemaVersion: Math.max(0, ...options.migrations.map((m) => m.id)),
      };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function copyTable(db: Database.Database, client: PostgresClient, plan: TablePlan): Promise<number> {
  const columns = plan.columns.map(quote).join(', ');
  const batchRows = batchRowsFor(plan.columns.length);
  const width = plan.columns.length;
  const insertOf = (rows: number) => {
    const groups: string[] = [];
    for (let r = 0; r < rows; r++) groups.push(`(${plan.columns.map((_c, i) => `$${r * width + i + 1}`).join(', ')})`);
    return `INSERT INTO ${quote(plan.name)} (${columns}) VALUES ${groups.join(', ')}`;
  };
  const fullBatch = insertOf(batchRows);
  const select = db.prepare(`SELECT ${columns} FROM ${quote(plan.name)}${plan.identity ? ' ORDER BY id' : ''}`).raw(true);
  const rows: Iterable<unknown[]> =
    plan.selfReference && plan.identity
      ? parentsFirst(select.all() as unknown[][], plan.columns.indexOf('id'), plan.columns.indexOf(plan.selfReference))
      : (select.iterate() as Iterable<unknown[]>);
  let batch: unknown[] = [];
  let inBatch = 0;
  let copied = 0;
  const flush = async () => {
    if (inBatch === 0) return;
    // The full batch is a named statement: parsed and planned once per table, not per batch.
    await client.query(inBatch === batchRows ? { name: `copy_${plan.name}`, text: fullBatch, values: batch } : { text: insertOf(inBatch), values: batch });
    copied += inBatch;
    batch = [];
    inBatch = 0;
  };
  for (const row of rows) {
    for (const value of row) batch.push(value);
    if (++inBatch === batchRows) await flush();
  }
  await flush();
  return copied;
}

/** Every identity column's sequence past the largest id and SQLite's AUTOINCREMENT high-water mark. */
async function setSequences(db: Database.Database, client: PostgresClient, plans: readonly TablePlan[]): Promise<void> {
  const hasSequences = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get() !== undefined;
  const seqOf = hasSequences ? db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck() : null;
  for (const plan of plans.filter((p) => p.identity)) {
    const maxId = (db.prepare(`SELECT MAX(id) FROM ${quote(plan.name)}`).pluck().get() as number | null) ?? 0;
    const next = Math.max(maxId, (seqOf?.get(plan.name) as number | undefined) ?? 0);
    if (next > 0) await client.query('SELECT setval(pg_get_serial_sequence($1, $2), $3)', [quote(plan.name), 'id', next]);
  }
}

async function verify(db: Database.Database, client: PostgresClient, plans: readonly TablePlan[], counts: Map<string, number>): Promise<TableCount[]> {
  const out: TableCount[] = [];
  for (const plan of plans) {
    const sum = plan.money.length ? plan.money.map((c) => `COALESCE(SUM(${quote(c)}), 0)`).join(' + ') : null;
    const lite = sum ? String(db.prepare(`SELECT ${sum} FROM ${quote(plan.name)}`).safeIntegers(true).pluck().get()) : null;
    const { rows } = await client.query<{ n: string; money: string | null }>(`SELECT COUNT(*)::text AS n, ${sum ? `(${sum})::text` : 'NULL'} AS money FROM ${quote(plan.name)}`);
    out.push({ table: plan.name, sqlite: counts.get(plan.name)!, postgres: Number(rows[0].n), moneySqlite: lite, moneyPostgres: rows[0].money });
  }
  return out;
}

function countSecrets(db: Database.Database, plans: readonly TablePlan[]): CopyReport['secrets'] {
  const secrets = { keyFile: 0, osKeychain: 0 };
  for (const plan of plans) {
    for (const column of plan.sealed) {
      const count = (prefix: string) => db.prepare(`SELECT COUNT(*) FROM ${quote(plan.name)} WHERE substr(${quote(column)}, 1, ${prefix.length}) = ?`).pluck().get(prefix) as number;
      secrets.keyFile += count(KEY_FILE_SEAL_PREFIX);
      secrets.osKeychain += count(OS_KEYCHAIN_SEAL_PREFIX);
    }
  }
  return secrets;
}
