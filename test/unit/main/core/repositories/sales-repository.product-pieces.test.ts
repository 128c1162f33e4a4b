// How top products split a range (productPieces): whole months from the monthly product rollups plus
// signed day ranges from the daily ones. Checked over every range of up to 100 days starting on each day
// of 2025 and 2026 (and some long ones): the pieces count each day of the range exactly once and no day
// outside it, and no month costs more than half its days of daily rows.
import { describe, expect, it } from 'vitest';
import { productPieces, rangePieces as pieces } from '../../../../../src-main/core/repositories/sales-repository';
import { addDays, dayKey, dayLabel, daysBetween, monthEnd, monthStart } from '../../../../../src-shared/domain/date-range';

/** How often each day is counted by the plan (months count each of their days once). */
function coverage(plan: ReturnType<typeof productPieces>): Map<string, number> {
  const count = new Map<string, number>();
  const add = (from: string, to: string, sign: number) => {
    for (let d = from; d <= to; d = addDays(d, 1)) count.set(d, (count.get(d) ?? 0) + sign);
  };
  if (plan.months) {
    const [m1, m2] = plan.months;
    add(dayLabel(m1 * 100 + 1), monthEnd(dayLabel(m2 * 100 + 1)), 1);
  }
  for (const r of plan.days) add(dayLabel(r.from), dayLabel(r.to), r.sign);
  return count;
}

describe('productPieces', () => {
  it('counts every day of a range once and no other day, reading at most half of any month from the daily rollups', () => {
    const ranges: [string, string][] = [['2024-11-01', '2026-10-31'], ['2024-11-16', '2026-10-15'], ['2024-02-29', '2026-02-28']];
    for (let from = '2025-01-01'; from <= '2026-12-31'; from = addDays(from, 1)) {
      for (const length of [1, 2, 14, 15, 16, 17, 30, 31, 32, 61]) ranges.push([from, addDays(from, length - 1)]);
    }
    const wrong: string[] = [];
    for (const [from, to] of ranges) {
      const plan = productPieces(pieces(from, to));
      const counted = coverage(plan);
      for (const [day, n] of counted) if (n !== (day >= from && day <= to ? 1 : 0)) wrong.push(`${from}..${to}: ${day} counted ${n} times`);
      for (let d = from; d <= to; d = addDays(d, 1)) if (!counted.has(d)) wrong.push(`${from}..${to}: ${d} missing`);
      // Daily rows read per month: never more than half the month, and a day range never crosses a month.
      const perMonth = new Map<number, number>();
      for (const r of plan.days) {
        const month = Math.floor(r.from / 100);
        if (month !== Math.floor(r.to / 100)) wrong.push(`${from}..${to}: ${r.from}..${r.to} crosses a month`);
        perMonth.set(month, (perMonth.get(month) ?? 0) + daysBetween(dayLabel(r.from), dayLabel(r.to)));
      }
      for (const [month, days] of perMonth) {
        const first = dayLabel(month * 100 + 1);
        if (days * 2 > daysBetween(first, monthEnd(first))) wrong.push(`${from}..${to}: ${days} days of ${month}`);
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(ranges.length).toBeGreaterThan(5000);
  });

  it('reads a month minus its outside days only when that is fewer days', () => {
    expect(productPieces(pieces('2026-10-02', '2026-10-31'))).toEqual({ months: [202610, 202610], days: [{ from: 20261001, to: 20261001, sign: -1 }] });
    expect(productPieces(pieces('2026-10-05', '2026-10-27'))).toEqual({
      months: [202610, 202610],
      days: [{ from: 20261001, to: 20261004, sign: -1 }, { from: 20261028, to: 20261031, sign: -1 }],
    });
    expect(productPieces(pieces('2026-10-17', '2026-10-31'))).toEqual({ months: null, days: [{ from: 20261017, to: 20261031, sign: 1 }] });
    expect(productPieces(pieces('2025-11-15', '2026-10-20'))).toEqual({
      months: [202511, 202610],
      days: [{ from: 20251101, to: 20251114, sign: -1 }, { from: 20261021, to: 20261031, sign: -1 }],
    });
    expect(productPieces(pieces('2024-11-01', '2026-10-31'))).toEqual({ months: [202411, 202610], days: [] });
    expect(dayKey(monthStart('2026-10-20'))).toBe(20261001);
  });
});
