// The platform clock for the operator (spec §9), under /_partnerdeck/ and so behind the admin token:
// `GET /_partnerdeck/clock` tells platform time and the offset; `POST /_partnerdeck/clock` with
// {"advance": "2h"} (or {"advanceMs": 7200000}) moves it forward, then waits (up to 60 s) until the
// webhook dispatcher has run everything that fell due, and says how many attempts that made. This is what
// `partnerdeck clock show|advance` talks to.
import { ApiError } from '../../../../src-shared/api/errors';
import { MAX_CLOCK_ADVANCE_MS, parseDuration } from '../../../../src-shared/domain/durations';
import type { Actor } from '../../access';
import { HttpError } from '../http-error';
import { mediaType, readText, sendJson } from '../http-io';
import type { PlatformModule } from '../router';

export const CLOCK_PATH = '/_partnerdeck/clock';
/** The admin token is the operator's (whoever started `serve` holds it): no user is involved on this route. */
const CLOCK_OPERATOR: Actor = { kind: 'operator', label: 'operator:admin-token' };
const SETTLE_LIMIT_MS = 60_000;

/** The milliseconds a clock request asks for, or an HttpError naming the field and the problem. */
export function advanceOf(body: unknown): number {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'invalid_request', 'The body must be a JSON object such as {"advance": "2h"}.');
  const { advance, advanceMs } = body as { advance?: unknown; advanceMs?: unknown };
  let ms: number | null;
  if (advance !== undefined) {
    ms = typeof advance === 'string' ? parseDuration(advance) : null;
    if (ms === null) throw new HttpError(422, 'invalid_request', `advance: "${String(advance)}" is not a duration (e.g. 90s, 15m, 2h, 3d, 1h30m)`);
  } else if (advanceMs !== undefined) {
    ms = typeof advanceMs === 'number' && Number.isSafeInteger(advanceMs) ? advanceMs : null;
    if (ms === null) throw new HttpError(422, 'invalid_request', 'advanceMs: must be a whole number of milliseconds');
  } else {
    throw new HttpError(422, 'invalid_request', 'advance: is required (e.g. {"advance": "2h"})');
  }
  if (ms <= 0) throw new HttpError(422, 'invalid_request', 'advance: must be more than zero (the clock only moves forward)');
  if (ms > MAX_CLOCK_ADVANCE_MS) throw new HttpError(422, 'invalid_request', 'advance: must be at most 366 days per move (the clock never moves back)');
  return ms;
}

export const clockModule: PlatformModule = ({ platform }) => ({
  routes: [
    {
      method: 'GET',
      path: CLOCK_PATH,
      handle: ({ res }) => sendJson(res, 200, { clock: platform.webhookDeliveries.clock(), dispatcher: platform.webhookDeliveries.dispatcherState() }),
    },
    {
      method: 'POST',
      path: CLOCK_PATH,
      handle: async ({ req, res }) => {
        if (mediaType(req) !== 'application/json') throw new HttpError(415, 'invalid_request', 'Send JSON (Content-Type: application/json).');
        let body: unknown;
        try {
          body = JSON.parse(await readText(req, 4096));
        } catch (error) {
          if (error instanceof HttpError) throw error;
          throw new HttpError(400, 'invalid_request', 'The body is not valid JSON.');
        }
        const ms = advanceOf(body);
        const deliveries = platform.webhookDeliveries;
        const before = deliveries.attemptsLogged();
        try {
          deliveries.advanceClock(CLOCK_OPERATOR, ms);
        } catch (error) {
          if (error instanceof ApiError) throw new HttpError(422, 'invalid_request', error.message);
          throw error;
        }
        let timer: ReturnType<typeof setTimeout> | undefined;
        const settled = await Promise.race([
          deliveries.settle().then(() => true),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), SETTLE_LIMIT_MS))),
        ]);
        clearTimeout(timer);
        sendJson(res, 200, {
          clock: deliveries.clock(),
          advancedMs: ms,
          dispatcher: deliveries.dispatcherState(),
          webhookAttempts: deliveries.attemptsLogged() - before,
          settled,
        });
      },
    },
  ],
});
