import { describe, expect, it, vi } from 'vitest';
import type { CallReply, PreloadBridge, PushedEvent, UiCommand } from '../../../src-shared/api/contract';
import { ApiError } from '../../../src-shared/api/errors';
import {
  createBridgeClient,
  createConsoleClient,
  createHttpClient,
  type EventSourceLike,
} from '../../../src-renderer/api/console-client';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

class FakeEventSource implements EventSourceLike {
  onmessage: ((event: { data: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onopen: ((event: unknown) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  close() {
    this.closed = true;
  }
}

function httpClient(fetchImpl: (url: string, init: RequestInit) => Promise<Response>) {
  const sources: FakeEventSource[] = [];
  const client = createHttpClient({
    fetch: fetchImpl as unknown as typeof fetch,
    createEventSource: (url) => {
      const source = new FakeEventSource(url);
      sources.push(source);
      return source;
    },
  });
  return { client, sources };
}

describe('the browser-mode client', () => {
  it('POSTs the JSON input to /api/<method> with the CSRF header and same-origin credentials', async () => {
    const fetchImpl = vi.fn(async () => jsonResponse(200, { ok: true, result: { id: 7 } }));
    const { client } = httpClient(fetchImpl);
    const result = await client.call('companies.get', { companyId: 7 });
    expect(result).toEqual({ id: 7 });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/companies.get');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>)['X-PartnerDeck-CSRF']).toBe('1');
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

  it('turns a network failure or an unreadable reply into an ApiError with a plain message', async () => {
    const down = httpClient(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(down.client.call('session.get', {})).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('Cannot reach') });
    const garbled = httpClient(async () => new Response('<html>502</html>', { status: 502 }));
    await expect(garbled.client.call('session.get', {})).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('502') });
  });

  it('opens one event stream for all listeners, passes events on and closes it with the last listener', () => {
    const { client, sources } = httpClient(async () => jsonResponse(200, { ok: true, result: null }));
    const a: PushedEvent[] = [];
    const b: PushedEvent[] = [];
    const offA = client.subscribe((e) => a.push(e));
    const offB = client.subscribe((e) => b.push(e));
    expect(sources).toHaveLength(1);
    expect(sources[0].url).toBe('/api/events');
    sources[0].onmessage!({ data: JSON.stringify({ name: 'outbox.added', payload: { messageId: 3 } }) });
    sources[0].onmessage!({ data: 'not json' });
    expect(a).toEqual([{ name: 'outbox.added', payload: { messageId: 3 } }]);
    expect(b).toHaveLength(1);
    offA();
    expect(sources[0].closed).toBe(false);
    offB();
    expect(sources[0].closed).toBe(true);
  });

  it('reports a dropped and a restored event stream once each', () => {
    const { client, sources } = httpClient(async () => jsonResponse(200, { ok: true, result: null }));
    const states: string[] = [];
    client.onConnectionChange((s) => states.push(s));
    client.subscribe(() => undefined);
    sources[0].onopen!({});
    sources[0].onerror!({});
    sources[0].onerror!({});
    sources[0].onopen!({});
    expect(states).toEqual(['reconnecting', 'connected']);
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

  it('is chosen when window.partnerdeck exists, HTTP otherwise', () => {
    const bridge: PreloadBridge = { invoke: async () => ({ ok: true, result: null }), onEvent: () => () => undefined, onUiCommand: () => () => undefined };
    expect(createConsoleClient({ partnerdeck: bridge } as unknown as Window).transport).toBe('ipc');
    expect(createConsoleClient({ fetch: async () => jsonResponse(200, {}) } as unknown as Window).transport).toBe('http');
  });
});
