// The first screen's answers a launch trade carries (issue 18 cold start): the overview's calls as Self, made by
// the browser host while the page's scripts download, each answered exactly as `POST /api/<method>` answers it
// (errors included), so the page renders its first screen with its data without a round trip after its modules
// ran. The calls are listed in src-shared/api/first-screen.ts; the page's side is src-renderer/api/first-answers.ts.
import { firstScreenCalls, type FirstAnswers } from '../../src-shared/api/first-screen';
import type { CallReply } from '../../src-shared/api/ipc';

/**
 * Asks `answer` for each first-screen call but `session.get` (the trade carries it as `info`), one at a time,
 * each after the event loop had its turn (the page's scripts are served meanwhile). app.info comes first: its
 * platform clock names the month of the sales headline. `seq`: the changes the console had pushed before.
 */
export async function firstScreenAnswers(answer: (method: string, input: unknown) => Promise<CallReply>, seq: number): Promise<FirstAnswers> {
  const appInfo = await answer('app.info', {});
  const clockNow = appInfo.ok ? (appInfo.result as { clockNow?: unknown } | null)?.clockNow : undefined;
  const replies: FirstAnswers['replies'] = [];
  for (const [method, input] of firstScreenCalls(typeof clockNow === 'string' ? clockNow : null)) {
    if (method === 'session.get') continue;
    if (method === 'app.info') {
      replies.push({ method, input, reply: appInfo });
      continue;
    }
    await new Promise((resolve) => setImmediate(resolve));
    replies.push({ method, input, reply: await answer(method, input) });
  }
  return { seq, replies };
}
