// What a feature area contributes to the platform core (src-main/core/areas/<area>.ts): its migrations, its
// repositories, its services, its REST modules and what runs once the platform is open. The types of the
// services and repositories are declared by the area itself, by adding to `PlatformServices` (platform.ts) and
// `Repositories` (services/service-context.ts); the main side's list of areas (src-main/areas.ts) checks that
// every declared service and repository is provided by exactly one area. The core has no list of its own:
// openPlatform receives the areas.
import type { Database } from './db/data';
import type { Db } from './db/database';
import type { Migration } from './db/migrations';
import type { CorePlatform, Platform, PlatformServices } from './platform';
import type { PlatformModule } from './server/router';
import type { BaseRepositories, Repositories } from './services/service-context';

/** Area repositories: everything in `Repositories` but the core's own. */
export type AreaRepositories = Omit<Repositories, keyof BaseRepositories>;

/** A repository is made from the SQLite connection (the synchronous ones, not converted yet) or from the data
 * layer (`data`, db/data.ts: the asynchronous ones, on SQLite or PostgreSQL). */
export type RepositoryFactories = { readonly [K in keyof AreaRepositories]: (db: Db, data: Database) => AreaRepositories[K] };

/** A service is built from the platform (its repositories through `ctx`, other services by name); services are
 * built once, at open, in whatever order their dependencies need (a cycle is an error at open). */
export type ServiceFactories = { readonly [K in keyof PlatformServices]: (platform: CorePlatform) => PlatformServices[K] };

export interface CoreArea<R extends Partial<RepositoryFactories> = Partial<RepositoryFactories>, S extends Partial<ServiceFactories> = Partial<ServiceFactories>> {
  /** The area's name (one of the shared AreaNames). */
  readonly name: string;
  /** Its numbered migrations (numbers are reserved per area: core/db/migrations/README in index.ts). */
  readonly migrations: readonly Migration[];
  readonly repositories: R;
  readonly services: S;
  /** Modules of the platform server (OAuth, /admin resources, /_partnerdeck/ controls). */
  readonly routes: readonly PlatformModule[];
  /** Runs once the platform is open and every service is built (e.g. in-transaction writers, clock hooks). */
  readonly onOpen?: (platform: CorePlatform) => void;
  /**
   * The area's rows of the demo an empty data folder starts with (seed/demo-seed.ts `seedDemoIfEmpty`): run after
   * the demo seeds of the areas before it in the list, in the same transaction, through the services (as the
   * operator or the demo users), so the rows obey the area's rules.
   */
  readonly demoSeed?: (platform: Platform) => void;
}

export function defineCoreArea<const R extends Partial<RepositoryFactories>, const S extends Partial<ServiceFactories>>(area: {
  name: string;
  migrations?: readonly Migration[];
  repositories?: R;
  services?: S;
  routes?: readonly PlatformModule[];
  onOpen?: (platform: CorePlatform) => void;
  demoSeed?: (platform: Platform) => void;
}): CoreArea<R, S> {
  return { migrations: [], repositories: {} as R, services: {} as S, routes: [], ...area };
}
