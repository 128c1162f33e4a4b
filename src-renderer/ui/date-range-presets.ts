// The date-range picker's presets and checks: ranges are inclusive UTC days ('YYYY-MM-DD') relative to the
// platform's today (its clock can run ahead of the wall clock in demos). A custom range is checked with the same
// schema the statistics methods use at their boundary, in ./range-problems.ts.
import { addDays, dayOf, dayStartMs, monthStart, type DayRange } from '../../src-shared/domain/date-range';

export const RANGE_PRESETS = [
  { id: 'last30Days', label: 'Last 30 days' },
  { id: 'thisMonth', label: 'This month' },
  { id: 'lastMonth', label: 'Last month' },
  { id: 'last3Months', label: 'Last 3 months' },
  { id: 'last12Months', label: 'Last 12 months' },
  { id: 'yearToDate', label: 'Year to date' },
] as const;

export type PresetId = (typeof RANGE_PRESETS)[number]['id'];
export type RangeChoice = PresetId | 'custom';

/** What the picker holds: the preset (or custom) and the days it stands for. */
export interface RangeSelection extends DayRange {
  preset: RangeChoice;
}

/** The day after the same day one year before (29 Feb: from 1 Mar): "last 12 months" ends today. */
function dayAfterAYearAgo(today: string): string {
  const year = String(Number(today.slice(0, 4)) - 1).padStart(4, '0');
  const monthDay = today.slice(5) === '02-29' ? '02-28' : today.slice(5);
  return addDays(`${year}-${monthDay}`, 1);
}

/**
 * The days a preset covers, relative to `today`; "last 3 months" includes the current month. "Last 12 months"
 * is the year up to today (not from 1 January of the month eleven months ago, which in December was the
 * same days as "Year to date").
 */
export function presetRange(id: PresetId, today: string): DayRange {
  switch (id) {
    case 'last30Days':
      return { from: addDays(today, -29), to: today };
    case 'thisMonth':
      return { from: monthStart(today), to: today };
    case 'lastMonth':
      return { from: monthStart(today, -1), to: addDays(monthStart(today), -1) };
    case 'last3Months':
      return { from: monthStart(today, -2), to: today };
    case 'last12Months':
      return { from: dayAfterAYearAgo(today), to: today };
    case 'yearToDate':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
  }
}

export function presetSelection(id: PresetId, today: string): RangeSelection {
  return { preset: id, ...presetRange(id, today) };
}

/** Moves a preset selection along when the day changes; a custom range stays as it is. */
export function refreshSelection(selection: RangeSelection, today: string): RangeSelection {
  return selection.preset === 'custom' ? selection : presetSelection(selection.preset, today);
}

/**
 * The platform's today: its clock reading (`clockNow`, ISO) moved on by the time that has passed since it
 * was read. Falls back to the wall clock before the first reading.
 */
export function platformToday(clockNow: string | null | undefined, readAtMs: number | null, nowMs: number = Date.now()): string {
  const clock = clockNow ? Date.parse(clockNow) : Number.NaN;
  if (!Number.isFinite(clock) || readAtMs === null) return dayOf(nowMs);
  return dayOf(clock + Math.max(0, nowMs - readAtMs));
}

const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayMonthYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthYear = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthOnly = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });

/** "3 Nov – 2 Dec 2026" / "1 Jan 2025 – 30 Jun 2026" / "5 Nov 2026". */
export function describeRange(range: DayRange): string {
  const from = new Date(dayStartMs(range.from) ?? 0);
  const to = new Date(dayStartMs(range.to) ?? 0);
  if (range.from === range.to) return dayMonthYear.format(from);
  const sameYear = range.from.slice(0, 4) === range.to.slice(0, 4);
  return `${sameYear ? dayMonth.format(from) : dayMonthYear.format(from)} – ${dayMonthYear.format(to)}`;
}

/** A day label for tables ("5 Nov 2026"; `short`: "5 Nov" for chart axes). */
export function formatDay(day: string, short = false): string {
  const ms = dayStartMs(day);
  return ms === null ? day : (short ? dayMonth : dayMonthYear).format(new Date(ms));
}

/** A month label ('2026-11' -> "Nov 2026"; `short` -> "Nov"). */
export function formatMonth(month: string, short = false): string {
  const ms = dayStartMs(`${month}-01`);
  if (ms === null) return month;
  return (short ? monthOnly : monthYear).format(new Date(ms));
}
