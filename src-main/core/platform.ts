// Opens the local platform: the SQLite file in the data folder, the clock, ids, event bus, and the
// repositories, services and REST modules of the feature areas it is given (core/areas/<area>.ts; the main
// side's list, src-main/areas.ts, passes them in). It does not seed: the hosts decide what an empty folder
// starts with (seed/demo-seed.ts, seedDemoIfEmpty). Everything else (console, host, Electron, CLI) reaches the
// platform through the object this returns, and through its services only: it carries no repository, database or
// service context (the sealed core); the core's own parts get those with internalsOf (platform-internals.ts).
import { join } from 'node:path';
import { createAccessChecker, type AccessChecker } from './access';
import type { CoreArea } from './area';
import { createClock, type Clock, type ClockStore } from './clock';
import type { Database } from './db/data';
import { openDatabase, type Db } from './db/database';
import { immediateTransaction } from './db/transactions';
import { createSqliteDatabase } from './db/sqlite-data';
import { startWalCheckpointer, type WalCheckpointer, type WalCheckpointerOptions } from './db/wal-checkpointer';
import type { Migration } from './db/migrations';
import { createEventBus, type EventBus } from './events';
import { cryptoIds, type Ids } from './ids';
import { DB_FILE_NAME } from './paths';
import { createAuditRepository } from './repositories/audit-repository';
import { createClockStore, createSettingsRepository } from './repositories/settings-repository';
import { createListRunner } from './repositories/table-access';
import type { SecretStore } from './secrets/secret-store';
import type { PlatformModule } from './server/router';
import { registerCore } from './platform-internals';
import { createServiceContext, type Repositories, type ServiceContext } from './services/service-context';

export type SeedChoice = 'demo' | 'none';

export interface OpenPlatformOptions {
  dataDir: string;
  secretStore: SecretStore;
  /** The feature areas: their migrations, repositories, services and REST modules. */
  areas: readonly CoreArea[];
  /** better_sqlite3.node built for Electron's ABI. */
  sqliteNativeBinding?: string;
  /** Replace the clock or ids (tests, repeatable demos). */
  clock?: (store: ClockStore) => Clock;
  ids?: Ids;
  /** Open a database file other than <dataDir>/partnerdeck.sqlite (':memory:' in unit tests). */
  databasePath?: string;
}

/** The services of every area. Each area adds its own in core/areas/<area>.ts (declaration merging), so the
 * platform stays one typed object without a central list in the core. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- areas add their services by declaration merging
export interface PlatformServices {}

/** What the console, the CLI, the hosts and Electron hold: the services and the platform's clock, ids, event bus and
 * secret store. No repository and no database: those are the core's own (CorePlatform, platform-internals.ts). */
export interface Platform extends PlatformServices {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly events: EventBus;
  readonly secrets: SecretStore;
  /** Who may see which company: the one visibility rule (access.ts). */
  readonly access: Visibility;
  /**
   * Runs several service calls as one unit of work: all of them or none (the write lock is taken at the start, so
   * another process's write is waited for). Each service still publishes its events when it is done.
   */
  atomically<T>(work: () => T): T;
  /** WAL checkpoints in a worker thread, off the request path, while a platform runs (serve, console, desktop). */
  startWalCheckpointer(options?: WalCheckpointerOptions): WalCheckpointer;
  /** The URL at which this machine's platform answers, once a server listens (used in emails). */
  publicUrl(): string;
  setPublicUrl(url: string): void;
  close(): void;
}

/** The access rules the outer layers ask about (core/access.ts; the services check them again). */
export type Visibility = Pick<AccessChecker, 'canSee' | 'visibleCompanyIds' | 'mayMoveClock'>;

/** The platform as the core's own parts see it (service factories, the server, the seed, the dispatcher):
 * with the database, the repositories, the service context and the REST modules of its areas. */
export interface CorePlatform extends Platform {
  readonly db: Db;
  /** The asynchronous data layer (db/data.ts) on the same connection: what the converted repositories speak. */
  readonly data: Database;
  readonly repos: Repositories;
  /** Transactions and the in-transaction event hook (transactional outbox) that services share. */
  readonly ctx: ServiceContext;
  readonly routes: readonly PlatformModule[];
  /** The feature areas it was opened with (their demo seeds, in order). */
  readonly areas: readonly CoreArea[];
}

export const DEFAULT_PUBLIC_URL = 'http://127.0.0.1 (PartnerDeck on this computer)';

