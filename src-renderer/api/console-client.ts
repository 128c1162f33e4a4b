// The renderer's one typed client of the console API (src-shared/api/contract.ts). In Electron it wraps
// the preload bridge (`window.partnerdeck`); in a browser tab it talks to the browser host over
// `POST /api/<method>` and receives pushed events over server-sent events. Callers never know which.
import {
  BRIDGE_GLOBAL,
  HTTP_API_PREFIX,
  HTTP_EVENTS_PATH,
  type CallReply,
  type ConsoleClient,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type PreloadBridge,
  type PushedEvent,
  type UiCommand,
} from '../../src-shared/api/contract';
import { ApiError, isApiErrorPayload } from '../../src-shared/api/errors';

export type ConnectionState = 'connected' | 'reconnecting';

/** The contract's client plus the state of the event channel (so the UI can resync after a drop). */
export interface RendererConsoleClient extends ConsoleClient {
  readonly transport: 'ipc' | 'http';
  /** Called with 'reconnecting' when the event stream drops and 'connected' when it is back. */
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  /** Commands from the desktop app's menu (its accelerators take Ctrl/Cmd+K before the page sees them). */
  onUiCommand(listener: (command: UiCommand) => void): () => void;
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
  return {
    transport: 'ipc',
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      return unwrapReply<MethodOutput<M>>(await bridge.invoke(method, input));
    },
    subscribe: (listener) => bridge.onEvent(listener),
    onConnectionChange: () => () => undefined,
    onUiCommand: (listener) => (typeof bridge.onUiCommand === 'function' ? bridge.onUiCommand(listener) : () => undefined),
  };
}

/** What the HTTP adapter needs from the browser; injectable for tests. */
export interface HttpEnvironment {
  fetch: typeof fetch;
  createEventSource: (url: string) => EventSourceLike;
}

/** The part of EventSource the adapter uses. */
export interface EventSourceLike {
  onmessage: ((event: { data: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onopen: ((event: unknown) => void) | null;
  close(): void;
}

/** Browser mode: the browser host's HTTP wire format (contract.ts, bottom). */
export function createHttpClient(env: HttpEnvironment, baseUrl = ''): RendererConsoleClient {
  const listeners = new Set<(event: PushedEvent) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let source: EventSourceLike | null = null;
  let dropped = false;

  function openEvents(): void {
    if (source) return;
    source = env.createEventSource(`${baseUrl}${HTTP_EVENTS_PATH}`);
    source.onmessage = (message) => {
      let event: PushedEvent;
      try {
        event = JSON.parse(message.data) as PushedEvent;
      } catch {
        return; // A comment or keep-alive line; not an event.
      }
      if (!event || typeof event.name !== 'string') return;
      for (const listener of [...listeners]) listener(event);
    };
    // EventSource reconnects by itself; we only tell the UI so it can show it and resync afterwards.
    source.onerror = () => {
      if (dropped) return;
      dropped = true;
      for (const listener of [...connectionListeners]) listener('reconnecting');
    };
    source.onopen = () => {
      if (!dropped) return;
      dropped = false;
      for (const listener of [...connectionListeners]) listener('connected');
    };
  }

  function closeEventsIfUnused(): void {
    if (listeners.size > 0 || !source) return;
    source.close();
    source = null;
    dropped = false;
  }

  return {
    transport: 'http',
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      let response: Response;
      try {
        response = await env.fetch(`${baseUrl}${HTTP_API_PREFIX}${method}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-PartnerDeck-CSRF': '1' },
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
  };
}

/** Picks the preload bridge when it exists (Electron), otherwise the browser host over HTTP. */
export function createConsoleClient(win: Window = window): RendererConsoleClient {
  const bridge = (win as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] as PreloadBridge | undefined;
  if (bridge && typeof bridge.invoke === 'function' && typeof bridge.onEvent === 'function') {
    return createBridgeClient(bridge);
  }
  return createHttpClient({
    fetch: (input, init) => win.fetch(input, init),
    createEventSource: (url) => new EventSource(url) as unknown as EventSourceLike,
  });
}
