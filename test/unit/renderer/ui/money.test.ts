import { describe, expect, it } from 'vitest';
import { bpToPercentText, formatMoney, formatMoneyCompact, parseMoney, percentTextToBp } from '../../../../src-renderer/ui/money';

const minor = (text: string, currency = 'EUR', locale = 'en-US') => {
  const result = parseMoney(text, currency, locale);
  return result.ok ? result.minor : result.problem;
};

describe('parsing typed amounts into minor units', () => {
  it('reads plain amounts exactly, without float rounding', () => {
    expect(minor('12.50')).toBe(1250);
    expect(minor('12.5')).toBe(1250);
    expect(minor('12')).toBe(1200);
    expect(minor('0.1')).toBe(10);
    expect(minor('0.29')).toBe(29); // 0.29 * 100 = 28.999999999999996 as a float
    expect(minor('1.15')).toBe(115); // 114.99999999999999 as a float
    expect(minor('4.35')).toBe(435);
    expect(minor('9999999.99')).toBe(999999999);
    expect(minor('.5')).toBe(50);
    expect(minor('12.')).toBe(1200);
  });

  it('understands decimal commas, grouping and symbols', () => {
    expect(minor('12,50')).toBe(1250);
    expect(minor('1,234.56')).toBe(123456);
    expect(minor('1.234,56')).toBe(123456);
    expect(minor('1 234,56')).toBe(123456);
    expect(minor('1\u00a0234,56 €')).toBe(123456);
    expect(minor("1'234.50", 'CHF')).toBe(123450);
    expect(minor('€ 12.50')).toBe(1250);
    expect(minor('12.50 EUR')).toBe(1250);
    expect(minor('$1,000,000', 'USD')).toBe(100000000);
    expect(minor('1,234', 'USD')).toBe(123400); // a lone separator before three digits groups thousands
    expect(minor('1.234.567', 'EUR')).toBe(123456700);
  });

  it("reads a lone separator before three digits the way the user's locale does", () => {
    expect(minor('1,234', 'EUR', 'en-US')).toBe(123400);
    expect(minor('1.234', 'EUR', 'de-DE')).toBe(123400);
    expect(minor('12.505', 'EUR', 'en-US')).toBe('must have at most 2 decimals in EUR');
    expect(minor('1,234', 'EUR', 'de-DE')).toBe('must have at most 2 decimals in EUR');
    expect(minor('12,50', 'EUR', 'en-US')).toBe(1250);
    expect(minor('12.50', 'EUR', 'de-DE')).toBe(1250);
  });

  it('follows the currency: no decimals for JPY, three for KWD', () => {
    expect(minor('1250', 'JPY')).toBe(1250);
    expect(minor('1,250', 'JPY')).toBe(1250);
    expect(minor('12.5', 'JPY')).toBe('must be a whole amount: JPY has no decimals');
    expect(minor('1.250', 'KWD')).toBe(1250);
    expect(minor('1.5', 'KWD')).toBe(1500);
    expect(minor('1.2345', 'KWD')).toBe('must have at most 3 decimals in KWD');
  });

  it('refuses what is not an amount, instead of guessing', () => {
    expect(minor('')).toBe('is required');
    expect(minor('   ')).toBe('is required');
    expect(minor('0,125')).toBe('must have at most 2 decimals in EUR');
    expect(minor('12.3.4')).toBe('has misplaced thousands separators');
    expect(minor('1,23,456.00')).toBe('has misplaced thousands separators');
    expect(minor('-5')).toBe('must not be negative');
    expect(minor('abc')).toBe('must be an amount such as 12.50');
    expect(minor('1e5')).toBe('must be an amount such as 12.50');
    expect(minor('12.50 USD')).toBe('must be an amount such as 12.50');
    expect(minor('99999999999999999')).toBe('is too large');
  });
});

describe('showing amounts', () => {
  it('formats minor units with the currency and its decimals', () => {
    expect(formatMoney(1250, 'EUR', { locale: 'en-US' })).toBe('€12.50');
    expect(formatMoney(1250, 'EUR', { locale: 'de-DE' })).toBe('12,50\u00a0€');
    expect(formatMoney(1250, 'JPY', { locale: 'en-US' })).toBe('¥1,250');
    expect(formatMoney(1250, 'KWD', { locale: 'en-US' })).toMatch(/^KWD\s1\.250$/);
    expect(formatMoney(123456789012, 'USD', { locale: 'en-US' })).toBe('$1,234,567,890.12');
    expect(formatMoney(-5, 'EUR', { locale: 'en-US' })).toBe('-€0.05');
    expect(formatMoney(500, 'EUR', { locale: 'en-US', signed: true })).toBe('+€5.00');
  });

  it('keeps exact digits beyond float precision', () => {
    // 2^53 + 1 minor units would lose its last digit through a float division by 100.
    expect(formatMoney(9007199254740991, 'EUR', { locale: 'en-US' })).toBe('€90,071,992,547,409.91');
  });

  it('has compact forms for axes', () => {
    expect(formatMoneyCompact(1_250_000, 'EUR', 'en-US')).toBe('€12.5K');
    expect(formatMoneyCompact(0, 'USD', 'en-US')).toBe('$0');
  });

  it('round-trips percentages and basis points', () => {
    expect(bpToPercentText(1900)).toBe('19');
    expect(bpToPercentText(750)).toBe('7.5');
    expect(bpToPercentText(2550)).toBe('25.5');
    expect(bpToPercentText(810)).toBe('8.1');
    expect(bpToPercentText(5)).toBe('0.05');
    expect(percentTextToBp('19')).toBe(1900);
    expect(percentTextToBp('7,5 %')).toBe(750);
    expect(percentTextToBp('0.05')).toBe(5);
    expect(percentTextToBp('7.555')).toBeNull();
    expect(percentTextToBp('x')).toBeNull();
    for (const bp of [0, 5, 700, 810, 1900, 2550, 10000]) expect(percentTextToBp(bpToPercentText(bp))).toBe(bp);
  });
});
