// The foundation's CLI commands (serve, console, company, user) and the list of every command.
// Commands of other areas live in ./commands/<area>-commands.ts and are appended to COMMANDS.
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { companyCreateSchema, userCreateSchema } from '../../src-shared/api/inputs';
import type { CompanySummary } from '../../src-shared/api/types';
import { parseInput } from '../../src-shared/api/validation';
import { OPERATOR } from '../core/access';
import { hashPassword } from '../core/passwords';
import { toCompanySummary } from '../core/mappers';
import { SERVER_INFO_FILE_NAME } from '../core/paths';
import { startPlatformServer } from '../core/server/platform-server';
import { startWebhookDispatcher } from '../core/webhooks/webhook-dispatcher';
import { APP_VERSION } from '../console/version';
import { positiveInt, printTable, required, seedChoice, str, type Command } from './command-kit';
import { startWalCheckpointer } from '../core/db/wal-checkpointer';
import { SHOP_COMMANDS } from './commands/shop-commands';
import { UsageError } from './cli-io';
import { openCliPlatform, startConsoleStack } from './stack';
import { openLaunchLink } from './open-browser';
import { APP_COMMANDS } from './commands/app-commands';
import { BILLING_COMMANDS } from './commands/billing-commands';
import { STORE_COMMANDS } from './commands/store-commands';
import { WEBHOOK_COMMANDS } from './commands/webhook-commands';
import { EMBEDDED_APP_COMMANDS } from './commands/embedded-app-commands';

const serve: Command = {
  name: 'serve',
  usage: 'serve [--seed demo|none] [--data-dir DIR] [--port N]',
  summary: 'Run the platform headless: OAuth 2.0 (/oauth2/authorize, /token, /api/tokeninfo), the /admin REST API and the webhook dispatcher',
  help: `Prints one JSON line once it listens: {"url", "dataDir", "adminToken"}, and writes the same to
server.json in the data folder (readable only by you). Stops cleanly on SIGINT/SIGTERM. Webhooks are
delivered while it runs (also those of events that other partnerdeck commands create in the folder).
  --seed demo|none   what an empty data folder starts with (default: demo)`,
  options: { seed: { type: 'string' } },
  async run({ values, global, io }) {
    const stopped = io.untilStopped();
    const platform = openCliPlatform(global.dataDir, seedChoice(str(values, 'seed'), 'demo'));
    const log = (message: string, error?: unknown) => io.err(`partnerdeck: ${message}${error ? `: ${(error as Error).message ?? error}` : ''}`);
    const checkpointer = startWalCheckpointer(platform.db, { log });
    const dispatcher = startWebhookDispatcher(platform, { log });
    const server = await startPlatformServer(platform, { port: global.port, version: APP_VERSION });
    const info = { url: server.url, dataDir: global.dataDir, adminToken: server.adminToken };
    const infoPath = join(global.dataDir, SERVER_INFO_FILE_NAME);
    writeFileSync(infoPath, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
    chmodSync(infoPath, 0o600);
    io.out(JSON.stringify(info));
    await stopped;
    await server.close();
    await dispatcher.stop();
    await checkpointer.stop();
    rmSync(infoPath, { force: true });
    platform.close();
    return 0;
  },
};

const consoleCommand: Command = {
  name: 'console',
  usage: 'console [--no-open] [--seed demo|none] [--data-dir DIR] [--port N]',
  summary: 'Open the console in your browser (browser mode), with the platform running beside it',
  help: `Prints {"consoleUrl": "...", "platformUrl": "..."} on one line. The console URL is a launch link: it opens
the console once, within 5 minutes (after that it is useless), and only 127.0.0.1 is listened on. The browser is
opened through a file only you can read, so the link never appears on a command line. In a terminal, type
o and Enter to open the console again, or u and Enter for a new link. The platform URL is where apps reach
OAuth and the API (e.g. \`partnerdeck example-app --platform-url URL\`).
  --no-open          do not open a browser, just print the link (BROWSER=none does the same;
                     BROWSER=<command> opens it with that command)
  --seed demo|none   what an empty data folder starts with (default: demo)`,
  options: { 'no-open': { type: 'boolean' }, seed: { type: 'string' } },
  async run({ values, global, io }) {
    const stopped = io.untilStopped();
    const stack = await startConsoleStack({
      dataDir: global.dataDir,
      port: global.port,
      seed: seedChoice(str(values, 'seed'), 'demo'),
    });
    const first = stack.host.launchLink();
    io.out(JSON.stringify({ consoleUrl: first.url, platformUrl: stack.platformUrl }));
    if (stack.secretWarning) io.err(`partnerdeck: note: ${stack.secretWarning}`);
    if (!values['no-open']) openLaunchLink(first, io.env);
    // In a terminal: o opens the console again (a new one-time link), u prints a new link.
    const stopKeys = io.onInputLine?.((line) => {
      const key = line.trim().toLowerCase();
      if (key === 'o') {
        if (!openLaunchLink(stack.host.launchLink(), io.env)) io.err('partnerdeck: BROWSER=none: no browser to open (type u for a link)');
      } else if (key === 'u') io.err(`partnerdeck: console link (works once, within 5 minutes): ${stack.host.launchLink().url}`);
    });
    if (stopKeys) io.err('partnerdeck: console running. Type o and Enter to open it in your browser again, u and Enter for a new link, Ctrl+C to stop.');
    await stopped;
    stopKeys?.();
    await stack.close();
    return 0;
  },
};

const companyList: Command = {
  name: 'company list',
  usage: 'company list [--partner ID] [--json]',
  summary: "List companies: a partner's clients with --partner, else every company",
  help: `  --partner ID   only the clients of this partner
  --json         print JSON instead of a table`,
  options: { json: { type: 'boolean' }, partner: { type: 'string' } },
  async run({ values, global, io }) {
    const platform = openCliPlatform(global.dataDir, 'none');
    try {
      const partnerId = positiveInt(str(values, 'partner'), 'partner');
      let companies: CompanySummary[];
      if (partnerId !== undefined) {
        const partner = platform.repos.companies.get(partnerId);
        if (!partner?.is_partner) throw new UsageError(`--partner ${partnerId} is not a partner company`);
        companies = platform.companies.listClients(OPERATOR, { search: '', route: 'any', sample: 'any', sort: 'name', direction: 'asc' }, partnerId);
      } else {
        companies = platform.repos.companies.listAll().map(toCompanySummary);
      }
      if (values.json) io.out(JSON.stringify(companies));
      else
        printTable(
          io,
          companies.map((c) => ({
            id: c.id,
            name: c.name,
            country: c.country,
            kind: c.isPartner ? 'partner' : c.isSample ? 'sample' : 'shop',
            route: c.paymentRoute,
            partner: c.partnerId ?? '-',
            users: c.userCount,
          })),
        );
      return 0;
    } finally {
      platform.close();
    }
  },
};

const companyCreate: Command = {
  name: 'company create',
  usage: 'company create --name N [--partner ID] [--sample] [--route direct|via_partner] [--vat-id V] [--country CC] [--json]',
  summary: 'Create a company (a client of --partner, or an independent one)',
  help: `  --name N                 company name (required)
  --partner ID             the partner that manages it; the CLI records the partner's non-affiliation attestation
  --sample                 a sample company: fully configurable, never sells, never billed
  --route direct|via_partner   payment route (default direct; via_partner needs --partner)
  --vat-id V               VAT-ID, checked against the country's format
  --country CC             ISO country code (default DE)
  --email E, --city C      contact data
  --partner-program        admit the new company to the partner program (makes it a partner)
  --json                   print the created company as JSON`,
  options: {
    name: { type: 'string' },
    partner: { type: 'string' },
    sample: { type: 'boolean' },
    route: { type: 'string' },
    'vat-id': { type: 'string' },
    country: { type: 'string' },
    email: { type: 'string' },
    city: { type: 'string' },
    'partner-program': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ values, global, io }) {
    const name = required(values, 'name');
    const route = str(values, 'route') ?? 'direct';
    if (route !== 'direct' && route !== 'via_partner') throw new UsageError(`--route must be direct or via_partner (got "${route}")`);
    const partnerId = positiveInt(str(values, 'partner'), 'partner') ?? null;
    const input = parseInput(companyCreateSchema, {
      name,
      country: str(values, 'country') ?? 'DE',
      email: str(values, 'email') ?? '',
      city: str(values, 'city') ?? '',
      vatId: str(values, 'vat-id') ?? null,
      isSample: values.sample === true,
      paymentRoute: route,
      attestNotAffiliated: true,
    });
    const platform = openCliPlatform(global.dataDir, 'none');
    try {
      const company = platform.companies.create(OPERATOR, input, { partnerId, isPartner: values['partner-program'] === true });
      if (values.json) io.out(JSON.stringify(company));
      else io.out(`created company ${company.id}: ${company.name}${company.partnerName ? ` (client of ${company.partnerName})` : ''}`);
      return 0;
    } finally {
      platform.close();
    }
  },
};

