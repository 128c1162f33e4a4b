// The renderer's one typed client of the console API (src-shared/api/contract.ts). In Electron it wraps
// the preload bridge (`window.partnerdeck`); in a browser tab it talks to the browser host over
// `POST /api/<method>` with the tab's session (browser-session.ts) and receives pushed events over server-sent
// events. Callers never know which.
// The wire names from ipc.ts itself, not from contract.ts: importing a value from contract.ts runs every area's
// zod schemas in the page's first chunks (~130 ms of evaluation here; the console checks every call's input).
import type { ConsoleClient, MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';
import {
  ACTING_HEADER,
  actingHeaderOf,
  BRIDGE_GLOBAL,
  type CallEnvelope,
  HTTP_API_PREFIX,
  HTTP_EVENTS_PATH,
  type CallReply,
  type PreloadBridge,
  type PushedEvent,
  type UiCommand,
} from '../../src-shared/api/ipc';
import { ApiError, isApiErrorPayload } from '../../src-shared/api/errors';
import { STREAM_SEQ_PREFIX, type FirstAnswers } from '../../src-shared/api/first-screen';
import { firstAnswerTable } from './first-answers';

export type ConnectionState = 'connected' | 'reconnecting';

/** The contract's client plus the state of the event channel (so the UI can resync after a drop). */
export interface RendererConsoleClient extends ConsoleClient {
  readonly transport: 'ipc' | 'http';
  /** Called with 'reconnecting' when the event stream drops and 'connected' when it is back. */
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  /** Commands from the desktop app's menu (its accelerators take Ctrl/Cmd+K before the page sees them). */
  onUiCommand(listener: (command: UiCommand) => void): () => void;
  /** Browser mode: carry on with a new session after the old one ended (nothing on screen is lost). */
  resume?(session: string): void;
  /**
   * The acting company this window's calls carry from now on (null: Self; the address's `#/c/<id>/`). The
   * console checks it on every call, so two windows act as two clients at once.
   */
  setActing(acting: number | null): void;
  /** The acting company the calls carry. */
  acting(): number | null;
}

/** The acting company a window's calls carry (shared by both transports). */
function actingHolder(): Pick<RendererConsoleClient, 'setActing' | 'acting'> & { envelope(): CallEnvelope } {
  let acting: number | null = null;
  return {
    setActing(next) {
      acting = next;
    },
    acting: () => acting,
    envelope: () => ({ acting }),
  };
}

/** Turns a raw CallReply into the result, or throws the ApiError it carries. */
export function unwrapReply<T>(reply: unknown): T {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    const r = reply as CallReply;
    if (r.ok) return r.result as T;
    if (isApiErrorPayload(r.error)) throw ApiError.fromPayload(r.error);
  }
  throw new ApiError('internal', 'The console sent a reply PartnerDeck does not understand.');
}

/** Electron: the preload bridge already speaks CallReply. */
export function createBridgeClient(bridge: PreloadBridge): RendererConsoleClient {
  const { envelope, ...acting } = actingHolder();
  return {
    transport: 'ipc',
    ...acting,
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      return unwrapReply<MethodOutput<M>>(await bridge.invoke(method, input, envelope()));
    },
    subscribe: (listener) => bridge.onEvent(listener),
    onConnectionChange: () => () => undefined,
    onUiCommand: (listener) => (typeof bridge.onUiCommand === 'function' ? bridge.onUiCommand(listener) : () => undefined),
  };
}

/** What the HTTP adapter needs from the browser; injectable for tests. */
export interface HttpEnvironment {
  fetch: typeof fetch;
  /** The session from the launch link (browser-session.ts), sent as `Authorization: Bearer` on every request; null on
   * a team server's console, whose session is an HttpOnly cookie the browser sends itself (same origin only). */
  session: string | null;
  /** Called once when the console answers 401: the session is over (the console was restarted or stopped). */
  onUnauthorized?: () => void;
  /** Waits before the event stream is opened again after a drop (injectable for tests). */
  sleep?: (ms: number) => Promise<void>;
  /** The first screen's answers the launch trade brought (first-answers.ts): used instead of those calls, once. */
  first?: FirstAnswers;
}

/** Reconnect delays of the event stream: 0.5 s doubling to 8 s. */
const RECONNECT_MS = { first: 500, max: 8_000 };

/**
 * Browser mode: the browser host's HTTP wire format (contract.ts, bottom). Events come as server-sent events
 * read with fetch (EventSource cannot send the session header), reconnecting with backoff.
 */
