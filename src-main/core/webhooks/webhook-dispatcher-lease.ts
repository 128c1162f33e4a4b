// One dispatcher per data folder, and later per database of several servers: the lease. The dispatcher sees only
// DispatcherLease; this file's lease is a row in the database (dispatcher_lease, migration 028, its repository
// repositories/dispatcher-lease-repository.ts on the asynchronous data layer): holder, machine, process id, expiry.
// The holder renews every 2 s, pushing the expiry 15 s on; a process standing by looks again every second and takes
// over once the lease expired, or at once when the holder ran on this very machine and its process is gone (a
// process id means nothing on another machine: there only the expiry counts). Times are real time, never platform
// time: moving the platform clock must not hand the lease around. On SQLite they are this machine's (Date.now, one
// machine's processes share it); on PostgreSQL the database server's, so servers' clock skew cannot expire a lease.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Platform } from '../platform';
import { internalsOf } from '../platform-internals';
import { readFolderLease, type DispatcherLeaseRepository } from '../repositories/dispatcher-lease-repository';

/** The lease's row (one per kind of work a single process does for the whole database). */
export const WEBHOOKS_LEASE = 'webhooks';

export interface DispatcherLease {
  /**
   * Takes the lease when it is free, expired, held by a process of this machine that is gone, or already this
   * one's. Looks at most once a second (false in between): a process standing by calls it at every poll.
   */
  acquire(): Promise<boolean>;
  /** Keeps the lease while dispatching (renews when due); false once another process has taken it over. */
  renew(): Promise<boolean>;
  /** Gives the lease up, so that a process standing by takes over at its next look. On SQLite the row is gone when this returns. */
  release(): Promise<void>;
}

export interface DatabaseLeaseOptions {
  /** Tells this dispatcher from others, also in the same process (the lease's holder). */
  owner: string;
  /** Real time (default Date.now): when to look and renew; on SQLite also the lease's times. */
  realNow?: () => number;
  /** The process id written to the lease (default this process's). */
  pid?: number;
  /** This machine (default: /etc/machine-id, else the host name). */
  host?: string;
  /** Whether the holder's process still runs (default: a signal 0 probe); asked only for a holder of this machine. */
  isAlive?: (pid: number) => boolean;
  /** The repository (default: the platform's, on its data layer; a test passes one on another database). */
  repository?: DispatcherLeaseRepository;
}

/** A lease not renewed for this long is free. */
export const LEASE_STALE_MS = 15_000;
/** How often the holder renews it. */
export const LEASE_HEARTBEAT_MS = 2_000;
/** How often a process standing by looks at the lease. */
export const LEASE_STANDBY_CHECK_MS = 1_000;

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let machine: string | undefined;

/** This machine's identity: systemd's /etc/machine-id where there is one, else the host name. */
export function machineIdentity(): string {
  if (machine === undefined) {
    try {
      machine = readFileSync('/etc/machine-id', 'utf8').trim() || hostname();
    } catch {
      machine = hostname();
    }
  }
  return machine;
}

export function createDatabaseLease(platform: Platform, options: DatabaseLeaseOptions): DispatcherLease {
  const repo = options.repository ?? internalsOf(platform).repos.dispatcherLease;
  const { owner } = options;
  const realNow = options.realNow ?? Date.now;
  const pid = options.pid ?? process.pid;
  const host = options.host ?? machineIdentity();
  const isAlive = options.isAlive ?? processAlive;
  let lastLook = Number.NEGATIVE_INFINITY;
  let lastRenewal = Number.NEGATIVE_INFINITY;

  return {
    async acquire() {
      const now = realNow();
      if (now - lastLook < LEASE_STANDBY_CHECK_MS) return false;
      lastLook = now;
      const taken = await repo.acquire({ name: WEBHOOKS_LEASE, holder: owner, host, pid, ttlMs: LEASE_STALE_MS, now }, (holder) => !isAlive(holder.pid));
      if (taken) lastRenewal = now;
      return taken;
    },
    async renew() {
      const now = realNow();
      if (now - lastRenewal < LEASE_HEARTBEAT_MS) return true;
      lastRenewal = now;
      return repo.renew(WEBHOOKS_LEASE, owner, LEASE_STALE_MS, now);
    },
    release: () => repo.release(WEBHOOKS_LEASE, owner),
  };
}

/**
 * A runtime's turns at its lease: the calls are asynchronous (the repository is on the data layer), so one at a time
 * (a turn asked while one is pending is skipped: the next tick asks again), and a result is applied only while the
 * runtime is still in the state it asked from; a lease taken by a runtime that began stopping meanwhile is given back.
 * Resolves once the turn's result was applied (or skipped).
 */
export function leaseTurns<S extends string>(
  lease: DispatcherLease,
  state: () => S,
  runtime: { stopped(state: S): boolean; open(): boolean; log(message: string, error?: unknown): void },
): { take(call: () => Promise<boolean>, then: (result: boolean) => unknown): Promise<void> } {
  let pending: Promise<void> | null = null;
  return {
    take(call, then) {
      if (pending) return pending;
      const asked = state();
      pending = call().then(
        (result) => {
          pending = null;
          if (state() === asked) then(result);
          else if (result && runtime.stopped(state()) && runtime.open()) void lease.release().catch(() => undefined);
        },
        (error: unknown) => {
          pending = null;
          if ((error as { code?: string }).code !== 'SQLITE_BUSY') runtime.log('webhook dispatcher: the lease could not be read', error);
        },
      );
      return pending;
    },
  };
}

/** The process that dispatches for this data folder now, if any (the CLI says whether a replay will go out). */
export function activeDispatcherPid(platform: Platform, realNow: () => number = Date.now): number | null {
  const lease = readFolderLease(internalsOf(platform).db, WEBHOOKS_LEASE);
  if (!lease || realNow() >= lease.expiresAt) return null;
  // A process id is known only on the machine it runs on.
  return lease.host !== machineIdentity() || processAlive(lease.pid) ? lease.pid : null;
}

/** Who holds the data folder, in words for a refusal ("process 123 dispatches its webhooks"), if it is known. */
export function folderHolder(platform: Platform): string | null {
  const pid = activeDispatcherPid(platform);
  return pid ? `process ${pid} dispatches its webhooks` : null;
}
