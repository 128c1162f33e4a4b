// Money in the console: amounts travel as integer minor units plus an ISO 4217 currency (src-shared). This
// module shows them with Intl.NumberFormat (the currency's own number of decimals, from the minor-unit table
// in src-shared/domain/currencies.ts) and turns what a person types ("12,50", "1.234,50 €", "1'234.5")
// into minor units exactly: string and BigInt arithmetic, never a float.
import { currencyExponent, formatMinor } from '../../src-shared/domain/currencies';

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let format = formats.get(key);
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

/** Intl accepts an exact decimal string ("1234.50") since ES2023; typed as number in the ES2022 lib. */
function formatDecimal(format: Intl.NumberFormat, decimal: string): string {
  return format.format(decimal as unknown as number);
}

export interface MoneyFormatOptions {
  locale?: string;
  /** "+€12.50" for changes. */
  signed?: boolean;
}

/** 1250 EUR -> "€12.50", 1250 JPY -> "¥1,250", 1250 KWD -> "KWD 1.250" (in the user's locale). */
export function formatMoney(amountMinor: number, currency: string, options: MoneyFormatOptions = {}): string {
  const exponent = currencyExponent(currency);
  const locale = options.locale;
  const format = numberFormat(`m|${locale ?? ''}|${currency}|${options.signed ? 's' : ''}`, () => {
    try {
      return new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        minimumFractionDigits: exponent,
        maximumFractionDigits: exponent,
        signDisplay: options.signed ? 'exceptZero' : 'auto',
      });
    } catch {
      // Not a code Intl knows: the amount and the code side by side.
      return new Intl.NumberFormat(locale, { minimumFractionDigits: exponent, maximumFractionDigits: exponent, signDisplay: options.signed ? 'exceptZero' : 'auto' });
    }
  });
  const text = formatDecimal(format, formatMinor(amountMinor, currency));
  return format.resolvedOptions().style === 'currency' ? text : `${text} ${currency}`;
}

/** Short amounts for chart axes and tight cells: "€12K", "€1.2M" (display only; never parsed back). */
export function formatMoneyCompact(amountMinor: number, currency: string, locale?: string): string {
  const format = numberFormat(`c|${locale ?? ''}|${currency}`, () => {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 });
    } catch {
      return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
    }
  });
  const text = formatDecimal(format, formatMinor(amountMinor, currency));
  return format.resolvedOptions().style === 'currency' ? text : `${text} ${currency}`;
}

/** The amount as the money input shows it for editing: "12.50" (no symbol, no grouping). */
export function moneyInputText(amountMinor: number, currency: string): string {
  return formatMinor(amountMinor, currency);
}

export type MoneyParse = { ok: true; minor: number } | { ok: false; problem: string };

/** The decimal mark of a locale ("." for en, "," for de). */
export function decimalMarkOf(locale?: string): string {
  return numberFormat(`d|${locale ?? ''}`, () => new Intl.NumberFormat(locale)).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}

const SYMBOLS = /[€$£¥₩₹₽₺₪₫₴₦฿]/g;
/** Spaces of every kind and the Swiss apostrophe group digits; they carry no meaning otherwise. */
const GROUP_SPACES = /[\s\u00a0\u202f'’]/g;

/**
 * Parses a typed amount into minor units of `currency`. Accepts a decimal point or comma, grouping with the
 * other one (or spaces / apostrophes), and the currency's symbol or code. The last of "." and "," is the
 * decimal separator when both occur. A lone separator followed by exactly three digits ("1.234") is read
 * the way the user's locale writes numbers: its grouping separator groups thousands, its decimal separator
 * is a decimal (and then too many decimals for most currencies). More decimals than the currency has is an
 * error, never a rounding.
 */
export function parseMoney(text: string, currency: string, locale?: string): MoneyParse {
  const exponent = currencyExponent(currency);
  let body = text.trim();
  if (body === '') return { ok: false, problem: 'is required' };
  body = body.replace(new RegExp(currency.replace(/[^A-Za-z]/g, ''), 'gi'), '').replace(SYMBOLS, '');
  body = body.replace(GROUP_SPACES, '');
  if (body.startsWith('-') || body.startsWith('−')) return { ok: false, problem: 'must not be negative' };
  if (body.startsWith('+')) body = body.slice(1);
  if (body === '') return { ok: false, problem: 'must be an amount such as 12.50' };
  if (!/^[\d.,]+$/.test(body) || !/\d/.test(body)) return { ok: false, problem: 'must be an amount such as 12.50' };

  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  let decimalSep: '.' | ',' | null = null;
  if (lastDot >= 0 && lastComma >= 0) {
    decimalSep = lastDot > lastComma ? '.' : ',';
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const at = body.lastIndexOf(sep);
    const count = body.split(sep).length - 1;
    const before = body.slice(0, at);
    const after = body.length - at - 1;
    // "1,234" groups thousands where "," groups (en) and is 1.234 where "," is the decimal mark (de);
    // "0,125" and ",125" are always decimals.
    const groups = after === 3 && exponent !== 3 && before !== '' && before !== '0' && sep !== decimalMarkOf(locale);
    if (count > 1 || groups) decimalSep = null;
    else decimalSep = sep;
  }

  let integerPart = body;
  let fraction = '';
  if (decimalSep !== null) {
    const at = body.lastIndexOf(decimalSep);
    integerPart = body.slice(0, at);
    fraction = body.slice(at + 1);
    if (!/^\d*$/.test(fraction)) return { ok: false, problem: 'must be an amount such as 12.50' };
  }
  const groupSep = decimalSep === '.' ? ',' : decimalSep === ',' ? '.' : /[.,]/.test(integerPart) ? integerPart.match(/[.,]/)![0] : null;
  let digits = integerPart;
  if (groupSep !== null && integerPart.includes(groupSep)) {
    const groups = integerPart.split(groupSep);
    if (!/^\d{1,3}$/.test(groups[0]) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) {
      return { ok: false, problem: 'has misplaced thousands separators' };
    }
    digits = groups.join('');
  }
  if (!/^\d*$/.test(digits)) return { ok: false, problem: 'must be an amount such as 12.50' };
  if (digits === '' && fraction === '') return { ok: false, problem: 'must be an amount such as 12.50' };
  if (fraction.length > exponent) {
    return { ok: false, problem: exponent === 0 ? `must be a whole amount: ${currency} has no decimals` : `must have at most ${exponent} decimals in ${currency}` };
  }
  const minor = BigInt(digits === '' ? '0' : digits) * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, problem: 'is too large' };
  return { ok: true, minor: Number(minor) };
}

/** Basis points as a percentage for display and editing: 1900 -> "19", 750 -> "7.5", 2550 -> "25.5". */
export function bpToPercentText(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = String(Math.abs(bp % 100)).padStart(2, '0').replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : String(whole);
}

/** "19", "7,5", "19 %" -> basis points; null when it is not a percentage with at most two decimals. */
export function percentTextToBp(text: string): number | null {
  const normalized = text.trim().replace(/\s*%$/, '').replace(',', '.').trim();
  const match = /^(\d{1,3})(?:\.(\d{0,2}))?$/.exec(normalized);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** "19 %" from basis points, for table cells. */
export function formatPercentBp(bp: number): string {
  return `${bpToPercentText(bp)} %`;
}
