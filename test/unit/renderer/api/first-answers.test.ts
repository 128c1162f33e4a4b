// The first screen's answers the launch trade brought (issue 18 cold start): the browser client answers exactly
// those calls (method and input, as Self) from them, once each, and asks the console for everything else; a
// pushed change ends them; an event stream opened at another count of changes drops them and, when some were
// used, reloads as after a dropped stream. Errors come out as the console's own would.
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../src-shared/api/errors';
import { callKey, type FirstAnswers } from '../../../../src-shared/api/first-screen';
import { createHttpClient } from '../../../../src-renderer/api/console-client';
import { firstAnswerTable } from '../../../../src-renderer/api/first-answers';

const SESSION = 'S'.repeat(43);
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

const FIRST: FirstAnswers = {
  seq: 4,
  replies: [
    { method: 'outbox.list', input: { limit: 200 }, reply: { ok: true, result: [{ id: 1 }] } },
    { method: 'companies.list', input: { search: '', route: 'any', sample: 'any', sort: 'name', direction: 'asc' }, reply: { ok: true, result: [{ id: 9 }] } },
    { method: 'partnerRequests.list', input: {}, reply: { ok: false, error: { code: 'forbidden', message: 'Only a partner has partner requests.' } } },
  ],
};

/** A client with FIRST, its wire answering `{from: 'wire'}`, and an event stream the test writes to. */
function client(first: FirstAnswers = FIRST) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new Response(new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) }), { status: 200 });
  const wire: string[] = [];
  const fetchImpl = vi.fn(async (url: string) => {
    if (url.endsWith('/api/events')) return stream;
    wire.push(url.replace('/api/', ''));
    return new Response(JSON.stringify({ ok: true, result: { from: 'wire' } }), { status: 200 });
  });
  const c = createHttpClient({ fetch: fetchImpl as unknown as typeof fetch, session: SESSION, sleep: async () => undefined, first });
  return { client: c, wire, write: (text: string) => controller.enqueue(new TextEncoder().encode(text)) };
}

describe('the first screen answers', () => {
  it('answers exactly the carried calls, once each, without the wire; anything else goes to the console', async () => {
    const { client: c, wire } = client();
    // The same input with its keys in another order is the same call.
    await expect(c.call('companies.list', { direction: 'asc', sort: 'name', sample: 'any', route: 'any', search: '' })).resolves.toEqual([{ id: 9 }]);
    await expect(c.call('outbox.list', { limit: 200 })).resolves.toEqual([{ id: 1 }]);
    expect(wire).toEqual([]);
    // Once: the next identical call, another input, another method are the console's.
    await expect(c.call('outbox.list', { limit: 200 })).resolves.toEqual({ from: 'wire' });
    await expect(c.call('companies.list', { search: 'x', route: 'any', sample: 'any', sort: 'name', direction: 'asc' })).resolves.toEqual({ from: 'wire' });
    await expect(c.call('clock.get', {})).resolves.toEqual({ from: 'wire' });
    expect(wire).toEqual(['outbox.list', 'companies.list', 'clock.get']);
  });

  it("throws a carried error reply as the console's call would", async () => {
    const error = await client().client.call('partnerRequests.list', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'forbidden', message: 'Only a partner has partner requests.' });
  });

  it('answers only as Self (a window acting as a client asks the console)', async () => {
    const { client: c, wire } = client();
    c.setActing(5);
    await expect(c.call('outbox.list', { limit: 200 })).resolves.toEqual({ from: 'wire' });
    expect(wire).toEqual(['outbox.list']);
  });

  it('ends them at the first pushed change', async () => {
    const { client: c, wire, write } = client();
    c.subscribe(() => undefined);
    await tick();
    write(': connected seq=4\n\n');
    write('data: {"name":"company.created","payload":{"companyId":3}}\n\n');
    await tick();
    await expect(c.call('outbox.list', { limit: 200 })).resolves.toEqual({ from: 'wire' });
    expect(wire).toEqual(['outbox.list']);
  });

  /** One carried answer used, then the event stream opens at `seq` changes: the reconnect states seen. */
  async function usedThenOpened(seq: number) {
    const made = client();
    const states: string[] = [];
    made.client.onConnectionChange((s) => states.push(s));
    await made.client.call('outbox.list', { limit: 200 });
    made.client.subscribe(() => undefined);
    await tick();
    made.write(`: connected seq=${seq}\n\n`);
    await tick();
    return { ...made, states };
  }
  const ALL = { search: '', route: 'any', sample: 'any', sort: 'name', direction: 'asc' } as const;

  it('a stream opened at another count of changes drops the rest and reloads what was shown from them (as after a drop)', async () => {
    const { client: c, wire, states } = await usedThenOpened(5);
    await expect.poll(() => states).toEqual(['reconnecting', 'connected']);
    await expect(c.call('companies.list', ALL)).resolves.toEqual({ from: 'wire' });
    expect(wire).toEqual(['companies.list']);
  });

  it('the same count: nothing is reloaded and the answers stay usable', async () => {
    const { client: c, wire, states } = await usedThenOpened(4);
    await expect(c.call('companies.list', ALL)).resolves.toEqual([{ id: 9 }]);
    expect(states).toEqual([]);
    expect(wire).toEqual([]);
  });

  it('a mismatch before any answer was used only drops them (nothing shown to reload)', () => {
    const table = firstAnswerTable(FIRST);
    expect(table.streamOpened(7)).toBe(false);
    expect(table.take('outbox.list', { limit: 200 }, null)).toBeUndefined();
    expect(firstAnswerTable(undefined).take('outbox.list', { limit: 200 }, null)).toBeUndefined();
    expect(callKey('m', { b: { d: 1, c: 2 }, a: [2, 1] })).toBe(callKey('m', { a: [2, 1], b: { c: 2, d: 1 } }));
  });
});
