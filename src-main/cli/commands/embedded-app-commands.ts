// `partnerdeck app embed-url` (the signed Start URL an embedded app is opened with, spec §6) and
// `partnerdeck example-app` (runs examples/embedded-app against the local platform: registers it, or uses a
// registered app's credentials, or starts it for setup by hand). Errors name the flag.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ApiError } from '../../../src-shared/api/errors';
import { httpOrigin } from '../../../src-shared/domain/embedded-apps';
import { isLoopbackHost } from '../../../src-shared/domain/redirect-uri';
import { OPERATOR } from '../../core/access';
import { embedHmac } from '../../core/apps/embed-signing';
import { UsageError } from '../cli-io';
import { ifFound, jsonOption, positiveInt, required, str, type Command } from '../command-kit';
import { portFlag } from '../port-flag';
import { readServerInfo } from './webhook-commands';

const appEmbedUrl: Command = {
  name: 'app embed-url',
  summary: "Print an embedded app's signed Start URL (UserID, CompanyID, hmac) for a user and company",
  description: `The hmac is lowercase hex HMAC-SHA256 over base64("?UserID=<user>&CompanyID=<company>") with the app's Shared Secret (docs/embedded-apps.md). Open the URL in a browser, or fetch it to see how the app answers.`,
  options: {
    app: { value: 'ID', description: 'the app (it needs a Start URL)', required: true },
    company: { value: 'ID', description: 'the company the app is opened for (CompanyID)', required: true },
    user: {
      value: 'ID',
      description: "the user who opens it (UserID, the user's numeric id); must see the company: its own, or a client of its partner company",
      required: true,
    },
    json: jsonOption('{"url", "app_id", "company_id", "user_id", "hmac", "origin"}'),
  },
  examples: ['app embed-url --app 3 --company 5 --user 7'],
  async run({ values, io, openPlatform }) {
    const appId = positiveInt(required(values, 'app'), 'app')!;
    const companyId = positiveInt(required(values, 'company'), 'company')!;
    const userId = positiveInt(required(values, 'user'), 'user')!;
    const platform = openPlatform('none');
    try {
      const app = ifFound(() => platform.apps.get(OPERATOR, appId));
      if (!app) throw new UsageError(`--app ${appId}: no such app (partnerdeck app list shows them)`);
      if (app.startUrl === null) throw new UsageError(`--app ${appId}: ${app.name} has no Start URL, so it is not an embedded app`);
      if (!ifFound(() => platform.companies.get(OPERATOR, companyId))) throw new UsageError(`--company ${companyId}: no such company`);
      const user = platform.localUsers.actorOf(userId);
      if (!user) throw new UsageError(`--user ${userId}: no such user`);
      if (!platform.access.canSee(user, companyId)) {
        throw new UsageError(`--user ${userId}: ${user.email} cannot see company ${companyId} (a user sees its own company; a partner's users also its clients)`);
      }
      let target;
      try {
        target = platform.embeddedApps.sign(appId, userId, companyId);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'conflict') throw new UsageError(`--app ${appId}: ${error.message}`);
        throw error;
      }
      if (values.json) {
        const hmac = embedHmac(platform.apps.openSecret(appId), userId, companyId);
        io.out(JSON.stringify({ url: target.url, app_id: appId, company_id: companyId, user_id: userId, hmac, origin: target.origin }));
      } else io.out(target.url);
      return 0;
    } finally {
      platform.close();
    }
  },
};

/** examples/embedded-app/server.mjs beside the build (dist/cli -> ../../examples) or the source tree. */
export function exampleAppEntry(from = __dirname): string {
  const candidates = [join(from, '..', '..', 'examples', 'embedded-app', 'server.mjs'), join(from, '..', '..', '..', 'examples', 'embedded-app', 'server.mjs')];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new UsageError(`the example app is not here (looked for ${candidates[0]}); it ships with the PartnerDeck repository`);
  return found;
}

interface RunningExampleApp {
  url: string;
  urls: { startUrl: string; redirectUri: string; authorizationUrl: string; webhookUrl: string };
  devUrl: string;
  state: { setCredentials(credentials: { clientId: string; clientSecret: string }): void };
  close(): Promise<void>;
}

interface ExampleAppModule {
  DEFAULT_SCOPES: string;
  startExampleApp(options: Record<string, unknown>): Promise<RunningExampleApp>;
}

async function platformReachable(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(3000) });
    return response.ok;
  } catch {
    return false;
  }
}

