// The platform's clock. All platform time comes from here: it is real time plus an offset that the console
// or the CLI can move forward (to close a month or walk a retry schedule in seconds). The offset is kept
// in the settings table, so a moved clock survives a restart and is ONE clock for every process on the
// data folder (issue 21): `partnerdeck clock advance --offline` beside a running serve, a second console.
//
// Seeing another process's move without a cost on hot paths: reading the stored offset (or anything) outside a
// transaction opens a read transaction, microseconds each, and `now()` is called per row in places. So `now()`
// asks the store whether any other connection committed (`PRAGMA data_version`) at most once per real
// millisecond, and reads the offset only when something was committed. A move by another process is therefore
// seen by the first `now()` a millisecond after it committed; `sync()` looks at once (the dispatcher's 200 ms
// poll calls it, so retries that fall due by another process's move go out, and `onAdvance` listeners — the
// `clock.advanced` event pushed to consoles — fire in every process that runs a dispatcher or asks the time).
// Measured in-process (docs/architecture.md "Platform state"): see there for the ns per now() before/after.
//
// Time never moves backwards: the offset only grows (`advance` adds to the STORED offset in one IMMEDIATE
// transaction, so two processes moving the clock at once add both moves; a read never lowers the offset a
// process has seen).

export interface Clock {
  /** Platform time in epoch milliseconds. */
  now(): number;
  nowIso(): string;
  /** How far platform time is ahead of real time, in milliseconds. */
  offsetMs(): number;
  /** Moves platform time forward; returns the new time. Time never moves backwards. */
  advance(ms: number): number;
  /** Listeners of every move: this process's, and another process's once this one notices it. */
  onAdvance(listener: (now: number) => void): () => void;
  /** Looks at once whether another process moved the clock (and tells the listeners if so). */
  sync(): void;
}

/** Where the offset is kept (repositories/settings-repository.ts `createClockStore`: the settings table). */
export interface ClockStore {
  /** The stored offset in milliseconds. */
  read(): number;
  /** Adds `ms` to the stored offset in one write transaction; returns the new stored offset. */
  add(ms: number): number;
  /** Changes whenever another connection (any process) committed to the database; cheap to compare. */
  version(): number;
}

export function createClock(store: ClockStore, realNow: () => number = Date.now): Clock {
  let offset = store.read();
  let seenVersion = store.version();
  let checkedAt = realNow();
  const listeners = new Set<(now: number) => void>();

  function notify(): void {
    const now = clock.now();
    for (const listener of listeners) listener(now);
  }

  /** Reads the stored offset when another connection committed; true when it moved forward. */
  function refresh(): boolean {
    const version = store.version();
    if (version === seenVersion) return false;
    seenVersion = version;
    const stored = store.read();
    if (stored <= offset) return false;
    offset = stored;
    return true;
  }

  const clock: Clock = {
    now() {
      const real = realNow();
      if (real !== checkedAt) {
        checkedAt = real;
        // Listeners run after the caller's work (it may be inside a transaction): never from inside now().
        if (refresh() && listeners.size > 0) queueMicrotask(notify);
      }
      return real + offset;
    },
    nowIso: () => new Date(clock.now()).toISOString(),
    offsetMs() {
      clock.now();
      return offset;
    },
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
      offset = Math.max(offset, store.add(Math.round(ms)));
      notify();
      return clock.now();
    },
    onAdvance(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sync() {
      checkedAt = realNow();
      if (refresh()) notify();
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
    sync: () => undefined,
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
