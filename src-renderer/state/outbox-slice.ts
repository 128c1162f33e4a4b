// The local outbox: every email the platform would have sent.
import type { OutboxMessage } from '../../src-shared/api/types';
import { createKeyedLoader } from './keyed-loader';
import { idle, ready, type Loadable } from './loadable';
import { fieldTarget, patch, type SliceContext } from './slice-context';
import type { SliceParts } from '../area';

export const OUTBOX_LIMIT = 200;

export interface OutboxState {
  list: Loadable<OutboxMessage[]>;
}

export interface OutboxActions {
  loadOutbox(): Promise<void>;
  markRead(messageId: number): Promise<void>;
}

export function unreadCount(messages: readonly OutboxMessage[] | null): number {
  return messages ? messages.reduce((n, m) => (m.readAt === null ? n + 1 : n), 0) : 0;
}

export function createOutboxSlice(ctx: SliceContext): SliceParts<OutboxState, OutboxActions> {
  const loader = createKeyedLoader();

  const actions: OutboxActions = {
    loadOutbox: () => loader.load('outbox', fieldTarget(ctx, 'outbox', 'list'), () => ctx.client.call('outbox.list', { limit: OUTBOX_LIMIT })),

    async markRead(messageId) {
      const current = ctx.get().outbox.list.data?.find((m) => m.id === messageId);
      if (!current || current.readAt !== null) return;
      // Optimistic: the dot disappears at once; a failure puts it back.
      const replace = (message: OutboxMessage) =>
        patch(ctx, 'outbox', (o) => ({ list: ready((o.list.data ?? []).map((m) => (m.id === message.id ? message : m))) }));
      replace({ ...current, readAt: new Date().toISOString() });
      try {
        replace(await ctx.client.call('outbox.markRead', { messageId }));
      } catch (error) {
        replace(current);
        ctx.get().actions.toast('error', error instanceof Error ? error.message : 'Could not mark the message read');
      }
    },
  };

  return {
    state: { list: idle() },
    actions,
    resync() {
      if (ctx.get().outbox.list.status !== 'idle') void actions.loadOutbox();
    },
  };
}
