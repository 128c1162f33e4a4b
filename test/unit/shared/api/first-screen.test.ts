// The first screen's calls shared by the console and the page: a call's key ignores the order of its input's keys;
// a trade's `first` is used only when it has the expected shape; the sales headline follows the platform's month.
import { describe, expect, it } from 'vitest';
import { callKey, FIRST_SCREEN_READS, firstAnswersOf, firstScreenCalls } from '../../../../src-shared/api/first-screen';

describe('first-screen calls', () => {
  it('keys a call by method and input, whatever the order of the keys (nested too)', () => {
    expect(callKey('companies.list', { b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe(callKey('companies.list', { a: { c: [3, { e: 2, f: 1 }], d: 2 }, b: 1 }));
    expect(callKey('companies.list', { a: 1 })).not.toBe(callKey('companies.list', { a: 2 }));
    expect(callKey('outbox.list', {})).not.toBe(callKey('companies.list', {}));
    expect(callKey('clock.get', undefined)).toBe(callKey('clock.get', {}));
  });

  it("adds this month's sales headline by the platform clock (UTC day), none without a clock", () => {
    expect(firstScreenCalls('2026-02-28T23:59:59.000Z').at(-1)).toEqual(['sales.summary', { from: '2026-02-01', to: '2026-02-28', includeDemo: false }]);
    expect(firstScreenCalls(null)).toEqual([...FIRST_SCREEN_READS]);
    expect(firstScreenCalls('not a date')).toEqual([...FIRST_SCREEN_READS]);
  });

  it("takes a trade's `first` only in its shape", () => {
    const good = { seq: 2, replies: [{ method: 'clock.get', input: {}, reply: { ok: true, result: 1 } }] };
    expect(firstAnswersOf(good)).toEqual(good);
    expect(firstAnswersOf(undefined)).toBeUndefined();
    expect(firstAnswersOf({ seq: 1.5, replies: [] })).toBeUndefined();
    expect(firstAnswersOf({ seq: 1, replies: [{ method: 3, reply: {} }] })).toBeUndefined();
    expect(firstAnswersOf({ seq: 1, replies: [{ method: 'x', reply: null }] })).toBeUndefined();
  });
});
