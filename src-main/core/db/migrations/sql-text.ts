// SQLite text that several released migrations repeat for parallel tables, written once. What these functions
// produce is part of released migrations: it must never change (sql-text.released.test.ts pins every released
// migration's text by its SHA-256). A new migration may use them; changing one means a new function.

/** `name INTEGER NOT NULL` for each name. */
export function integerColumns(...names: string[]): string[] {
  return names.map((name) => `${name} INTEGER NOT NULL`);
}

/** A shop object with just a name (unique per shop, in any case) and a description: categories, access groups (002). */
export function namedShopTable(table: string): string {
  return `CREATE TABLE ${table} (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX ${table}_company_name ON ${table}(company_id, name COLLATE NOCASE);`;
}

/**
 * A sales rollup table (migration 002): one row per company, period (`day` YYYYMMDD or `month` YYYYMM), currency,
 * demo flag and the `key` columns, with the `columns` after the four leading ones (a line starting `--` is a comment).
 */
export function rollupTable(table: string, period: 'day' | 'month', columns: string[], key: string[] = []): string {
  const lines = columns.map((line) => (line.startsWith('--') ? `  ${line}\n` : `  ${line},\n`)).join('');
  return `CREATE TABLE ${table} (
  company_id INTEGER NOT NULL REFERENCES companies(id),
  ${period} INTEGER NOT NULL,
  currency TEXT NOT NULL,
  demo INTEGER NOT NULL,
${lines}  PRIMARY KEY (${['company_id', period, 'currency', 'demo', ...key].join(', ')})
) STRICT, WITHOUT ROWID;`;
}

/** Triggers that refuse every UPDATE and DELETE of each table's rows with `message` (issued documents, closed months). */
export function immutableTriggers(message: string, ...tables: string[]): string {
  const refuse = `BEGIN SELECT RAISE(ABORT, '${message}'); END;`;
  return tables
    .flatMap((table) => [
      `CREATE TRIGGER ${table}_immutable_update BEFORE UPDATE ON ${table}\n${refuse}`,
      `CREATE TRIGGER ${table}_immutable_delete BEFORE DELETE ON ${table}\n${refuse}`,
    ])
    .join('\n');
}
