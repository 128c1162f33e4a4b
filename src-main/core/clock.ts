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

export function toIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
