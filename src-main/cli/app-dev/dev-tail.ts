// `partnerdeck app dev`'s live tail: the app's webhook delivery attempts and its API requests (/admin, /token,
// /api/tokeninfo), one line each, in the order they happened, until Ctrl+C. Both are read from the data folder,
// so they show whichever process delivered or served them (app dev's own platform, or the console or serve it
// joined).
import type { ApiRequestEntry } from '../../../src-shared/api/devtools-types';
import { WHOLE_LOG } from '../../core/devtools/api-log-service';
import type { Platform } from '../../core/platform';
import type { Paint } from '../cli-io';

/** How often the tail looks for new rows (API log rows are written in batches a few ms after each request). */
const POLL_MS = 200;
const PAGE = 100;

type Attempt = ReturnType<Platform['appDev']['attemptsAfter']>[number];

/** One webhook attempt as a terminal line. */
export function webhookLine(row: Attempt, p: Paint, at: Date): string {
  const data = (JSON.parse(row.payload) as { data: { type: string; id: string } }).data;
  const answer = row.statusCode === null ? p.red(`failed: ${row.error ?? ''}`) : row.ok ? p.green(`[${row.statusCode}]`) : p.red(`[${row.statusCode}]`);
  const kind = row.kind === 'delivery' ? '' : ` (${row.kind}${row.retryNumber ? ` ${row.retryNumber}` : ''})`;
  return `${at.toISOString().slice(11, 19)}  webhook ${row.topic.padEnd(20)} ${data.type} ${data.id} -> ${row.url}  ${answer} ${row.durationMs} ms${kind}`;
}

/** One API request as a terminal line: time, method, path, status, latency, error code (then any mark). */
export function apiLine(entry: ApiRequestEntry, p: Paint): string[] {
  const status = entry.status >= 400 ? p.red(`[${entry.status}]`) : p.green(`[${entry.status}]`);
  const line = `${entry.at.slice(11, 19)}  api     ${entry.method.padEnd(6)} ${entry.path}  ${status} ${Math.round(entry.durationMs)} ms${entry.errorCode ? `  ${p.red(entry.errorCode)}` : ''}`;
  return [line, ...entry.notes.map((note) => `          ${p.cyan(`↳ ${note.kind.replace(/_/g, ' ')}: ${note.feature.replace(/_/g, ' ')}`)} ${p.dim(`— ${note.detail}`)}`)];
}

export interface TailSink {
  webhook(row: Attempt): void;
  api(entry: ApiRequestEntry): void;
}

/** Follows the app's webhook attempts and API requests from now on until `stopped` resolves. */
export async function tailApp(platform: Platform, appId: number, stopped: Promise<unknown>, sink: TailSink): Promise<void> {
  let attemptCursor = platform.appDev.lastAttemptId();
  let apiCursor = platform.apiLog.lastId();
  let stopping = false;
  void stopped.then(() => (stopping = true));
  while (!stopping) {
    const attempts = platform.appDev.attemptsAfter(appId, attemptCursor, PAGE);
    for (const row of attempts) {
      attemptCursor = row.id;
      sink.webhook(row);
    }
    // Everything up to `seen` is read (matching the app or not), so the next page starts after it.
    const seen = platform.apiLog.lastId();
    const page = platform.apiLog.list(WHOLE_LOG, { appId, companyId: null, status: 'all', marked: false, beforeId: null, afterId: apiCursor, limit: PAGE });
    for (const entry of page.items) sink.api(entry);
    const fullApi = page.items.length >= PAGE;
    apiCursor = fullApi ? page.items[page.items.length - 1].id : Math.max(seen, page.items.at(-1)?.id ?? 0, apiCursor);
    if (attempts.length < PAGE && !fullApi) await Promise.race([new Promise((done) => setTimeout(done, POLL_MS)), stopped]);
  }
}
