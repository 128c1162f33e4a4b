// BIGINT and NUMERIC from PostgreSQL as numbers (src-main/core/postgres/postgres-data.ts): exact below 2^53, an
// error above (never a silently rounded id or amount). The pool itself is tested in test/unit/main/core/db/data.test.ts.
import { describe, expect, it } from 'vitest';
import { parseSafeInteger, POSTGRES_TYPES } from '../../../../../src-main/core/postgres/postgres-data';

describe('PostgreSQL integers as numbers', () => {
  it('parses BIGINT text exactly up to 2^53 - 1 and refuses what is beyond', () => {
    expect(parseSafeInteger('1796000000000')).toBe(1_796_000_000_000);
    expect(parseSafeInteger('-42')).toBe(-42);
    expect(parseSafeInteger(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => parseSafeInteger('9007199254740993')).toThrow(/not an integer below 2\^53/);
  });

  it('gives BIGINT (20) and NUMERIC (1700) to these parsers, other types to pg', () => {
    const parse = (oid: number, text: string) => (POSTGRES_TYPES.getTypeParser as (oid: number, format?: string) => (text: string) => unknown)(oid)(text);
    expect(parse(20, '12')).toBe(12);
    expect(parse(1700, '4503599627370501')).toBe(4_503_599_627_370_501);
    expect(parse(1700, '2.5')).toBe(2.5);
    expect(parse(23, '7')).toBe(7);
    expect(parse(25, '7')).toBe('7');
  });
});
