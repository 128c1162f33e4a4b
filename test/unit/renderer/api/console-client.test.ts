import { describe, expect, it, vi } from 'vitest';
import type { CallReply, PreloadBridge, PushedEvent, UiCommand } from '../../../../src-shared/api/contract';
import { ApiError } from '../../../../src-shared/api/errors';
import { establishSession, forgetSession, launchTokenOf, leaveEarlyLaunch, SESSION_STORAGE_KEY, startLaunch, takeEarlyLaunch } from '../../../../src-renderer/api/browser-session';
import { createBridgeClient, createBridgeClientOf, createHttpClient } from '../../../../src-renderer/api/console-client';

const SESSION = 'S'.repeat(43);

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** An event stream the test writes to (and ends). */
function eventStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    write: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function httpClient(fetchImpl: (url: string, init: RequestInit) => Promise<Response>, onUnauthorized = vi.fn()) {
  const client = createHttpClient({ fetch: fetchImpl as unknown as typeof fetch, session: SESSION, onUnauthorized, sleep: async () => undefined });
  return { client, onUnauthorized };
}

describe('the browser-mode client', () => {
  it('POSTs the JSON input to /api/<method> with the session as a bearer token and the CSRF header, never with cookies', async () => {
    const fetchImpl = vi.fn(async () => jsonResponse(200, { ok: true, result: { id: 7 } }));
    const { client } = httpClient(fetchImpl);
    const result = await client.call('companies.get', { companyId: 7 });
    expect(result).toEqual({ id: 7 });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/companies.get');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('omit');
    expect((init.headers as Record<string, string>)['X-PartnerDeck-CSRF']).toBe('1');
    expect((init.headers as Record<string, string>).Authorization).toBe(`Bearer ${SESSION}`);
    expect(JSON.parse(String(init.body))).toEqual({ companyId: 7 });
  });

  it('throws the ApiError of an ok:false reply, field errors included', async () => {
    const reply: CallReply = { ok: false, error: { code: 'validation_failed', message: 'vatId is not valid', details: { fields: { vatId: ['is not valid'] } } } };
    const { client } = httpClient(async () => jsonResponse(400, reply));
    const error = await client.call('companies.create', { name: 'X', country: 'DE', attestNotAffiliated: true }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('validation_failed');
    expect(error.fields).toEqual({ vatId: ['is not valid'] });
  });

  it("passes a data folder failure (503 busy, 507 disk full, 500 storage_failed) on with the console's words", async () => {
    for (const [status, code] of [[503, 'busy'], [507, 'disk_full'], [500, 'storage_failed']] as const) {
      const message = `words for ${code}`;
      const { client } = httpClient(async () => jsonResponse(status, { ok: false, error: { code, message, details: { retryAfterSeconds: 2 } } }));
      const error = await client.call('companies.create', { name: 'X', country: 'DE', attestNotAffiliated: true }).catch((e) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ code, message });
    }
  });

  it('turns a network failure or an unreadable reply into an ApiError with a plain message', async () => {
    const down = httpClient(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(down.client.call('session.get', {})).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('Cannot reach') });
    const garbled = httpClient(async () => new Response('<html>502</html>', { status: 502 }));
    await expect(garbled.client.call('session.get', {})).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('502') });
  });

  it('a 401 ends the session once (the page shows the launch notice); resume carries on with a new session', async () => {
    let status = 401;
    const fetchImpl = vi.fn(async (_url: string, _init: RequestInit) => jsonResponse(status, status === 401 ? { ok: false, error: { code: 'unauthorized', message: 'not authorized' } } : { ok: true, result: 1 }));
    const { client, onUnauthorized } = httpClient(fetchImpl);
    await expect(client.call('session.get', {})).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(client.call('session.get', {})).rejects.toMatchObject({ code: 'unauthorized' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    status = 200;
    client.resume('N'.repeat(43));
    await expect(client.call('session.get', {})).resolves.toBe(1);
    const init = fetchImpl.mock.calls.at(-1)![1] as unknown as RequestInit;
    expect((init.headers as Record<string, string>).Authorization).toBe(`Bearer ${'N'.repeat(43)}`);
  });

  it('reads one event stream (with the session header) for all listeners, passes events on and closes it with the last listener', async () => {
    const stream = eventStream();
    let signal: AbortSignal | undefined;
    const fetchImpl = vi.fn(async (url: string, init: RequestInit) => {
      signal = init.signal ?? undefined;
      return url === '/api/events' ? stream.response : jsonResponse(200, { ok: true, result: null });
    });
    const { client } = httpClient(fetchImpl);
    const a: PushedEvent[] = [];
    const b: PushedEvent[] = [];
    const offA = client.subscribe((e) => a.push(e));
    const offB = client.subscribe((e) => b.push(e));
    await tick();
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/events');
    expect((init.headers as Record<string, string>).Authorization).toBe(`Bearer ${SESSION}`);
    stream.write(': connected\n\n');
    stream.write(`data: ${JSON.stringify({ name: 'outbox.added', payload: { messageId: 3 } })}\n\ndata: not json\n\n: keep-alive\n\n`);
    // An event split over two chunks.
    const split = `data: ${JSON.stringify({ name: 'company.created', payload: { companyId: 4 } })}\n\n`;
    stream.write(split.slice(0, 20));
    stream.write(split.slice(20));
    await expect.poll(() => a.length).toBe(2);
    expect(a).toEqual([
      { name: 'outbox.added', payload: { messageId: 3 } },
      { name: 'company.created', payload: { companyId: 4 } },
    ]);
    expect(b).toHaveLength(2);
    offA();
    expect(signal?.aborted).toBe(false);
    offB();
    expect(signal?.aborted).toBe(true);
  });

  it('reports a dropped and a restored event stream once each, and reconnects', async () => {
    const streams = [eventStream(), eventStream()];
    let calls = 0;
    const fetchImpl = vi.fn(async () => {
      calls += 1;
      if (calls === 2) throw new TypeError('Failed to fetch');
      return streams[calls === 1 ? 0 : 1].response;
    });
    const { client } = httpClient(fetchImpl);
    const states: string[] = [];
    client.onConnectionChange((s) => states.push(s));
    client.subscribe(() => undefined);
    await tick();
    streams[0].end();
    await expect.poll(() => states).toEqual(['reconnecting', 'connected']);
    expect(calls).toBe(3);
  });

  it('an event stream answered 401 ends the session instead of retrying', async () => {
    const fetchImpl = vi.fn(async () => new Response('Unauthorized', { status: 401 }));
    const { client, onUnauthorized } = httpClient(fetchImpl);
    client.subscribe(() => undefined);
    await expect.poll(() => onUnauthorized.mock.calls.length).toBe(1);
    await tick();
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });
});

