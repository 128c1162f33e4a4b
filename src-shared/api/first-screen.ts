// The first screen's console calls (the overview as Self and the frame around it), shared by the console and the
// page (issue 18 cold start): `partnerdeck console` runs them once right after it listens (warm-start.ts: their
// first run in a fresh process off the request path), and the launch trade answers them for the page that is
// starting (`POST /auth/launch` → `first`), so the page's first screen has its data without a round trip after its
// modules ran. The page uses a carried answer only for a call it makes itself with exactly this method and input
// (callKey), as Self, once, and only while no change was pushed since the answer was made (api/first-answers.ts).
// Type-only imports: the page's start-up bundle must not evaluate the contract's schemas.
import type { MethodInput, MethodName } from './contract';
import type { CallReply } from './ipc';

export type FirstCall = { [M in MethodName]: readonly [method: M, input: MethodInput<M>] }[MethodName];

/**
 * What the overview and the frame ask for first and only read (src-renderer: the session, the selector, sign-in
 * candidates, the outbox slice, partner requests, every client). The inputs are the page's own
 * (state/outbox-slice.ts OUTBOX_LIMIT, state/companies-slice.ts DEFAULT_COMPANY_QUERY): a call the page no longer
 * makes this way is simply asked over the wire again (the cold-start e2e test fails then).
 */
export const FIRST_SCREEN_READS: readonly FirstCall[] = [
  ['session.get', {}],
  ['app.info', {}],
  ['clock.get', {}],
  ['session.switcher', {}],
  ['session.signInCandidates', {}],
  ['outbox.list', { limit: 200 }],
  ['partnerRequests.list', {}],
  ['companies.list', { search: '', route: 'any', sample: 'any', sort: 'name', direction: 'asc' }],
];

/**
 * The launch trade's calls: the reads, and this month's combined sales as the overview's headline asks for them
 * (state/sales-slice.ts loadSalesHeadline: the 1st of the platform's month to its today, real sales only).
 * `clockNow`: app.info's `clockNow` (the platform clock, an ISO instant), the day the page computes too.
 */
export function firstScreenCalls(clockNow: string | null): FirstCall[] {
  const at = clockNow === null ? Number.NaN : Date.parse(clockNow);
  if (!Number.isFinite(at)) return [...FIRST_SCREEN_READS];
  const today = new Date(at).toISOString().slice(0, 10);
  return [...FIRST_SCREEN_READS, ['sales.summary', { from: `${today.slice(0, 7)}-01`, to: today, includeDemo: false }]];
}

/**
 * The first-screen calls whose answers grow with the partner's client count (a row per client: the selector and
 * the client list; 1.97 MB together at 5,000 clients, built in the console's one thread while the page asks for
 * its scripts). The trade carries them only while the selector has at most FIRST_LIST_MAX_ROWS rows; beyond
 * that the page asks for them over the wire as before (docs/performance.md, session 9).
 */
export const CLIENT_COUNT_CALLS: readonly MethodName[] = ['session.switcher', 'companies.list'];
export const FIRST_LIST_MAX_ROWS = 200;

/** A call's identity: its method and its input with the keys in order (`{a, b}` and `{b, a}` are one call). */
export function callKey(method: string, input: unknown): string {
  return `${method} ${JSON.stringify(input ?? {}, (_, value: unknown) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : value))}`;
}

/** The first screen's answers in the launch trade's reply: `seq`, the count of changes pushed before they were made. */
export interface FirstAnswers {
  seq: number;
  replies: { method: string; input: unknown; reply: CallReply }[];
}

/** The `first` of a trade's reply, if it has that shape (else undefined: the page asks over the wire). */
export function firstAnswersOf(value: unknown): FirstAnswers | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { seq, replies } = value as Record<string, unknown>;
  if (!Number.isSafeInteger(seq) || !Array.isArray(replies)) return undefined;
  const ok = replies.every((r: unknown) => typeof r === 'object' && r !== null && typeof (r as Record<string, unknown>).method === 'string' && typeof (r as Record<string, unknown>).reply === 'object' && (r as Record<string, unknown>).reply !== null);
  return ok ? { seq: seq as number, replies: replies as FirstAnswers['replies'] } : undefined;
}

/** The stream's first comment names the count of changes pushed so far: `: connected seq=<n>`. */
export const STREAM_SEQ_PREFIX = ': connected seq=';
