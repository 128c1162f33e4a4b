// The platform's clock. All platform time comes from here: it is real time plus an offset that the console
// or the CLI can move forward (to close a month or walk a retry schedule in seconds). The offset is kept
// in the settings table so a moved clock survives a restart.
import type { SettingsRepository } from './repositories/settings-repository';

export interface Clock {
  /** Platform time in epoch milliseconds. */
  now(): number;
  nowIso(): string;
  /** How far platform time is ahead of real time, in milliseconds. */
  offsetMs(): number;
  /** Moves platform time forward; returns the new time. Time never moves backwards. */
  advance(ms: number): number;
  onAdvance(listener: (now: number) => void): () => void;
}

const OFFSET_KEY = 'clock.offset_ms';

export function createClock(settings: SettingsRepository, realNow: () => number = Date.now): Clock {
  let offset = Number(settings.get(OFFSET_KEY) ?? '0');
  const listeners = new Set<(now: number) => void>();
  const clock: Clock = {
    now: () => realNow() + offset,
    nowIso: () => new Date(clock.now()).toISOString(),
    offsetMs: () => offset,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
      offset += Math.round(ms);
      settings.set(OFFSET_KEY, String(offset));
      const now = clock.now();
      for (const listener of listeners) listener(now);
      return now;
    },
    onAdvance(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return clock;
}

/** A clock fixed at a given time that moves only when told (tests and repeatable demos). */
export function createManualClock(start: number): Clock {
  let now = start;
  const listeners = new Set<(now: number) => void>();
  return {
    now: () => now,
    nowIso: () => new Date(now).toISOString(),
    offsetMs: () => 0,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
      now += Math.round(ms);
      for (const listener of listeners) listener(now);
      return now;
    },
    onAdvance(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const DAY_MS = 86_400_000;
/** Last moment toISOString writes with a four-digit year (9999-12-31T23:59:59.999Z). */
const FOUR_DIGIT_YEARS_END = 253_402_300_800_000;
/** `YYYY-MM-DDT` of recent days: a list page writes a hundred times, most of them on a handful of days. */
const dayPrefixes = new Map<number, string>();
const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `new Date(epochMs).toISOString()`, the same string, written without a Date for whole milliseconds from 1970 to
 * 9999 (the date part cached per day): the REST and console lists write two times per row, and a Date plus
 * toISOString was 6 % of a products page's CPU (issue 22). Anything else goes through Date (and throws like it).
 */
export function toIso(epochMs: number): string {
  if (!Number.isSafeInteger(epochMs) || epochMs < 0 || epochMs >= FOUR_DIGIT_YEARS_END) return new Date(epochMs).toISOString();
  const day = Math.floor(epochMs / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    if (dayPrefixes.size >= 4096) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  let rest = epochMs - day * DAY_MS;
  const ms = rest % 1000;
  rest = (rest - ms) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  return `${prefix}${pad2((rest - minutes) / 60)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(ms)}Z`;
}
