// The asynchronous data layer (issue 21, docs/architecture.md "Two databases"): one `Database` interface that the
// converted repositories speak, with two implementations — SQLite (db/sqlite-data.ts, better-sqlite3, the embedded
// default) and PostgreSQL (postgres/postgres-data.ts, a `pg` Pool, the team server).
//
// A repository's statements are `Statement`s, defined once at module level with Kysely (raw `sql` templates that keep
// today's SQLite text, or the query builder) and compiled per dialect on first use: Kysely is the compiler, not the
// executor. The SQLite implementation runs the compiled text through a prepared better-sqlite3 statement (cached per
// connection); PostgreSQL sends it with its parameters on the pool (or the transaction's client).
import type { CompiledQuery, Kysely, RawBuilder, sql as sqlTag } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** Tables as the query builder sees them: any table, any column (the rows' types are the statements'). */
export type AnyTables = Record<string, Record<string, unknown>>;

/** What a statement's builder returns: a raw `sql` template or a query builder (both compile to SQL + parameters). */
export interface Buildable<R> {
  compile(provider: Kysely<AnyTables>): CompiledQuery<R>;
}

/** What a statement that writes reports: the rows it changed. */
export interface RunResult {
  changes: number;
}

export interface TransactionOptions {
  /**
   * PostgreSQL only: run at SERIALIZABLE (read, decide, write where SQLite's single writer made that safe); a
   * serialization failure is retried (the whole `work`, up to 10 times, after a short random wait). SQLite transactions are IMMEDIATE (the
   * write lock from the start), which is serializable anyway.
   */
  serializable?: boolean;
}

/**
 * The data layer the converted repositories speak. Every call returns a promise. Inside `transaction(work)`, every
 * call made while `work` runs — directly or through any repository, across awaits — belongs to the transaction;
 * calls from anything else wait until it has committed or rolled back (they are never let into it).
 */
export interface Database {
  readonly dialect: Dialect;
  all<A extends readonly unknown[], R>(statement: Statement<A, R>, ...args: A): Promise<R[]>;
  /** The first row, or undefined. */
  one<A extends readonly unknown[], R>(statement: Statement<A, R>, ...args: A): Promise<R | undefined>;
  run<A extends readonly unknown[], R>(statement: Statement<A, R>, ...args: A): Promise<RunResult>;
  /**
   * Runs an INSERT and answers the new row's id: SQLite's last_insert_rowid (the statement's text as it was), on
   * PostgreSQL the `id` the statement returns (its PostgreSQL form ends with `RETURNING id`: `returningId(builder)`
   * adds it there only, so the SQLite text stays as it was).
   */
  insert<A extends readonly unknown[], R>(statement: Statement<A, R>, ...args: A): Promise<number>;
  /**
   * Runs one statement once per argument list, in order (inside the caller's transaction, if any), and answers the
   * rows changed in all: on SQLite every run at once behind one promise (many rows of one kind, e.g. a document's
   * lines, without a promise each); on PostgreSQL one after the other.
   */
  runEach<A extends readonly unknown[], R>(statement: Statement<A, R>, argumentLists: readonly A[]): Promise<number>;
  /**
   * Runs `work` as one transaction: all of its statements or none. SQLite: BEGIN IMMEDIATE … COMMIT on the one
   * connection, other callers queued behind it; PostgreSQL: one pool client, BEGIN … COMMIT. Inside another
   * transaction it is a savepoint of that one.
   */
  transaction<T>(work: () => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Whether the caller runs inside a transaction of this database. */
  inTransaction(): boolean;
  close(): Promise<void>;
}

/**
 * Builds a statement for one dialect: `sql` (Kysely's template: today's SQL text, its values become parameters),
 * `kysely` for the query builder, `dialect` to choose SQL that differs.
 */
export interface StatementBuilder {
  readonly sql: typeof sqlTag;
  readonly kysely: Kysely<AnyTables>;
  readonly dialect: Dialect;
}

/** A statement compiled for one dialect: its text and where each parameter comes from. */
export interface CompiledStatement {
  readonly sql: string;
  /** For each parameter of `sql`: the index of the argument it takes, or -1 for a constant (`constants[i]`). */
  readonly sources: readonly number[];
  /** For each parameter taken from an argument: the argument's field it takes (`${row.company_id}`), or null (the argument itself). */
  readonly fields: readonly (string | null)[];
  readonly constants: readonly unknown[];
  /** True when the parameters are exactly the arguments in order (no copying needed). */
  readonly direct: boolean;
}

export interface Statement<A extends readonly unknown[], R> {
  /** For messages and the statement caches. */
  readonly name: string;
  compiled(dialect: Dialect): CompiledStatement;
  /** Never set: carries the argument and row types. */
  readonly __types?: [A, R];
}

/** A stand-in for argument `index` (or one field of it) while a statement is built; replaced by the argument at every call. */
class Argument {
  constructor(
    readonly argumentIndex: number,
    readonly argumentField: string | null = null,
  ) {}
}

/**
 * The stand-in of argument `index`: a parameter itself, and each of its properties one too — `${row.company_id}`
 * takes that field of the argument at every call, as the `@company_id` of a better-sqlite3 statement run with a row
 * did. Kysely asks a parameter for `toOperationNode`, `alias` and the like: a field stand-in is no function or
 * string, so it stays a value.
 */
function standIn(index: number): Argument {
  const fields = new Map<string, Argument>();
  return new Proxy(new Argument(index), {
    get(target, key, receiver) {
      if (typeof key !== 'string' || key === 'argumentIndex' || key === 'argumentField') return Reflect.get(target, key, receiver) as unknown;
      let field = fields.get(key);
      if (!field) fields.set(key, (field = new Argument(index, key)));
      return field;
    },
  });
}

type KyselyModule = typeof import('kysely');
let kyselyModule: KyselyModule | undefined;
const compilers: Partial<Record<Dialect, Kysely<AnyTables>>> = {};

/**
 * Kysely itself, loaded on the first statement compiled (not at start: ~180 KB of code that a command which never
 * runs a converted statement, or the first paint of the console, does not need). Its CommonJS build, so Node 20
 * loads it synchronously too.
 */
function kyselyModuleOf(): KyselyModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  return (kyselyModule ??= require('kysely') as KyselyModule);
}

