// Console methods of the developer tools (issue 19): the API request log, hosted-compatibility mode.
import { z } from 'zod';
import { idSchema } from '../inputs';
import { defineSharedArea } from '../area';
import { event } from '../event';
import { method } from '../method';
import { SNAPSHOT_NAME_PATTERN, SNAPSHOT_NAME_RULE, type ApiRequestPage, type CompatibilityInfo, type DemoSnapshot, type DemoSnapshots } from '../devtools-types';

export { SNAPSHOT_NAME_PATTERN, SNAPSHOT_NAME_RULE } from '../devtools-types';

const optionalId = idSchema.nullable().default(null);

export const apiRequestQuerySchema = z
  .object({
    appId: optionalId,
    companyId: optionalId,
    status: z.enum(['all', 'ok', 'errors', '4xx', '5xx']).default('all'),
    marked: z.boolean().default(false),
    beforeId: optionalId,
    afterId: optionalId,
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();

const snapshotNameSchema = z.string().regex(SNAPSHOT_NAME_PATTERN, `a name is ${SNAPSHOT_NAME_RULE}`);

export const devToolsMethods = {
  'apiLog.list': method<ApiRequestPage>()(apiRequestQuerySchema, 'The API request log (/admin, /token, /api/tokeninfo), newest first, filtered by app, company and status'),
  'apiLog.apps': method<{ id: number; name: string }[]>()(z.object({}).strict(), 'The apps that appear in the API request log (for its filter)'),
  'oauthChaos.run': method<{ action: string; appId: number; companyId: number; families: number; effect: string }>()(
    z
      .object({
        action: z.enum(['expire-access-token', 'revoke-refresh-family', 'replay-rotated-refresh-token']),
        appId: idSchema,
        companyId: idSchema,
      })
      .strict(),
    "OAuth chaos on an app's authorization for a company: expire its access token now, revoke its refresh family, or replay its last rotated refresh token",
  ),
  'compatibility.get': method<CompatibilityInfo>()(z.object({}).strict(), 'Whether hosted-compatibility mode (strict) is on'),
  'compatibility.set': method<CompatibilityInfo>()(z.object({ strict: z.boolean() }).strict(), 'Turn hosted-compatibility mode (strict) on or off'),
  'demoState.list': method<DemoSnapshots>()(z.object({}).strict(), "The data folder's saved demo states (snapshots), newest first, and the one taken when the demo started"),
  'demoState.save': method<DemoSnapshot>()(z.object({ name: snapshotNameSchema }).strict(), "Save the data folder's whole state under a name (the same snapshots as `partnerdeck snapshot save`)"),
  'demoState.reset': method<DemoSnapshot>()(
    z.object({ name: snapshotNameSchema }).strict(),
    'Put the whole data folder back to a saved state (the console closes and reopens its platform; every window starts again). Refused while another process has the folder open',
  ),
} as const;

export const devToolsEvents = {
  /** Requests were logged (announced at most a few times a second, for live views); the newest id. */
  'api_requests.logged': event<{ lastId: number }>()('pushed'),
  /** Hosted-compatibility mode was switched. */
  'compatibility.changed': event<CompatibilityInfo>()('pushed'),
  /** The whole data folder was put back to a saved state: every window starts again (its session is new). */
  'demo_state.restored': event<{ name: string }>()('pushed'),
} as const;

export const devToolsArea = defineSharedArea({ name: 'devTools', methods: devToolsMethods, events: devToolsEvents });
