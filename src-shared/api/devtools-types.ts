// Types of the developer tools (issue 19): the API request log, hosted-compatibility mode and the marks it puts
// on requests that relied on a local-only convenience.

/** A convenience the local platform offers that the hosted platform is not specified to (spec §3, §5). */
export type LocalOnlyFeature =
  | 'http_basic_client_auth'
  | 'pkce'
  | 'refresh_grace_window'
  | 'standard_webhooks_headers';

/** A mark on a logged request: a local-only convenience it relied on (and what the hosted platform would do),
 * a refusal by hosted-compatibility mode, an OAuth chaos action the request met, or a client that authenticated
 * with the secret a rotation replaced (works until the grace period ends). */
export interface ApiRequestNote {
  kind: 'local_only' | 'refused_strict' | 'chaos' | 'grace';
  feature: string;
  /** What the hosted platform would do (local_only, refused_strict) or what was done (chaos). */
  detail: string;
}

export interface ApiRequestEntry {
  id: number;
  /** Platform time (ISO 8601). */
  at: string;
  appId: number | null;
  appName: string | null;
  companyId: number | null;
  companyName: string | null;
  method: string;
  /** The path with its query; values of secret parameters (tokens, codes, secrets) are replaced by [redacted]. */
  path: string;
  status: number;
  durationMs: number;
  errorCode: string | null;
  notes: ApiRequestNote[];
  /** Where the request came from (127.0.0.1 on this machine; a trusted proxy's X-Forwarded-For); null if not logged. */
  clientAddress: string | null;
}

export type ApiStatusFilter = 'all' | 'ok' | 'errors' | '4xx' | '5xx';

export interface ApiRequestQuery {
  appId: number | null;
  companyId: number | null;
  status: ApiStatusFilter;
  /** Only requests that relied on a local-only convenience (or were refused by strict mode). */
  marked: boolean;
  beforeId: number | null;
  afterId: number | null;
  limit: number;
}

export interface ApiRequestPage {
  /** Newest first. */
  items: ApiRequestEntry[];
  hasMore: boolean;
}

/** Hosted-compatibility mode (strict): on, the local platform accepts only what the hosted one is specified to. */
export interface CompatibilityInfo {
  strict: boolean;
  /** Who set it: the console setting, or a --strict flag of the running process (then not changeable here). */
  source: 'setting' | 'flag';
}

/** A saved state of the whole data folder (`partnerdeck snapshot save|restore|list`, the console's Save/Reset demo). */
export interface DemoSnapshot {
  name: string;
  /** Real time it was saved (ISO 8601). */
  savedAt: string;
  /** The platform time in it (the clock's offset is part of the state). */
  platformTime: string;
  schemaVersion: number;
  bytes: number;
}

export interface DemoSnapshots {
  snapshots: DemoSnapshot[];
  /** The snapshot taken when this data folder's console first started (Reset demo's default), if there is one. */
  startName: string | null;
  /** Whether this console can reset (a console without a host that can reopen its platform cannot). */
  canReset: boolean;
}

/** A snapshot's name, as `partnerdeck snapshot save NAME` takes it (core/snapshots.ts checks the same rule; here,
 * free of zod, so the renderer's demo dialog checks it without the console's schemas). */
export const SNAPSHOT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const SNAPSHOT_NAME_RULE = 'letters, digits, dots, dashes or underscores (1 to 64), starting with a letter or digit, e.g. before-close';
