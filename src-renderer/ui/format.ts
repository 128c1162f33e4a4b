// Formatting of dates, counts and countries for display.
import { findCountry } from '../../src-shared/domain/countries';

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const shortDateFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const numberFormat = new Intl.NumberFormat();

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDate(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? dateFormat.format(d) : '—';
}

export function formatDateTime(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? dateTimeFormat.format(d) : '—';
}

/** Time only for today, day and month this year, the full date otherwise (mail-client style). */
export function formatShortDateTime(iso: string | null | undefined, now: Date = new Date()): string {
  const d = parse(iso);
  if (!d) return '—';
  if (d.toDateString() === now.toDateString()) return timeFormat.format(d);
  if (d.getFullYear() === now.getFullYear()) return shortDateFormat.format(d);
  return dateFormat.format(d);
}

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function countryName(code: string): string {
  return findCountry(code)?.name ?? code;
}

/** "Berlin, Germany", leaving out what is missing. */
export function placeOf(city: string, country: string): string {
  return [city, country ? countryName(country) : ''].filter(Boolean).join(', ');
}

export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

/** "⌘K" on a Mac, "Ctrl K" elsewhere. */
export function shortcutLabel(key: string, shift = false): string {
  return isMac() ? `${shift ? '⇧' : ''}⌘${key}` : `Ctrl+${shift ? 'Shift+' : ''}${key}`;
}
