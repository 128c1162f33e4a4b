// The first screen's console calls run once, answers dropped, right after `partnerdeck console` listens (issue 18
// cold start): a freshly started process runs every handler cold (its code compiled, its input schema's checks
// built, its SQL statements prepared), and the page's first calls, all at once, waited for that in a row. The
// page needs ~0.3 s or more before it asks (navigation, its scripts); the process is idle meanwhile. Only reads
// (no answer is written anywhere, nothing is changed), one at a time, each after the event loop had its turn, so
// a request that arrives (the launch trade) is not held up by more than one call.
import type { CallEnvelope, ConsoleTransportTarget } from '../../src-shared/api/contract';
import { FIRST_SCREEN_READS } from '../../src-shared/api/first-screen';

const SELF: CallEnvelope = { acting: null };

/** Runs FIRST_SCREEN_READS once as Self, each after a turn of the event loop; failures are ignored (the page's own call reports them). */
export async function warmFirstScreen(target: ConsoleTransportTarget, stopped: () => boolean): Promise<void> {
  for (const [method, input] of FIRST_SCREEN_READS) {
    await new Promise((resolve) => setImmediate(resolve));
    if (stopped()) return;
    await target.invoke(method, input, SELF).catch(() => undefined);
  }
}
