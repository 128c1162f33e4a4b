// The `partnerdeck` CLI as a user runs it: the built binary, a real data folder, real loopback HTTP.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { assertBuilt, BIN, runCli, startCli, stop } from '../helpers/cli';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-cli-');
beforeAll(() => assertBuilt());
afterAll(() => dir.remove());

describe('partnerdeck serve', () => {
  it('prints one JSON line, writes server.json (private), answers on 127.0.0.1 and stops cleanly on SIGTERM', async () => {
    const data = join(dir.path, 'serve');
    const { child, first } = await startCli(['serve', '--data-dir', data, '--port', '0']);
    expect(Object.keys(first)).toEqual(['url', 'dataDir', 'adminToken']);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.dataDir).toBe(data);
    const infoPath = join(data, 'server.json');
    expect(JSON.parse(readFileSync(infoPath, 'utf8'))).toEqual(first);
    expect(statSync(infoPath).mode & 0o777).toBe(0o600);
    const health = await fetch(`${first.url}/health`);
    expect(await health.json()).toMatchObject({ ok: true });
    expect((await fetch(`${first.url}/_partnerdeck/status`)).status).toBe(401);
    expect((await fetch(`${first.url}/_partnerdeck/status`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const status = await fetch(`${first.url}/_partnerdeck/status`, { headers: { authorization: `Bearer ${first.adminToken}` } });
    // The demo: 13 companies of partners and clients, and the platform operator's own.
    expect(await status.json()).toMatchObject({ dataDir: data, companies: 14 });
    expect(await stop(child, 'SIGTERM')).toBe(0);
    expect(existsSync(infoPath)).toBe(false);
  });

  it('stops cleanly on SIGINT too', async () => {
    const { child } = await startCli(['serve', '--data-dir', join(dir.path, 'sigint'), '--seed', 'none']);
    expect(await stop(child, 'SIGINT')).toBe(0);
  });
});

describe('partnerdeck console', () => {
  const trade = (consoleUrl: string) =>
    fetch(`${new URL(consoleUrl).origin}/auth/launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-partnerdeck-csrf': '1' },
      body: JSON.stringify({ launch: new URL(consoleUrl).hash.slice('#launch='.length) }),
    });

  it('prints {"consoleUrl", "platformUrl"} on one line, on 127.0.0.1; the console URL is a one-time launch link', async () => {
    const { child, first } = await startCli(['console', '--no-open', '--data-dir', join(dir.path, 'console'), '--port', '0']);
    expect(Object.keys(first)).toEqual(['consoleUrl', 'platformUrl']);
    expect(first.platformUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${first.platformUrl}/health`)).json()).toMatchObject({ ok: true });
    expect(first.consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#launch=[A-Za-z0-9_-]{43}$/);
    expect((await trade(first.consoleUrl)).status).toBe(200);
    expect((await trade(first.consoleUrl)).status).toBe(401);
    expect(await stop(child)).toBe(0);
  });

  it('opens the browser through a file only the user can read: the link is never on a command line (H1)', async () => {
    // A stand-in browser: records its arguments and what the file it was given says.
    const record = join(dir.path, 'browser-record.json');
    const browser = join(dir.path, 'fake-browser.cjs');
    writeFileSync(
      browser,
      `#!${process.execPath}\nconst fs = require('node:fs'); const path = require('node:path');\n` +
        `const file = process.argv[2];\n` +
        `fs.writeFileSync(${JSON.stringify(record)}, JSON.stringify({ argv: process.argv.slice(2), html: fs.readFileSync(file, 'utf8'), mode: fs.statSync(file).mode & 0o777, folderMode: fs.statSync(path.dirname(file)).mode & 0o777 }));\n`,
      { mode: 0o755 },
    );
    const child = spawn(process.execPath, [BIN, 'console', '--data-dir', join(dir.path, 'console-open'), '--port', '0'], { env: { ...process.env, BROWSER: browser }, stdio: 'pipe' });
    try {
      const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
      const printed = JSON.parse(line) as { consoleUrl: string };
      const token = new URL(printed.consoleUrl).hash.slice('#launch='.length);
      await expect.poll(() => existsSync(record), { timeout: 15_000 }).toBe(true);
      const seen = JSON.parse(readFileSync(record, 'utf8')) as { argv: string[]; html: string; mode: number; folderMode: number };
      // The browser got a file's path, not the link; the file is the user's alone and forwards to the link.
      expect(seen.argv.join(' ')).not.toContain(token);
      expect(seen.argv).toHaveLength(1);
      expect(seen.mode).toBe(0o600);
      expect(seen.folderMode).toBe(0o700);
      expect(seen.html).toContain(`content="0; url=${printed.consoleUrl}"`);
      expect(seen.html).toContain('<meta name="referrer" content="no-referrer">');
      // Nor is it on the console's own command line (what `ps` shows).
      if (existsSync(`/proc/${child.pid}/cmdline`)) expect(readFileSync(`/proc/${child.pid}/cmdline`, 'utf8')).not.toContain(token);
      // The link works once; then the file is gone.
      expect((await trade(printed.consoleUrl)).status).toBe(200);
      await expect.poll(() => existsSync(seen.argv[0]), { timeout: 5_000 }).toBe(false);
      expect((await trade(printed.consoleUrl)).status).toBe(401);
    } finally {
      expect(await stop(child as never)).toBe(0);
    }
  });
});

