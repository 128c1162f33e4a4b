// `partnerdeck app dev` as a real process with --json: its first line (what it did) and every tail line after it
// (webhook attempts, API requests), for the integration tests and the Chromium e2e. No terminal: stdin and
// stdout are pipes, SHELL is /bin/sh and no locale is set, as on a fresh Debian machine.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BIN } from './cli';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON lines, checked by the assertions
export type Line = Record<string, any>;

export interface RunningAppDev {
  child: ChildProcessWithoutNullStreams;
  first: Line;
  lines: Line[];
  waitFor(predicate: (line: Line) => boolean): Promise<Line>;
}

/**
 * Writes the app folder's partnerdeck.app.toml: the app `name` with orders/customers/webhooks scopes, its install and
 * start addresses at the receiver's origin, an order/create hook to the receiver, then any `more` lines.
 */
export function writeAppToml(appFolder: string, name: string, receiverUrl: string, more: string[] = []): void {
  mkdirSync(appFolder, { recursive: true });
  const base = receiverUrl.replace(/\/hooks$/, '');
  const lines = [`name = "${name}"`, 'scopes = ["orders", "customers", "webhooks"]', `redirect_urls = ["${base}/install"]`, `start_url = "${base}/"`, ''];
  lines.push('[[webhooks]]', 'topic = "order/create"', `address = "${receiverUrl}"`, '', ...more);
  writeFileSync(join(appFolder, 'partnerdeck.app.toml'), lines.join('\n'));
}

/** A bare environment: PATH and HOME only, SHELL=/bin/sh, no LANG/LC_*, no browser. */
export function bareEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, SHELL: '/bin/sh', BROWSER: 'none', ...extra };
}

/** Starts `partnerdeck app dev --path <appFolder> --json --data-dir <data> …args`; resolves with its first line. */
export function startAppDev(appFolder: string, data: string, args: string[]): Promise<RunningAppDev> {
  const child = spawn(process.execPath, [BIN, 'app', 'dev', '--path', appFolder, '--json', '--data-dir', data, ...args], { stdio: 'pipe', env: bareEnv() });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => reject(new Error(`app dev exited ${code}: ${stderr}`)));
    const lines: Line[] = [];
    const waiters: { predicate: (line: Line) => boolean; done: (line: Line) => void }[] = [];
    let first: Line | null = null;
    createInterface({ input: child.stdout }).on('line', (text) => {
      const line = JSON.parse(text) as Line;
      if (first === null) {
        first = line;
        child.removeAllListeners('exit');
        resolve({
          child,
          first,
          lines,
          waitFor: (predicate) => {
            const found = lines.find(predicate);
            return found ? Promise.resolve(found) : new Promise((done) => waiters.push({ predicate, done }));
          },
        });
        return;
      }
      lines.push(line);
      for (const waiter of waiters.splice(0)) {
        if (waiter.predicate(line)) waiter.done(line);
        else waiters.push(waiter);
      }
    });
  });
}

/** Trades a console launch link as the console page does: the session, and the screen the link leads to. */
export async function tradeLaunchLink(link: string): Promise<{ session: string; path: string | null; call(method: string, input?: unknown): Promise<Line> }> {
  const url = new URL(link);
  const headers = { 'Content-Type': 'application/json', 'X-PartnerDeck-CSRF': '1' };
  const reply = await fetch(`${url.origin}/auth/launch`, { method: 'POST', headers, body: JSON.stringify({ launch: url.hash.replace(/^#launch=/, '') }) });
  const body = (await reply.json()) as Line;
  if (!body.ok) throw new Error(`the launch link was refused: ${JSON.stringify(body)}`);
  const session = body.result.session as string;
  return {
    session,
    path: (body.result.path as string | undefined) ?? null,
    async call(method, input = {}) {
      const answer = await fetch(`${url.origin}/api/${method}`, { method: 'POST', headers: { ...headers, Authorization: `Bearer ${session}` }, body: JSON.stringify(input) });
      return (await answer.json()) as Line;
    },
  };
}
