// One dispatcher per data folder: the lease. The dispatcher sees only DispatcherLease; this file's lease is a
// row in the folder's database (webhook_dispatcher_lease: owner, process id, heartbeat). The holder renews
// the heartbeat every 2 s; a process that finds the lease held stands by and looks again every second, and
// takes over once the heartbeat is 15 s old or the holder's process is gone. Heartbeats are real time
// (Date.now), not platform time: moving the platform clock must not hand the lease around. A server
// shared by a team can replace this with a lease in its own database behind the same interface.
import type { Platform } from '../platform';
import { internalsOf } from '../platform-internals';

export interface DispatcherLease {
  /**
   * Takes the lease when it is free, stale, held by a process that is gone, or already this one's. Looks at
   * most once a second (false in between): a process standing by calls it at every poll.
   */
  acquire(): boolean;
  /** Keeps the lease while dispatching (renews when due); false once another process has taken it over. */
  renew(): boolean;
  /** Gives the lease up, so that a process standing by takes over at its next look. */
  release(): void;
}

export interface DatabaseLeaseOptions {
  /** Tells this dispatcher from others, also in the same process. */
  owner: string;
  /** Real time (default Date.now). */
  realNow?: () => number;
  /** The process id written to the lease (default this process's). */
  pid?: number;
  /** Whether the holder's process still runs (default: a signal 0 probe). */
  isAlive?: (pid: number) => boolean;
}

/** A lease whose heartbeat is older than this is free. */
export const LEASE_STALE_MS = 15_000;
/** How often the holder renews the heartbeat. */
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

export function createDatabaseLease(platform: Platform, options: DatabaseLeaseOptions): DispatcherLease {
  const { db, repos } = internalsOf(platform);
  const repo = repos.webhookDelivery;
  const { owner } = options;
  const realNow = options.realNow ?? Date.now;
  const pid = options.pid ?? process.pid;
  const isAlive = options.isAlive ?? processAlive;
  let lastLook = Number.NEGATIVE_INFINITY;
  let lastRenewal = Number.NEGATIVE_INFINITY;

  return {
    acquire() {
      const now = realNow();
      if (now - lastLook < LEASE_STANDBY_CHECK_MS) return false;
      lastLook = now;
      const taken = db
        .transaction(() => {
          const lease = repo.readLease();
          if (lease && lease.owner !== owner && now - lease.heartbeat_at < LEASE_STALE_MS && isAlive(lease.pid)) return false;
          repo.writeLease({ owner, pid, heartbeat_at: now });
          return true;
        })
        .immediate();
      if (taken) lastRenewal = now;
      return taken;
    },
    renew() {
      const now = realNow();
      if (now - lastRenewal < LEASE_HEARTBEAT_MS) return true;
      lastRenewal = now;
      return repo.heartbeat(owner, now);
    },
    release() {
      repo.releaseLease(owner);
    },
  };
}

/** The process that dispatches for this data folder now, if any (the CLI says whether a replay will go out). */
export function activeDispatcherPid(platform: Platform, realNow: () => number = Date.now): number | null {
  const lease = internalsOf(platform).repos.webhookDelivery.readLease();
  return lease && realNow() - lease.heartbeat_at < LEASE_STALE_MS && processAlive(lease.pid) ? lease.pid : null;
}

/** Who holds the data folder, in words for a refusal ("process 123 dispatches its webhooks"), if it is known. */
export function folderHolder(platform: Platform): string | null {
  const pid = activeDispatcherPid(platform);
  return pid ? `process ${pid} dispatches its webhooks` : null;
}
