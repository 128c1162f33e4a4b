// Calendar days and months in UTC, the units of the date-range picker and of the sales rollups. A day is
// 'YYYY-MM-DD' on the wire and the integer YYYYMMDD (20261105) as a rollup key; a month is 'YYYY-MM' and
// YYYYMM (202611). Ranges are inclusive at both ends.
const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The epoch ms at which a 'YYYY-MM-DD' day starts (UTC), or null when it is not a real calendar day. */
export function dayStartMs(day: string): number | null {
  const match = DAY_PATTERN.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || date < 1) return null;
  const ms = Date.UTC(year, month - 1, date);
  return new Date(ms).getUTCDate() === date ? ms : null;
}

export function isDay(text: string): boolean {
  return dayStartMs(text) !== null;
}

/** 'YYYY-MM-DD' of an epoch ms (UTC). */
export function dayOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** The rollup key YYYYMMDD of an epoch ms (UTC). */
export function dayKeyOf(epochMs: number): number {
  const d = new Date(epochMs);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

export function dayKey(day: string): number {
  return Number(day.slice(0, 4)) * 10000 + Number(day.slice(5, 7)) * 100 + Number(day.slice(8, 10));
}

export function monthKeyOfDayKey(dayKeyValue: number): number {
  return Math.floor(dayKeyValue / 100);
}

/** YYYYQ of a YYYYMM key (20251 = January–March 2025): the key of the quarterly product rollups. */
export function quarterKeyOfMonthKey(monthKeyValue: number): number {
  return Math.floor(monthKeyValue / 100) * 10 + Math.floor(((monthKeyValue % 100) + 2) / 3);
}

/** 'YYYY-MM' of a YYYYMM key. */
export function monthLabel(monthKeyValue: number): string {
  return `${Math.floor(monthKeyValue / 100)}-${String(monthKeyValue % 100).padStart(2, '0')}`;
}

/** 'YYYY-MM-DD' of a YYYYMMDD key. */
export function dayLabel(dayKeyValue: number): string {
  return `${monthLabel(Math.floor(dayKeyValue / 100))}-${String(dayKeyValue % 100).padStart(2, '0')}`;
}

export function addDays(day: string, days: number): string {
  return dayOf((dayStartMs(day) ?? 0) + days * DAY_MS);
}

export function daysBetween(from: string, to: string): number {
  return Math.round(((dayStartMs(to) ?? 0) - (dayStartMs(from) ?? 0)) / DAY_MS) + 1;
}

/** The first day of the month `offset` months after the month of `day`. */
export function monthStart(day: string, offset = 0): string {
  const ms = dayStartMs(day) ?? 0;
  const d = new Date(ms);
  return dayOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
}

export function monthEnd(day: string): string {
  return addDays(monthStart(day, 1), -1);
}

/** Every month key from the month of `from` to the month of `to`, in order. */
export function monthKeysBetween(from: string, to: string): number[] {
  const keys: number[] = [];
  for (let cursor = monthStart(from); cursor <= to; cursor = monthStart(cursor, 1)) keys.push(Math.floor(dayKey(cursor) / 100));
  return keys;
}

export interface DayRange {
  from: string;
  to: string;
}

/**
 * The range to compare with: for whole months the same number of whole months before (October compares
 * with September), otherwise the same number of days ending the day before `range` starts.
 */
export function previousRange(range: DayRange): DayRange {
  if (range.from === monthStart(range.from) && range.to === monthEnd(range.to)) {
    const months = monthKeysBetween(range.from, range.to).length;
    return { from: monthStart(range.from, -months), to: addDays(range.from, -1) };
  }
  const length = daysBetween(range.from, range.to);
  return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
}

/** Ready-made ranges for the picker, relative to `today` ('YYYY-MM-DD'). */
export function presetRanges(today: string): { id: string; label: string; range: DayRange }[] {
  return [
    { id: 'today', label: 'Today', range: { from: today, to: today } },
    { id: 'last7', label: 'Last 7 days', range: { from: addDays(today, -6), to: today } },
    { id: 'last30', label: 'Last 30 days', range: { from: addDays(today, -29), to: today } },
    { id: 'thisMonth', label: 'This month', range: { from: monthStart(today), to: today } },
    { id: 'lastMonth', label: 'Last month', range: { from: monthStart(today, -1), to: addDays(monthStart(today), -1) } },
    { id: 'last12Months', label: 'Last 12 months', range: { from: monthStart(today, -11), to: today } },
    { id: 'yearToDate', label: 'Year to date', range: { from: `${today.slice(0, 4)}-01-01`, to: today } },
    { id: 'last24Months', label: 'Last 24 months', range: { from: monthStart(today, -23), to: today } },
  ];
}