const exampleApp: Command = {
  name: 'example-app',
  summary: 'Run the example embedded app (examples/embedded-app) against the local platform',
  description: `Starts the example app on 127.0.0.1 and prints its URLs and its developer page (the address carries a token). By default it registers a new app "Example App" in the first shop company (or --company) with the example's URLs; --app uses a registered app's credentials; --setup starts without credentials. The app keeps its state (credentials, tokens, received events) in <data folder>/example-app/. Ctrl+C stops it.`,
  options: {
    company: { value: 'ID', description: 'register a new app "Example App" in this (shop) company with the example\'s URLs, and use it' },
    app: { value: 'ID', description: "use this registered app's credentials (its Shared Secret must be readable here); the port defaults to its Start URL's" },
    setup: { description: 'start without credentials: register the app yourself (e.g. in My Apps) with the URLs the developer page shows, then enter its Client ID and Shared Secret there' },
    port: { value: 'N', description: "the app's port (default: any free port, or the --app's Start URL port)" },
    'platform-url': {
      value: 'URL',
      description: 'where the platform answers (default: the running `partnerdeck serve` of --data-dir; the console shows its URL under Local platform -> Developer)',
    },
    scopes: { value: 'a,b', description: 'what the app asks for (default: orders,customers,products,webhooks)' },
    json: jsonOption('one line {"url", "startUrl", "redirectUri", "authorizationUrl", "webhookUrl", "devUrl", "appId", "clientId", "platformUrl", "stateFile"}'),
  },
  examples: ['example-app', 'example-app --app 3', 'example-app --setup --platform-url http://127.0.0.1:4010'],
  async run({ values, global, io, openPlatform }) {
    const stopped = io.untilStopped();
    const appId = positiveInt(str(values, 'app'), 'app');
    const companyFlag = positiveInt(str(values, 'company'), 'company');
    const setup = values.setup === true;
    if ([appId !== undefined, companyFlag !== undefined, setup].filter(Boolean).length > 1) {
      throw new UsageError('--app, --company and --setup are alternatives: give at most one');
    }
    const scopes = str(values, 'scopes');
    const platformUrl = (str(values, 'platform-url') ?? readServerInfo(global.dataDir)?.url ?? '').replace(/\/+$/, '');
    if (platformUrl === '') {
      throw new UsageError(`--platform-url is required: no \`partnerdeck serve\` runs for ${global.dataDir} (the console shows its platform URL under Local platform -> Developer)`);
    }
    if (httpOrigin(platformUrl) === null) throw new UsageError(`--platform-url ${platformUrl}: is not an http(s) URL`);
    if (!(await platformReachable(platformUrl))) throw new UsageError(`--platform-url ${platformUrl}: nothing answers there (is the platform running?)`);

    let credentials: { clientId: string; clientSecret: string } | null = null;
    let port = portFlag(values.port) ?? 0;
    let registerIn: number | null = null;
    const platform = openPlatform('none');
    try {
      if (appId !== undefined) {
        const app = ifFound(() => platform.apps.get(OPERATOR, appId));
        if (!app) throw new UsageError(`--app ${appId}: no such app (partnerdeck app list shows them)`);
        try {
          credentials = { clientId: app.clientId, clientSecret: platform.apps.openSecret(appId) };
        } catch (error) {
          if (error instanceof ApiError) throw new UsageError(`--app ${appId}: ${error.message} Or start with --setup and enter the credentials by hand.`);
          throw error;
        }
        if (values.port === undefined && app.startUrl) {
          const start = new URL(app.startUrl);
          if (isLoopbackHost(start.hostname) && start.port !== '') port = Number(start.port);
        }
      } else if (!setup) {
        registerIn = companyFlag ?? platform.companies.listAll(OPERATOR).find((c) => !c.isPartner)?.id ?? null;
        if (registerIn === null) throw new UsageError('--company is required: there is no shop company to register the app in');
        const shopId = registerIn;
        const company = ifFound(() => platform.companies.get(OPERATOR, shopId));
        if (!company) throw new UsageError(`--company ${registerIn}: no such company`);
        if (company.isPartner) throw new UsageError(`--company ${registerIn}: ${company.name} is a partner; apps belong to shop companies`);
      }
    } finally {
      platform.close();
    }

    const module = (await import(pathToFileURL(exampleAppEntry()).href)) as ExampleAppModule;
    const stateFile = join(global.dataDir, 'example-app', appId !== undefined ? `app-${appId}.json` : setup ? 'setup.json' : 'registered.json');
    let running: RunningExampleApp;
    try {
      running = await module.startExampleApp({
        platformUrl,
        port,
        scopes,
        stateFile,
        ...(credentials ?? {}),
        log: (line: string) => io.err(`example-app: ${line}`),
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new UsageError(`--port ${port}: already in use`);
      throw error;
    }

    let registeredId = appId ?? null;
    if (registerIn !== null) {
      // Registered with the URLs of the port the app really got.
      const registry = openPlatform('none');
      try {
        const { app, clientSecret } = registry.apps.create(OPERATOR, {
          companyId: registerIn,
          name: 'Example App',
          redirectUris: [running.urls.redirectUri],
          scopes: (scopes ?? module.DEFAULT_SCOPES).split(',').map((s) => s.trim()) as never,
          authorizationUrl: running.urls.authorizationUrl,
          startUrl: running.urls.startUrl,
          developerEmail: '',
        });
        credentials = { clientId: app.clientId, clientSecret };
        registeredId = app.id;
        running.state.setCredentials(credentials);
      } catch (error) {
        await running.close();
        if (error instanceof ApiError && error.code === 'validation_failed') throw new UsageError(`--scopes: ${Object.values(error.fields)[0]?.[0] ?? error.message}`);
        throw error;
      } finally {
        registry.close();
      }
    }

    const info = { url: running.url, ...running.urls, devUrl: running.devUrl, appId: registeredId, clientId: credentials?.clientId ?? null, platformUrl, stateFile };
    if (values.json) io.out(JSON.stringify(info));
    else {
      io.out(`example app on ${running.url}${registeredId !== null ? ` (app ${registeredId}, client ${credentials!.clientId})` : ''}`);
      io.out(`  Start URL          ${running.urls.startUrl}`);
      io.out(`  Redirect URI       ${running.urls.redirectUri}`);
      io.out(`  Authorization URL  ${running.urls.authorizationUrl}`);
      io.out(`  developer page     ${running.devUrl}`);
      io.out(registeredId !== null ? '  Open it under Extensions -> Manage Apps in the console. Ctrl+C stops it.' : '  Register an app with these URLs, then enter its credentials on the developer page. Ctrl+C stops it.');
    }
    await stopped;
    await running.close();
    return 0;
  },
};

export const EMBEDDED_APP_COMMANDS: Command[] = [appEmbedUrl, exampleApp];
