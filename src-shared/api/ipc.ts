// The wire names and shapes of the console's transports: IPC channels, the preload bridge, pushed events
// and the browser host's HTTP paths. Kept free of zod so the sandboxed preload bundle stays small;
// contract.ts re-exports all of it.
import type { ApiErrorPayload } from './errors';
import type { SessionInfo } from './types';

/** Events the console pushes to the renderer. Named noun.verb. */
export type ConsoleEvents = {
  'session.changed': SessionInfo;
  'company.created': { companyId: number };
  'company.updated': { companyId: number };
  'user.changed': { companyId: number };
  'partner_request.changed': { requestId: number };
  'outbox.added': { messageId: number };
  'shop.updated': { companyId: number };
  /** A company authorized an app, or an authorization was revoked (Company → Authorized apps). */
  'authorization.granted': { authorizationId: number; appId: number; companyId: number };
  'authorization.revoked': { authorizationId: number; appId: number; companyId: number };
  // Webhooks: registrations changed, a hook deactivated after its last retry, attempts logged (at most a
  // few times a second per company), and the platform clock moved.
  'webhook.created': WebhookChange;
  'webhook.updated': WebhookChange;
  'webhook.deleted': WebhookChange;
  'webhook.reactivated': WebhookChange;
  'webhook.deactivated': WebhookChange;
  'webhook_deliveries.changed': { companyId: number };
  'clock.advanced': { now: number; offsetMs: number };
  /** A month was closed, a document issued or corrected, prices or drafts changed (Billing refreshes). */
  'billing.changed': { month: string | null };
  // App Store: installs and uninstalls for a company, permission changes of an app it has, and listing
  // changes (created, edited, approval requested or decided, visibility) of a developer's listing.
  'app.installed': { companyId: number; appId: number; installId: number };
  'app.uninstalled': { companyId: number; appId: number };
  'app.updated': { companyId: number; appId: number };
  'app_listing.changed': { appId: number; companyId: number };
} & { [E in ShopEventName]: ShopObjectEvent };

/** A change to one object of a client's shop (the console refreshes the list that shows it). */
export interface ShopObjectEvent {
  companyId: number;
  id: number;
}

/** A registered webhook changed (its id, app and company). */
export interface WebhookChange {
  webhookId: number;
  appId: number;
  companyId: number;
}

/** Shop data events, named noun.verb as the platform emits them. */
export const SHOP_EVENT_NAMES = [
  'product.created', 'product.updated', 'product.deleted',
  'category.created', 'category.updated', 'category.deleted',
  'customer.created', 'customer.updated', 'customer.deleted',
  'order.created', 'order.updated', 'order.deleted',
  'subscriber.created', 'subscriber.updated', 'subscriber.deleted',
  'access_group.created', 'access_group.updated', 'access_group.deleted',
  'group_member.created', 'group_member.updated', 'group_member.deleted',
  'news_recipient.created', 'news_recipient.updated', 'news_recipient.deleted',
  'theme.created', 'theme.updated', 'theme.deleted',
  'file.created', 'file.updated', 'file.deleted',
] as const;
export type ShopEventName = (typeof SHOP_EVENT_NAMES)[number];

export type EventName = keyof ConsoleEvents;
export const EVENT_NAMES: EventName[] = [
  'session.changed',
  'company.created',
  'company.updated',
  'user.changed',
  'partner_request.changed',
  'outbox.added',
  'shop.updated',
  'authorization.granted',
  'authorization.revoked',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
  'webhook.reactivated',
  'webhook.deactivated',
  'webhook_deliveries.changed',
  'clock.advanced',
  'billing.changed',
  'app.installed',
  'app.uninstalled',
  'app.updated',
  'app_listing.changed',
  ...SHOP_EVENT_NAMES,
];

export interface PushedEvent<E extends EventName = EventName> {
  name: E;
  payload: ConsoleEvents[E];
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

export const UI_COMMANDS = ['open-switcher', 'switch-to-self'] as const;
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
  invoke(method: string, input: unknown): Promise<CallReply>;
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
