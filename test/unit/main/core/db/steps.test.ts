// Steps (src-main/core/db/steps.ts): one generator, run awaited on the data layer or at once on SQLite, with the
// same answers; an error of a statement is thrown into the step (which may catch it); the synchronous face refuses
// on PostgreSQL in words.
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../src-main/areas';
import type { Database } from '../../../../../src-main/core/db/data';
import { openDatabase } from '../../../../../src-main/core/db/database';
import { createSqliteDatabase } from '../../../../../src-main/core/db/sqlite-data';
import { atOnce, awaiting, insert, one, run, type Step } from '../../../../../src-main/core/db/steps';
import { textStatement } from '../../../../../src-main/core/db/text-statements';

const put = textStatement('test.put', 'INSERT INTO settings (key, value) VALUES (@key, @value)');
const get = textStatement<{ value: string }>('test.get', 'SELECT value FROM settings WHERE key = ?');
const audit = textStatement('test.audit', "INSERT INTO audit_log (company_id, actor, action, detail, created_at) VALUES (NULL, 'test', 'test', '{}', ?)");

const steps = {
  *putTwice(key: string, value: string): Step<string> {
    yield* run(put, { key, value });
    try {
      yield* run(put, { key, value: 'again' });
    } catch (error) {
      return `refused: ${(error as Error).message.includes('UNIQUE') ? 'unique' : (error as Error).message}`;
    }
    return 'written twice';
  },
  *read(key: string): Step<string | undefined> {
    return (yield* one(get, [key]))?.value;
  },
  *record(at: number): Step<number> {
    return yield* insert(audit, [at]);
  },
};

describe('steps', () => {
  it('answer the same awaited and at once; a failed statement is thrown into the step', async () => {
    const data = createSqliteDatabase(openDatabase(':memory:', { migrations: MIGRATIONS }));
    const later = awaiting(steps, data);
    const now = atOnce(steps, data, 'test');
    expect(await later.putTwice('a', '1')).toBe('refused: unique');
    expect(now.putTwice('b', '2')).toBe('refused: unique');
    expect(now.read('a')).toBe('1');
    expect(await later.read('b')).toBe('2');
    const first = now.record(1);
    expect(await later.record(2)).toBe(first + 1);
    await data.close();
  });

  it('at once refuses on PostgreSQL, naming the step', () => {
    const postgres = { dialect: 'postgres' } as Database;
    expect(() => atOnce(steps, postgres, 'test').read('a')).toThrow(/test\.read runs synchronously, on SQLite only/);
  });
});