const userCreate: Command = {
  name: 'user create',
  usage: 'user create --company ID --email E --password P --permissions a,b [--name N] [--admin] [--welcome] [--json]',
  summary: 'Add a user to a company',
  help: `  --company ID       the company (required)
  --email E          login email (required, unique)
  --password P       at least 8 characters (required; stored as a scrypt hash)
  --permissions a,b  products, orders, customers, reports, billing, apps, settings, users, clients
  --name N           display name (default: the email's local part)
  --admin            administrator: every permission
  --welcome          queue the welcome email with login data and permissions to the outbox
  --json             print the created user as JSON`,
  options: {
    company: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    permissions: { type: 'string' },
    name: { type: 'string' },
    admin: { type: 'boolean' },
    welcome: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ values, global, io }) {
    const email = required(values, 'email');
    const permissionsRaw = str(values, 'permissions') ?? '';
    const input = parseInput(userCreateSchema, {
      companyId: positiveInt(required(values, 'company'), 'company'),
      email,
      name: str(values, 'name') ?? email.split('@')[0],
      password: required(values, 'password'),
      permissions: permissionsRaw === '' ? [] : permissionsRaw.split(',').map((p) => p.trim()),
      isAdmin: values.admin === true,
      sendWelcomeEmail: values.welcome === true,
    });
    const platform = openCliPlatform(global.dataDir, 'none');
    try {
      const user = platform.users.create(OPERATOR, input, { passwordHash: await hashPassword(input.password) });
      if (values.json) io.out(JSON.stringify(user));
      else io.out(`created user ${user.id}: ${user.email} in company ${user.companyId}`);
      return 0;
    } finally {
      platform.close();
    }
  },
};

export const COMMANDS: Command[] = [serve, consoleCommand, companyList, companyCreate, userCreate, ...SHOP_COMMANDS, ...APP_COMMANDS, ...STORE_COMMANDS, ...WEBHOOK_COMMANDS, ...EMBEDDED_APP_COMMANDS, ...BILLING_COMMANDS];
