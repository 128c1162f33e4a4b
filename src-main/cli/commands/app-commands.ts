// `partnerdeck app create` and `app list`: registering an app's API credentials for local development (the
// console's app screens come with the App Store) and listing registrations. Validation errors name the flag.
import type { AppCreateInput } from '../../../src-shared/api/app-inputs';
import { ApiError } from '../../../src-shared/api/errors';
import type { AppSummary } from '../../../src-shared/api/oauth-types';
import { OAUTH_SCOPES } from '../../../src-shared/domain/oauth-scopes';
import { OPERATOR } from '../../core/access';
import { UsageError } from '../cli-io';
import { positiveInt, printTable, required, str, type Command } from '../command-kit';
import { openCliPlatform } from '../stack';

/** Service field -> the flag that sets it. */
const FLAG_OF: Record<string, string> = {
  companyId: '--company',
  name: '--name',
  redirectUris: '--redirect-uri',
  scopes: '--scopes',
  authorizationUrl: '--authorization-url',
  startUrl: '--start-url',
  developerEmail: '--developer-email',
};

/** Rethrows a validation error as one line naming the flag (and the value, for a list flag). */
function asFlagError(error: unknown, values: Record<string, unknown>): never {
  if (error instanceof ApiError && error.code === 'validation_failed') {
    const [field, problems] = Object.entries(error.fields)[0] ?? ['input', [error.message]];
    const [name, index] = field.split('.');
    const flag = FLAG_OF[name] ?? name;
    const list = values[name];
    const value = index !== undefined && Array.isArray(list) ? ` ${String(list[Number(index)])}` : '';
    throw new UsageError(`${flag}${value}: ${problems[0]}`);
  }
  throw error;
}

export function appJson(app: AppSummary): Record<string, unknown> {
  return {
    id: app.id,
    name: app.name,
    company_id: app.companyId,
    company_name: app.companyName,
    client_id: app.clientId,
    redirect_uris: app.redirectUris,
    scopes: app.scopes.join(','),
    authorization_url: app.authorizationUrl,
    start_url: app.startUrl,
    developer_email: app.developerEmail,
    created_at: app.createdAt,
  };
}

const appCreate: Command = {
  name: 'app create',
  usage: 'app create --company ID --name N --redirect-uri U [--redirect-uri U2] --scopes a,b [--start-url U] [--authorization-url U] [--developer-email E] [--json]',
  summary: "Register an app's API credentials (client id and shared secret) for OAuth against the local platform",
  help: `  --company ID             the developer's company (a shop company; partners have no products of their own)
  --name N                 the app's name, shown on the consent page
  --redirect-uri U         an allowed redirect URI (repeat for more); matched exactly; https, or http on
                           127.0.0.1, [::1] or localhost
  --scopes a,b             what the app may ask for: ${OAUTH_SCOPES.join(', ')}
  --authorization-url U    called when the app is bought in the App Store; must be one of the redirect URIs
  --start-url U            makes it an embedded app (loaded under Extensions / Manage Apps)
  --developer-email E      where webhook deactivation notices go
  --json                   print {"id", "client_id", "client_secret"}
The shared secret is shown only here, once: keep it (it is stored sealed and hashed).`,
  options: {
    company: { type: 'string' },
    name: { type: 'string' },
    'redirect-uri': { type: 'string', multiple: true },
    scopes: { type: 'string' },
    'authorization-url': { type: 'string' },
    'start-url': { type: 'string' },
    'developer-email': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, global, io }) {
    const companyId = positiveInt(required(values, 'company'), 'company')!;
    const name = required(values, 'name');
    const redirectUris = (values['redirect-uri'] as string[] | undefined) ?? [];
    if (redirectUris.length === 0) throw new UsageError('--redirect-uri is required (repeat it for several URIs)');
    const scopes = required(values, 'scopes').split(',').map((s) => s.trim()).filter(Boolean);
    // Checked by the apps service (the same schema the console uses); its field errors become flag errors.
    const input = {
      companyId,
      name,
      redirectUris,
      scopes,
      authorizationUrl: str(values, 'authorization-url') ?? null,
      startUrl: str(values, 'start-url') ?? null,
      developerEmail: str(values, 'developer-email') ?? '',
    };
    const platform = openCliPlatform(global.dataDir, 'none');
    try {
      let created;
      try {
        created = platform.apps.create(OPERATOR, input as AppCreateInput);
      } catch (error) {
        asFlagError(error, input);
      }
      const { app, clientSecret } = created;
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
  usage: 'app list [--company ID] [--json]',
  summary: 'List registered apps (client ids, redirect URIs, scopes; never the secrets)',
  help: `  --company ID   only the apps of this company
  --json         print JSON: [{"id", "name", "company_id", "company_name", "client_id", "redirect_uris",
                 "scopes", "authorization_url", "start_url", "developer_email", "created_at"}]`,
  options: { company: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, global, io }) {
    const companyId = positiveInt(str(values, 'company'), 'company');
    const platform = openCliPlatform(global.dataDir, 'none');
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

export const APP_COMMANDS: Command[] = [appCreate, appList];
