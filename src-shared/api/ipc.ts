// The wire names and shapes of the console's transports: IPC channels, the preload bridge, pushed events
// and the browser host's HTTP paths. Kept free of zod (types only from the rest of the API) so the sandboxed
// preload bundle stays small; contract.ts re-exports all of it.
import type { ApiErrorPayload } from './errors';
import type { ConsoleEvents, EventName } from './event-catalogue';

/** One event the console pushes to the renderer (the catalogue is ./event-catalogue.ts). A discriminated union:
 * narrowing on `name` narrows `payload`. */
export type PushedEvent<E extends EventName = EventName> = { [K in E]: { name: K; payload: ConsoleEvents[K] } }[E];

/** The shape a pushed event must have to cross into the page (which names exist is the catalogue's business:
 * the renderer ignores names it does not know). */
export function isPushedEventShape(value: unknown): value is PushedEvent {
  if (typeof value !== 'object' || value === null) return false;
  const { name, payload } = value as { name?: unknown; payload?: unknown };
  return typeof name === 'string' && /^[a-z_]+\.[a-zA-Z_]+$/.test(name) && typeof payload === 'object' && payload !== null;
}

/** One reply of a console call as it crosses IPC or HTTP. */
export type CallReply = { ok: true; result: unknown } | { ok: false; error: ApiErrorPayload };

/** The IPC channel prefix; the main side refuses any other channel. */
export const IPC_PREFIX = 'partnerdeck:';
export const IPC_INVOKE_CHANNEL = `${IPC_PREFIX}invoke`;
export const IPC_EVENT_CHANNEL = `${IPC_PREFIX}event`;
/** Commands from the desktop app's menu to the page (its accelerators take the keys before the page). */
export const UI_COMMAND_CHANNEL = `${IPC_PREFIX}ui`;
/** The name under which the preload exposes the bridge on `window`. */
export const BRIDGE_GLOBAL = 'partnerdeck';

export const UI_COMMANDS = ['open-switcher', 'switch-to-self', 'open-team-server'] as const;
export type UiCommandName = (typeof UI_COMMANDS)[number];
export interface UiCommand {
  command: UiCommandName;
}

export function isUiCommand(value: unknown): value is UiCommand {
  return (
    typeof value === 'object' &&
    value !== null &&
    (UI_COMMANDS as readonly string[]).includes((value as { command?: unknown }).command as string)
  );
}

/** What the preload exposes as `window.partnerdeck` (contextBridge). Raw replies; the renderer client unwraps. */
export interface PreloadBridge {
  /** `call` carries the window's acting company (see CallEnvelope); older pages may leave it out. */
  invoke(method: string, input: unknown, call?: CallEnvelope): Promise<CallReply>;
  onEvent(listener: (event: PushedEvent) => void): () => void;
  /** Menu commands (Switch company…, Back to Self); returns an unsubscribe function. */
  onUiCommand(listener: (command: UiCommand) => void): () => void;
}

/**
 * Browser host wire format: `POST /api/<method>` with the JSON input as body, the header
 * `X-PartnerDeck-CSRF: 1` and `Authorization: Bearer <session>`; the reply is a CallReply (HTTP 200 when ok,
 * 4xx/5xx with the error otherwise). Events: `GET /api/events` (same headers) as server-sent events, each
 * `data:` line a JSON PushedEvent.
 *
 * The session: `partnerdeck console` makes a one-time launch link `http://127.0.0.1:<port>/#launch=<token>`
 * (the token in the fragment never leaves the browser in a request line or a Referer). The page trades it once,
 * `POST /auth/launch {"launch": token}` -> `{ok: true, result: {session}}`, and keeps the session in its own
 * origin's storage. Nothing travels in a cookie: cookies are not port-scoped, so any other server on 127.0.0.1
 * would receive them (docs/architecture.md, Security model).
 */
export const HTTP_API_PREFIX = '/api/';
export const HTTP_EVENTS_PATH = '/api/events';
export const HTTP_LAUNCH_PATH = '/auth/launch';
/** The fragment parameter of the launch link. */
export const LAUNCH_FRAGMENT_PARAM = 'launch';
export const CSRF_HEADER = 'x-partnerdeck-csrf';
/**
 * The window's acting company on every browser-host call: a company id, or `self`. The console checks it per
 * call exactly as a switch would (the user must see the company; store functions only inside it).
 */
export const ACTING_HEADER = 'x-partnerdeck-acting';

/**
 * What a console call carries besides its input: the acting company of the window that makes it (a company id,
 * or null for Self). Each window (tab) keeps its own acting company in its address (`#/c/<id>/…`), so two windows
 * act as two clients at once. Left out (the CLI, tests, an older page): the session's company of the moment.
 */
export interface CallEnvelope {
  acting?: number | null;
}

/** The envelope of a raw value (from IPC or a header), or a message saying what is wrong with it. */
export function parseCallEnvelope(raw: unknown): CallEnvelope | string {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return 'The call envelope must be an object.';
  const acting = (raw as { acting?: unknown }).acting;
  if (acting === undefined) return {};
  if (acting === null) return { acting: null };
  if (typeof acting === 'number' && Number.isSafeInteger(acting) && acting > 0) return { acting };
  return 'The acting company must be a company id or null (Self).';
}

/** The `X-PartnerDeck-Acting` header's value for an envelope (undefined: send no header). */
export function actingHeaderOf(call: CallEnvelope): string | undefined {
  if (call.acting === undefined) return undefined;
  return call.acting === null ? 'self' : String(call.acting);
}

/** The envelope from an `X-PartnerDeck-Acting` header, or a message saying what is wrong with it. */
export function envelopeOfActingHeader(value: string | string[] | undefined): CallEnvelope | string {
  if (value === undefined) return {};
  if (Array.isArray(value)) return 'Send the acting company once.';
  if (value === 'self') return { acting: null };
  if (!/^[1-9][0-9]{0,14}$/.test(value)) return 'The acting company must be a company id or "self".';
  return { acting: Number(value) };
}