describe("browser mode's session (launch link -> session in this origin's storage)", () => {
  function environment(hash: string, reply: () => Promise<Response>, stored: string | null = null) {
    const storage = new Map<string, string>(stored ? [[SESSION_STORAGE_KEY, stored]] : []);
    const replaced: string[] = [];
    const fetchImpl = vi.fn(reply);
    return {
      env: {
        fetch: fetchImpl as unknown as typeof fetch,
        location: { hash, pathname: '/', search: '' },
        history: { replaceState: (_d: unknown, _u: string, url?: string) => void replaced.push(url ?? '') },
        storage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v), removeItem: (k: string) => void storage.delete(k) },
      },
      storage,
      replaced,
      fetchImpl,
    };
  }
  const TOKEN = 'L'.repeat(43);

  it('trades the launch token in the fragment once, keeps the session, and takes the token out of the address', async () => {
    const t = environment(`#launch=${TOKEN}`, async () => jsonResponse(200, { ok: true, result: { session: SESSION } }));
    await expect(establishSession(t.env)).resolves.toEqual({ state: 'ready', session: SESSION });
    expect(t.replaced).toEqual(['/#/']);
    expect(t.storage.get(SESSION_STORAGE_KEY)).toBe(SESSION);
    const [url, init] = t.fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/auth/launch');
    expect(init.credentials).toBe('omit');
    expect(JSON.parse(String(init.body))).toEqual({ launch: TOKEN });
  });

  it('boot.js starts the trade as the page is parsed and takes the token out of the address; the session takes it over', async () => {
    const t = environment(`#launch=${TOKEN}`, async () => jsonResponse(200, { ok: true, result: { session: SESSION } }));
    const early = startLaunch(t.env);
    expect(t.replaced).toEqual(['/#/']);
    expect(t.fetchImpl).toHaveBeenCalledTimes(1);
    const page = {};
    leaveEarlyLaunch(page, early);
    const taken = takeEarlyLaunch(page);
    expect(takeEarlyLaunch(page)).toBeUndefined();
    // The address no longer has the token: the trade boot.js started is the one used, not a second.
    t.env.location.hash = '#/';
    await expect(establishSession({ ...t.env, early: taken })).resolves.toEqual({ state: 'ready', session: SESSION });
    expect(t.fetchImpl).toHaveBeenCalledTimes(1);
    expect(t.storage.get(SESSION_STORAGE_KEY)).toBe(SESSION);
    // No link in the address: boot.js leaves nothing to take over, and the session this origin holds is used.
    const none = environment('#/apps', async () => jsonResponse(500, {}), SESSION);
    expect(startLaunch(none.env)).toBeNull();
    await expect(establishSession({ ...none.env, early: null })).resolves.toEqual({ state: 'ready', session: SESSION });
    expect(none.fetchImpl).not.toHaveBeenCalled();
  });

  it("keeps the session's first answer the trade brought along (the first render needs no session.get); none with a path", async () => {
    const info = { user: { id: 1, name: 'Ada' }, isSelf: true };
    const t = environment(`#launch=${TOKEN}`, async () => jsonResponse(200, { ok: true, result: { session: SESSION, info } }));
    await expect(establishSession(t.env)).resolves.toEqual({ state: 'ready', session: SESSION, info });
    // A link to a screen: the answer would be Self's, and that screen may act as a company.
    const led = environment(`#launch=${TOKEN}`, async () => jsonResponse(200, { ok: true, result: { session: SESSION, path: '/c/5/orders', info } }));
    await expect(establishSession(led.env)).resolves.toEqual({ state: 'ready', session: SESSION });
    // Not an object: left out (the page asks for the session itself).
    const odd = environment(`#launch=${TOKEN}`, async () => jsonResponse(200, { ok: true, result: { session: SESSION, info: 'x' } }));
    await expect(establishSession(odd.env)).resolves.toEqual({ state: 'ready', session: SESSION });
  });

  it("keeps the first screen's answers the trade brought along with the session's; a malformed set is left out", async () => {
    const info = { user: { id: 1, name: 'Ada' }, isSelf: true };
    const first = { seq: 3, replies: [{ method: 'clock.get', input: {}, reply: { ok: true, result: { now: 'x' } } }] };
    const t = environment(`#launch=${TOKEN}`, async () => jsonResponse(200, { ok: true, result: { session: SESSION, info, first } }));
    await expect(establishSession(t.env)).resolves.toEqual({ state: 'ready', session: SESSION, info, first });
    const odd = environment(`#launch=${TOKEN}`, async () => jsonResponse(200, { ok: true, result: { session: SESSION, info, first: { seq: 'x', replies: [] } } }));
    await expect(establishSession(odd.env)).resolves.toEqual({ state: 'ready', session: SESSION, info });
  });

  it('a link that leads to a screen (app dev: the app, embedded) opens the tab there; a foreign path is ignored', async () => {
    const led = environment(`#launch=${TOKEN}`, async () => jsonResponse(200, { ok: true, result: { session: SESSION, path: '/apps/12' } }));
    await expect(establishSession(led.env)).resolves.toEqual({ state: 'ready', session: SESSION });
    expect(led.replaced).toEqual(['/#/', '/#/apps/12']);
    for (const path of ['//evil.example/x', 'javascript:alert(1)', '/apps/12#x', '/a b']) {
      const odd = environment(`#launch=${TOKEN}`, async () => jsonResponse(200, { ok: true, result: { session: SESSION, path } }));
      await expect(establishSession(odd.env)).resolves.toEqual({ state: 'ready', session: SESSION });
      expect(odd.replaced).toEqual(['/#/']);
    }
  });

  it('a used link: the session this origin holds (another tab) still works; without one, the notice says why', async () => {
    const refused = async () => jsonResponse(401, { ok: false, error: { code: 'unauthorized', message: 'used' } });
    await expect(establishSession(environment(`#launch=${TOKEN}`, refused, SESSION).env)).resolves.toEqual({ state: 'ready', session: SESSION });
    await expect(establishSession(environment(`#launch=${TOKEN}`, refused).env)).resolves.toEqual({ state: 'locked', reason: 'link-used' });
    const down = environment(`#launch=${TOKEN}`, async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(establishSession(down.env)).resolves.toEqual({ state: 'locked', reason: 'unreachable' });
    const none = environment('#/apps', refused);
    await expect(establishSession(none.env)).resolves.toEqual({ state: 'locked', reason: 'no-link' });
    expect(none.fetchImpl).not.toHaveBeenCalled();
    expect(none.replaced).toEqual([]);
  });

  it('reads only a well-formed token, and forgets only the session that was refused', () => {
    expect(launchTokenOf(`#launch=${TOKEN}`)).toBe(TOKEN);
    expect(launchTokenOf('#launch=<script>')).toBeNull();
    expect(launchTokenOf(`#/x?launch=${TOKEN}`)).toBeNull();
    const storage = new Map([[SESSION_STORAGE_KEY, 'newer']]);
    const store = { getItem: (k: string) => storage.get(k) ?? null, removeItem: (k: string) => void storage.delete(k) };
    forgetSession(store, SESSION);
    expect(storage.get(SESSION_STORAGE_KEY)).toBe('newer');
    forgetSession(store, 'newer');
    expect(storage.has(SESSION_STORAGE_KEY)).toBe(false);
  });
});

