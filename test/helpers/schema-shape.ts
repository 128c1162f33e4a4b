// The shape of a schema as both databases can report it, for the parity test
// (test/integration/postgres-schema-parity.test.ts): per table the columns (name, nullability, type class), the
// primary key, foreign keys with their ON DELETE, unique constraints, indexes (unique, partial, key columns; a
// case-insensitive key is `lower(col)` on both) and triggers.
import type pg from 'pg';
import type { Db } from '../../src-main/core/db/database';

export interface TableShape {
  columns: string[];
  primaryKey: string[];
  foreignKeys: string[];
  uniques: string[];
  indexes: string[];
  triggers: string[];
}
export type SchemaShape = Record<string, TableShape>;

const SQLITE_TYPE: Record<string, string> = { INTEGER: 'integer', TEXT: 'text', REAL: 'real', BLOB: 'blob' };
const POSTGRES_TYPE: Record<string, string> = {
  bigint: 'integer', integer: 'integer', smallint: 'integer', text: 'text', 'character varying': 'text',
  'double precision': 'real', real: 'real', numeric: 'real', bytea: 'blob',
};
const POSTGRES_ON_DELETE: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

const column = (name: string, notNull: boolean, typeClass: string) => `${name} ${typeClass}${notNull ? ' not null' : ''}`;
const index = (name: string, unique: boolean, keys: string[], partial: boolean) => `${name}${unique ? ' unique' : ''} (${keys.join(', ')})${partial ? ' partial' : ''}`;

export function sqliteShape(db: Db): SchemaShape {
  const shape: SchemaShape = {};
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  for (const table of tables) {
    const info = db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string; notnull: number; pk: number }[];
    const fks = db.prepare(`PRAGMA foreign_key_list("${table}")`).all() as { id: number; seq: number; table: string; from: string; to: string; on_delete: string }[];
    const byId = new Map<number, typeof fks>();
    for (const fk of fks) byId.set(fk.id, [...(byId.get(fk.id) ?? []), fk]);
    const uniques: string[] = [];
    const indexes: string[] = [];
    for (const idx of db.prepare(`PRAGMA index_list("${table}")`).all() as { name: string; unique: number; origin: string; partial: number }[]) {
      if (idx.origin === 'pk') continue;
      const keys = (db.prepare(`PRAGMA index_xinfo("${idx.name}")`).all() as { cid: number; name: string | null; key: number; coll: string }[])
        .filter((k) => k.key === 1)
        .map((k) => (k.cid === -2 ? 'expr' : k.coll === 'NOCASE' ? `lower(${k.name})` : k.name!));
      if (idx.origin === 'u') uniques.push(keys.join(', '));
      else indexes.push(index(idx.name, idx.unique === 1, keys, idx.partial === 1));
    }
    shape[table] = {
      columns: info.map((c) => column(c.name, c.notnull === 1 || c.pk > 0, SQLITE_TYPE[c.type.toUpperCase()] ?? `?${c.type}`)),
      primaryKey: info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
      foreignKeys: [...byId.values()]
        .map((parts) => parts.sort((a, b) => a.seq - b.seq))
        .map((parts) => `(${parts.map((p) => p.from).join(', ')}) -> ${parts[0].table}(${parts.map((p) => p.to).join(', ')}) on delete ${parts[0].on_delete}`)
        .sort(),
      uniques: uniques.sort(),
      indexes: indexes.sort(),
      triggers: (db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name").pluck().all(table) as string[]),
    };
  }
  return shape;
}

export async function postgresShape(client: pg.Client): Promise<SchemaShape> {
  const shape: SchemaShape = {};
  const { rows: tables } = await client.query<{ name: string; oid: number }>(
    "SELECT c.relname AS name, c.oid::int AS oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname",
  );
  for (const { name: table, oid } of tables) {
    const { rows: columns } = await client.query<{ name: string; notnull: boolean; type: string; num: number }>(
      'SELECT attname AS name, attnotnull AS notnull, format_type(atttypid, NULL) AS type, attnum AS num FROM pg_attribute WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped ORDER BY attnum',
      [oid],
    );
    const nameOf = new Map(columns.map((c) => [c.num, c.name]));
    const { rows: constraints } = await client.query<{ type: string; keys: number[]; ftable: string | null; fkeys: number[] | null; fref: number | null; ondelete: string }>(
      'SELECT contype AS type, conkey AS keys, confrelid::regclass::text AS ftable, confkey AS fkeys, confrelid::int AS fref, confdeltype AS ondelete FROM pg_constraint WHERE conrelid = $1',
      [oid],
    );
    const foreignKeys: string[] = [];
    for (const c of constraints.filter((c) => c.type === 'f')) {
      const { rows: fcols } = await client.query<{ num: number; name: string }>('SELECT attnum AS num, attname AS name FROM pg_attribute WHERE attrelid = $1', [c.fref]);
      const fname = new Map(fcols.map((f) => [f.num, f.name]));
      foreignKeys.push(`(${c.keys.map((k) => nameOf.get(k)).join(', ')}) -> ${c.ftable}(${c.fkeys!.map((k) => fname.get(k)).join(', ')}) on delete ${POSTGRES_ON_DELETE[c.ondelete]}`);
    }
    const { rows: idx } = await client.query<{ name: string; unique: boolean; partial: boolean; keys: string[] }>(
      `SELECT ic.relname AS name, i.indisunique AS unique, i.indpred IS NOT NULL AS partial,
              ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) AS k ORDER BY k) AS keys
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
       WHERE i.indrelid = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = $1)`,
      [oid],
    );
    const { rows: triggers } = await client.query<{ name: string }>('SELECT tgname AS name FROM pg_trigger WHERE tgrelid = $1 AND NOT tgisinternal ORDER BY tgname', [oid]);
    const pk = constraints.find((c) => c.type === 'p');
    shape[table] = {
      columns: columns.map((c) => column(c.name, c.notnull, POSTGRES_TYPE[c.type] ?? `?${c.type}`)),
      primaryKey: pk ? pk.keys.map((k) => nameOf.get(k)!) : [],
      foreignKeys: foreignKeys.sort(),
      uniques: constraints.filter((c) => c.type === 'u').map((c) => c.keys.map((k) => nameOf.get(k)).join(', ')).sort(),
      indexes: idx.map((i) => index(i.name, i.unique, i.keys.map(normalKey), i.partial)).sort(),
      triggers: triggers.map((t) => t.name),
    };
  }
  return shape;
}

/** A PostgreSQL index key as the SQLite side names it: a column, `lower(col)`, or `expr`. */
function normalKey(key: string): string {
  const plain = /^"?(\w+)"?$/.exec(key);
  if (plain) return plain[1];
  const lower = /^lower\("?(\w+)"?\)$/.exec(key);
  return lower ? `lower(${lower[1]})` : 'expr';
}
