// The foundation area's CLI commands (serve, console, company, user) and the groups they introduce. Every
// area's commands are listed by src-main/areas.ts; cli.ts turns the list into the program.
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { examineDataFolder } from '../../core/db/doctor';
import { join } from 'node:path';
import { companyCreateSchema, userCreateSchema } from '../../../src-shared/api/inputs';
import type { CompanySummary, User } from '../../../src-shared/api/types';
import { parseInput } from '../../../src-shared/api/validation';
import { OPERATOR } from '../../core/access';
import { hashPassword } from '../../core/passwords';
import type { Platform } from '../../core/platform';
import { SERVER_INFO_FILE_NAME } from '../../core/paths';
import { listenRemembered } from '../../core/server/port-memory';
import { startPlatformServer } from '../../core/server/platform-server';
import { startWebhookDispatcher } from '../../core/webhooks/webhook-dispatcher';
import { APP_VERSION } from '../../console/version';
import { PERMISSIONS } from '../../../src-shared/domain/permissions';
import { DEFAULT_CNAME_TARGET } from '../../../src-shared/domain/white-label';
import { ifFound, jsonOption, positiveInt, printTable, required, SEED_OPTION, seedChoice, str, type Command, type CommandGroup } from '../command-kit';
import { colorsOn, paint, UsageError, type CliIo } from '../cli-io';
import { PORT_OPTION, portFlag } from '../port-flag';
import { movedNote, portInUse, startCliLogging } from '../stack';
import { openLaunchLink } from '../open-browser';
import { migrateCommand } from './migrate-command';
import { startTeamConsole, TEAM_CONSOLE_OPTIONS, teamConsoleSettings, type TeamConsole } from '../team-console';
import { NETWORK_OPTIONS, networkSettings } from '../network-options';

/** What a person sees on a terminal once a server runs: aligned label/value lines, then how to stop it. */
function printRunning(io: CliIo, title: string, rows: [string, string][], notes: string[]): void {
  const p = paint(colorsOn(io.env, io.stdoutIsTTY));
  const width = Math.max(...rows.map(([label]) => label.length));
  io.out(p.green(p.bold(title)));
  for (const [label, value] of rows) io.out(`  ${p.dim(label.padEnd(width))}  ${value}`);
  for (const note of notes) io.out(`  ${note}`);
  io.out(p.dim('Ctrl+C to stop.'));
}

/** The log file's line: where it is, and at which level. */
function logRow(file: string | null, verbose: boolean): [string, string][] {
  return file ? [['Log', `${file}${verbose ? ' (in detail: each request and webhook attempt)' : ''}`]] : [];
}

/** `--strict`: hosted-compatibility mode for this process (docs/platform-api.md, "Hosted-compatibility mode"). */
const STRICT_OPTION = {
  description: 'hosted-compatibility mode: accept only what the hosted platform is specified to (no HTTP Basic client auth, no PKCE, no refresh grace window, no Standard Webhooks headers)',
};

const VERBOSE_OPTION = { description: 'log in detail (each request, each webhook attempt) and say where the log file is' };

/** Waits for the first Ctrl+C (or SIGTERM), saying so on a terminal. */
async function stoppedBy(stopped: Promise<string>, io: CliIo, human: boolean): Promise<void> {
  await stopped;
  if (human) io.out('Stopping… (finishing what is running and checkpointing the database)');
}