describe('the Electron client', () => {
  it('unwraps the bridge replies and forwards its events', async () => {
    const listeners: ((e: PushedEvent) => void)[] = [];
    const commands: ((c: UiCommand) => void)[] = [];
    const bridge: PreloadBridge = {
      invoke: vi.fn(async (method: string) =>
        method === 'session.get'
          ? ({ ok: true, result: { user: null } } as CallReply)
          : ({ ok: false, error: { code: 'forbidden', message: 'Not yours' } } as CallReply),
      ),
      onEvent: (l) => {
        listeners.push(l);
        return () => undefined;
      },
      onUiCommand: (l) => {
        commands.push(l);
        return () => undefined;
      },
    };
    const client = createBridgeClient(bridge);
    expect(client.transport).toBe('ipc');
    await expect(client.call('session.get', {})).resolves.toEqual({ user: null });
    await expect(client.call('companies.get', { companyId: 1 })).rejects.toMatchObject({ code: 'forbidden', message: 'Not yours' });
    const got: PushedEvent[] = [];
    client.subscribe((e) => got.push(e));
    listeners[0]({ name: 'company.created', payload: { companyId: 1 } });
    expect(got).toHaveLength(1);
    const menu: UiCommand[] = [];
    client.onUiCommand((c) => menu.push(c));
    commands[0]({ command: 'open-switcher' });
    expect(menu).toEqual([{ command: 'open-switcher' }]);
  });

  it('is chosen when window.partnerdeck exists (browser mode otherwise)', () => {
    const bridge: PreloadBridge = { invoke: async () => ({ ok: true, result: null }), onEvent: () => () => undefined, onUiCommand: () => () => undefined };
    expect(createBridgeClientOf({ partnerdeck: bridge } as unknown as Window)?.transport).toBe('ipc');
    expect(createBridgeClientOf({ fetch: async () => jsonResponse(200, {}) } as unknown as Window)).toBeNull();
  });
});
