// `partnerdeck listen` as a developer runs it (issue 19 item 2): a real process forwards the company's events that
// other processes commit (here `partnerdeck trigger`) to a local receiver, which verifies them with the
// `standardwebhooks` library and the payload hash; no hook is registered; each event is printed with the
// receiver's status and latency; a topic filter holds; Ctrl+C removes the listener cleanly.
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { OPERATOR } from '../../src-main/core/access';
import type { CorePlatform } from '../../src-main/core/platform';
import { assertBuilt, BIN, runCliAsync } from '../helpers/cli';
import { independentHash } from '../helpers/independent-hash';
import { tempDir } from '../helpers/platform';
import { authorizeApp, insertApp, openRealClockPlatform, startReceiver, type Receiver } from '../helpers/webhooks';

const dir = tempDir('pd-listen-');
const data = join(dir.path, 'data');
let receiver: Receiver;
let platform: CorePlatform;
let company: number;

interface Listening {
  child: ChildProcessWithoutNullStreams;
  first: Record<string, unknown>;
  /** Lines printed after the first, as they come. */
  lines: Record<string, unknown>[];
  waitForLines(count: number): Promise<void>;
}

function listen(...args: string[]): Promise<Listening> {
  const child = spawn(process.execPath, [BIN, 'listen', ...args, '--data-dir', data, '--json'], { stdio: 'pipe' });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => reject(new Error(`listen exited ${code}: ${stderr}`)));
    const lines: Record<string, unknown>[] = [];
    const waiters: { count: number; resolve: () => void }[] = [];
    let first: Record<string, unknown> | null = null;
    createInterface({ input: child.stdout }).on('line', (line) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      if (first === null) {
        first = parsed;
        child.removeAllListeners('exit');
        resolve({
          child,
          first,
          lines,
          waitForLines: (count) => (lines.length >= count ? Promise.resolve() : new Promise((done) => waiters.push({ count, resolve: done }))),
        });
        return;
      }
      lines.push(parsed);
      for (const waiter of waiters.splice(0)) {
        if (lines.length >= waiter.count) waiter.resolve();
        else waiters.push(waiter);
      }
    });
  });
}

function stopWith(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

const headersOf = (request: { headers: Record<string, unknown> }) => Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));

beforeAll(async () => {
  assertBuilt();
  receiver = await startReceiver(200);
  platform = openRealClockPlatform({ path: data, remove: () => undefined }, 'demo');
  company = platform.db.prepare('SELECT id FROM companies WHERE is_partner = 0 AND is_sample = 0 ORDER BY id').pluck().get() as number;
  platform.shop.updateSettings(OPERATOR, { companyId: company, storefrontOpen: true });
});

afterAll(async () => {
  platform?.close();
  await receiver?.close();
  dir.remove();
});

