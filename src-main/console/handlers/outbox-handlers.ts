// Console methods for the local outbox (every email the platform would have sent).
import type { ConsoleContext, Handlers } from '../console-context';

type OutboxMethods = 'outbox.list' | 'outbox.markRead';

export function outboxHandlers(ctx: ConsoleContext): Pick<Handlers, OutboxMethods> {
  const { platform } = ctx;
  return {
    // As Self a partner sees its own mail and its clients'; acting as a client, only that client's.
    'outbox.list': ({ limit }) => platform.outbox.list(ctx.actor(), limit, ctx.isSelf() ? undefined : ctx.actingCompanyId()),
    'outbox.markRead': ({ messageId }) => {
      ctx.requireInScope(platform.outbox.companyOf(ctx.actor(), messageId));
      return platform.outbox.markRead(ctx.actor(), messageId);
    },
  };
}
