// A repository written once as steps (generators that yield the data layer's statements) and run two ways: awaited
// on any database of the data layer (db/data.ts), or at once on SQLite (`SqliteDatabase.now`) for the callers that
// cannot await yet — a service called from a synchronous transaction (an in-transaction hook of a synchronous area,
// the demo seed's one transaction). When the last synchronous caller is converted, the repository keeps only its
// awaited face (docs/architecture.md "Two databases", "While areas are still synchronous").
import type { Database, RunResult, Statement } from './data';
import type { SqliteDatabase } from './sqlite-data';
import type { TextStatement } from './text-statements';

interface Query {
  readonly kind: 'all' | 'one' | 'run' | 'insert';
  readonly statement: Statement<never, unknown>;
  readonly args: readonly unknown[];
}

/** One step: yields statements, gets their answers back, returns T. */
export type Step<T> = Generator<Query, T, unknown>;

/** A call's values: by name (`@name` texts) or in order (`?` texts). */
export type Values = Readonly<Record<string, unknown>> | readonly unknown[];

/**
 * A step of one statement, without a generator (most repository methods are one statement): yields its query once,
 * returns the answer. The drivers run it directly; inside another step `yield*` drives it like any iterator.
 */
class OneQuery {
  private asked = false;
  constructor(readonly query: Query) {}
  next(answer?: unknown): IteratorResult<Query, unknown> {
    if (this.asked) return { done: true, value: answer };
    this.asked = true;
    return { done: false, value: this.query };
  }
  throw(error: unknown): never {
    throw error;
  }
  return(value: unknown): IteratorResult<Query, unknown> {
    return { done: true, value };
  }
  [Symbol.iterator]() {
    return this;
  }
}

const query = <T>(kind: Query['kind'], text: TextStatement<unknown>, values: Values): Step<T> =>
  new OneQuery({ kind, statement: text.statement as never, args: text.bind(values) }) as unknown as Step<T>;

export const all = <R>(text: TextStatement<R>, values: Values = []): Step<R[]> => query('all', text, values);
export const one = <R>(text: TextStatement<R>, values: Values = []): Step<R | undefined> => query('one', text, values);
export const run = (text: TextStatement<unknown>, values: Values = []): Step<RunResult> => query('run', text, values);
/** The new row's id (Database.insert). */
export const insert = (text: TextStatement<unknown>, values: Values = []): Step<number> => query('insert', text, values);

/** An object whose every method is a step. */
type Steps<S> = { [K in keyof S]: (...args: never[]) => Step<unknown> };
/** The awaited face of a set of steps. */
export type Awaiting<S> = { [K in keyof S]: S[K] extends (...args: infer A) => Step<infer T> ? (...args: A) => Promise<T> : never };
/** The synchronous face (SQLite only). */
export type AtOnce<S> = { [K in keyof S]: S[K] extends (...args: infer A) => Step<infer T> ? (...args: A) => T : never };

async function awaitStep<T>(data: Database, step: Step<T>): Promise<T> {
  if (step instanceof OneQuery) {
    const { kind, statement, args } = step.query;
    return (await data[kind](statement, ...(args as never[]))) as T;
  }
  let next = step.next();
  while (!next.done) {
    const { kind, statement, args } = next.value;
    let answer: unknown;
    try {
      answer = await data[kind](statement, ...(args as never[]));
    } catch (error) {
      next = step.throw(error);
      continue;
    }
    next = step.next(answer);
  }
  return next.value;
}

function runStepNow<T>(data: SqliteDatabase, step: Step<T>): T {
  if (step instanceof OneQuery) {
    const { kind, statement, args } = step.query;
    return data.now[kind](statement, ...(args as never[])) as T;
  }
  let next = step.next();
  while (!next.done) {
    const { kind, statement, args } = next.value;
    let answer: unknown;
    try {
      answer = data.now[kind](statement, ...(args as never[]));
    } catch (error) {
      next = step.throw(error);
      continue;
    }
    next = step.next(answer);
  }
  return next.value;
}

/** Every step of `steps` awaited on `data`. */
export function awaiting<S extends Steps<S>>(steps: S, data: Database): Awaiting<S> {
  const face: Record<string, unknown> = {};
  for (const [key, make] of Object.entries(steps) as [string, (...args: never[]) => Step<unknown>][]) face[key] = (...args: never[]) => awaitStep(data, make(...args));
  return face as Awaiting<S>;
}

/** Every step of `steps` run at once on SQLite's connection; on another database each says it cannot. */
export function atOnce<S extends Steps<S>>(steps: S, data: Database, what: string): AtOnce<S> {
  const face: Record<string, unknown> = {};
  for (const [key, make] of Object.entries(steps) as [string, (...args: never[]) => Step<unknown>][]) {
    face[key] =
      data.dialect === 'sqlite'
        ? (...args: never[]) => runStepNow(data as SqliteDatabase, make(...args))
        : () => {
            throw new Error(`${what}.${key} runs synchronously, on SQLite only: its callers are not on the asynchronous data layer yet`);
          };
  }
  return face as AtOnce<S>;
}