/** A Kysely that only compiles (its driver runs nothing), per dialect. */
export function kyselyFor(dialect: Dialect): Kysely<AnyTables> {
  const k = kyselyModuleOf();
  return (compilers[dialect] ??= new k.Kysely<AnyTables>({
    dialect:
      dialect === 'sqlite'
        ? {
            createAdapter: () => new k.SqliteAdapter(),
            createDriver: () => new k.DummyDriver(),
            createIntrospector: (db) => new k.SqliteIntrospector(db),
            createQueryCompiler: () => new k.SqliteQueryCompiler(),
          }
        : {
            createAdapter: () => new k.PostgresAdapter(),
            createDriver: () => new k.DummyDriver(),
            createIntrospector: (db) => new k.PostgresIntrospector(db),
            createQueryCompiler: () => new k.PostgresQueryCompiler(),
          },
  }));
}

/**
 * Defines a statement once (at module level). `build` gets the dialect's builder and one stand-in per argument
 * (declare exactly the arguments the statement takes, no defaults or rest parameters); it runs once per dialect, on
 * the statement's first use there, and the compiled text and parameter order are kept. A stand-in's fields are
 * parameters too (a row argument: `${row.company_id}`, the statement's `@company_id` before).
 *
 *   const byEmail = statement('throttle.byEmail', ({ sql }, email: string) =>
 *     sql<ThrottleRow>`SELECT failures, locked_until FROM login_throttles WHERE email = ${email}`);
 */
export function statement<A extends readonly unknown[], R>(name: string, build: (builder: StatementBuilder, ...args: A) => Buildable<R>): Statement<A, R> {
  const arity = build.length - 1;
  const byDialect: Partial<Record<Dialect, CompiledStatement>> = {};
  return {
    name,
    compiled(dialect) {
      const known = byDialect[dialect];
      if (known) return known;
      const stand = Array.from({ length: arity }, (_, index) => standIn(index)) as unknown as A;
      const kysely = kyselyFor(dialect);
      // A raw `sql` template compiles with the Kysely it is given; a query builder already has its own.
      const { sql, parameters } = build({ sql: kyselyModuleOf().sql, kysely, dialect }, ...stand).compile(kysely);
      const sources = parameters.map((value) => (value instanceof Argument ? value.argumentIndex : -1));
      const fields = parameters.map((value) => (value instanceof Argument ? value.argumentField : null));
      const constants = parameters.map((value) => (value instanceof Argument ? undefined : value));
      const direct = sources.length === arity && sources.every((source, i) => source === i && fields[i] === null);
      return (byDialect[dialect] = { sql, sources, fields, constants, direct });
    },
  };
}

/** ` RETURNING id` on PostgreSQL, where `Database.insert` reads the new row's id from it; nothing on SQLite (its rowid). */
export function returningId({ sql, dialect }: StatementBuilder): RawBuilder<unknown> {
  return sql.raw(dialect === 'postgres' ? ' RETURNING id' : '');
}

/** The parameters of one call of a compiled statement. */
export function parametersOf(compiled: CompiledStatement, args: readonly unknown[]): unknown[] {
  if (compiled.direct) return args as unknown[];
  return compiled.sources.map((source, i) => {
    if (source < 0) return compiled.constants[i];
    const field = compiled.fields[i];
    return field === null ? args[source] : (args[source] as Record<string, unknown>)[field];
  });
}