const serve: Command = {
  name: 'serve',
  summary: 'Run the platform headless: OAuth 2.0, the /admin REST API and the webhook dispatcher',
  description: `Serves OAuth 2.0 (/oauth2/authorize, /oauth2/token, /api/tokeninfo) and the /admin REST API on 127.0.0.1 (or --host), and delivers webhooks (also those of events that other partnerdeck commands create in the data folder). Writes {"url", "dataDir", "adminToken"} to server.json in the data folder (readable only by you) while it runs.

With --console it also serves the console for a team (docs/team-server.md): every person opens its address, signs in with the email and password of their platform user and works with exactly that user's company and permissions (there is no launch link and no Switch user); sessions live in the database, end after 8 idle hours or 7 days, and "Sign out" ends them.

Both servers listen on 127.0.0.1 unless --host says otherwise; another address is refused unless it is encrypted: --tls-cert/--tls-key (HTTPS here, and the printed addresses are https), or --trust-proxy behind a TLS reverse proxy (its X-Forwarded-Proto and X-Forwarded-For are believed: the client address in the API request log and the sign-in throttles).

On a terminal it prints the address, the data folder and how to stop it; with --json, or when the output is not a terminal, one JSON line {"url", "dataDir", "adminToken"} (and "consoleUrl" with --console) once it listens. The first Ctrl+C (or SIGTERM) stops it cleanly: the database is checkpointed and closed, no -wal or -shm file is left. A second Ctrl+C says it is still stopping; a third quits at once.`,
  options: {
    seed: SEED_OPTION,
    port: PORT_OPTION('platform'),
    verbose: VERBOSE_OPTION,
    strict: STRICT_OPTION,
    json: jsonOption('one line {"url", "dataDir", "adminToken"} (and "consoleUrl" with --console) once it listens'),
    'no-list-cache': { description: 'read every /admin list page anew instead of keeping answers while the database is unchanged (measurements; docs/performance.md)' },
    ...NETWORK_OPTIONS,
    ...TEAM_CONSOLE_OPTIONS,
  },
  examples: [
    'serve',
    'serve --data-dir ./demo --seed none --port 4010',
    'serve --json',
    'serve --host 0.0.0.0 --tls-cert cert.pem --tls-key key.pem',
    'serve --console --host 0.0.0.0 --tls-cert cert.pem --tls-key key.pem',
    'serve --console --trust-proxy --console-port 8080',
  ],
  async run({ values, global, io, openPlatform, createConsoleService }) {
    const stopped = io.untilStopped();
    const human = values.json !== true && io.stdoutIsTTY;
    const port = portFlag(values.port);
    // Checked before anything opens: a refused --host or an unreadable certificate changes nothing.
    const network = networkSettings(values, values.console ? 'the platform and the team console' : 'the platform (its sign-in page, tokens and the /admin API)');
    const team = teamConsoleSettings(values, network);
    const platform = openPlatform(seedChoice(str(values, 'seed'), 'demo'));
    if (values.strict) platform.compatibility.forceStrict();
    // <data folder>/logs/partnerdeck.log; warnings and errors also on stderr.
    const logger = startCliLogging(global.dataDir, values.verbose ? { level: 'debug' } : {});
    const log = logger.scope('serve').callback();
    const checkpointer = platform.startWalCheckpointer({ log });
    const dispatcher = startWebhookDispatcher(platform, { log });
    const stopAll = async () => {
      await dispatcher.stop();
      await checkpointer.stop();
      platform.close();
    };
    let listening;
    try {
      listening = await listenRemembered(global.dataDir, 'platform', port, (p) => startPlatformServer(platform, { port: p, version: APP_VERSION, listCache: values['no-list-cache'] !== true, network }), (s) => s.port);
    } catch (error) {
      await stopAll();
      throw portInUse(error, port);
    }
    const server = listening.server;
    let teamConsole: TeamConsole | null = null;
    if (team) {
      try {
        teamConsole = await startTeamConsole({ platform, dataDir: global.dataDir, platformUrl: server.url, settings: team, createConsoleService });
      } catch (error) {
        await server.close();
        await stopAll();
        throw error;
      }
    }
    const info = { url: server.url, dataDir: global.dataDir, adminToken: server.adminToken, ...(teamConsole ? { consoleUrl: teamConsole.url } : {}) };
    const infoPath = join(global.dataDir, SERVER_INFO_FILE_NAME);
    writeFileSync(infoPath, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
    chmodSync(infoPath, 0o600);
    const moved = movedNote('The platform', listening.movedFrom, listening.port);
    const consoleMoved = teamConsole ? movedNote('The team console', teamConsole.movedFrom, teamConsole.host.port) : null;
    const teamNotes = [...(consoleMoved ? [consoleMoved] : []), ...(team?.notes ?? network.notes)];
    if (human) {
      printRunning(
        io,
        'PartnerDeck platform running',
        [
          ['Platform', server.url],
          ...(teamConsole ? ([['Team console', `${teamConsole.url}  (everybody signs in with their email and password)`]] as [string, string][]) : []),
          ['Data folder', global.dataDir],
          ['Admin token', `in ${infoPath}`],
          ...logRow(logger.file, values.verbose === true),
        ],
        [...(moved ? [moved] : []), ...teamNotes],
      );
    } else {
      io.out(JSON.stringify(info));
      if (moved) io.err(`partnerdeck: note: ${moved}`);
      for (const note of teamNotes) io.err(`partnerdeck: note: ${note}`);
      if (values.verbose && logger.file) io.err(`partnerdeck: logging in detail to ${logger.file}`);
    }
    await stoppedBy(stopped, io, human);
    await teamConsole?.close();
    await server.close();
    await stopAll();
    rmSync(infoPath, { force: true });
    return 0;
  },
};

const consoleCommand: Command = {
  name: 'console',
  summary: 'Open the console in your browser (browser mode), with the platform running beside it',
  description: `Serves the console on 127.0.0.1 and opens it in your browser. The console address is a launch link: it opens the console once, within 5 minutes, and is useless afterwards, so only you can open it. The browser is opened through a file only you can read, so the link never appears on a command line (\`ps\`); BROWSER=<command> opens it with that command, BROWSER=none opens nothing. While it runs, type o and Enter to open the console again, or u and Enter to print a new link. The platform address is where apps reach OAuth and the API (e.g. \`partnerdeck example-app --platform-url URL\`); the console shows it under Local platform -> Developer. While it runs, console.json in the data folder (readable only by you) lets \`partnerdeck app dev\` open apps in this console instead of starting another.

On a terminal it prints both addresses, the data folder and how to stop it; with --json, or when the output is not a terminal, one JSON line {"consoleUrl", "platformUrl"}. Ctrl+C stops it cleanly (a second one says it is still stopping).`,
  options: {
    'no-open': { description: 'do not open a browser, just print the launch link' },
    seed: SEED_OPTION,
    port: PORT_OPTION('console'),
    verbose: VERBOSE_OPTION,
    strict: STRICT_OPTION,
    json: jsonOption('one line {"consoleUrl", "platformUrl"} once it listens'),
  },
  examples: ['console', 'console --no-open --data-dir ./demo', 'console --json --no-open'],
  async run({ values, global, io, startConsoleStack }) {
    const stopped = io.untilStopped();
    const human = values.json !== true && io.stdoutIsTTY;
    const stack = await startConsoleStack({
      port: portFlag(values.port),
      seed: seedChoice(str(values, 'seed'), 'demo'),
      verbose: values.verbose === true,
    });
    if (values.strict) stack.platform.compatibility.forceStrict();
    const open = !values['no-open'];
    const first = stack.host.launchLink();
    // In a terminal: o opens the console again (a new one-time link), u prints a new link.
    const stopKeys = io.onInputLine?.((line) => {
      const key = line.trim().toLowerCase();
      if (key === 'o') {
        if (!openLaunchLink(stack.host.launchLink(), io.env)) io.err('partnerdeck: BROWSER=none: no browser to open (type u and Enter for a link)');
      } else if (key === 'u') io.err(`partnerdeck: console link (works once, within 5 minutes): ${stack.host.launchLink().url}`);
    });
    const keys = stopKeys ? ['Type o and Enter to open the console again, u and Enter for a new link.'] : [];
    if (human) {
      printRunning(
        io,
        open ? 'PartnerDeck console running (opening it in your browser)' : 'PartnerDeck console running',
        [['Console', `${first.url}  (opens once, within 5 minutes)`], ['Platform', stack.platformUrl], ['Data folder', global.dataDir], ...logRow(stack.logFile, values.verbose === true)],
        [...stack.notes, ...(stack.secretWarning ? [`Note: ${stack.secretWarning}`] : []), ...keys],
      );
    } else {
      io.out(JSON.stringify({ consoleUrl: first.url, platformUrl: stack.platformUrl }));
      for (const note of stack.notes) io.err(`partnerdeck: note: ${note}`);
      if (stack.secretWarning) io.err(`partnerdeck: note: ${stack.secretWarning}`);
      for (const note of keys) io.err(`partnerdeck: ${note}`);
      if (values.verbose && stack.logFile) io.err(`partnerdeck: logging in detail to ${stack.logFile}`);
    }
    if (open) openLaunchLink(first, io.env);
    await stoppedBy(stopped, io, human);
    stopKeys?.();
    await stack.close();
    return 0;
  },
};

const companyList: Command = {
  name: 'company list',
  summary: "List companies: a partner's clients (--partner), every company, or the one with --token",
  options: {
    partner: { value: 'ID', description: 'only the clients of this partner' },
    token: { value: 'TOKEN', description: 'only the company with exactly this token (the token "for external identification")' },
    json: jsonOption('[{"id", "name", "country", "token", "isPartner", "isSample", "isDevelopment", "paymentRoute", "partnerId", "userCount", ...}]'),
  },
  examples: ['company list', 'company list --partner 2 --json', 'company list --token ERP-10442 --json'],
  async run({ values, io, openPlatform }) {
    const platform = openPlatform('none');
    try {
      const partnerId = positiveInt(str(values, 'partner'), 'partner');
      const token = str(values, 'token');
      if (token !== undefined && token.trim() === '') throw new UsageError('--token: must not be empty');
      let companies: CompanySummary[];
      if (partnerId !== undefined) {
        const partner = ifFound(() => platform.companies.get(OPERATOR, partnerId));
        if (!partner?.isPartner) throw new UsageError(`--partner ${partnerId} is not a partner company`);
        companies = platform.companies.listClients(OPERATOR, { search: '', route: 'any', sample: 'any', sort: 'name', direction: 'asc', token: token?.trim() }, partnerId);
      } else {
        companies = platform.companies.listAll(OPERATOR);
        if (token !== undefined) companies = companies.filter((c) => c.token === token.trim());
      }
      if (values.json) io.out(JSON.stringify(companies));
      else if (companies.length === 0 && token !== undefined) io.out(`No company${partnerId !== undefined ? ` of partner ${partnerId}` : ''} has the token ${token.trim()}.`);
      else
        printTable(
          io,
          companies.map((c) => ({
            id: c.id,
            name: c.name,
            country: c.country,
            kind: c.isPartner ? 'partner' : c.isSample ? 'sample' : c.isDevelopment ? 'development' : 'shop',
            route: c.paymentRoute,
            partner: c.partnerId ?? '-',
            users: c.userCount,
            ...(token !== undefined ? { token: c.token ?? '-' } : {}),
          })),
        );
      return 0;
    } finally {
      platform.close();
    }
  },
};

/** The partner's user named by --attest-not-affiliated (its email, any case). */
function partnerUser(platform: Platform, partnerId: number, email: string): User {
  let users: User[];
  try {
    users = platform.users.list(OPERATOR, partnerId);
  } catch {
    throw new UsageError(`--partner: no company ${partnerId}`);
  }
  const user = users.find((u) => u.email.toLowerCase() === email.trim().toLowerCase());
  if (!user) {
    const known = users.slice(0, 5).map((u) => u.email).join(', ');
    throw new UsageError(`--attest-not-affiliated: "${email}" is not a user of partner ${partnerId}${known ? ` (its users: ${known}${users.length > 5 ? ', …' : ''})` : ' (it has no users yet)'}`);
  }
  return user;
}

const companyCreate: Command = {
  name: 'company create',
  summary: 'Create a company (a client of --partner, or an independent one)',
  options: {
    name: { value: 'NAME', description: 'the company name', required: true },
    partner: { value: 'ID', description: 'the partner that manages it (needs --attest-not-affiliated)' },
    'attest-not-affiliated': {
      value: 'EMAIL',
      description: "with --partner: the partner's user who attests that the partner is not affiliated with the new company (recorded with that user's name)",
    },
    sample: { description: 'a sample company: fully configurable, never sells, never billed' },
    development: { description: 'a development company for app developers: takes test orders (its storefront is open), never billed, marked like a sample company' },
    route: { value: 'direct|via_partner', description: 'payment route (default direct; via_partner needs --partner)', choices: ['direct', 'via_partner'], field: 'paymentRoute' },
    'vat-id': { value: 'VAT', description: "VAT-ID, checked against the country's format" },
    token: { value: 'TOKEN', description: 'a token to identify the company externally (unique; company list --token finds it)' },
    country: { value: 'CC', description: 'ISO country code (default DE)' },
    email: { value: 'EMAIL', description: 'contact email' },
    city: { value: 'CITY', description: 'city' },
    'partner-program': { description: 'admit the new company to the partner program (makes it a partner)', field: 'isPartner' },
    json: jsonOption('the created company'),
  },
  examples: [
    'company create --name "Acme GmbH" --partner 2 --attest-not-affiliated dana@np.example',
    'company create --name "Demo Shop" --sample --json',
    'company create --name "My App (development)" --development',
  ],
  async run({ values, io, openPlatform }) {
    const name = required(values, 'name');
    const route = str(values, 'route') ?? 'direct';
    if (route !== 'direct' && route !== 'via_partner') throw new UsageError(`--route must be direct or via_partner (got "${route}")`);
    const partnerId = positiveInt(str(values, 'partner'), 'partner') ?? null;
    const attester = str(values, 'attest-not-affiliated');
    if (partnerId !== null && attester === undefined) {
      throw new UsageError(
        `--attest-not-affiliated: a client of partner ${partnerId} needs the partner's non-affiliation attestation; name the partner's user who gives it (--attest-not-affiliated EMAIL)`,
      );
    }
    if (partnerId === null && attester !== undefined) throw new UsageError('--attest-not-affiliated: only a client of a partner is attested; add --partner ID');
    const development = values.development === true;
    if (development && values.sample === true) throw new UsageError('--development and --sample: a company is one or the other (a development company takes test orders; a sample company never sells)');
    if (development && values['partner-program'] === true) throw new UsageError('--development and --partner-program: a development company cannot be a partner');
    const input = parseInput(companyCreateSchema, {
      name,
      country: str(values, 'country') ?? 'DE',
      email: str(values, 'email') ?? '',
      city: str(values, 'city') ?? '',
      vatId: str(values, 'vat-id') ?? null,
      token: str(values, 'token') ?? null,
      isSample: values.sample === true,
      paymentRoute: route,
      attestNotAffiliated: true,
    });
    const platform = openPlatform('none');
    try {
      const attestedBy = partnerId === null || attester === undefined ? undefined : partnerUser(platform, partnerId, attester);
      const company = platform.companies.create(OPERATOR, input, { partnerId, isPartner: values['partner-program'] === true, attestedBy: attestedBy?.id, isDevelopment: development });
      if (values.json) io.out(JSON.stringify(company));
      else {
        io.out(`created ${company.isDevelopment ? 'development company' : 'company'} ${company.id}: ${company.name}${company.partnerName ? ` (client of ${company.partnerName})` : ''}`);
        if (company.isDevelopment) io.out(`it takes test orders (partnerdeck trigger order/create --company ${company.id}) and is never billed`);
        if (attestedBy) io.out(`non-affiliation attested by ${attestedBy.name} <${attestedBy.email}>`);
      }
      return 0;
    } finally {
      platform.close();
    }
  },
};

const companyDelete: Command = {
  name: 'company delete',
  summary: 'Delete a company with its data (not one with billing documents, orders or clients)',
  description:
    'Deletes the company with its users, shop data, apps, webhooks and app authorizations (their tokens stop working), in one transaction, and tells its partner by email. A company with billing documents, orders, clients of its own or apps installed in other companies is refused with every reason. Without --yes nothing is deleted: it says whether the company can be deleted.',
  arguments: [{ name: 'id', description: 'the company id (company list shows it)', required: true }],
  options: {
    yes: { description: 'really delete it (cannot be undone)' },
    json: jsonOption('{"companyId", "name", "partnerId", "deleted": {table: rows}}'),
  },
  examples: ['company delete 42', 'company delete 42 --yes'],
  async run({ values, positionals, io, openPlatform }) {
    const raw = positionals[0] ?? '';
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`id must be a company id, a positive whole number (got "${raw}"; company list shows the ids)`);
    const companyId = Number(raw);
    const platform = openPlatform('none');
    try {
      const company = platform.companies.get(OPERATOR, companyId);
      if (values.yes !== true) {
        const reasons = platform.companies.deletionBlockers(OPERATOR, companyId);
        if (reasons.length > 0) {
          io.err(`partnerdeck: ${company.name} (company ${company.id}) cannot be deleted: ${reasons.join('; ')}.`);
          return 1;
        }
        io.err(`partnerdeck: ${company.name} (company ${company.id}) can be deleted; that cannot be undone. Run again with --yes to delete it with its data.`);
        return 2;
      }
      const result = platform.companies.delete(OPERATOR, companyId);
      if (values.json) io.out(JSON.stringify(result));
      else {
        const rows = Object.values(result.deleted).reduce((a, b) => a + b, 0);
        io.out(`deleted company ${result.companyId}: ${result.name} (${rows.toLocaleString('en')} rows in ${Object.keys(result.deleted).length} tables)`);
      }
      return 0;
    } finally {
      platform.close();
    }
  },
};

