// The local outbox (#/outbox, #/outbox/:id): every email the platform would have sent, with a reading
// pane. Opening a message marks it read.
import { useEffect, useMemo, useState } from 'react';
import { href } from '../router/routes';
import { navigate } from '../router/use-route';
import { OUTBOX_LIMIT, unreadCount } from '../state/outbox-slice';
import { useActions, useApp } from '../state/store-context';
import { formatDateTime, formatShortDateTime, plural } from '../ui/format';
import { Icon } from '../ui/icons';
import { PageHeader } from '../ui/page';
import { Loaded } from '../ui/loadable';
import { EmptyState, SkeletonRows } from '../ui/states';
import { platformPlace } from '../frame/platform-place';
import './outbox-screen.css';

const KIND_LABELS: Record<string, string> = {
  welcome: 'Welcome',
  'user.welcome': 'Welcome',
  webhook: 'Webhook',
  report: 'Report',
  invoice: 'Invoice',
  partner_request: 'Partner',
};

function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind.replace(/[._]/g, ' ');
}

export function OutboxScreen({ messageId }: { messageId: number | null }) {
  const outbox = useApp((s) => s.outbox.list);
  const actions = useActions();
  const [unreadOnly, setUnreadOnly] = useState(false);
  // Non-administrators read the mail of their permissions' areas and mail addressed to them (I7): say so.
  const partial = useApp((s) => Boolean(s.session.info?.user && !s.session.info.user.isAdmin));
  const { emailsNote } = useMemo(() => platformPlace(), []);
  const scope = partial ? ' Mail about areas you have no permission for is not shown.' : '';

  useEffect(() => {
    void actions.loadOutbox();
  }, [actions]);

  const messages = useMemo(() => outbox.data ?? [], [outbox.data]);
  const shown = useMemo(() => (unreadOnly ? messages.filter((m) => m.readAt === null || m.id === messageId) : messages), [messages, unreadOnly, messageId]);
  const selected = messageId !== null ? (messages.find((m) => m.id === messageId) ?? null) : null;
  const unread = unreadCount(messages);

  useEffect(() => {
    if (selected && selected.readAt === null) void actions.markRead(selected.id);
  }, [selected, actions]);

  const open = (id: number) => navigate({ name: 'outbox', messageId: id }, { replace: messageId !== null });

  const onListKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const index = shown.findIndex((m) => m.id === messageId);
    const next = e.key === 'ArrowDown' ? Math.min(shown.length - 1, index + 1) : Math.max(0, index - 1);
    if (shown[next]) {
      open(shown[next].id);
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="outbox-item-${shown[next].id}"]`)?.focus());
    }
  };

  return (
    <div className="page page-fill" data-testid="outbox">
      <PageHeader
        title="Outbox"
        subtitle={
          outbox.data
            ? `${plural(messages.length, 'email', 'emails')}${unread ? `, ${unread} unread` : ''} — everything the platform would have sent. ${emailsNote}${scope}`
            : `Everything the platform would have sent. ${emailsNote}${scope}`
        }
        actions={
          <label className="toggle-inline">
            <input type="checkbox" className="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} data-testid="outbox-unread-only" />
            Unread only
          </label>
        }
      />
      <Loaded
        value={outbox}
        errorTitle="Could not load the outbox"
        onRetry={() => void actions.loadOutbox()}
        loading={
          <div className="mail-layout">
            <div className="mail-list">
              <SkeletonRows rows={7} columns={2} />
            </div>
            <div className="mail-reader" />
          </div>
        }
        empty={
          <EmptyState icon="inbox" title="No emails yet" testId="outbox-empty">
            <p>Welcome emails for new users, webhook notices and monthly reports land here instead of being sent.</p>
          </EmptyState>
        }
      >
        {() => (
          <div className="mail-layout">
            <div className="mail-list" role="listbox" aria-label="Emails" data-testid="outbox-list" onKeyDown={onListKey}>
              {shown.length === 0 && (
                <div className="card-empty">
                  <Icon name="checkCircle" size={18} /> All read.
                </div>
              )}
              {shown.map((m) => (
                <a
                  key={m.id}
                  href={href({ name: 'outbox', messageId: m.id })}
                  role="option"
                  aria-selected={m.id === messageId}
                  className={`mail-item${m.id === messageId ? ' is-selected' : ''}${m.readAt ? '' : ' is-unread'}`}
                  data-testid={`outbox-item-${m.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    open(m.id);
                  }}
                >
                  <span className={`unread-dot${m.readAt ? ' is-read' : ''}`} aria-label={m.readAt ? undefined : 'Unread'} data-testid={m.readAt ? undefined : 'unread-dot'} />
                  <span className="mail-item-main">
                    <span className="mail-item-top">
                      <span className="mail-to">{m.to}</span>
                      <span className="mail-time">{formatShortDateTime(m.createdAt)}</span>
                    </span>
                    <span className="mail-subject">{m.subject}</span>
                    <span className="mail-snippet">{m.body.replace(/\s+/g, ' ').slice(0, 90)}</span>
                  </span>
                </a>
              ))}
              {messages.length >= OUTBOX_LIMIT && <div className="mail-more">Showing the latest {OUTBOX_LIMIT} emails.</div>}
            </div>
            <div className="mail-reader" data-testid="outbox-reader">
              {selected ? (
                <article className="mail">
                  <header className="mail-header">
                    <h2 className="mail-title">{selected.subject}</h2>
                    <dl className="mail-meta">
                      <div>
                        <dt>To</dt>
                        <dd>{selected.to}</dd>
                      </div>
                      <div>
                        <dt>Date</dt>
                        <dd>{formatDateTime(selected.createdAt)}</dd>
                      </div>
                      <div>
                        <dt>Type</dt>
                        <dd>
                          <span className="badge badge-neutral">{kindLabel(selected.kind)}</span>
                        </dd>
                      </div>
                    </dl>
                  </header>
                  <pre className="mail-body">{selected.body}</pre>
                </article>
              ) : (
                <EmptyState icon="mail" title="Select an email to read it">
                  <p>Use the arrow keys to move through the list.</p>
                </EmptyState>
              )}
            </div>
          </div>
        )}
      </Loaded>
    </div>
  );
}
