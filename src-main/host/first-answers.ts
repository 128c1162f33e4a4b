// The first screen's answers a launch trade carries (issue 18 cold start): the overview's calls as Self, made by
// the browser host while the page's scripts download, each answered exactly as `POST /api/<method>` answers it
// (errors included), so the page renders its first screen with its data without a round trip after its modules
// ran. The calls are listed in src-shared/api/first-screen.ts; the page's side is src-renderer/api/first-answers.ts.
import { CLIENT_COUNT_CALLS, FIRST_LIST_MAX_ROWS, firstScreenCalls, type FirstAnswers } from '../../src-shared/api/first-screen';
import type { CallReply } from '../../src-shared/api/ipc';

/**
 * Asks `answer` for each first-screen call but `session.get` (the trade carries it as `info`), one at a time,
 * each after the event loop had its turn (the page's scripts are served meanwhile). app.info comes first: its
 * platform clock names the month of the sales headline. The calls whose answers grow with the client count
 * (CLIENT_COUNT_CALLS) come last, the selector first: when it has more than FIRST_LIST_MAX_ROWS rows neither it
 * nor the client list is carried (the page asks for them as it did before the trade carried answers).
 * `seq`: the changes the console had pushed before.
 */
export async function firstScreenAnswers(answer: (method: string, input: unknown) => Promise<CallReply>, seq: number): Promise<FirstAnswers> {
  const appInfo = await answer('app.info', {});
  const clockNow = appInfo.ok ? (appInfo.result as { clockNow?: unknown } | null)?.clockNow : undefined;
  const calls = firstScreenCalls(typeof clockNow === 'string' ? clockNow : null).filter(([method]) => method !== 'session.get');
  const grows = (method: string): boolean => (CLIENT_COUNT_CALLS as readonly string[]).includes(method);
  const lists = calls.filter(([method]) => grows(method)).sort(([a], [b]) => CLIENT_COUNT_CALLS.indexOf(a) - CLIENT_COUNT_CALLS.indexOf(b));
  const replies: FirstAnswers['replies'] = [];
  for (const [method, input] of [...calls.filter(([method]) => !grows(method)), ...lists]) {
    if (method === 'app.info') {
      replies.push({ method, input, reply: appInfo });
      continue;
    }
    await new Promise((resolve) => setImmediate(resolve));
    const reply = await answer(method, input);
    // Too many clients for the trade: leave the lists to the page (this one included).
    if (grows(method) && reply.ok && Array.isArray(reply.result) && reply.result.length > FIRST_LIST_MAX_ROWS) break;
    replies.push({ method, input, reply });
  }
  return { seq, replies };
}
