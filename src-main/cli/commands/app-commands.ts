// `partnerdeck app create` and `app list`: registering an app's API credentials for local development (the
// console's app screens come with the App Store) and listing registrations. Validation errors name the flag
// (each flag declares the input field it sets). The `app` group is declared here.
import type { AppCreateInput } from '../../../src-shared/api/app-inputs';
import { ApiError } from '../../../src-shared/api/errors';
import type { AppSummary } from '../../../src-shared/api/oauth-types';
import { MAX_SECRET_GRACE_SECONDS } from '../../../src-shared/api/app-store-inputs';
import { parseDuration } from '../../../src-shared/domain/durations';
import { OAUTH_SCOPES } from '../../../src-shared/domain/oauth-scopes';
import { toIso } from '../../core/clock';
import { standardWebhooksSecret } from '../../core/webhooks/webhook-signing';
import { OPERATOR } from '../../core/access';
import { UsageError } from '../cli-io';
import { appDevCommand } from './app-dev-command';
import { jsonOption, positiveInt, printTable, required, snakeFields, str, type Command, type CommandGroup } from '../command-kit';

export function appJson(app: AppSummary): Record<string, unknown> {
  return {
    ...snakeFields(app, ['id', 'name', 'companyId', 'companyName', 'clientId', 'redirectUris']),
    scopes: app.scopes.join(','),
    ...snakeFields(app, ['authorizationUrl', 'startUrl', 'developerEmail', 'createdAt']),
  };
}

const appCreate: Command = {
  name: 'app create',
  summary: "Register an app's API credentials (client id and shared secret) for OAuth against the local platform",
  description: 'The shared secret is shown only here, once: keep it (it is stored sealed and hashed).',
  options: {
    company: { value: 'ID', description: "the developer's company (a shop company; partners have no products of their own)", required: true, field: 'companyId' },
    name: { value: 'NAME', description: "the app's name, shown on the consent page", required: true },
    'redirect-uri': {
      value: 'URI',
      description: 'an allowed redirect URI, matched exactly: https, or http on 127.0.0.1, [::1] or localhost',
      multiple: true,
      required: true,
      field: 'redirectUris',
    },
    scopes: { value: 'a,b', description: `what the app may ask for: ${OAUTH_SCOPES.join(', ')}`, required: true },
    'authorization-url': { value: 'URL', description: 'called when the app is bought in the App Store; must be one of the redirect URIs' },
    'start-url': { value: 'URL', description: 'makes it an embedded app (loaded under Extensions -> Manage Apps)' },
    'developer-email': { value: 'EMAIL', description: 'where webhook deactivation notices go' },
    json: jsonOption('{"id", "client_id", "client_secret"}'),
  },
  examples: ['app create --company 5 --name Demo --redirect-uri https://a.example/cb --scopes orders'],
  async run({ values, io, openPlatform }) {
    const companyId = positiveInt(required(values, 'company'), 'company')!;
    const name = required(values, 'name');
    const redirectUris = values['redirect-uri'] as string[];
    const scopes = required(values, 'scopes').split(',').map((s) => s.trim()).filter(Boolean);
    // Checked by the apps service (the same schema the console uses); its field errors name the flags.
    const input = {
      companyId,
      name,
      redirectUris,
      scopes,
      authorizationUrl: str(values, 'authorization-url') ?? null,
      startUrl: str(values, 'start-url') ?? null,
      developerEmail: str(values, 'developer-email') ?? '',
    };
    const platform = openPlatform('none');
    try {
      const { app, clientSecret } = platform.apps.create(OPERATOR, input as AppCreateInput);
      if (values.json) io.out(JSON.stringify({ id: app.id, client_id: app.clientId, client_secret: clientSecret }));
      else {
        io.out(`registered app ${app.id}: ${app.name} (${app.companyName})`);
        io.out(`  client_id      ${app.clientId}`);
        io.out(`  client_secret  ${clientSecret}   (shown only now: keep it)`);
        io.out(`  scopes         ${app.scopes.join(',')}`);
        for (const uri of app.redirectUris) io.out(`  redirect_uri   ${uri}`);
      }
      return 0;
    } finally {
      platform.close();
    }
  },
};

