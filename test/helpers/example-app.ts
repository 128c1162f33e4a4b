// The example embedded app (examples/embedded-app/server.mjs, plain Node ESM) started in the test process, typed
// for the tests, plus what its pages are checked with.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const EXAMPLE_APP_DIR = join(__dirname, '..', '..', 'examples', 'embedded-app');

export interface ExampleAppEvent {
  webhookId: string;
  receivedAt: string;
  topic: string;
  companyId: number;
  data: { type: string; id: string };
  hashValid: boolean;
  signatureValid: boolean;
}

export interface ExampleAppConnection {
  tokens: { accessToken: string; refreshToken: string; expiresAt: number; scope: string; userName: string };
  scope: string;
  userName: string;
  connectedAt: string;
  webhooks: { id: number; topic: string; isActive: boolean }[];
  webhookProblems: { topic: string; reason: string }[];
}

export interface ExampleApp {
  url: string;
  port: number;
  urls: { startUrl: string; redirectUri: string; authorizationUrl: string; webhookUrl: string };
  devUrl: string;
  state: {
    credentials(): { clientId: string; clientSecret: string } | null;
    connection(companyId: number): ExampleAppConnection | null;
    setConnection(companyId: number, connection: ExampleAppConnection | null): void;
    events(companyId?: number): ExampleAppEvent[];
  };
  close(): Promise<void>;
}

export interface ExampleAppOptions {
  platformUrl: string;
  port?: number;
  clientId?: string;
  clientSecret?: string;
  scopes?: string;
  stateFile?: string | null;
  devToken?: string;
  log?: (line: string) => void;
}

export const EXAMPLE_APP_SCOPES = 'orders,customers,products,webhooks';

export async function startExampleApp(options: ExampleAppOptions): Promise<ExampleApp> {
  const module = (await import(pathToFileURL(join(EXAMPLE_APP_DIR, 'server.mjs')).href)) as { startExampleApp(o: ExampleAppOptions): Promise<ExampleApp> };
  return module.startExampleApp({ log: () => undefined, ...options });
}
