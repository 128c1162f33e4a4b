// Issue 16 L12, as real processes: `partnerdeck seed --orders` (a bulk load with synchronous = OFF and the orders'
// indexes dropped until the end) refuses at once, in one line naming the process where it can, while another
// process has the data folder open, writing nothing; it says at its start what a crash could leave behind and how
// to recover; and a seed killed in the middle leaves the folder as it was before (companies, indexes, integrity).
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN, runCliAsync, startCli, stop } from '../helpers/cli';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-seed-orders-');
const cli = (data: string, ...args: string[]) => runCliAsync([...args, '--data-dir', data]);
const dbFile = (data: string) => join(data, 'partnerdeck.sqlite');
const companyCount = (data: string) => {
  const db = new Database(dbFile(data), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) FROM companies').pluck().get() as number;
  } finally {
    db.close();
  }
};
const RISK = /synchronous = OFF.*partnerdeck doctor/s;

beforeAll(() => assertBuilt());
afterAll(() => dir.remove());

describe('seed --orders and other processes (L12)', () => {
  it('refuses at once, in one line naming the serve, while a serve has the folder open; nothing is written', async () => {
    const data = join(dir.path, 'served');
    const serve = (await startCli(['serve', '--data-dir', data, '--port', '0'])).child;
    try {
      const before = companyCount(data);
      const refused = await cli(data, 'seed', '--companies', '3', '--orders', '200');
      expect(refused.status).toBe(1);
      const lines = refused.stderr.trim().split('\n');
      expect(lines, refused.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^partnerdeck: Another process has this data folder open \(process \d+ dispatches its webhooks\): stop it first .*then run seed --orders again\. Nothing was written\.$/);
      expect(lines[0]).toContain(`process ${serve.pid} `);
      expect(refused.stdout).toBe('');
      expect(companyCount(data)).toBe(before);
      // The serve is unharmed and keeps writing.
      const made = await cli(data, 'company', 'create', '--name', 'After The Refusal', '--json');
      expect(made.status, made.stderr).toBe(0);
    } finally {
      await stop(serve);
    }
  }, 120_000);

  it('refuses at once also when the other process is not a PartnerDeck one (a plain SQLite reader)', async () => {
    const data = join(dir.path, 'read');
    expect((await cli(data, 'company', 'list', '--json')).status).toBe(0);
    const before = companyCount(data);
    // Another process holding the database open, as a sqlite3 shell or a backup tool would.
    const holder = spawn(process.execPath, ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(dbFile(data))});d.prepare('SELECT 1 FROM companies LIMIT 1').get();console.log('open');setInterval(()=>{},1000);`], {
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: process.cwd(),
    });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.once('data', () => resolve());
        holder.once('exit', (code) => reject(new Error(`holder exited ${code}`)));
      });
      const refused = await cli(data, 'seed', '--companies', '3', '--orders', '200');
      expect(refused.status).toBe(1);
      expect(refused.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^partnerdeck: Another process has this data folder open: stop it first .*then run seed --orders again\. Nothing was written\.$/),
      ]);
      expect(companyCount(data)).toBe(before);
    } finally {
      holder.kill('SIGKILL');
    }
  }, 120_000);

  it('says at its start what a crash could leave behind, and a seed killed in the middle leaves the folder as before', async () => {
    const data = join(dir.path, 'killed');
    // A folder with data: the demo and one more client.
    expect((await cli(data, 'seed', '--companies', '1', '--json')).status).toBe(0);
    const before = companyCount(data);
    const indexes = () => {
      const db = new Database(dbFile(data), { readonly: true, fileMustExist: true });
      try {
        return db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('orders', 'customers') ORDER BY name").pluck().all() as string[];
      } finally {
        db.close();
      }
    };
    const indexesBefore = indexes();
    expect(indexesBefore).toContain('orders_company_number');

    const seed = spawn(process.execPath, [BIN, 'seed', '--companies', '400', '--orders', '2000000', '--data-dir', data], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    seed.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => seed.once('exit', (code, signal) => resolve(signal ?? code)));
    // Killed while it writes: once its first order pages have reached the file.
    const journal = `${dbFile(data)}-journal`;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && seed.exitCode === null) {
      if (existsSync(journal)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(seed.exitCode, `the seed ended before it could be killed: ${stderr}`).toBeNull();
    seed.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // Doctor (what the start notice names) tells the interrupted change apart from damage, changing nothing.
    const waiting = await cli(data, 'doctor', '--json');
    expect(JSON.parse(waiting.stdout).checks).toContainEqual(
      expect.objectContaining({ name: 'database integrity (quick_check)', state: 'warning', detail: expect.stringContaining('stopped in the middle waits to be undone') }),
    );
    // The next start finds the folder as it was: no companies of the seed, every index, integrity ok.
    const listed = await cli(data, 'company', 'list', '--json');
    expect(listed.status, listed.stderr).toBe(0);
    expect(existsSync(journal)).toBe(false);
    const doctor = await cli(data, 'doctor', '--json');
    expect(doctor.status, doctor.stdout + doctor.stderr).toBe(0);
    expect(companyCount(data)).toBe(before);
    expect(indexes()).toEqual(indexesBefore);
    const db = new Database(dbFile(data), { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT count(*) FROM orders WHERE id NOT IN (SELECT id FROM orders WHERE company_id IN (SELECT id FROM companies))').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
    expect(stderr).toMatch(RISK);
    // And a seed then runs to its end there.
    const seeded = await cli(data, 'seed', '--companies', '2', '--orders', '40', '--months', '2', '--json');
    expect(seeded.status, seeded.stderr).toBe(0);
    expect(JSON.parse(seeded.stdout)).toMatchObject({ orders: 40 });
    expect(seeded.stderr).toMatch(RISK);
  }, 240_000);
});