describe('partnerdeck listen', () => {
  it("forwards another process's events signed with a per-listen secret, verified by the standardwebhooks library", async () => {
    const hooksBefore = platform.db.prepare('SELECT count(*) FROM webhooks').pluck().get();
    const listening = await listen('--forward-to', receiver.url, '--company', String(company));
    expect(listening.first).toMatchObject({ listening: true, companyId: company, appId: null, topics: 'all', forwardTo: receiver.url });
    const secret = listening.first.secret as string;
    const raw = listening.first.rawSecret as string;
    expect(secret).toBe(`whsec_${Buffer.from(raw, 'utf8').toString('base64')}`);

    const start = receiver.requests.length;
    const triggered = await runCliAsync(['trigger', 'order/create', '--company', String(company), '--data-dir', data, '--json']);
    expect(triggered.status).toBe(0);
    // product/create, customer/create and order/create, in the order they happened.
    await listening.waitForLines(3);
    await receiver.waitForCount(start + 3);
    const received = receiver.requests.slice(start);
    expect(received.map((r) => JSON.parse(r.body).scope)).toEqual(['product/create', 'customer/create', 'order/create']);
    const verifier = new Webhook(secret);
    for (const request of received) {
      const body = JSON.parse(request.body);
      expect(verifier.verify(request.body, headersOf(request))).toEqual(body);
      expect(body.hash).toBe(independentHash(raw, request.body));
      expect(body.company_id).toBe(company);
      expect(request.headers['user-agent']).toMatch(/^PartnerDeck-Webhooks\/1\.0/);
    }
    // A wrong secret fails the library's check: the signature is really over this body with this secret.
    expect(() => new Webhook(`whsec_${Buffer.from('another', 'utf8').toString('base64')}`).verify(received[0].body, headersOf(received[0]))).toThrow();
    expect(listening.lines.map((l) => l.topic)).toEqual(['product/create', 'customer/create', 'order/create']);
    for (const [i, line] of listening.lines.entries()) {
      expect(line).toMatchObject({ status: 200, ok: true, error: null, messageId: received[i].headers['webhook-id'] });
      expect(line.latencyMs).toEqual(expect.any(Number));
    }
    // Nothing was registered; the listener is gone after Ctrl+C, with a clean exit.
    expect(platform.db.prepare('SELECT count(*) FROM webhooks').pluck().get()).toBe(hooksBefore);
    expect(platform.db.prepare('SELECT count(*) FROM webhook_listeners').pluck().get()).toBe(1);
    expect(await stopWith(listening.child, 'SIGINT')).toBe(0);
    expect(platform.db.prepare('SELECT count(*) FROM webhook_listeners').pluck().get()).toBe(0);
    expect(platform.db.prepare('SELECT count(*) FROM webhook_listen_events').pluck().get()).toBe(0);
  });

  it("with --app signs with the app's Shared Secret, keeps to --topics, and prints the receiver's failures", async () => {
    const app = insertApp(platform, { companyId: company, name: 'Listen App' });
    authorizeApp(platform, app.id, company);
    // Without --company: the one company the app is installed in.
    const listening = await listen('--forward-to', receiver.url, '--app', String(app.id), '--topics', 'orders/create');
    expect(listening.first).toMatchObject({ companyId: company, appId: app.id, topics: ['order/create'] });
    expect(listening.first.secret).toBeUndefined();
    receiver.answer = 503;
    const start = receiver.requests.length;
    expect((await runCliAsync(['trigger', 'order/create', '--company', String(company), '--data-dir', data])).status).toBe(0);
    await listening.waitForLines(1);
    await receiver.waitForCount(start + 1);
    const request = receiver.requests.at(-1)!;
    expect(JSON.parse(request.body).scope).toBe('order/create');
    expect(new Webhook(app.secret, { format: 'raw' }).verify(request.body, headersOf(request))).toEqual(JSON.parse(request.body));
    expect(JSON.parse(request.body).hash).toBe(independentHash(app.secret, request.body));
    expect(listening.lines[0]).toMatchObject({ topic: 'order/create', status: 503, ok: false });
    expect(receiver.requests.length).toBe(start + 1); // product/create and customer/create were filtered out
    receiver.answer = 200;
    expect(await stopWith(listening.child, 'SIGTERM')).toBe(0);
  });

  it('explains bad input in one line, naming the flag', async () => {
    for (const [args, message] of [
      [['--forward-to', 'not a url', '--company', String(company)], /--forward-to: "not a url" is not a URL/],
      [['--forward-to', 'ftp://127.0.0.1/x', '--company', String(company)], /--forward-to must be an http or https URL/],
      [['--forward-to', 'http://169.254.169.254/latest', '--company', String(company)], /--forward-to must not point at/],
      [['--forward-to', receiver.url, '--company', String(company), '--topics', 'order/cancel'], /--topics: "order\/cancel" is not a webhook topic/],
      [['--forward-to', receiver.url, '--company', '99999'], /--company 99999: no such company/],
      [['--forward-to', receiver.url, '--app', '99999'], /--app 99999: no such app/],
      [['--company', String(company)], /--forward-to/],
    ] as const) {
      const result = await runCliAsync(['listen', ...args, '--data-dir', data]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });
});
