// toIso writes times without a Date on its fast path (issue 22): it must give exactly what Date gives.
import { describe, expect, it } from 'vitest';
import { toIso } from '../../../../src-main/core/clock';

const viaDate = (ms: number) => new Date(ms).toISOString();

describe('toIso', () => {
  it('writes what Date.prototype.toISOString writes, at the edges of days, months, years and leap days', () => {
    const edges = [
      0, 1, 999, 1000, 59_999, 60_000, 3_599_999, 3_600_000, 86_399_999, 86_400_000,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2024, 2, 1), Date.UTC(2025, 11, 31, 23, 59, 59, 999), Date.UTC(2026, 0, 1),
      Date.UTC(2000, 1, 29, 12, 0, 0, 7), Date.UTC(2100, 1, 28, 23, 59, 59, 990), Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    ];
    for (const ms of edges) expect(toIso(ms), String(ms)).toBe(viaDate(ms));
  });

  it('agrees with Date on 40,000 random whole milliseconds from 1970 to 9999, twice (the day cache)', () => {
    let seed = 22;
    const random = () => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
    const values = Array.from({ length: 20_000 }, () => Math.floor(random() * 253_402_300_800_000));
    const near = Array.from({ length: 10_000 }, (_, i) => Date.UTC(2026, 10, 1) + Math.floor(random() * 40 * 86_400_000) + i);
    for (const ms of [...values, ...near, ...near]) if (toIso(ms) !== viaDate(ms)) expect(toIso(ms), String(ms)).toBe(viaDate(ms));
  });

  it('leaves fractions, negative times, years past 9999 and invalid numbers to Date (same answer, same error)', () => {
    for (const ms of [1.5, -1, -86_400_001, Date.UTC(-1, 0, 1), 253_402_300_800_000, 8.64e15]) expect(toIso(ms)).toBe(viaDate(ms));
    expect(() => toIso(Number.NaN)).toThrow(RangeError);
    expect(() => toIso(8.64e15 + 1)).toThrow(RangeError);
  });
});