const cnameTarget: Command = {
  name: 'branding cname-target',
  summary: 'Show or set the host partners point their admin domains at (white label CNAME target)',
  description: `Partners point their admin domain at this host with a CNAME record; every partner's White label card shows it. The default is ${DEFAULT_CNAME_TARGET}, as in the platform's help page. Also in the console: Platform settings (operator).`,
  options: {
    set: { value: 'HOST', description: 'the new target, a host name such as admin.example.com', field: 'cnameTarget' },
    reset: { description: `back to the default (${DEFAULT_CNAME_TARGET})` },
    json: jsonOption('{"cnameTarget", "isDefault"}'),
  },
  examples: ['branding cname-target', 'branding cname-target --set admin.partners.example', 'branding cname-target --reset'],
  async run({ values, io, openPlatform }) {
    const host = str(values, 'set');
    if (host !== undefined && values.reset === true) throw new UsageError('--set and --reset: give one of them');
    if (host !== undefined && host.trim() === '') throw new UsageError('--set: give a host name, or --reset for the default');
    const platform = openPlatform('none');
    try {
      const target = host !== undefined || values.reset === true ? platform.branding.setCnameTarget(OPERATOR, host ?? null) : platform.branding.cnameTarget();
      if (values.json) io.out(JSON.stringify({ cnameTarget: target, isDefault: target === DEFAULT_CNAME_TARGET }));
      else io.out(`${host !== undefined || values.reset === true ? 'CNAME target set to' : 'CNAME target:'} ${target}${target === DEFAULT_CNAME_TARGET ? ' (the default)' : ''}`);
      return 0;
    } finally {
      platform.close();
    }
  },
};