/** Every migration of the areas, by number; two areas may not use one number. */
export function migrationsOf(areas: readonly CoreArea[]): Migration[] {
  const byId = new Map<number, string>();
  for (const area of areas) {
    for (const migration of area.migrations) {
      const other = byId.get(migration.id);
      if (other !== undefined) throw new Error(`migration ${migration.id} is claimed by two areas: ${other} and ${area.name}`);
      byId.set(migration.id, area.name);
    }
  }
  return areas.flatMap((area) => area.migrations).sort((a, b) => a.id - b.id);
}

export function openPlatform(options: OpenPlatformOptions): Platform {
  const { areas } = options;
  const db = openDatabase(options.databasePath ?? join(options.dataDir, DB_FILE_NAME), {
    nativeBinding: options.sqliteNativeBinding,
    migrations: migrationsOf(areas),
  });
  try {
    const settings = createSettingsRepository(db);
    const clockStore = createClockStore(db);
    const clock = options.clock ? options.clock(clockStore) : createClock(clockStore);
    const ids = options.ids ?? cryptoIds;
    const events = createEventBus();
    const data = createSqliteDatabase(db);
    const repos = buildRepositories(db, data, areas, { settings, audit: createAuditRepository(db), lists: createListRunner(db) });
    const access = createAccessChecker(repos.companies);
    const ctx = createServiceContext({ db, data, clock, ids, events, repos, access });
    let publicUrl = DEFAULT_PUBLIC_URL;
    const base: Omit<CorePlatform, keyof PlatformServices> = {
      dataDir: options.dataDir,
      clock,
      ids,
      events,
      secrets: options.secretStore,
      access: { canSee: access.canSee, visibleCompanyIds: access.visibleCompanyIds, mayMoveClock: access.mayMoveClock },
      atomically: (work) => immediateTransaction(db, work),
      startWalCheckpointer: (checkpointerOptions) => startWalCheckpointer(db, checkpointerOptions),
      publicUrl: () => publicUrl,
      setPublicUrl(url: string) {
        publicUrl = url;
      },
      close() {
        if (db.open) db.close();
      },
      db,
      data,
      repos,
      ctx,
      routes: areas.flatMap((area) => area.routes),
      areas,
    };
    const core = buildServices(base, areas);
    // What leaves the core has no database, repositories or context; the core's parts reach them with internalsOf.
    const { db: _db, data: _data, repos: _repos, ctx: _ctx, routes: _routes, areas: _areas, ...platform } = core;
    registerCore(platform, core);
    for (const area of areas) area.onOpen?.(core);
    return platform;
  } catch (error) {
    db.close();
    throw error;
  }
}

function buildRepositories(db: Db, data: Database, areas: readonly CoreArea[], base: Pick<Repositories, 'settings' | 'audit' | 'lists'>): Repositories {
  const repos: Record<string, unknown> = { ...base };
  for (const area of areas) {
    for (const [name, create] of Object.entries(area.repositories) as [string, (db: Db, data: Database) => unknown][]) {
      if (name in repos) throw new Error(`the repository "${name}" is provided twice (area ${area.name})`);
      repos[name] = create(db, data);
    }
  }
  // Every key of Repositories is provided: src-main/areas.ts checks that the areas cover the interface.
  return repos as unknown as Repositories;
}

/**
 * Builds every area's services, each once, in the order their dependencies need: a factory that reads another
 * service (`platform.authorizations`) gets it built first; a service that needs itself, directly or not, is an
 * error naming the chain. The result is a plain object (fast property access on every request).
 */
function buildServices(base: Omit<CorePlatform, keyof PlatformServices>, areas: readonly CoreArea[]): CorePlatform {
  const built = new Map<string, unknown>();
  const building: string[] = [];
  const factories = new Map<string, { area: string; create: (platform: CorePlatform) => unknown }>();
  for (const area of areas) {
    for (const [name, create] of Object.entries(area.services) as [string, (platform: CorePlatform) => unknown][]) {
      if (factories.has(name) || name in base) throw new Error(`the service "${name}" is provided twice (area ${area.name})`);
      factories.set(name, { area: area.name, create });
    }
  }
  // While building, services reach each other through this view; afterwards through the finished object.
  const view = { ...base } as Record<string, unknown>;
  const get = (name: string): unknown => {
    if (built.has(name)) return built.get(name);
    const factory = factories.get(name)!;
    if (building.includes(name)) throw new Error(`services need each other in a circle: ${[...building, name].join(' -> ')}`);
    building.push(name);
    const service = factory.create(view as unknown as CorePlatform);
    building.pop();
    built.set(name, service);
    return service;
  };
  for (const name of factories.keys()) Object.defineProperty(view, name, { get: () => get(name), enumerable: true });
  for (const name of factories.keys()) get(name);
  // Every key of PlatformServices is provided: src-main/areas.ts checks that the areas cover the interface.
  return { ...base, ...Object.fromEntries(built) } as CorePlatform;
}