const appList: Command = {
  name: 'app list',
  summary: 'List registered apps (client ids, redirect URIs, scopes; never the secrets)',
  options: {
    company: { value: 'ID', description: 'only the apps of this company' },
    json: jsonOption('[{"id", "name", "company_id", "company_name", "client_id", "redirect_uris", "scopes", "authorization_url", "start_url", "developer_email", "created_at"}]'),
  },
  examples: ['app list', 'app list --company 5 --json'],
  async run({ values, io, openPlatform }) {
    const companyId = positiveInt(str(values, 'company'), 'company');
    const platform = openPlatform('none');
    try {
      let apps: AppSummary[];
      try {
        apps = platform.apps.list(OPERATOR, companyId);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'not_found') throw new UsageError(`--company ${companyId}: no such company`);
        throw error;
      }
      if (values.json) io.out(JSON.stringify(apps.map(appJson)));
      else printTable(io, apps.map((a) => ({ id: a.id, name: a.name, company: a.companyId, client_id: a.clientId, scopes: a.scopes.join(','), redirect_uris: a.redirectUris.join(' ') })));
      return 0;
    } finally {
      platform.close();
    }
  },
};

/** `--grace`: how long the replaced secret stays valid (0 = it stops at once; default 24h, as Svix). */
function graceSecondsOf(raw: string | undefined): number {
  if (raw === undefined) return 24 * 3600;
  if (raw.trim() === '0') return 0;
  const ms = parseDuration(raw);
  if (ms === null) throw new UsageError(`--grace: "${raw}" is not a duration (0, 1h, 24h, 3d, 7d)`);
  if (ms > MAX_SECRET_GRACE_SECONDS * 1000) throw new UsageError(`--grace can be at most 7d (got ${raw})`);
  return Math.round(ms / 1000);
}

const appRotateSecret: Command = {
  name: 'app rotate-secret',
  summary: "Give an app a new Shared Secret; the old one keeps working for a grace period (default 24h)",
  description: `The new secret is shown only here, once. During the grace period both secrets authenticate the app at the token endpoint (the API request log marks requests that used the old one), and every webhook carries two Standard Webhooks signatures in webhook-signature — "v1,<new> v1,<old>" — so receivers still on the old secret keep verifying; the payload "hash" uses the new secret from the next attempt on. --grace 0 stops the old secret at once (a leaked secret). A rotation during a grace period ends the older secret: only the last two are kept. Tokens already issued stay valid.`,
  arguments: [{ name: 'appId', description: 'the app (the id column of `partnerdeck app list`)', required: true }],
  options: {
    grace: { value: 'DURATION', description: 'how long the old secret stays valid: 0 (stops now), 1h, 24h (default), 3d, up to 7d' },
    json: jsonOption('{"id", "client_id", "client_secret", "whsec", "previous_secret_valid_until"}'),
  },
  examples: ['app rotate-secret 3', 'app rotate-secret 3 --grace 0 --json'],
  async run({ values, positionals, io, openPlatform }) {
    if (!/^\d+$/.test(positionals[0]) || Number(positionals[0]) < 1) throw new UsageError(`the app id must be a positive whole number (got "${positionals[0]}")`);
    const appId = Number(positionals[0]);
    const graceSeconds = graceSecondsOf(str(values, 'grace'));
    const platform = openPlatform('none');
    try {
      let rotated: { app: AppSummary; clientSecret: string };
      try {
        rotated = platform.apps.rotateSecret(OPERATOR, appId, { graceSeconds });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'not_found') throw new UsageError(`app ${appId}: no such app`);
        throw error;
      }
      const previous = platform.apps.previousSecret(appId);
      const validUntil = previous ? toIso(previous.expiresAt) : null;
      if (values.json) {
        io.out(JSON.stringify({ id: appId, client_id: rotated.app.clientId, client_secret: rotated.clientSecret, whsec: standardWebhooksSecret(rotated.clientSecret), previous_secret_valid_until: validUntil }));
      } else {
        io.out(`new Shared Secret for app ${appId}: ${rotated.app.name}`);
        io.out(`  client_secret  ${rotated.clientSecret}   (shown only now: keep it)`);
        io.out(`  whsec          ${standardWebhooksSecret(rotated.clientSecret)}   (the same secret for Standard Webhooks libraries)`);
        io.out(validUntil ? `  the old secret keeps working until ${validUntil} (webhooks carry both signatures until then)` : '  the old secret stopped working now');
      }
      return 0;
    } finally {
      platform.close();
    }
  },
};

export const APP_GROUPS: CommandGroup[] = [
  { name: 'app', summary: "Apps: register API credentials, list them, embedded apps' signed URLs, the operator's App Store review" },
];

export const APP_COMMANDS: Command[] = [appCreate, appList, appRotateSecret, appDevCommand];
