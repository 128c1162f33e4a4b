// The way from a Platform to the core's view of it (its database, repositories, service context and REST modules).
// Only the core's own parts use it (the platform server, the webhook dispatcher, the seed, the WAL checkpointer)
// and the tests; lint refuses it everywhere else, so the console, the CLI, the hosts and Electron reach the data
// through services only.
import type { CorePlatform, Platform } from './platform';

const CORES = new WeakMap<Platform, CorePlatform>();

/** Called by openPlatform: both the platform and its core view lead to the core view. */
export function registerCore(platform: Platform, core: CorePlatform): void {
  CORES.set(platform, core);
  CORES.set(core, core);
}

/** The core's view of a platform opened by openPlatform. */
export function internalsOf(platform: Platform): CorePlatform {
  const core = CORES.get(platform);
  if (!core) throw new Error('not a platform opened by openPlatform');
  return core;
}
