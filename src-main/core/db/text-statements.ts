// Statements of the data layer (db/data.ts) made from the synchronous repositories' SQLite text as it is: each
// `@name` (or each `?`, in order) becomes a parameter and nothing else of the text changes, so SQLite runs
// byte-for-byte the statement it ran before. A PostgreSQL form, where the SQL must differ, is given beside it
// (same `@names`, any subset). Compiled by Kysely like every statement (`?` on SQLite, `$n` on PostgreSQL).
//
//   const byId = textStatement<ProviderRow>('logistics.provider', `${PROVIDER_SELECT} WHERE p.id = @id`);
//   await data.one(byId.statement, ...byId.bind({ id }));
import { statement, type Dialect, type Statement, type StatementBuilder } from './data';

export interface TextStatement<R> {
  readonly statement: Statement<unknown[], R>;
  /** The parameters' names in argument order (`@name` in order of first appearance; `?` are 0, 1, …). */
  readonly names: readonly string[];
  /** The arguments of a call, from the named values (or, for `?` texts, the values in order). */
  bind(values: Readonly<Record<string, unknown>> | readonly unknown[]): unknown[];
}

const PARAMETER = /@(\w+)|\?/g;

function namesOf(text: string): string[] {
  const names: string[] = [];
  let positional = 0;
  for (const [, name] of text.matchAll(PARAMETER)) {
    const key = name ?? String(positional++);
    if (!names.includes(key)) names.push(key);
  }
  return names;
}

/** `text` on SQLite; `postgres` (when given) on PostgreSQL. Both with `@name` or `?` parameters. */
export function textStatement<R = unknown>(name: string, text: string, postgres?: string): TextStatement<R> {
  const names = namesOf(text);
  const textOf = (dialect: Dialect) => (dialect === 'postgres' && postgres !== undefined ? postgres : text);
  // `statement` gives one stand-in per declared argument (build.length - 1): declare exactly `names.length`.
  const build = (builder: StatementBuilder, ...args: unknown[]) => {
    const pieces: unknown[] = [];
    let positional = 0;
    let at = 0;
    const source = textOf(builder.dialect);
    for (const match of source.matchAll(PARAMETER)) {
      pieces.push(builder.sql.raw(source.slice(at, match.index)));
      const index = names.indexOf(match[1] ?? String(positional++));
      if (index < 0) throw new Error(`${name}: ${match[0]} is not a parameter of its SQLite text`);
      pieces.push(args[index]);
      at = match.index + match[0].length;
    }
    pieces.push(builder.sql.raw(source.slice(at)));
    return builder.sql.join(pieces, builder.sql.raw('')) as never;
  };
  Object.defineProperty(build, 'length', { value: names.length + 1 });
  return {
    statement: statement<unknown[], R>(name, build),
    names,
    bind: (values) => (Array.isArray(values) ? values : names.map((key) => (values as Readonly<Record<string, unknown>>)[key])),
  };
}

/** Statements made per shape of a dynamic list (its filters make a handful), kept by their SQLite text. */
export function textStatementCache(name: string): (text: string, postgres?: () => string) => TextStatement<unknown> {
  const known = new Map<string, TextStatement<unknown>>();
  // The PostgreSQL form is made only for a text not seen before (a list's call on SQLite pays one Map lookup).
  return (text, postgres) => {
    let found = known.get(text);
    if (!found) known.set(text, (found = textStatement(`${name}#${known.size + 1}`, text, postgres?.())));
    return found;
  };
}
