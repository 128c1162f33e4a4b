import { describe, expect, it } from 'vitest';
import { currencyExponent, formatMinor, parseMinor } from '../../../../src-shared/domain/currencies';
import { addDays, dayKeyOf, dayStartMs, monthEnd, monthKeysBetween, monthStart, presetRanges, previousRange } from '../../../../src-shared/domain/date-range';
import { averageMinor, priceLine, vatOf } from '../../../../src-shared/domain/shop';

describe('line pricing', () => {
  it('rounds VAT per line half up, in integers', () => {
    expect(vatOf(999, 700)).toBe(70); // 69.93
    expect(vatOf(50, 1000)).toBe(5); // 5.0
    expect(vatOf(25, 1000)).toBe(3); // 2.5 -> 3 (half up)
    expect(vatOf(24, 1000)).toBe(2); // 2.4
    expect(vatOf(1, 4999)).toBe(0); // 0.4999
    expect(vatOf(1, 5000)).toBe(1); // 0.5
    expect(priceLine(12999, 2, 1900)).toEqual({ netMinor: 25998, vatMinor: 4940, grossMinor: 30938 });
    expect(priceLine(100, 3, 0)).toEqual({ netMinor: 300, vatMinor: 0, grossMinor: 300 });
  });

  it('stays exact beyond 2^53 through BigInt', () => {
    // 10^13 x 2500 bp = 2.5e16 > 2^53: the exact result is 2.5e12.
    expect(vatOf(10_000_000_000_001, 2500)).toBe(2_500_000_000_000);
    expect(averageMinor(10, 4)).toBe(3); // 2.5 -> 3
    expect(averageMinor(10, 3)).toBe(3); // 3.33
    expect(averageMinor(0, 0)).toBe(0);
  });
});

describe('currencies', () => {
  it('formats and parses minor units by the currency exponent', () => {
    expect(currencyExponent('jpy')).toBe(0);
    expect(formatMinor(1250, 'EUR')).toBe('12.50');
    expect(formatMinor(5, 'EUR')).toBe('0.05');
    expect(formatMinor(-1205, 'USD')).toBe('-12.05');
    expect(formatMinor(1250, 'JPY')).toBe('1250');
    expect(formatMinor(1250, 'KWD')).toBe('1.250');
    expect(parseMinor('12,5', 'EUR')).toBe(1250);
    expect(parseMinor('12.505', 'EUR')).toBeNull();
    expect(parseMinor('1250', 'JPY')).toBe(1250);
    expect(parseMinor('-1', 'EUR')).toBeNull();
  });
});

describe('days and months (UTC)', () => {
  it('validates calendar days and computes keys, month bounds and ranges', () => {
    expect(dayStartMs('2026-02-29')).toBeNull();
    expect(dayStartMs('2028-02-29')).toBe(Date.UTC(2028, 1, 29));
    expect(dayStartMs('2026-1-01')).toBeNull();
    expect(dayKeyOf(Date.UTC(2026, 10, 5, 23, 59))).toBe(20261105);
    expect(monthStart('2026-03-31', -1)).toBe('2026-02-01');
    expect(monthEnd('2028-02-10')).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(monthKeysBetween('2026-11-15', '2027-02-01')).toEqual([202611, 202612, 202701, 202702]);
    expect(previousRange({ from: '2026-11-01', to: '2026-11-30' })).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(previousRange({ from: '2026-01-01', to: '2026-03-31' })).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(previousRange({ from: '2026-11-05', to: '2026-11-14' })).toEqual({ from: '2026-10-26', to: '2026-11-04' });
    const presets = Object.fromEntries(presetRanges('2026-11-20').map((p) => [p.id, p.range]));
    expect(presets.lastMonth).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(presets.last30).toEqual({ from: '2026-10-22', to: '2026-11-20' });
  });
});
