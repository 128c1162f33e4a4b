// M4: several processes write one data folder at once — a running `partnerdeck serve` taking REST writes,
// this process's own platform server taking REST writes, and `partnerdeck trigger` CLI runs — and not one write
// fails. Every write transaction takes SQLite's write lock at its start (BEGIN IMMEDIATE), so a writer waits its
// turn (busy_timeout) instead of failing with "database is locked" after it has read (it used to: 13 of 5,333
// REST order creates answered 500 and 11 of 40 triggers exited 1 while a serve ran).
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCliAsync, startCli, stop } from '../helpers/cli';
import { ANNA, api, startOAuthFixture, tokensFor, type OAuthFixture } from '../helpers/oauth';

let fixture: OAuthFixture;
let serve: ChildProcessWithoutNullStreams;
let serveUrl: string;

beforeAll(async () => {
  assertBuilt();
  fixture = await startOAuthFixture();
  const started = await startCli(['serve', '--data-dir', fixture.platform.dataDir, '--seed', 'none', '--port', '0']);
  serve = started.child;
  serveUrl = started.first.url;
});

afterAll(async () => {
  if (serve) await stop(serve);
  await fixture?.close();
});

describe('two processes (and more) writing one data folder', () => {
  it('REST writers on two servers and CLI writers at once: every write succeeds', async () => {
    // Issued by the serve (real time), so it is live on both servers (this process runs a manual clock before it).
    const { access } = await tokensFor({ ...fixture, url: serveUrl }, { email: ANNA, scope: 'products,orders,customers' });
    const companyId = fixture.companyOf(ANNA);
    const post = (base: string, path: string, body: unknown) => api({ ...fixture, url: base }, 'POST', path, access, body);
    const customer = (await post(fixture.url, '/admin/customers.json', { customer: { email: 'writer@example.com', name: 'Writer' } })).body.customer;
    const product = (await post(fixture.url, '/admin/products.json', { product: { kind: 'service', name: 'Concurrent', price_minor: 500 } })).body.product;
    const ordersBefore = fixture.platform.db.prepare('SELECT count(*) FROM orders WHERE company_id = ?').pluck().get(companyId) as number;

    const failures: string[] = [];
    let restWrites = 0;
    const restWriter = async (base: string, n: number) => {
      for (let i = 0; i < n; i++) {
        const reply = await post(base, '/admin/orders.json', { order: { customer_id: customer.id, status: 'paid', lines: [{ product_id: product.id, quantity: 1 }] } });
        if (reply.status === 201) restWrites += 1;
        else failures.push(`REST ${reply.status} ${JSON.stringify(reply.body)}`);
      }
    };
    const CLI_RUNS = 9;
    let cliWrites = 0;
    const cliWriter = async (runs: number) => {
      for (let i = 0; i < runs; i++) {
        const topic = i % 2 === 0 ? 'customer/create' : 'product/create';
        const run = await runCliAsync(['trigger', topic, '--company', String(companyId), '--data-dir', fixture.platform.dataDir]);
        if (run.status === 0) cliWrites += 1;
        else failures.push(`CLI trigger ${topic} exited ${run.status}: ${run.stderr.trim()}`);
      }
    };
    await Promise.all([
      restWriter(serveUrl, 60),
      restWriter(serveUrl, 60),
      restWriter(fixture.url, 40),
      cliWriter(CLI_RUNS / 3),
      cliWriter(CLI_RUNS / 3),
      cliWriter(CLI_RUNS / 3),
    ]);

    expect(failures).toEqual([]);
    expect(restWrites).toBe(160);
    expect(cliWrites).toBe(CLI_RUNS);
    expect(fixture.platform.db.prepare('SELECT count(*) FROM orders WHERE company_id = ?').pluck().get(companyId)).toBe(ordersBefore + 160);
    expect(fixture.platform.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
