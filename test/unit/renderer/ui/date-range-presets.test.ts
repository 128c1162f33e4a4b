import { describe, expect, it } from 'vitest';
import { platformToday, presetRange, presetSelection, refreshSelection, RANGE_PRESETS } from '../../../../src-renderer/ui/date-range-presets';
import { rangeProblems } from '../../../../src-renderer/ui/range-problems';

describe('date-range presets', () => {
  const today = '2026-11-23';

  it('computes every preset relative to the platform today', () => {
    expect(presetRange('last30Days', today)).toEqual({ from: '2026-10-25', to: today });
    expect(presetRange('thisMonth', today)).toEqual({ from: '2026-11-01', to: today });
    expect(presetRange('lastMonth', today)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(presetRange('last3Months', today)).toEqual({ from: '2026-09-01', to: today });
    expect(presetRange('last12Months', today)).toEqual({ from: '2025-11-24', to: today });
    expect(presetRange('yearToDate', today)).toEqual({ from: '2026-01-01', to: today });
  });

  it('handles month and year boundaries and leap years', () => {
    expect(presetRange('lastMonth', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetRange('lastMonth', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(presetRange('last3Months', '2026-02-10')).toEqual({ from: '2025-12-01', to: '2026-02-10' });
    expect(presetRange('thisMonth', '2026-12-01')).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(presetRange('last12Months', '2024-02-29')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
    expect(presetRange('last12Months', '2026-01-01')).toEqual({ from: '2025-01-02', to: '2026-01-01' });
  });

  it('"Last 12 months" is not "Year to date" in December', () => {
    for (const day of ['2026-12-01', '2026-12-07', '2026-12-30']) expect(presetRange('last12Months', day)).not.toEqual(presetRange('yearToDate', day));
    expect(presetRange('last12Months', '2026-12-07')).toEqual({ from: '2025-12-08', to: '2026-12-07' });
  });

  it('gives ranges the statistics methods accept', () => {
    for (const preset of RANGE_PRESETS) expect(rangeProblems(presetRange(preset.id, today))).toEqual({});
  });

  it('validates custom ranges with the boundary schema', () => {
    expect(rangeProblems({ from: '2026-11-30', to: '2026-11-01' })).toEqual({ to: ['must be on or after the start date'] });
    expect(rangeProblems({ from: '2026-02-30', to: '2026-03-01' }).from).toEqual(['must be a date as YYYY-MM-DD']);
    expect(rangeProblems({ from: '', to: '2026-03-01' }).from).toBeDefined();
    expect(rangeProblems({ from: '2000-01-01', to: '2026-03-01' }).to?.[0]).toMatch(/at most [\d,]+ days after the start date/);
  });

  it('moves presets along with the day, but not custom ranges', () => {
    const selection = presetSelection('thisMonth', '2026-11-30');
    expect(refreshSelection(selection, '2026-12-01')).toEqual({ preset: 'thisMonth', from: '2026-12-01', to: '2026-12-01' });
    const custom = { preset: 'custom' as const, from: '2026-01-01', to: '2026-01-31' };
    expect(refreshSelection(custom, '2026-12-01')).toBe(custom);
  });

  it("takes today from the platform's clock, moved on by the time since it was read", () => {
    const readAt = Date.parse('2030-01-01T00:00:00Z');
    expect(platformToday('2026-11-23T23:59:00.000Z', readAt, readAt + 30_000)).toBe('2026-11-23');
    expect(platformToday('2026-11-23T23:59:00.000Z', readAt, readAt + 120_000)).toBe('2026-11-24');
    expect(platformToday(null, null, Date.parse('2026-05-05T10:00:00Z'))).toBe('2026-05-05');
  });
});
