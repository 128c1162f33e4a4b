// The launch trade's first-screen answers (issue 18 cold start): every first-screen call but session.get (the
// trade carries it as `info`), app.info first (its platform clock names the sales headline's month), each reply as
// the host's answer() made it — errors included — and the change count it was given.
import { describe, expect, it } from 'vitest';
import { FIRST_LIST_MAX_ROWS, FIRST_SCREEN_READS } from '../../../../src-shared/api/first-screen';
import type { CallReply } from '../../../../src-shared/api/ipc';
import { firstScreenAnswers } from '../../../../src-main/host/first-answers';

describe('firstScreenAnswers', () => {
  it("answers each first-screen read but session.get, app.info first, then the sales headline for app.info's month", async () => {
    const asked: string[] = [];
    const answers = await firstScreenAnswers(async (method, input): Promise<CallReply> => {
      asked.push(method);
      if (method === 'app.info') return { ok: true, result: { clockNow: '2026-12-07T23:30:00.000Z' } };
      if (method === 'outbox.list') return { ok: false, error: { code: 'forbidden', message: 'No.' } };
      return { ok: true, result: { method, input } };
    }, 7);
    expect(answers.seq).toBe(7);
    const lists = ['session.switcher', 'companies.list'];
    expect(asked).toEqual(['app.info', ...FIRST_SCREEN_READS.map(([m]) => m).filter((m) => m !== 'session.get' && m !== 'app.info' && !lists.includes(m)), 'sales.summary', ...lists]);
    expect(answers.replies.map((r) => r.method)).toEqual(asked);
    expect(answers.replies.find((r) => r.method === 'sales.summary')?.input).toEqual({ from: '2026-12-01', to: '2026-12-07', includeDemo: false });
    expect(answers.replies.find((r) => r.method === 'outbox.list')?.reply).toEqual({ ok: false, error: { code: 'forbidden', message: 'No.' } });
    expect(answers.replies.find((r) => r.method === 'companies.list')?.reply).toEqual({ ok: true, result: { method: 'companies.list', input: FIRST_SCREEN_READS.find(([m]) => m === 'companies.list')?.[1] } });
  });

  it('carries at most ~20 KB at 5,000 clients: the selector and the client list are left to the page beyond FIRST_LIST_MAX_ROWS rows', async () => {
    const clients = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 2, name: `Client company number ${i}`, country: 'DE', city: 'Berlin', token: 'x'.repeat(32), isSample: false, isDevelopment: false, paymentRoute: 'direct', isPartner: false, partnerId: 1, createdAt: '2026-01-01T00:00:00.000Z', userCount: 2 }));
    const asked: string[] = [];
    const answersFor = (n: number) =>
      firstScreenAnswers(async (method): Promise<CallReply> => {
        asked.push(method);
        if (method === 'app.info') return { ok: true, result: { clockNow: '2026-12-07T23:30:00.000Z' } };
        if (method === 'session.switcher' || method === 'companies.list') return { ok: true, result: clients(n) };
        return { ok: true, result: { small: true } };
      }, 0);
    const big = await answersFor(5_000);
    expect(JSON.stringify(big).length).toBeLessThan(20_000);
    expect(big.replies.map((r) => r.method)).not.toContain('session.switcher');
    expect(asked).not.toContain('companies.list'); // not even built
    expect(big.replies.map((r) => r.method)).toContain('sales.summary');
    // The demo's few clients still travel in the trade.
    const small = await answersFor(FIRST_LIST_MAX_ROWS);
    expect(small.replies.map((r) => r.method)).toEqual(expect.arrayContaining(['session.switcher', 'companies.list']));
  });

  it('without a platform clock (app.info failed) it carries no sales headline (the page asks for it)', async () => {
    const answers = await firstScreenAnswers(async (method): Promise<CallReply> => (method === 'app.info' ? { ok: false, error: { code: 'internal', message: 'x' } } : { ok: true, result: null }), 0);
    expect(answers.replies.map((r) => r.method)).not.toContain('sales.summary');
    expect(answers.replies[0]).toEqual({ method: 'app.info', input: {}, reply: { ok: false, error: { code: 'internal', message: 'x' } } });
  });

  it('lets the event loop take a turn between calls (the scripts are served meanwhile)', async () => {
    let turns = 0;
    const ticker = (async () => {
      for (let i = 0; i < 100; i++) await new Promise((resolve) => setImmediate(resolve)).then(() => turns++);
    })();
    const seen: number[] = [];
    await firstScreenAnswers(async (): Promise<CallReply> => {
      seen.push(turns);
      return { ok: true, result: { clockNow: '2026-12-07T10:00:00Z' } };
    }, 0);
    await ticker;
    expect(new Set(seen).size).toBe(seen.length);
  });
});