export function createHttpClient(env: HttpEnvironment, baseUrl = ''): RendererConsoleClient & { resume(session: string): void } {
  const listeners = new Set<(event: PushedEvent) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const sleep = env.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const headersOf = (session: string | null): Record<string, string> => (session === null ? { 'X-PartnerDeck-CSRF': '1' } : { Authorization: `Bearer ${session}`, 'X-PartnerDeck-CSRF': '1' });
  // Launch-link sessions never travel in a cookie (credentials omitted); a team console's only does (same origin).
  const credentials: RequestCredentials = env.session === null ? 'same-origin' : 'omit';
  let headers = headersOf(env.session);
  let stream: AbortController | null = null;
  let dropped = false;
  let unauthorized = false;
  const { envelope, ...acting } = actingHolder();
  const first = firstAnswerTable(env.first);

  function endSession(): void {
    if (unauthorized) return;
    unauthorized = true;
    stream?.abort();
    env.onUnauthorized?.();
  }

  function setConnection(up: boolean): void {
    if (up === !dropped) return;
    dropped = !up;
    for (const listener of [...connectionListeners]) listener(up ? 'connected' : 'reconnecting');
  }

  function dispatch(block: string): void {
    if (block.startsWith(STREAM_SEQ_PREFIX)) {
      // The stream's first line: a change pushed before it opened and after the carried answers were made was
      // missed; what was shown from them is read again, as after a dropped stream.
      if (first.streamOpened(Number(block.slice(STREAM_SEQ_PREFIX.length)))) {
        setConnection(false);
        setConnection(true);
      }
      return;
    }
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''))
      .join('\n');
    if (!data) return; // A comment or keep-alive; not an event.
    let event: PushedEvent;
    try {
      event = JSON.parse(data) as PushedEvent;
    } catch {
      return;
    }
    if (!event || typeof event.name !== 'string') return;
    first.drop();
    for (const listener of [...listeners]) listener(event);
  }

  async function readEvents(controller: AbortController): Promise<void> {
    let delay = RECONNECT_MS.first;
    while (!controller.signal.aborted) {
      try {
        const response = await env.fetch(`${baseUrl}${HTTP_EVENTS_PATH}`, { headers, credentials, signal: controller.signal });
        if (response.status === 401) return endSession();
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        setConnection(true);
        delay = RECONNECT_MS.first;
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            dispatch(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        // Dropped or refused: tell the UI (it shows it and resyncs once back), then try again.
      }
      if (controller.signal.aborted) return;
      setConnection(false);
      await sleep(delay);
      delay = Math.min(RECONNECT_MS.max, delay * 2);
    }
  }

  function openEvents(): void {
    if (stream || unauthorized) return;
    stream = new AbortController();
    void readEvents(stream);
  }

  function closeEventsIfUnused(): void {
    if (listeners.size > 0 || !stream) return;
    stream.abort();
    stream = null;
    dropped = false;
  }

  return {
    transport: 'http',
    ...acting,
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const carried = first.take(method, input, envelope().acting ?? null);
      if (carried) return unwrapReply<MethodOutput<M>>(carried);
      let response: Response;
      try {
        response = await env.fetch(`${baseUrl}${HTTP_API_PREFIX}${method}`, {
          method: 'POST',
          credentials,
          headers: { 'Content-Type': 'application/json', ...headers, [ACTING_HEADER]: actingHeaderOf(envelope()) ?? 'self' },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        throw new ApiError('internal', 'Cannot reach the PartnerDeck console. Is it still running?');
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ApiError('internal', `The console answered HTTP ${response.status} without a readable reply.`);
      }
      if (response.status === 401) endSession();
      return unwrapReply<MethodOutput<M>>(body);
    },
    subscribe(listener) {
      listeners.add(listener);
      openEvents();
      return () => {
        listeners.delete(listener);
        closeEventsIfUnused();
      };
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    // A browser tab has no menu; the page's own keyboard shortcuts do the same.
    onUiCommand: () => () => undefined,
    resume(session) {
      headers = headersOf(session);
      unauthorized = false;
      stream?.abort();
      stream = null;
      if (listeners.size > 0) {
        openEvents();
        // Whatever happened while the session was gone is read again, as after any dropped stream.
        setConnection(false);
      }
    },
  };
}

/** The Electron app's client when the preload bridge exists, else null (browser mode: see createBrowserClient). */
export function createBridgeClientOf(win: Window = window): RendererConsoleClient | null {
  const bridge = (win as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] as PreloadBridge | undefined;
  return bridge && typeof bridge.invoke === 'function' && typeof bridge.onEvent === 'function' ? createBridgeClient(bridge) : null;
}

/** A team server's console: the HTTP client on the session cookie; `onUnauthorized` when it has ended. */
export function createTeamClient(onUnauthorized: () => void, win: Window = window): RendererConsoleClient {
  return createHttpClient({ fetch: (input, init) => win.fetch(input, init), session: null, onUnauthorized });
}

/** Browser mode: the HTTP client with the session of this tab. */
export function createBrowserClient(session: string, onUnauthorized: () => void, first?: FirstAnswers, win: Window = window): RendererConsoleClient & { resume(session: string): void } {
  return createHttpClient({ fetch: (input, init) => win.fetch(input, init), session, onUnauthorized, ...(first ? { first } : {}) });
}
