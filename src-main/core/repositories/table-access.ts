// The small SQL pieces every shop table needs: insert a row, patch some columns, delete, and run a list
// query (filter, stable sort, offset/limit page, total count, or every row for an export). Statements are
// prepared once per distinct SQL text and reused.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database';
import { escapeLike } from './companies-repository';

/** A shop object that has just a name and a description (a category, an access group): one shape, two tables (migration 002). */
export interface NamedShopRow {
  id: number;
  company_id: number;
  name: string;
  description: string;
  created_at: number;
  updated_at: number;
}

export interface TableWriter<Row> {
  /** Inserts the row (without id); returns the new id. */
  insert(row: Omit<Row, 'id'>): number;
  /** Sets the given columns of one row; unknown keys are ignored. */
  update(id: number, patch: Partial<Omit<Row, 'id' | 'company_id'>>): void;
  remove(id: number): void;
}

export function statementCache(db: Db): (sql: string) => Statement {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}

export function createTableWriter<Row extends { id: number }>(db: Db, table: string, columns: readonly (keyof Row & string)[]): TableWriter<Row> {
  const prepared = statementCache(db);
  const insertable = columns.filter((c) => c !== 'id');
  const insert = db.prepare(`INSERT INTO ${table} (${insertable.join(', ')}) VALUES (${insertable.map((c) => `@${c}`).join(', ')})`);
  const remove = db.prepare(`DELETE FROM ${table} WHERE id = ?`);
  const updatable = new Set<string>(insertable.filter((c) => c !== 'company_id'));
  return {
    insert: (row) => Number(insert.run(row).lastInsertRowid),
    update(id, patch) {
      const keys = Object.keys(patch).filter((k) => updatable.has(k) && (patch as Record<string, unknown>)[k] !== undefined).sort();
      if (keys.length === 0) return;
      prepared(`UPDATE ${table} SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...pick(patch, keys), id });
    },
    remove: (id) => void remove.run(id),
  };
}

function pick(source: object, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = (source as Record<string, unknown>)[key];
  return out;
}

export interface ListQuery {
  /** FROM clause with joins, e.g. "products p". */
  from: string;
  /** Columns of the SELECT. */
  select: string;
  /** Conditions, ANDed; named parameters from `params`. */
  where: string[];
  /** Sort expression(s) that take the direction, e.g. ["p.name COLLATE NOCASE"]; the id tie-break follows. */
  orderBy: string[];
  /** The unique column that makes the order stable, e.g. "p.id". */
  tieBreak: string;
  direction: 'asc' | 'desc';
  params: Record<string, unknown>;
}

export interface ListRunner {
  page<T>(query: ListQuery, offset: number, limit: number): T[];
  count(query: ListQuery): number;
  iterate<T>(query: ListQuery): IterableIterator<T>;
  /** The SQL a page runs (EXPLAIN QUERY PLAN tests). */
  sql(query: ListQuery, paged: boolean): string;
}

/**
 * Rows of a statement as plain objects, read as arrays and assigned in column order. Same objects as
 * better-sqlite3's default row mode (a later column of the same name wins), but about a third cheaper: the
 * default mode creates every property through the V8 API (a 50-row page of products with 19 columns cost
 * ~225 µs of CPU that way against ~150 µs, measured for issue 22 — the largest cost of a REST list page).
 */
export function rowReader(statement: Statement): (params: Record<string, unknown>) => unknown[] {
  const raw = statement.raw(true);
  const names = raw.columns().map((c) => c.name);
  const count = names.length;
  return (params) => {
    const rows = raw.all(params) as unknown[][];
    const out = new Array<unknown>(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const values = rows[r];
      const row: Record<string, unknown> = {};
      for (let i = 0; i < count; i++) row[names[i]] = values[i];
      out[r] = row;
    }
    return out;
  };
}

export function createListRunner(db: Db): ListRunner {
  const prepared = statementCache(db);
  // Pages are read through rowReader (their statements are used for pages only: raw mode is per statement).
  const readers = new Map<string, (params: Record<string, unknown>) => unknown[]>();
  const pageReader = (sql: string) => {
    let reader = readers.get(sql);
    if (!reader) {
      reader = rowReader(db.prepare(sql));
      readers.set(sql, reader);
    }
    return reader;
  };
  const sqlOf = (query: ListQuery, paged: boolean): string => {
    const dir = query.direction === 'desc' ? 'DESC' : 'ASC';
    const where = query.where.length > 0 ? ` WHERE ${query.where.join(' AND ')}` : '';
    const order = [...query.orderBy, query.tieBreak].map((e) => `${e} ${dir}`).join(', ');
    return `SELECT ${query.select} FROM ${query.from}${where} ORDER BY ${order}${paged ? ' LIMIT @limit OFFSET @offset' : ''}`;
  };
  return {
    sql: sqlOf,
    page: <T>(query: ListQuery, offset: number, limit: number) => pageReader(sqlOf(query, true))({ ...query.params, offset, limit }) as T[],
    count(query) {
      const where = query.where.length > 0 ? ` WHERE ${query.where.join(' AND ')}` : '';
      return prepared(`SELECT COUNT(*) FROM ${query.from}${where}`).pluck().get(query.params) as number;
    },
    iterate: <T>(query: ListQuery) => prepared(sqlOf(query, false)).iterate(query.params) as IterableIterator<T>,
  };
}

/** `%text%` for LIKE with the wildcards in `text` escaped (use with ESCAPE '\'). */
export function likePattern(text: string): string {
  return `%${escapeLike(text)}%`;
}
