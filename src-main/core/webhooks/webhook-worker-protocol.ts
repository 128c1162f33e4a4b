// The messages between the dispatcher (main thread) and its worker. The main thread owns the database,
// the clock and the secret store; the worker signs and sends. Secrets are opened on the main side (the
// desktop app's safeStorage only works there) and handed over once per app.
import type { AddressPolicy } from './webhook-address-guard';

/** The User-Agent of every webhook request (unless the dispatcher is told otherwise; bench/webhooks.mjs's baseline sends the same). */
export const WEBHOOK_USER_AGENT = 'PartnerDeck-Webhooks/1.0';

export interface WorkerSettings {
  timeoutMs: number;
  maxSockets: number;
  userAgent: string;
}

export interface SendJob {
  /** The dispatcher's key for the attempt. */
  key: string;
  appId: number;
  url: string;
  /** Unsigned payload JSON (keys in order); the worker appends the hash. */
  payload: string;
  messageId: string;
  /** webhook-timestamp, seconds. */
  timestamp: number;
  /** Whether to send the Standard Webhooks headers (local-only: left out in hosted-compatibility mode). */
  standardHeaders: boolean;
}

export interface SendResult {
  key: string;
  status: number | null;
  error: string | null;
  durationMs: number;
  /** Wall time the request started (epoch ms, fractional). */
  startedAt: number;
  /** The request headers as sent, as a JSON object text (stored as is). */
  requestHeaders: string;
  requestBody: string;
}

export type ToWorker =
  /** Each app's secret, and the one a rotation replaced while its grace period runs (a second signature). */
  | { type: 'secrets'; entries: [appId: number, secret: string, previous: string | null][] }
  /** Where webhooks may go (own ports, allowed private ranges); sent before the jobs it applies to when it changes. */
  | { type: 'policy'; policy: AddressPolicy }
  | { type: 'send'; jobs: SendJob[] };
export type FromWorker = { type: 'results'; results: SendResult[] };
