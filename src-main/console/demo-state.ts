// "Save demo state" / "Reset demo" (issue 19 item 8) for a running console: the same snapshots as
// `partnerdeck snapshot save|restore|list` (core/snapshots.ts). Saving works while everything runs (SQLite's
// online backup). Resetting needs the folder to itself, so the host that runs the console (cli/stack.ts for
// browser mode, electron/main.ts for the desktop app) gives a runtime that can close everything holding the
// database (the webhook dispatcher and its worker, the WAL checkpointer, the platform server, the console
// service, the platform) and open it all again. The windows keep talking to the same `ConsoleSwitch`, which
// holds their calls while the platform is closed, then passes them to the new console and tells every window
// to start again (`demo_state.restored`): their sessions belong to the old console.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallEnvelope, ConsoleTransportTarget, PushedEvent } from '../../src-shared/api/contract';
import { ApiError } from '../../src-shared/api/errors';
import type { DemoSnapshot, DemoSnapshots } from '../../src-shared/api/devtools-types';
import { DB_FILE_NAME, SERVER_INFO_FILE_NAME } from '../core/paths';
import type { Platform } from '../core/platform';
import { listSnapshots, restoreSnapshot, saveSnapshot } from '../core/snapshots';
import { activeDispatcherPid } from '../core/webhooks/webhook-dispatcher-lease';
import type { ConsoleService } from './console-service';

/** The snapshot saved the first time a console runs on a data folder: "the state the demo started with". */
export const DEMO_START_SNAPSHOT = 'demo-start';

export interface DemoStateHost {
  list(): DemoSnapshots;
  save(name: string): DemoSnapshot;
  /** Closes the platform, restores `name` atomically, opens it again; every window starts again. */
  reset(name: string): Promise<DemoSnapshot>;
}

/** What the host that runs the console lends to a reset. */
export interface DemoStateRuntime {
  dataDir: string;
  knownSchemaVersion: number;
  nativeBinding?: string;
  /** The platform open now (another one after each reset). */
  platform(): Platform;
  /** Stops everything of this process that has the database open, the platform last. */
  close(): Promise<void>;
  /**
   * Opens the platform and what runs on it again and points the windows' ConsoleSwitch at the new console;
   * `restored`: the snapshot now in place (every window is told to start again), none after a refusal.
   */
  reopen(restored?: string): Promise<void>;
}

/** What a host runs on the open platform, as a reset sees it (the CLI's console stack, the desktop app). */
export interface ResettableParts {
  platform: Platform;
  /** This process's platform server, if it has one: started again on the same port. */
  server: { port: number } | null;
  consoleService: ConsoleService;
  close(): Promise<void>;
}

/**
 * The runtime of a host whose console runs on parts it closes and starts again: the windows' calls wait from
 * before the parts close until `restart` (the platform opened again, the parts started on the same port) has
 * given the new console to the switch.
 */
export function partsRuntime(host: {
  dataDir: string;
  knownSchemaVersion: number;
  nativeBinding?: string;
  parts(): ResettableParts;
  consoleSwitch(): ConsoleSwitch;
  restart(platformPort: number | undefined): Promise<ResettableParts>;
}): DemoStateRuntime {
  return {
    dataDir: host.dataDir,
    knownSchemaVersion: host.knownSchemaVersion,
    nativeBinding: host.nativeBinding,
    platform: () => host.parts().platform,
    async close() {
      host.consoleSwitch().hold();
      await host.parts().close();
    },
    async reopen(restored) {
      const next = await host.restart(host.parts().server?.port);
      host.consoleSwitch().resume(next.consoleService, restored);
    },
  };
}

