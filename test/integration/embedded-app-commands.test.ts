// `partnerdeck app embed-url` and `partnerdeck example-app` through the built CLI: help, the signed URL (text and
// JSON, checked against an independent hmac), and one clear line on stderr for each bad flag.
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../helpers/cli';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-embed-cli-');
const data = join(dir.path, 'data');
const env = { PARTNERDECK_DATA_DIR: data };
let kawaii: number;
let brightside: number;
let app: { id: number; client_secret: string };
let plain: { id: number };
let ken: number;

beforeAll(() => {
  assertBuilt();
  expect(runCli(['seed', '--companies', '1', '--json'], env).status).toBe(0);
  const companies = JSON.parse(runCli(['company', 'list', '--json'], env).stdout) as { id: number; name: string }[];
  kawaii = companies.find((c) => c.name === 'Kawaii Stationery KK')!.id;
  brightside = companies.find((c) => c.name === 'Brightside Books Ltd')!.id;
  const base = ['app', 'create', '--company', String(kawaii), '--redirect-uri', 'http://127.0.0.1:8123/cb', '--scopes', 'orders', '--json'];
  app = JSON.parse(runCli([...base, '--name', 'Embedded', '--start-url', 'https://embedded.example/start?lang=de'], env).stdout);
  plain = JSON.parse(runCli([...base, '--name', 'Not Embedded'], env).stdout);
  const created = runCli(['user', 'create', '--company', String(kawaii), '--name', 'Ken Sato', '--email', 'ken@kawaii-stationery.example', '--password', 'correct-horse-9', '--permissions', 'apps', '--json'], env);
  ken = JSON.parse(created.stdout).id;
});
afterAll(() => dir.remove());

describe('partnerdeck app embed-url', () => {
  it('has help', () => {
    const help = runCli(['app', 'embed-url', '--help'], env);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--app <ID>');
    expect(help.stdout).toContain('hmac');
  });

  it('prints the Start URL signed for the user and company (spec §6), as text or JSON', () => {
    const message = Buffer.from(`?UserID=${ken}&CompanyID=${kawaii}`, 'utf8').toString('base64');
    const hmac = createHmac('sha256', app.client_secret).update(message).digest('hex');
    const text = runCli(['app', 'embed-url', '--app', String(app.id), '--company', String(kawaii), '--user', String(ken)], env);
    expect(text.status).toBe(0);
    expect(text.stdout.trim()).toBe(`https://embedded.example/start?lang=de&UserID=${ken}&CompanyID=${kawaii}&hmac=${hmac}`);
    const json = JSON.parse(runCli(['app', 'embed-url', '--app', String(app.id), '--company', String(kawaii), '--user', String(ken), '--json'], env).stdout);
    expect(json).toEqual({ url: text.stdout.trim(), app_id: app.id, company_id: kawaii, user_id: ken, hmac, origin: 'https://embedded.example' });
  });

  it('names the flag and the problem, with nothing on stdout', () => {
    const fails = (args: string[], line: RegExp) => {
      const result = runCli(['app', 'embed-url', ...args], env);
      expect(result.status, args.join(' ')).not.toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(line);
    };
    fails(['--company', String(kawaii), '--user', String(ken)], /--app/);
    fails(['--app', 'x', '--company', String(kawaii), '--user', String(ken)], /--app/);
    fails(['--app', '99999', '--company', String(kawaii), '--user', String(ken)], /--app 99999: no such app/);
    fails(['--app', String(plain.id), '--company', String(kawaii), '--user', String(ken)], /no Start URL/);
    fails(['--app', String(app.id), '--company', '99999', '--user', String(ken)], /--company 99999: no such company/);
    fails(['--app', String(app.id), '--company', String(kawaii), '--user', '99999'], /--user 99999: no such user/);
    fails(['--app', String(app.id), '--company', String(brightside), '--user', String(ken)], /cannot see company/);
  });
});

describe('partnerdeck example-app', () => {
  it('has help, and refuses to start without a platform to talk to', () => {
    expect(runCli(['example-app', '--help'], env).stdout).toContain('--platform-url');
    const none = runCli(['example-app'], env);
    expect(none.status).not.toBe(0);
    expect(none.stderr).toMatch(/--platform-url is required/);
    const bad = runCli(['example-app', '--platform-url', 'ftp://x'], env);
    expect(bad.stderr).toMatch(/--platform-url ftp:\/\/x: is not an http\(s\) URL/);
    const both = runCli(['example-app', '--app', '1', '--setup', '--platform-url', 'http://127.0.0.1:9'], env);
    expect(both.stderr).toMatch(/alternatives/);
  });
});
