// THE list of feature areas on the main side (one of the three central lists: src-shared/api/areas/index.ts,
// this one, src-renderer/areas.ts), and what is assembled from it. Each area contributes, per layer:
//   core     core/areas/<area>.ts: migrations, repositories, services (typed on the Platform), REST modules
//   console  console/handlers/<area>-handlers.ts: the handlers of its console methods
//   cli      cli/commands/<area>-commands.ts: its commands and command groups
// This file is the composition root of the main process: only the hosts (Electron, the CLI with browser mode)
// and the tests import it; the core and the console never do (lint). Adding an area: write those files and add
// it to the three maps below (docs/architecture.md, "How to add an area").
import type { AreaName, MethodName } from '../src-shared/api/contract';
import type { CoreArea, RepositoryFactories, ServiceFactories } from './core/area';
import { appStoreCore } from './core/areas/app-store';
import { billingCore } from './core/areas/billing';
import { devToolsCore } from './core/areas/dev-tools';
import { embeddedAppsCore } from './core/areas/embedded-apps';
import { foundationCore } from './core/areas/foundation';
import { logisticsCore } from './core/areas/logistics';
import { oauthCore } from './core/areas/oauth';
import { salesCore } from './core/areas/sales';
import { shopCore } from './core/areas/shop';
import { webhooksCore } from './core/areas/webhooks';
import { schemaVersionOf } from './core/db/data-folder-guard';
import { migrationsOf, openPlatform as openPlatformOf, type OpenPlatformOptions, type Platform } from './core/platform';
import { createConsoleService as createConsoleServiceOf, type ConsoleService, type ConsoleServiceOptions, type HandlerFactory } from './console/console-service';
import { appStoreHandlers } from './console/handlers/app-store-handlers';
import { billingHandlers } from './console/handlers/billing-handlers';
import { brandingHandlers } from './console/handlers/branding-handlers';
import { devToolsHandlers } from './console/handlers/dev-tools-handlers';
import { companiesHandlers } from './console/handlers/companies-handlers';
import { embeddedAppsHandlers } from './console/handlers/embedded-apps-handlers';
import { logisticsHandlers } from './console/handlers/logistics-handlers';
import { oauthHandlers } from './console/handlers/oauth-handlers';
import { outboxHandlers } from './console/handlers/outbox-handlers';
import { paymentMethodHandlers } from './console/handlers/payment-method-handlers';
import { salesHandlers } from './console/handlers/sales-handlers';
import { sessionHandlers } from './console/handlers/session-handlers';
import { shopDataHandlers } from './console/handlers/shop-data-handlers';
import { shopHandlers } from './console/handlers/shop-handlers';
import { webhooksHandlers } from './console/handlers/webhooks-handlers';
import type { Command, CommandGroup } from './cli/command-kit';
import { APP_COMMANDS, APP_GROUPS } from './cli/commands/app-commands';
import { BILLING_COMMANDS, BILLING_GROUPS } from './cli/commands/billing-commands';
import { DEV_TOOLS_COMMANDS, DEV_TOOLS_GROUPS } from './cli/commands/dev-tools-commands';
import { EMBEDDED_APP_COMMANDS } from './cli/commands/embedded-app-commands';
import { FOUNDATION_COMMANDS, FOUNDATION_GROUPS } from './cli/commands/foundation-commands';
import { LOGISTICS_COMMANDS, LOGISTICS_GROUPS } from './cli/commands/logistics-commands';
import { SHOP_COMMANDS } from './cli/commands/shop-commands';
import { STORE_COMMANDS } from './cli/commands/store-commands';
import { WEBHOOK_COMMANDS, WEBHOOK_GROUPS } from './cli/commands/webhook-commands';

/** What an area contributes to the CLI: its commands and the groups its two-word commands introduce. */
interface CliArea {
  readonly commands: readonly Command[];
  /** The first words of its two-word commands (`app` of `app create`), with their help. */
  readonly groups: readonly CommandGroup[];
}

// One entry per area and layer, keyed by the shared area names (an area missing here is a type error). The
// layers are kept apart so that each host carries only what it runs: the desktop app has no CLI commands in its
// bundle (esbuild drops the unused CLI_AREAS). The order of CLI_AREAS is the order of the CLI's help.

export const CORE_AREAS = {
  foundation: foundationCore,
  oauth: oauthCore,
  webhooks: webhooksCore,
  shop: shopCore,
  sales: salesCore,
  embeddedApps: embeddedAppsCore,
  billing: billingCore,
  appStore: appStoreCore,
  devTools: devToolsCore,
  logistics: logisticsCore,
} as const satisfies Record<AreaName, CoreArea>;

