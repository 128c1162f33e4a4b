// SQL for deleting a company with its data (issue 23 row 2, the `companies` scope's DELETE). Which rows belong
// to a company is read from the schema itself: every row that reaches `companies(id)` through a chain of
// foreign keys without an ON DELETE action goes, children first, so a table a future area adds is covered
// without being listed here. Edges that carry an action (CASCADE, SET NULL) are left to SQLite. The
// blockers (documents, orders, clients, apps used elsewhere) are the platform's rules and are checked first.
import type { Db } from '../db/database';

export interface CompanyErasureBlockers {
  /** Billing documents the company issued or received (kept for billing: never deleted). */
  documents: number;
  orders: number;
  /** Companies the company manages as their partner. */
  activeClients: number;
  /** Active authorizations or installs of the company's own apps in other companies. */
  appsInUseElsewhere: number;
}

export interface CompanyErasureRepository {
  blockers(companyId: number): CompanyErasureBlockers;
  /** Deletes the company and every row that depends on it; call inside a write transaction. Returns rows deleted per table. */
  erase(companyId: number): Record<string, number>;
}

interface ForeignKey {
  /** The table holding the reference. */
  table: string;
  column: string;
  /** The referenced table and column. */
  parent: string;
  parentColumn: string;
  onDelete: string;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function foreignKeys(db: Db): ForeignKey[] {
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all()
    .map((row) => row.name);
  const keys: ForeignKey[] = [];
  for (const table of tables) {
    const rows = db
      .prepare<[], { table: string; from: string; to: string | null; on_delete: string }>(`SELECT "table", "from", "to", on_delete FROM pragma_foreign_key_list(${quote(table).replace(/"/g, "'")})`)
      .all();
    for (const row of rows) keys.push({ table, column: row.from, parent: row.table, parentColumn: row.to ?? 'id', onDelete: row.on_delete.toUpperCase() });
  }
  return keys;
}

/** A delete statement for rows of `table` selected by `where`, after the statements for their dependants. */
interface Step {
  table: string;
  sql: string;
}

/**
 * The deletes, children first: for the rows of `table` matching `where` (SQL with one `?` for the company id),
 * first the rows referencing them through an edge without an ON DELETE action, then the rows themselves.
 * A self-reference (categories → categories) is deleted in the same statement as its parent rows (SQLite checks
 * immediate foreign keys at the statement's end).
 */
function plan(keys: ForeignKey[], table: string, where: string, path: string[], steps: Step[]): void {
  for (const key of keys) {
    if (key.parent !== table || key.table === table || key.onDelete === 'CASCADE' || key.onDelete === 'SET NULL') continue;
    if (path.includes(key.table)) throw new Error(`company erasure: a foreign-key cycle through ${[...path, key.table].join(' → ')}`);
    const childWhere = `${quote(key.column)} IN (SELECT ${quote(key.parentColumn)} FROM ${quote(table)} WHERE ${where})`;
    plan(keys, key.table, childWhere, [...path, key.table], steps);
  }
  steps.push({ table, sql: `DELETE FROM ${quote(table)} WHERE ${where}` });
}

export function createCompanyErasureRepository(db: Db): CompanyErasureRepository {
  const count = (sql: string) => db.prepare<[{ id: number }], { n: number }>(sql);
  const documents = count('SELECT count(*) AS n FROM billing_documents WHERE recipient_company_id = @id OR issuer_company_id = @id');
  const orders = count('SELECT count(*) AS n FROM orders WHERE company_id = @id');
  const clients = count('SELECT count(*) AS n FROM companies WHERE partner_id = @id');
  const appsElsewhere = count(
    `SELECT (SELECT count(*) FROM app_authorizations a JOIN apps p ON p.id = a.app_id
              WHERE p.company_id = @id AND a.company_id <> @id AND a.revoked_at IS NULL)
          + (SELECT count(*) FROM app_installs i JOIN apps p ON p.id = i.app_id WHERE p.company_id = @id AND i.company_id <> @id) AS n`,
  );

  // Built on first use: every migration has run by then, so every area's tables are in the schema.
  let statements: { table: string; run: (companyId: number) => number }[] | undefined;
  const build = () => {
    const keys = foreignKeys(db);
    const steps: Step[] = [];
    // Every table that references companies(id) directly, then the company row itself.
    for (const key of keys) {
      if (key.parent !== 'companies' || key.table === 'companies' || key.onDelete === 'CASCADE' || key.onDelete === 'SET NULL') continue;
      plan(keys, key.table, `${quote(key.column)} = @id`, ['companies', key.table], steps);
    }
    steps.push({ table: 'companies', sql: 'DELETE FROM companies WHERE id = @id' });
    return steps.map((step) => {
      const statement = db.prepare<[{ id: number }]>(step.sql);
      return { table: step.table, run: (companyId: number) => statement.run({ id: companyId }).changes };
    });
  };

  return {
    blockers: (companyId) => ({
      documents: documents.get({ id: companyId })!.n,
      orders: orders.get({ id: companyId })!.n,
      activeClients: clients.get({ id: companyId })!.n,
      appsInUseElsewhere: appsElsewhere.get({ id: companyId })!.n,
    }),
    erase(companyId) {
      statements ??= build();
      const deleted: Record<string, number> = {};
      for (const { table, run } of statements) {
        const changes = run(companyId);
        if (changes > 0) deleted[table] = (deleted[table] ?? 0) + changes;
      }
      return deleted;
    },
  };
}