describe('company and user commands', () => {
  const data = join(dir.path, 'companies');
  const env = { PARTNERDECK_DATA_DIR: data };

  it('create a partner, a managed sample client and a user, then list them as JSON', () => {
    const partner = runCli(['company', 'create', '--name', 'CLI Partners GmbH', '--partner-program', '--json'], env);
    expect(partner.status).toBe(0);
    const partnerId = JSON.parse(partner.stdout).id;
    const boss = runCli(['user', 'create', '--company', String(partnerId), '--email', 'boss@cli-partners.example', '--password', 'long-password', '--admin', '--name', 'Bea Boss', '--json'], env);
    expect(boss.status).toBe(0);
    // Issue 23 row 5: the attestation names the partner's user; a stranger is refused in one line, nothing written.
    const stranger = runCli(['company', 'create', '--name', 'CLI Client SARL', '--partner', String(partnerId), '--attest-not-affiliated', 'someone@else.example'], env);
    expect(stranger.status).not.toBe(0);
    expect(stranger.stderr.trim()).toBe(`partnerdeck: --attest-not-affiliated: "someone@else.example" is not a user of partner ${partnerId} (its users: boss@cli-partners.example)`);
    const client = runCli(['company', 'create', '--name', 'CLI Client SARL', '--partner', String(partnerId), '--attest-not-affiliated', 'Boss@CLI-Partners.example', '--sample', '--route', 'via_partner', '--vat-id', 'FR12345678901', '--country', 'FR', '--json'], env);
    expect(client.status).toBe(0);
    expect(JSON.parse(client.stdout)).toMatchObject({ name: 'CLI Client SARL', partnerId, isSample: true, paymentRoute: 'via_partner', vatId: 'FR12345678901', country: 'FR' });
    const db = new Database(join(data, 'partnerdeck.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT partner_id, user_id FROM partner_attestations').all()).toEqual([{ partner_id: partnerId, user_id: JSON.parse(boss.stdout).id }]);
    } finally {
      db.close();
    }
    const user = runCli(['user', 'create', '--company', String(JSON.parse(client.stdout).id), '--email', 'ops@client.example', '--password', 'long-password', '--permissions', 'orders,products', '--json'], env);
    expect(user.status).toBe(0);
    expect(JSON.parse(user.stdout)).toMatchObject({ email: 'ops@client.example', permissions: ['products', 'orders'] });
    const list = runCli(['company', 'list', '--json'], env);
    expect(JSON.parse(list.stdout).map((c: { name: string; userCount: number }) => [c.name, c.userCount])).toEqual([
      ['CLI Partners GmbH', 1],
      ['CLI Client SARL', 1],
    ]);
    const clients = runCli(['company', 'list', '--partner', String(partnerId), '--json'], env);
    expect(JSON.parse(clients.stdout)).toHaveLength(1);
  });

  it('company delete says whether it can, deletes only with --yes, and refuses a partner with clients naming why', () => {
    const made = runCli(['company', 'create', '--name', 'Brief Shop KG', '--json'], env);
    const id = JSON.parse(made.stdout).id as number;
    runCli(['user', 'create', '--company', String(id), '--email', 'owner@brief.example', '--password', 'long-password', '--admin'], env);
    const asked = runCli(['company', 'delete', String(id)], env);
    expect(asked.status).toBe(2);
    expect(asked.stderr).toBe(`partnerdeck: Brief Shop KG (company ${id}) can be deleted; that cannot be undone. Run again with --yes to delete it with its data.\n`);
    expect(runCli(['company', 'list', '--json'], env).stdout).toContain('Brief Shop KG');
    const deleted = runCli(['company', 'delete', String(id), '--yes', '--json'], env);
    expect(deleted.status).toBe(0);
    expect(JSON.parse(deleted.stdout)).toMatchObject({ companyId: id, name: 'Brief Shop KG', partnerId: null, deleted: { companies: 1, users: 1 } });
    expect(runCli(['company', 'list', '--json'], env).stdout).not.toContain('Brief Shop KG');
    expect(runCli(['company', 'delete', String(id), '--yes'], env).stderr).toBe(`partnerdeck: Company ${id} was not found.\n`);
    const partnerId = (JSON.parse(runCli(['company', 'list', '--json'], env).stdout) as { id: number; name: string }[]).find((c) => c.name === 'CLI Partners GmbH')!.id;
    const refused = runCli(['company', 'delete', String(partnerId), '--yes'], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe('partnerdeck: CLI Partners GmbH cannot be deleted: it manages 1 client company (end those relations first).\n');
    expect(runCli(['company', 'delete', 'abc'], env).stderr).toBe('partnerdeck: id must be a company id, a positive whole number (got "abc"; company list shows the ids)\n');
  });

  it('branding cname-target shows, sets (a host name only) and resets the target partners point their admin domain at', () => {
    expect(runCli(['branding', 'cname-target'], env).stdout).toBe('CNAME target: admin.flickrocket.com (the default)\n');
    const bad = runCli(['branding', 'cname-target', '--set', 'https://admin.example.com/'], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('partnerdeck: --set: is not a host name (e.g. admin.example.com)\n');
    expect(runCli(['branding', 'cname-target', '--set', 'Admin.Partners.Example.'], env).stdout).toBe('CNAME target set to admin.partners.example\n');
    expect(JSON.parse(runCli(['branding', 'cname-target', '--json'], env).stdout)).toEqual({ cnameTarget: 'admin.partners.example', isDefault: false });
    expect(runCli(['branding', 'cname-target', '--reset'], env).stdout).toBe('CNAME target set to admin.flickrocket.com (the default)\n');
  });

  it('company list --token finds the company by its token (every company, or among a partner\'s clients)', () => {
    const made = runCli(['company', 'create', '--name', 'Token Shop AG', '--token', 'ERP-10442', '--json'], env);
    expect(made.status).toBe(0);
    const id = JSON.parse(made.stdout).id;
    const found = runCli(['company', 'list', '--token', 'ERP-10442', '--json'], env);
    expect(found.status).toBe(0);
    expect(JSON.parse(found.stdout).map((c: { id: number; token: string }) => [c.id, c.token])).toEqual([[id, 'ERP-10442']]);
    expect(runCli(['company', 'list', '--token', 'ERP-10442'], env).stdout).toMatch(/Token Shop AG .*ERP-10442/);
    expect(JSON.parse(runCli(['company', 'list', '--token', 'ERP-1044', '--json'], env).stdout)).toEqual([]);
    expect(runCli(['company', 'list', '--token', 'nope'], env).stdout.trim()).toBe('No company has the token nope.');
    const partnerId = JSON.parse(runCli(['company', 'list', '--json'], env).stdout).find((c: { isPartner: boolean }) => c.isPartner).id;
    // Not a client of that partner: not found there.
    expect(JSON.parse(runCli(['company', 'list', '--partner', String(partnerId), '--token', 'ERP-10442', '--json'], env).stdout)).toEqual([]);
    expect(runCli(['company', 'create', '--name', 'Other', '--token', 'ERP-10442'], env).stderr).toMatch(/--token: is already used by another company/);
    expect(runCli(['company', 'list', '--token', ' '], env).stderr).toMatch(/--token: must not be empty/);
  });

  it.each([
    [['company', 'create', '--name', 'X', '--vat-id', 'DE1'], /^partnerdeck: --vat-id: is not a valid DE VAT-ID/],
    [['company', 'create', '--name', 'X', '--route', 'cash'], /--route must be direct or via_partner/],
    [['company', 'create'], /--name is required/],
    [['company', 'create', '--name', 'X', '--bogus'], /unknown flag '--bogus'/],
    [['company', 'create', '--nme', 'X'], /unknown flag '--nme' \(did you mean --name\?\)/],
    [['company', 'lst'], /unknown command 'lst' \(did you mean list\?\)/],
    [['company', 'create', '--name', 'X', '--partner', 'abc'], /--partner must be a positive whole number/],
    [['company', 'create', '--name', 'X', '--partner', '7'], /^partnerdeck: --attest-not-affiliated: a client of partner 7 needs the partner's non-affiliation attestation; name the partner's user who gives it/],
    [['company', 'create', '--name', 'X', '--attest-not-affiliated', 'a@b.example'], /^partnerdeck: --attest-not-affiliated: only a client of a partner is attested; add --partner ID/],
    [['user', 'create', '--company', '1', '--email', 'bad', '--password', 'long-password'], /--email: is not a valid email address/],
    [['user', 'create', '--company', '1', '--email', 'a@b.example', '--password', 'short'], /--password: must be at least 8 characters/],
    [['user', 'create', '--company', '1', '--email', 'a@b.example', '--password', 'long-password', '--permissions', 'root'], /--permissions root: must be one of/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['compny', 'list'], /unknown command 'compny' \(did you mean company\?\)/],
    [['serve', '--port', '99999'], /--port must be a number from 0 to 65535/],
    [['serve', '--seed', 'lots'], /--seed must be demo or none/],
    [['seed', '--companies', '2', '--orders', 'many'], /--orders must be a positive whole number/],
    [['seed', '--companies', '2', '--orders', '10', '--months', '121'], /--months must be at most 120/],
    [['seed', '--companies', '2', '--orders', '10', '--end', '2026-02-30'], /--end must be a date as YYYY-MM-DD/],
    [['seed', '--companies', '2', '--months', '6'], /--months and --end need --orders/],
  ])('a bad argument exits non-zero with one clear line: %j', (args, message) => {
    const result = runCli(args as string[], env);
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('global flags may come before the command, and the data folder is reported absolute', () => {
    const list = runCli(['--data-dir', data, 'company', 'list', '--json']);
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout).map((c: { name: string }) => c.name)).toContain('CLI Partners GmbH');
  });

  it('nothing is written by a refused command', () => {
    const before = JSON.parse(runCli(['company', 'list', '--json'], env).stdout).length;
    runCli(['company', 'create', '--name', 'Refused', '--vat-id', 'DE1'], env);
    expect(JSON.parse(runCli(['company', 'list', '--json'], env).stdout)).toHaveLength(before);
  });

  it.each([['serve'], ['console'], ['company', 'list'], ['company', 'create'], ['user', 'create'], ['seed'], []])('%j --help', (...words) => {
    const result = runCli([...words, '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Usage: partnerdeck/);
    expect(result.stdout).toContain('--data-dir');
  });

  it('seed --companies adds client companies in bulk, and a long --json answer reaches a pipe whole', () => {
    const bulk = join(dir.path, 'bulk');
    const result = runCli(['seed', '--companies', '3000', '--data-dir', bulk, '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ created: 3000 });
    const list = runCli(['company', 'list', '--json', '--data-dir', bulk]);
    expect(list.stdout.length).toBeGreaterThan(500_000);
    expect(JSON.parse(list.stdout)).toHaveLength(3014);
  });

  it('seed --orders fills the new clients\' shops with sales, the same for the same seed, and reports rows per second', () => {
    const run = (name: string) => {
      const result = runCli(['seed', '--companies', '30', '--orders', '3000', '--months', '6', '--end', '2026-10-31', '--seed', '9', '--data-dir', join(dir.path, name), '--json']);
      expect(result.status, result.stderr).toBe(0);
      return JSON.parse(result.stdout);
    };
    const first = run('sales-a');
    expect(first).toMatchObject({ companies: { created: 30 }, orders: 3000 });
    expect(first.rows).toBeGreaterThan(3000);
    expect(first.rowsPerSecond).toBeGreaterThan(0);
    const { seconds: _s1, rowsPerSecond: _r1, ...a } = first;
    const { seconds: _s2, rowsPerSecond: _r2, ...b } = run('sales-b');
    expect(b).toEqual(a);
    const text = runCli(['seed', '--companies', '2', '--orders', '40', '--months', '2', '--data-dir', join(dir.path, 'sales-c')]);
    expect(text.stdout).toMatch(/^added 2 client companies to partner \d+ .* 40 orders .* rows\/s\)$/m);
  });
});