export const CONSOLE_AREAS = {
  foundation: [sessionHandlers, companiesHandlers, shopHandlers, outboxHandlers, brandingHandlers],
  oauth: [oauthHandlers],
  webhooks: [webhooksHandlers],
  shop: [shopDataHandlers],
  sales: [salesHandlers],
  embeddedApps: [embeddedAppsHandlers],
  billing: [billingHandlers, paymentMethodHandlers],
  appStore: [appStoreHandlers],
  devTools: [devToolsHandlers],
  logistics: [logisticsHandlers],
} as const satisfies Record<AreaName, readonly HandlerFactory[]>;

export const CLI_AREAS = {
  foundation: { commands: FOUNDATION_COMMANDS, groups: FOUNDATION_GROUPS },
  shop: { commands: SHOP_COMMANDS, groups: [] },
  sales: { commands: [], groups: [] },
  oauth: { commands: APP_COMMANDS, groups: APP_GROUPS },
  appStore: { commands: STORE_COMMANDS, groups: [] },
  webhooks: { commands: WEBHOOK_COMMANDS, groups: WEBHOOK_GROUPS },
  embeddedApps: { commands: EMBEDDED_APP_COMMANDS, groups: [] },
  billing: { commands: BILLING_COMMANDS, groups: BILLING_GROUPS },
  devTools: { commands: DEV_TOOLS_COMMANDS, groups: DEV_TOOLS_GROUPS },
  logistics: { commands: LOGISTICS_COMMANDS, groups: LOGISTICS_GROUPS },
} as const satisfies Record<AreaName, CliArea>;

// ---- Checked at compile time: the areas provide every service, repository and console method the types declare
// (a method of the contract without a handler, or a declared service nobody builds, is an error here, naming it).

type Missing<Declared, Provided> = [Exclude<Declared, Provided>] extends [never] ? true : { missing: Exclude<Declared, Provided> };
type KeysOfResult<F> = F extends (ctx: never) => infer R ? keyof R : never;
type Handled = KeysOfResult<(typeof CONSOLE_AREAS)[AreaName][number]>;
type CoreOf = (typeof CORE_AREAS)[AreaName];
type ServicesOf<A> = A extends CoreArea<infer _R, infer S> ? keyof S : never;
type RepositoriesOf<A> = A extends CoreArea<infer R, infer _S> ? keyof R : never;

const everyMethodHasAHandler: Missing<MethodName, Handled> = true;
const everyServiceIsBuilt: Missing<keyof ServiceFactories, ServicesOf<CoreOf>> = true;
const everyRepositoryIsMade: Missing<keyof RepositoryFactories, RepositoriesOf<CoreOf>> = true;
void [everyMethodHasAHandler, everyServiceIsBuilt, everyRepositoryIsMade];

// ---- Assembled from the list.

const CORE_LIST: readonly CoreArea[] = Object.values(CORE_AREAS);
/** Every migration this build knows, by number. */
export const MIGRATIONS = migrationsOf(CORE_LIST);
/** The schema version this build writes (and the newest it can read). */
export const KNOWN_SCHEMA_VERSION = schemaVersionOf(MIGRATIONS);
const HANDLER_FACTORIES: readonly HandlerFactory[] = Object.values(CONSOLE_AREAS).flat();
/** Every CLI command, in the order of the help. */
export const COMMANDS: readonly Command[] = /* @__PURE__ */ partsOf(CLI_AREAS, 'commands');
export const COMMAND_GROUPS: readonly CommandGroup[] = /* @__PURE__ */ partsOf(CLI_AREAS, 'groups');

/** One part of every area's CLI, in the list's order. Marked pure above: a host that does not read it (the
 * desktop app) loses it, with the commands, from its bundle. */
function partsOf<K extends keyof CliArea>(areas: Record<AreaName, CliArea>, part: K): CliArea[K][number][] {
  return Object.values(areas).flatMap((area) => area[part]);
}

/** Opens a data folder's platform with every area (it does not seed: seedDemoIfEmpty). */
export function openPlatform(options: Omit<OpenPlatformOptions, 'areas'>): Platform {
  return openPlatformOf({ ...options, areas: CORE_LIST });
}

/** A console service with every area's handlers. */
export function createConsoleService(options: ConsoleServiceOptions): ConsoleService {
  return createConsoleServiceOf(options, HANDLER_FACTORIES);
}

/** What the hosts start PartnerDeck with (the CLI passes it to its commands, tests may pass their own). */
export interface Assembly {
  openPlatform: typeof openPlatform;
  createConsoleService: typeof createConsoleService;
  knownSchemaVersion: number;
  /** Every migration, both forms (`partnerdeck migrate` builds a PostgreSQL database from them). */
  migrations: typeof MIGRATIONS;
}

export const ASSEMBLY: Assembly = { openPlatform, createConsoleService, knownSchemaVersion: KNOWN_SCHEMA_VERSION, migrations: MIGRATIONS };
