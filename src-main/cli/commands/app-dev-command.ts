// `partnerdeck app dev` (issue 19 item 1): the app developer's loop in one command, like `shopify app dev`. It
// reads partnerdeck.app.toml / .json from the app's folder, shows what it would change (like a terraform plan),
// and on --yes (or a "y" on a terminal): creates or updates the app, picks or creates a development company,
// installs the app there with consent granted without a click (recorded as such: the grant names
// "partnerdeck app dev", and the audit log says so), registers the configured webhooks, issues tokens, merges the
// credentials into the developer's .env (0600, other keys kept), starts the platform and the console, prints the
// embed URL and opens the app embedded in the console (signed in as the development company's user), and tails the
// app's webhook deliveries and API requests live until Ctrl+C. A console or serve already running on the data
// folder is joined, not duplicated (app-dev/dev-runtime.ts). A second run changes nothing that already matches (no
// second app, company, hook or user).
import { createConnection } from 'node:net';
import { resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { formatScopes } from '../../../src-shared/domain/oauth-scopes';
import { OPERATOR } from '../../core/access';
import type { Platform } from '../../core/platform';
import { APP_DEV_USER_NAME, type AppDevState } from '../../core/services/app-dev-service';
import { standardWebhooksSecret } from '../../core/webhooks/webhook-signing';
import { findConfigFile, readAppConfig, type AppConfig } from '../app-dev/app-config';
import { readEnvValues, writeEnvFile } from '../app-dev/env-file';
import { startDevRuntime, type DevRuntime } from '../app-dev/dev-runtime';
import { apiLine, tailApp, webhookLine } from '../app-dev/dev-tail';
import { colorsOn, paint, UsageError, type CliIo } from '../cli-io';
import { ifFound, jsonOption, positiveInt, seedChoice, SEED_OPTION, str, type Command } from '../command-kit';
import { openLaunchLink } from '../open-browser';
import { portFlag, PORT_OPTION } from '../port-flag';

interface PlanLine {
  sign: '+' | '~' | '-';
  text: string;
}

/** The development company asked for with --company / [dev] company, checked. */
function askedCompany(platform: Platform, companyFlag: number | null): { id: number; name: string } | null {
  if (companyFlag === null) return null;
  const company = ifFound(() => platform.companies.get(OPERATOR, companyFlag));
  if (!company) throw new UsageError(`--company ${companyFlag}: no such company`);
  if (!company.isDevelopment) throw new UsageError(`--company ${companyFlag}: ${company.name} is not a development company (app dev installs without a consent click only there)`);
  return { id: company.id, name: company.name };
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function planOf(config: AppConfig, state: AppDevState): PlanLine[] {
  const plan: PlanLine[] = [];
  if (state.companyId === null) plan.push({ sign: '+', text: `development company "${state.companyName}" (test orders, never billed)` });
  const scopes = formatScopes(config.scopes).split(',');
  if (state.app === null) {
    plan.push({ sign: '+', text: `app "${config.name}": scopes ${scopes.join(',')}; redirect URLs ${config.redirectUrls.join(' ')}${config.startUrl ? `; Start URL ${config.startUrl}` : ''}` });
  } else {
    const a = state.app;
    if (a.name !== config.name) plan.push({ sign: '~', text: `name: "${a.name}" -> "${config.name}"` });
    if (!same(formatScopes(a.scopes).split(','), scopes)) plan.push({ sign: '~', text: `scopes: ${formatScopes(a.scopes)} -> ${scopes.join(',')}` });
    if (!same(a.redirectUris, config.redirectUrls)) plan.push({ sign: '~', text: `redirect URLs: ${a.redirectUris.join(' ')} -> ${config.redirectUrls.join(' ')}` });
    if (a.startUrl !== config.startUrl) plan.push({ sign: '~', text: `Start URL: ${a.startUrl ?? '(none)'} -> ${config.startUrl ?? '(none)'}` });
    if (a.authorizationUrl !== config.authorizationUrl) plan.push({ sign: '~', text: `Authorization URL: ${a.authorizationUrl ?? '(none)'} -> ${config.authorizationUrl ?? '(none)'}` });
    if (a.developerEmail !== config.developerEmail) plan.push({ sign: '~', text: `developer email: ${a.developerEmail || '(none)'} -> ${config.developerEmail || '(none)'}` });
  }
  if (state.installedScopes === null) plan.push({ sign: '+', text: `install in "${state.companyName}" with ${scopes.join(',')} (consent granted without a click: development company)` });
  else {
    const missing = scopes.filter((s) => !state.installedScopes!.includes(s));
    if (missing.length > 0) plan.push({ sign: '~', text: `grant ${missing.join(',')} too (consent granted without a click)` });
  }
  const key = (h: { topic: string; address: string }) => `${h.topic} ${h.address}`;
  const existing = new Set(state.hooks.map(key));
  const wanted = new Set(config.webhooks.map(key));
  for (const hook of config.webhooks) if (!existing.has(key(hook))) plan.push({ sign: '+', text: `webhook ${hook.topic} -> ${hook.address}` });
  for (const hook of state.hooks) if (!wanted.has(key(hook))) plan.push({ sign: '-', text: `webhook ${hook.topic} -> ${hook.address} (not in ${config.file.split(/[\\/]/).pop()})` });
  return plan;
}

function askYesNo(io: CliIo, question: string): Promise<boolean> {
  return new Promise((done) => {
    io.out(`${question} [y/N]`);
    const stop = io.onInputLine!((line) => {
      stop();
      done(/^\s*y(es)?\s*$/i.test(line));
    });
  });
}

/** Loopback URLs of the config whose port nothing listens on (the app's server is not running, or moved). */
async function deadLoopbackUrls(config: AppConfig): Promise<string[]> {
  const urls = [...new Set([...config.redirectUrls, ...(config.startUrl ? [config.startUrl] : []), ...config.webhooks.map((h) => h.address)])];
  const dead: string[] = [];
  await Promise.all(
    urls.map(async (raw) => {
      const url = new URL(raw);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (!['127.0.0.1', 'localhost', '::1'].includes(host)) return;
      const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
      const listening = await new Promise<boolean>((done) => {
        const socket = createConnection({ host: host === 'localhost' ? '127.0.0.1' : host, port });
        socket.setTimeout(1000);
        socket.once('connect', () => (socket.destroy(), done(true)));
        socket.once('error', () => done(false));
        socket.once('timeout', () => (socket.destroy(), done(false)));
      });
      if (!listening) dead.push(raw);
    }),
  );
  return dead.sort();
}

/** `--strict`: hosted-compatibility mode for the run. Own platform: forced for this process. Joined: the folder's
 * setting is turned on (the running process reads it per request) and back off when app dev stops. */
function strictForRun(runtime: DevRuntime): { note: string; restore(): void } {
  const compatibility = runtime.platform.compatibility;
  if (runtime.ownsPlatform) {
    compatibility.forceStrict();
    return { note: 'Hosted-compatibility mode is on for this run (--strict): requests relying on a local-only convenience are refused as the hosted platform would.', restore: () => undefined };
  }
  const who = runtime.joined!.kind === 'console' ? `the running console (${runtime.joined!.url})` : `the running serve (${runtime.joined!.url})`;
  if (compatibility.strict()) return { note: `Hosted-compatibility mode is on (the data folder's setting, used by ${who}).`, restore: () => undefined };
  compatibility.setStrict(true);
  return {
    note: `Hosted-compatibility mode is on for this run (--strict): turned on in the data folder's setting, which ${who} uses; app dev turns it off again when it stops.`,
    restore: () => void compatibility.setStrict(false),
  };
}

export const appDevCommand: Command = {
  name: 'app dev',
  summary: 'Develop an app: sync it from partnerdeck.app.toml, install it in a development company, write .env, tail its traffic',
  description: `Reads partnerdeck.app.toml (or .json) in the app's folder (--path, default: the current folder): name, scopes, redirect_urls, start_url, authorization_url, developer_email, [[webhooks]] (topic, address) and [dev] (company, env_file). Shows what would change; applies it with --yes or after a "y" on a terminal:
  - creates or updates the app to match;
  - picks or creates a development company (test orders, never billed, marked like a sample company);
  - installs the app there with consent granted without a click (this mode only; recorded as such);
  - registers the configured webhooks (and removes the app's others there);
  - merges PARTNERDECK_PLATFORM_URL, _CLIENT_ID, _CLIENT_SECRET, _WEBHOOK_SECRET, _COMPANY_ID, _USER_ID, _ACCESS_TOKEN and _REFRESH_TOKEN into the .env file (mode 0600; other keys are kept) and says what changed.
Then it uses the console already running on the data folder (partnerdeck console, found through console.json), or starts a console beside a running partnerdeck serve, or runs its own platform and console; prints the embed URL; opens the app embedded in the console, signed in as the development company's user (--no-open: print the link only); warns about loopback URLs where nothing listens; and tails the app's webhook deliveries and API requests (time, method, path, status, latency, error code) until Ctrl+C. --strict turns hosted-compatibility mode on for the run. Running it again changes only what differs.`,
  options: {
    path: { value: 'DIR', description: "the app's folder with partnerdeck.app.toml or .json (default: the current folder)", complete: 'dir' },
    'env-file': { value: 'FILE', description: 'the .env file to merge the credentials into (default: [dev] env_file, else .env in the app folder)', complete: 'file' },
    company: { value: 'ID', description: 'the development company to use (default: [dev] company, else the one app dev made for the app)' },
    yes: { short: 'y', description: 'apply the changes without asking' },
    'no-open': { description: 'do not open the console in a browser (the link that opens the app embedded is printed)' },
    strict: { description: 'hosted-compatibility mode for the run: accept only what the hosted platform is specified to (no HTTP Basic client auth, no PKCE, no refresh grace window, no Standard Webhooks headers)' },
    port: PORT_OPTION('console'),
    seed: SEED_OPTION,
    json: jsonOption('a first line {"appId", "companyId", "userId", "clientId", "platformUrl", "consoleUrl", "embedUrl", "envFile", "env", "plan", "warnings", "joined", "strict"}, then one line per webhook attempt {"webhook"} or API request {"api"}'),
  },
  examples: ['app dev', 'app dev --path ./my-app --env-file .env.local --yes', 'app dev --strict --no-open'],
  async run({ values, io, global, openPlatform, startConsoleStack }) {
    const stopped = io.untilStopped();
    const json = values.json === true || !io.stdoutIsTTY;
    const ink = paint(colorsOn(io.env, io.stdoutIsTTY));
    const folder = resolve(str(values, 'path') ?? process.cwd());
    const config = readAppConfig(findConfigFile(folder));
    const envFile = resolve(folder, str(values, 'env-file') ?? config.dev.envFile ?? '.env');
    const env = existsSync(envFile) ? readEnvValues(readFileSync(envFile, 'utf8')) : new Map<string, string>();
    const companyFlag = positiveInt(str(values, 'company'), 'company') ?? config.dev.company;
    const runtime = await startDevRuntime({ dataDir: global.dataDir, openPlatform, startConsoleStack }, { port: portFlag(values.port), seed: seedChoice(str(values, 'seed'), 'demo') });
    let restoreStrict = () => undefined as void;
    try {
      const platform = runtime.platform;
      const state = platform.appDev.current(config, askedCompany(platform, companyFlag), env.get('PARTNERDECK_CLIENT_ID'));
      const plan = planOf(config, state);
      if (!json) {
        io.out(ink.bold(`${config.file}`));
        if (plan.length === 0) io.out(`  no changes: app "${config.name}" in "${state.companyName}" matches it`);
        for (const line of plan) io.out(`  ${line.sign === '+' ? ink.green('+') : line.sign === '-' ? ink.red('-') : ink.cyan('~')} ${line.text}`);
      }
      if (plan.length > 0 && values.yes !== true) {
        if (!io.onInputLine) throw new UsageError(`${plan.length} change${plan.length === 1 ? '' : 's'} to make: run again with --yes to apply (or on a terminal to be asked)`);
        if (!(await askYesNo(io, 'Apply these changes?'))) {
          io.out('Nothing changed.');
          return 1;
        }
      }
      const strict = values.strict === true ? strictForRun(runtime) : null;
      if (strict) restoreStrict = strict.restore;
      const { appId, companyId, userId } = await platform.appDev.apply(config, state);
      const app = platform.apps.get(OPERATOR, appId);
      const secret = platform.apps.openSecret(appId);
      const tokens = platform.appDev.tokens({ appId, companyId, userId }, config, { access: env.get('PARTNERDECK_ACCESS_TOKEN'), refresh: env.get('PARTNERDECK_REFRESH_TOKEN') });
      const wantedEnv = {
        PARTNERDECK_PLATFORM_URL: runtime.platformUrl,
        PARTNERDECK_CLIENT_ID: app.clientId,
        PARTNERDECK_CLIENT_SECRET: secret,
        PARTNERDECK_WEBHOOK_SECRET: standardWebhooksSecret(secret),
        PARTNERDECK_COMPANY_ID: String(companyId),
        PARTNERDECK_USER_ID: String(userId),
        PARTNERDECK_ACCESS_TOKEN: tokens.access,
        PARTNERDECK_REFRESH_TOKEN: tokens.refresh,
      };
      const changes = writeEnvFile(envFile, wantedEnv);
      const embedUrl = app.startUrl ? platform.embeddedApps.sign(appId, userId, companyId).url : null;
      // The console opens on the app embedded (Extensions -> Manage Apps -> the app), signed in as the development
      // company's user; an app without a Start URL opens on Manage Apps.
      const link = await runtime.consoleLink({ userId, path: app.startUrl ? `/apps/${appId}` : '/apps' });
      const warnings = (await deadLoopbackUrls(config)).map((url) => `nothing listens at ${url} (is your app's server running on that port?)`);
      warnings.push(...runtime.notes);
      const joined = runtime.joined;
      if (json) {
        io.out(JSON.stringify({ appId, companyId, userId, clientId: app.clientId, platformUrl: runtime.platformUrl, consoleUrl: link.url, embedUrl, envFile, env: changes, plan, warnings, joined, strict: strict !== null }));
      } else {
        io.out('');
        io.out(`${ink.bold('App')}          ${app.name} (app ${appId}, client id ${app.clientId})`);
        io.out(`${ink.bold('Installed in')} ${state.companyName} (development company ${companyId}) as ${APP_DEV_USER_NAME} (user ${userId})`);
        io.out(`${ink.bold('Platform')}     ${runtime.platformUrl}${joined ? ` (the running ${joined.kind === 'console' ? `console's, process ${joined.pid}` : 'serve'})` : ''}`);
        io.out(`${ink.bold('.env')}         ${envFile}: ${[changes.added.length ? `added ${changes.added.join(', ')}` : '', changes.updated.length ? `updated ${changes.updated.join(', ')}` : '', changes.unchanged.length ? `${changes.unchanged.length} unchanged` : ''].filter(Boolean).join('; ')}${tokens.fresh ? '' : ' (tokens still valid: kept)'}`);
        if (embedUrl) io.out(`${ink.bold('Embed URL')}    ${embedUrl}`);
        io.out(`${ink.bold('Console')}      ${link.url}  (opens the app embedded, signed in as ${APP_DEV_USER_NAME}; once, within 5 minutes${joined?.kind === 'console' ? `; in the running console ${joined.url}` : ''})`);
        if (strict) io.out(ink.cyan(strict.note));
        for (const warning of warnings) io.out(ink.red(`Warning: ${warning}`));
        io.out(ink.dim(`Tailing the app's webhook deliveries and API requests (partnerdeck trigger order/create --company ${companyId} makes an order). Ctrl+C to stop.`));
      }
      if (values['no-open'] !== true) openLaunchLink(link, io.env);

      await tailApp(platform, appId, stopped, {
        webhook(row) {
          if (!json) return io.out(webhookLine(row, ink, new Date()));
          const data = (JSON.parse(row.payload) as { data: { type: string; id: string } }).data;
          io.out(JSON.stringify({ webhook: { topic: row.topic, object: data, url: row.url, kind: row.kind, status: row.statusCode, ok: row.ok, latencyMs: row.durationMs, error: row.error, messageId: row.messageId } }));
        },
        api(entry) {
          if (json) io.out(JSON.stringify({ api: { at: entry.at, method: entry.method, path: entry.path, status: entry.status, latencyMs: entry.durationMs, errorCode: entry.errorCode, companyId: entry.companyId, notes: entry.notes } }));
          else for (const line of apiLine(entry, ink)) io.out(line);
        },
      });
      if (!json) io.out('Stopped.');
      return 0;
    } finally {
      restoreStrict();
      await runtime.close();
    }
  },
};
