// How top products split a range (productPieces): whole months from the monthly product rollups plus
// signed ranges of ten-day periods and of days from the ten-day and daily ones. Checked over every range of
// up to 61 days starting on each day of 2025 and 2026 (and some long ones): the pieces count each day of the
// range exactly once and no day outside it, and a month costs at most seven reads of a period or a day at the
// edge of a longer range (eleven for a range within one month), where daily rows alone cost up to fifteen.
import { describe, expect, it } from 'vitest';
import { productPieces, rangePieces as pieces } from '../../../src-main/core/repositories/sales-repository';
import { addDays, dayKey, dayLabel, daysBetween, monthEnd, monthStart } from '../../../src-shared/domain/date-range';

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
  for (const r of plan.tenDays) {
    for (let key = r.from; key <= r.to; key++) {
      const month = Math.floor(key / 10);
      const part = key % 10;
      const first = dayLabel(month * 100 + (part - 1) * 10 + 1);
      add(first, part === 3 ? monthEnd(first) : addDays(first, 9), r.sign);
    }
  }
  for (const r of plan.days) add(dayLabel(r.from), dayLabel(r.to), r.sign);
  return count;
}

describe('productPieces', () => {
  it('counts every day of a range once and no other day, reading at most seven periods or days at the edge of a longer range and eleven within one month', () => {
    const ranges: [string, string][] = [['2024-11-01', '2026-10-31'], ['2024-11-16', '2026-10-15'], ['2024-02-29', '2026-02-28']];
    for (let from = '2025-01-01'; from <= '2026-12-31'; from = addDays(from, 1)) {
      for (const length of [1, 2, 5, 9, 10, 11, 14, 15, 16, 17, 20, 21, 25, 30, 31, 32, 45, 61]) ranges.push([from, addDays(from, length - 1)]);
    }
    const wrong: string[] = [];
    let worst = 0;
    let edgeWorst = 0;
    for (const [from, to] of ranges) {
      const plan = productPieces(pieces(from, to));
      const counted = coverage(plan);
      for (const [day, n] of counted) if (n !== (day >= from && day <= to ? 1 : 0)) wrong.push(`${from}..${to}: ${day} counted ${n} times`);
      for (let d = from; d <= to; d = addDays(d, 1)) if (!counted.has(d)) wrong.push(`${from}..${to}: ${d} missing`);
      // Reads per month (a day or a ten-day period each): never more than six; ranges never cross a month.
      const perMonth = new Map<number, number>();
      for (const r of plan.days) {
        const month = Math.floor(r.from / 100);
        if (month !== Math.floor(r.to / 100)) wrong.push(`${from}..${to}: ${r.from}..${r.to} crosses a month`);
        perMonth.set(month, (perMonth.get(month) ?? 0) + daysBetween(dayLabel(r.from), dayLabel(r.to)));
      }
      for (const r of plan.tenDays) {
        const month = Math.floor(r.from / 10);
        if (month !== Math.floor(r.to / 10)) wrong.push(`${from}..${to}: ten days ${r.from}..${r.to} cross a month`);
        perMonth.set(month, (perMonth.get(month) ?? 0) + r.to - r.from + 1);
      }
      for (const [month, reads] of perMonth) {
        worst = Math.max(worst, reads);
        // An edge of a long range (from some day to the month's end, or from its start to some day).
        const edge = pieces(from, to).months !== null;
        if (edge) edgeWorst = Math.max(edgeWorst, reads);
        if (reads > 11) wrong.push(`${from}..${to}: ${reads} reads in ${month}`);
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    // Before the ten-day rollups: up to 15 days of daily rows per month (half of it), at an edge too.
    expect({ edgeWorst, worst }).toEqual({ edgeWorst: 7, worst: 11 });
    expect(ranges.length).toBeGreaterThan(5000);
  });

  it('reads a month minus its outside parts, or ten-day periods, only when that is fewer reads', () => {
    expect(productPieces(pieces('2026-10-02', '2026-10-31'))).toEqual({ months: [202610, 202610], tenDays: [], days: [{ from: 20261001, to: 20261001, sign: -1 }] });
    expect(productPieces(pieces('2026-10-05', '2026-10-27'))).toEqual({
      months: [202610, 202610],
      tenDays: [],
      days: [{ from: 20261001, to: 20261004, sign: -1 }, { from: 20261028, to: 20261031, sign: -1 }],
    });
    // 17-31 October: the last ten-day period (21-31) and four days, instead of fifteen days.
    expect(productPieces(pieces('2026-10-17', '2026-10-31'))).toEqual({ months: null, tenDays: [{ from: 2026103, to: 2026103, sign: 1 }], days: [{ from: 20261017, to: 20261020, sign: 1 }] });
    // The bench's edge-day range: 11-20 November minus 11-14, 21-30 November; 1-20 October as two periods.
    expect(productPieces(pieces('2025-11-15', '2026-10-20'))).toEqual({
      months: [202512, 202609],
      tenDays: [{ from: 2025112, to: 2025113, sign: 1 }, { from: 2026101, to: 2026102, sign: 1 }],
      days: [{ from: 20251111, to: 20251114, sign: -1 }],
    });
    // The worst edges before: 16-30 November and 1-15 October, 15 days each; now a period and 5 days each.
    expect(productPieces(pieces('2024-11-16', '2026-10-15'))).toEqual({
      months: [202412, 202609],
      tenDays: [{ from: 2024113, to: 2024113, sign: 1 }, { from: 2026101, to: 2026101, sign: 1 }],
      days: [{ from: 20241116, to: 20241120, sign: 1 }, { from: 20261011, to: 20261015, sign: 1 }],
    });
    expect(productPieces(pieces('2024-11-01', '2026-10-31'))).toEqual({ months: [202411, 202610], tenDays: [], days: [] });
    expect(dayKey(monthStart('2026-10-20'))).toBe(20261001);
  });
});
