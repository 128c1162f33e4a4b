// CLI commands of the developer tools (issue 19): `logs tail` follows the API request log of a data folder
// (written by whichever process serves it: serve, console, the desktop app), like `webhooks deliveries`.
import type { ApiRequestEntry, ApiRequestQuery, ApiStatusFilter } from '../../../src-shared/api/devtools-types';
import { WHOLE_LOG } from '../../core/devtools/api-log-service';
import { CHAOS_ACTIONS, runOAuthChaos, type ChaosAction } from '../../core/devtools/oauth-chaos';
import { formatApiRequest } from '../api-log-lines';
import { colorsOn, paint, UsageError } from '../cli-io';
import { jsonOption, positiveInt, str, type Command, type CommandGroup } from '../command-kit';
import { SNAPSHOT_COMMANDS, SNAPSHOT_GROUPS } from './snapshot-commands';

/** How often `logs tail` looks for new rows (they are written in batches a few ms after each request). */
const FOLLOW_EVERY_MS = 250;
const STATUSES: readonly ApiStatusFilter[] = ['all', 'ok', 'errors', '4xx', '5xx'];

const logsTail: Command = {
  name: 'logs tail',
  summary: 'Follow the API request log: every /admin, /token and /api/tokeninfo request, live',
  description: `Prints the last requests (--lines, default 20), then every new one as it is logged, until Ctrl+C: time (platform time), status, latency, method and path (secret query values are shown as [redacted]), app and company, error code; under a request, what it relied on that the hosted platform does not offer (see hosted-compatibility mode) or the OAuth chaos it met. Requests are logged by the process that serves the data folder (partnerdeck serve, console, the desktop app); this command only reads the folder. With --json: one JSON object per line.`,
  options: {
    app: { value: 'ID', description: "only this app's requests" },
    company: { value: 'ID', description: "only this company's requests" },
    status: { value: 'all|ok|errors|4xx|5xx', description: 'only requests with this outcome (default all)', choices: STATUSES },
    lines: { value: 'N', description: 'how many earlier requests to print first (default 20, 0 for none)' },
    once: { description: 'print the earlier requests and stop (do not follow)' },
    json: jsonOption('one object per line: id, at, appId, appName, companyId, companyName, method, path, status, durationMs, errorCode, notes, clientAddress'),
  },
  examples: ['logs tail', 'logs tail --app 3 --status errors', 'logs tail --company 5 --json --lines 0'],
  async run({ values, io, openPlatform }) {
    const rawLines = str(values, 'lines');
    if (rawLines !== undefined && !/^\d+$/.test(rawLines)) throw new UsageError(`--lines must be a whole number (got "${rawLines}")`);
    const lines = rawLines === undefined ? 20 : Math.min(Number(rawLines), 1000);
    const base: ApiRequestQuery = {
      appId: positiveInt(str(values, 'app'), 'app') ?? null,
      companyId: positiveInt(str(values, 'company'), 'company') ?? null,
      status: (str(values, 'status') as ApiStatusFilter | undefined) ?? 'all',
      marked: false,
      beforeId: null,
      afterId: null,
      limit: 500,
    };
    const stopped = values.once ? null : io.untilStopped();
    const platform = openPlatform('none');
    const p = paint(colorsOn(io.env, io.stdoutIsTTY));
    const print = (entry: ApiRequestEntry) => {
      if (values.json) io.out(JSON.stringify(entry));
      else for (const line of formatApiRequest(entry, p)) io.out(line);
    };
    try {
      let cursor = platform.apiLog.lastId();
      if (lines > 0) {
        const earlier = platform.apiLog.list(WHOLE_LOG, { ...base, limit: lines });
        for (const entry of [...earlier.items].reverse()) print(entry);
      }
      if (!stopped) return 0;
      if (!values.json && io.stdoutIsTTY) io.out(p.dim('Following the API request log… Ctrl+C to stop.'));
      let done = false;
      void stopped.then(() => (done = true));
      while (!done) {
        // Everything up to `seen` is read now, matching the filter or not (read before the page, so a row
        // written meanwhile is in the page or after the new cursor).
        const seen = platform.apiLog.lastId();
        const page = platform.apiLog.list(WHOLE_LOG, { ...base, afterId: cursor });
        for (const entry of page.items) print(entry);
        const full = page.items.length >= base.limit;
        cursor = full ? page.items[page.items.length - 1].id : Math.max(seen, page.items.at(-1)?.id ?? 0, cursor);
        if (!full) await Promise.race([new Promise((resolve) => setTimeout(resolve, FOLLOW_EVERY_MS)), stopped]);
      }
      return 0;
    } finally {
      platform.close();
    }
  },
};

const oauthChaos: Command = {
  name: 'oauth chaos',
  summary: "Make an app's authorization for a company fail now: expire its access token, revoke its refresh family, replay its last rotated refresh token",
  description: `Tests how an app copes when OAuth goes wrong, on the data folder (a running serve sees it at once):
  expire-access-token           the access token expires now: the next API call answers 401 "access token expired"; refreshing works
  revoke-refresh-family         every token of the grant is revoked: 401 on API calls, invalid_grant on refresh (authorize again)
  replay-rotated-refresh-token  what the platform does when an already rotated refresh token comes back: the grant's tokens are revoked as a reuse
Each action is written to the audit log and to the API request log (a CHAOS row), so \`partnerdeck logs tail\` shows it and then the app's requests failing.`,
  arguments: [{ name: 'action', description: CHAOS_ACTIONS.join(' | '), required: true, choices: CHAOS_ACTIONS }],
  options: {
    app: { value: 'ID', description: 'the app', required: true },
    company: { value: 'ID', description: 'the company the app is authorized for', required: true },
    json: jsonOption('{"action", "appId", "companyId", "families", "effect"}'),
  },
  examples: ['oauth chaos expire-access-token --app 3 --company 5', 'oauth chaos replay-rotated-refresh-token --app 3 --company 5 --json'],
  async run({ values, positionals, io, openPlatform }) {
    const appId = positiveInt(str(values, 'app'), 'app')!;
    const companyId = positiveInt(str(values, 'company'), 'company')!;
    const platform = openPlatform('none');
    try {
      const result = runOAuthChaos(platform, { action: positionals[0] as ChaosAction, appId, companyId, actor: 'cli' });
      io.out(values.json ? JSON.stringify(result) : `${result.action} for app ${appId} at company ${companyId} (${result.families} token famil${result.families === 1 ? 'y' : 'ies'}): ${result.effect}`);
      return 0;
    } finally {
      platform.close();
    }
  },
};

export const DEV_TOOLS_COMMANDS: readonly Command[] = [logsTail, oauthChaos, ...SNAPSHOT_COMMANDS];
export const DEV_TOOLS_GROUPS: readonly CommandGroup[] = [
  { name: 'logs', summary: 'The API request log of the local platform' },
  { name: 'oauth', summary: "OAuth chaos: make an app's tokens fail on purpose" },
  ...SNAPSHOT_GROUPS,
];
