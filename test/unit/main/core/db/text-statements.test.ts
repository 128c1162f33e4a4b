// Statements from the synchronous repositories' SQLite text (src-main/core/db/text-statements.ts): SQLite gets the
// text unchanged but for its parameters, a name used twice is one argument, `?` texts take their values in order,
// and the PostgreSQL form (with `$n`) is used on PostgreSQL only.
import { describe, expect, it } from 'vitest';
import { textStatement, textStatementCache } from '../../../../../src-main/core/db/text-statements';

describe('statements from SQLite text', () => {
  it('keeps the SQLite text byte for byte: each @name becomes ?, a repeated name is one argument', () => {
    const text = `UPDATE t SET a = a + @delta, at = @at
     WHERE id = @id AND a + @delta >= 0`;
    const made = textStatement('test.update', text);
    expect(made.names).toEqual(['delta', 'at', 'id']);
    const compiled = made.statement.compiled('sqlite');
    expect(compiled.sql).toBe(text.replace(/@\w+/g, '?'));
    expect(compiled.sources).toEqual([0, 1, 2, 0]);
    expect(made.bind({ id: 7, at: 2, delta: -1, ignored: 'x' })).toEqual([-1, 2, 7]);
    expect(made.statement.compiled('postgres').sql).toBe(`UPDATE t SET a = a + $1, at = $2
     WHERE id = $3 AND a + $4 >= 0`);
  });

  it('takes ? texts in order, and uses the PostgreSQL form only there; a parameter the SQLite text lacks is refused', () => {
    const made = textStatement('test.ids', 'SELECT * FROM t WHERE id IN (SELECT value FROM json_each(?)) AND c = ?', 'SELECT * FROM t WHERE id IN (SELECT value::bigint FROM json_array_elements_text(?::json)) AND c = ?');
    expect(made.bind(['[1]', 'EUR'])).toEqual(['[1]', 'EUR']);
    expect(made.statement.compiled('sqlite').sql).toBe('SELECT * FROM t WHERE id IN (SELECT value FROM json_each(?)) AND c = ?');
    expect(made.statement.compiled('postgres').sql).toBe('SELECT * FROM t WHERE id IN (SELECT value::bigint FROM json_array_elements_text($1::json)) AND c = $2');
    expect(() => textStatement('test.bad', 'SELECT @a', 'SELECT @b').statement.compiled('postgres')).toThrow(/@b is not a parameter/);
  });

  it('keeps one statement per text in a cache', () => {
    const cache = textStatementCache('test.list');
    expect(cache('SELECT 1')).toBe(cache('SELECT 1'));
    expect(cache('SELECT 2')).not.toBe(cache('SELECT 1'));
  });
});