const userCreate: Command = {
  name: 'user create',
  summary: 'Add a user to a company',
  options: {
    company: { value: 'ID', description: 'the company', required: true, field: 'companyId' },
    email: { value: 'EMAIL', description: 'login email (unique)', required: true },
    password: { value: 'PASSWORD', description: 'at least 8 characters (stored as a scrypt hash)', required: true },
    permissions: { value: 'a,b', description: `what the user may do: ${PERMISSIONS.join(', ')}` },
    name: { value: 'NAME', description: "display name (default: the email's local part)" },
    admin: { description: 'administrator: every permission', field: 'isAdmin' },
    welcome: { description: 'queue the welcome email with login data and permissions to the outbox', field: 'sendWelcomeEmail' },
    json: jsonOption('the created user'),
  },
  examples: ['user create --company 5 --email ops@shop.example --password s3cret-pass --admin'],
  async run({ values, io, openPlatform }) {
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
    const platform = openPlatform('none');
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

/** The groups of the foundation's two-word commands, with what their help says about them. */
export const FOUNDATION_GROUPS: CommandGroup[] = [
  { name: 'company', summary: 'List, create and delete companies (partners, their clients, sample companies); their payment methods' },
  { name: 'branding', summary: "White label settings of the whole platform (the operator's)" },
  { name: 'user', summary: "Add users to companies and give or take the platform operator's role" },
];

const doctor: Command = {
  name: 'doctor',
  summary: "Checks a data folder: the database's integrity, its data version, the permissions of the folder and its files, free disk space",
  description:
    'Changes nothing. Runs SQLite\'s quick_check on a read-only connection, compares the data version with this PartnerDeck\'s, checks that the folder (0700) and the files holding secrets (0600) are yours and private, and that the disk has room; ' +
    'for each problem it says what to do. Exits 0 when all is well, 1 when something needs attention. Every "damaged" or "cannot be written" message of PartnerDeck points here.',
  options: { json: jsonOption('{"dataDir", "state": "ok"|"warning"|"problem", "checks": [{"name", "state", "detail", "advice"?}]}') },
  examples: ['doctor', 'doctor --data-dir ~/partnerdeck-demo --json'],
  async run({ values, global, io, knownSchemaVersion }) {
    const report = examineDataFolder(global.dataDir, { knownSchemaVersion });
    if (values.json) io.out(JSON.stringify(report));
    else {
      const mark = { ok: 'ok     ', warning: 'warning', problem: 'PROBLEM' } as const;
      io.out(`Data folder ${report.dataDir}`);
      for (const check of report.checks) {
        io.out(`  ${mark[check.state]}  ${check.name}: ${check.detail}`);
        if (check.advice) io.out(`           → ${check.advice}`);
      }
      io.out(report.state === 'ok' ? 'All checks passed.' : report.state === 'warning' ? 'Usable, with the warnings above.' : 'Needs attention: see the problems above.');
    }
    return report.state === 'problem' ? 1 : 0;
  },
};

export const FOUNDATION_COMMANDS: Command[] = [serve, consoleCommand, companyList, companyCreate, companyDelete, cnameTarget, userCreate, doctor, migrateCommand];