export function createDemoStateHost(runtime: DemoStateRuntime): DemoStateHost {
  const databasePath = join(runtime.dataDir, DB_FILE_NAME);
  const options = () => ({ dataDir: runtime.dataDir, databasePath, knownSchemaVersion: runtime.knownSchemaVersion, nativeBinding: runtime.nativeBinding });
  let resetting = false;
  return {
    list() {
      const snapshots = listSnapshots(runtime.dataDir);
      return { snapshots, startName: snapshots.some((s) => s.name === DEMO_START_SNAPSHOT) ? DEMO_START_SNAPSHOT : null, canReset: true };
    },
    save: (name) => saveSnapshot(options(), name),
    async reset(name) {
      if (resetting) throw new ApiError('conflict', 'The demo is being reset already: wait until the console starts again.', { reason: 'reset_running' });
      if (!listSnapshots(runtime.dataDir).some((s) => s.name === name)) {
        // Refused before anything is closed (restoreSnapshot words it with the names there are).
        restoreSnapshot(options(), name);
      }
      resetting = true;
      try {
        // Another process dispatching this folder's webhooks is named in the refusal (ours stops below).
        const holder = foreignHolder(runtime.dataDir, activeDispatcherPid(runtime.platform()));
        await runtime.close();
        let restored: DemoSnapshot;
        try {
          restored = restoreSnapshot(options(), name, () => holder);
        } catch (error) {
          // Refused (another process has the folder open) or failed: nothing changed; carry on with the same data.
          await runtime.reopen();
          throw error;
        }
        await runtime.reopen(restored.name);
        return restored;
      } finally {
        resetting = false;
      }
    },
  };
}

/** Who else is known to have the folder open: another process dispatching its webhooks, or a running serve. */
function foreignHolder(dataDir: string, dispatcherPid: number | null): string | null {
  if (dispatcherPid !== null && dispatcherPid !== process.pid) return `process ${dispatcherPid} dispatches its webhooks`;
  try {
    const info = JSON.parse(readFileSync(join(dataDir, SERVER_INFO_FILE_NAME), 'utf8')) as { url?: unknown };
    if (typeof info.url === 'string') return `a \`partnerdeck serve\` at ${info.url}`;
  } catch {
    // No serve wrote its server.json.
  }
  return null;
}

/** Saves "demo-start" once per data folder, when a console first runs on it (the state Reset demo goes back to). */
export function saveStartSnapshotOnce(runtime: Pick<DemoStateRuntime, 'dataDir' | 'knownSchemaVersion' | 'nativeBinding'>, log: (message: string, error?: unknown) => void): void {
  try {
    if (listSnapshots(runtime.dataDir).some((s) => s.name === DEMO_START_SNAPSHOT)) return;
    saveSnapshot({ dataDir: runtime.dataDir, databasePath: join(runtime.dataDir, DB_FILE_NAME), knownSchemaVersion: runtime.knownSchemaVersion, nativeBinding: runtime.nativeBinding }, DEMO_START_SNAPSHOT);
  } catch (error) {
    log('the demo-start snapshot could not be saved (Reset demo offers only the states saved by hand)', error);
  }
}

/**
 * The console the windows (the browser host, the IPC bridge) talk to across resets: calls go to the console open
 * now; while a reset has it closed they wait for the next one; listeners stay subscribed across the swap.
 */
export interface ConsoleSwitch extends ConsoleTransportTarget {
  current(): ConsoleService;
  /** Calls wait from now on until `resume`. */
  hold(): void;
  /** The new console (or the same one, reopened after a refusal); announces `restored` to every window when given. */
  resume(next: ConsoleService, restored?: string): void;
}

export function createConsoleSwitch(initial: ConsoleService): ConsoleSwitch {
  let service = initial;
  let gate: Promise<void> | null = null;
  let open: (() => void) | null = null;
  const listeners = new Set<(event: PushedEvent) => void>();
  const forward = (event: PushedEvent): void => {
    for (const listener of [...listeners]) listener(event);
  };
  let unsubscribe = service.onEvent(forward);
  return {
    current: () => service,
    async invoke(method: string, input: unknown, call?: CallEnvelope) {
      while (gate) await gate;
      return service.invoke(method, input, call);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    hold() {
      if (gate) return;
      gate = new Promise((resolve) => (open = resolve));
    },
    resume(next, restored) {
      if (next !== service) {
        unsubscribe();
        service = next;
        unsubscribe = service.onEvent(forward);
      }
      const release = open;
      gate = null;
      open = null;
      release?.();
      if (restored !== undefined) forward({ name: 'demo_state.restored', payload: { name: restored } });
    },
  };
}
