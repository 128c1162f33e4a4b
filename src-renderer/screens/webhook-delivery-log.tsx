// The delivery log of the Webhooks screen: every attempt (virtualized, paged as you scroll), one attempt's request
// headers and body and its answer, replay.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { WebhookAttemptDetail, WebhookAttemptSummary } from '../../src-shared/api/webhook-delivery-types';
import { WEBHOOK_LOG_RETENTION_DAYS } from '../../src-shared/domain/webhooks';
import { navigate } from '../router/use-route';
import { useActions, useApp } from '../state/store-context';
import { Icon } from '../ui/icons';
import { Card } from '../ui/page';
import { Loaded } from '../ui/loadable';
import { EmptyState, SkeletonRows, Spinner } from '../ui/states';
import { formatCompactTime, formatTime, kindLabel, StatusBadge } from './webhook-format';
import './webhooks-screen.css';

const ROW_HEIGHT = 44;
function AttemptRows({
  items,
  selected,
  onSelect,
  onNearEnd,
  platformNow,
  appNames,
}: {
  appNames: Map<number, string>;
  items: WebhookAttemptSummary[];
  selected: number | null;
  onSelect: (id: number) => void;
  onNearEnd: () => void;
  platformNow: number | null;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10, useFlushSync: false });
  const virtualItems = virtualizer.getVirtualItems();
  const last = virtualItems.at(-1)?.index ?? 0;
  useEffect(() => {
    if (last >= items.length - 15) onNearEnd();
  }, [last, items.length, onNearEnd]);

  return (
    <div className="wh-log-list" ref={scrollRef} role="listbox" aria-label="Attempts" data-testid="attempts-scroll">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualItems.map((v) => {
          const a = items[v.index];
          return (
            <div
              key={a.id}
              role="option"
              aria-selected={a.id === selected}
              tabIndex={0}
              className={`wh-attempt${a.id === selected ? ' is-selected' : ''}`}
              style={{ height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
              onClick={() => onSelect(a.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') onSelect(a.id);
                else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  const next = items[v.index + (e.key === 'ArrowDown' ? 1 : -1)];
                  if (next) {
                    onSelect(next.id);
                    const sibling = (e.currentTarget as HTMLElement)[e.key === 'ArrowDown' ? 'nextElementSibling' : 'previousElementSibling'] as HTMLElement | null;
                    sibling?.focus();
                  }
                }
              }}
              data-testid="attempt-row"
              data-attempt-id={a.id}
            >
              <StatusBadge attempt={a} />
              <span className="wh-attempt-main">
                <span className="wh-attempt-top">
                  <code>{a.topic}</code>
                  <span className="wh-attempt-kind">{kindLabel(a)}</span>
                </span>
                <span className="wh-attempt-sub">
                  {appNames.size > 1 && `${appNames.get(a.appId) ?? `app ${a.appId}`} · `}
                  {formatCompactTime(a.attemptedAt, platformNow)} · {a.durationMs} ms{a.error ? ` · ${a.error}` : ''}
                </span>
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function AttemptDetail({ attemptId }: { attemptId: number }) {
  const detail = useApp((s) => s.webhooks.details[attemptId]);
  const replaying = useApp((s) => s.webhooks.replaying);
  const actions = useActions();
  useEffect(() => {
    void actions.loadAttempt(attemptId);
  }, [attemptId, actions]);

  return (
    <Loaded
      value={detail}
      errorTitle="Could not load the attempt"
      onRetry={() => void actions.loadAttempt(attemptId)}
      loading={
        <div className="wh-detail">
          <SkeletonRows rows={6} columns={2} />
        </div>
      }
    >
      {(a) => <AttemptView a={a} pending={a.replayPending || replaying.includes(a.eventId)} />}
    </Loaded>
  );
}

function AttemptView({ a, pending }: { a: WebhookAttemptDetail; pending: boolean }) {
  const actions = useActions();
  return (
    <article className="wh-detail" data-testid="attempt-detail">
      <header className="wh-detail-header">
        <div className="wh-detail-title">
          <StatusBadge attempt={a} />
          <h2>
            {kindLabel(a, 11)} · <code>{a.topic}</code>
          </h2>
        </div>
        <button
          type="button"
          className="btn btn-small"
          disabled={pending}
          onClick={() => void actions.replay(a.eventId).catch(() => undefined)}
          title="Send this event again: a new attempt with the same webhook-id, logged as a replay"
          data-testid="attempt-replay"
        >
          {pending ? <Spinner /> : <Icon name="replay" size={14} />} {pending ? 'Replay requested' : 'Replay'}
        </button>
      </header>
      <dl className="wh-facts">
        <div>
          <dt>Time</dt>
          <dd>{formatTime(a.attemptedAt)}</dd>
        </div>
        <div>
          <dt>Response</dt>
          <dd data-testid="attempt-response">
            {a.statusCode ?? 'none'} in {a.durationMs} ms
          </dd>
        </div>
        <div>
          <dt>Event</dt>
          <dd>
            #{a.eventId}, {a.eventState === 'delivered' ? 'delivered' : 'queued'} ({a.eventAttempts} attempt{a.eventAttempts === 1 ? '' : 's'})
          </dd>
        </div>
        <div>
          <dt>webhook-id</dt>
          <dd>
            <code>{a.messageId}</code>
          </dd>
        </div>
        <div className="wh-fact-wide">
          <dt>POST</dt>
          <dd className="wh-url">{a.url}</dd>
        </div>
      </dl>
      {a.error && (
        <p className="wh-error" role="alert">
          <Icon name="xCircle" size={15} /> {a.error}
        </p>
      )}
      <h3 className="wh-section">Request headers</h3>
      <table className="wh-headers" data-testid="attempt-headers">
        <tbody>
          {Object.entries(a.requestHeaders).map(([name, value]) => (
            <tr key={name}>
              <th>{name}</th>
              <td>
                <code>{value}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="wh-section">Request body</h3>
      <pre className="wh-body" data-testid="attempt-body">
        {prettyJson(a.requestBody)}
      </pre>
    </article>
  );
}

export function DeliveryLog({
  webhookId,
  hooks,
  appNames,
  platformNow,
}: {
  webhookId: number | null;
  hooks: { id: number; label: string }[];
  appNames: Map<number, string>;
  platformNow: number | null;
}) {
  const log = useApp((s) => s.webhooks.log);
  const actions = useActions();
  const [selected, setSelected] = useState<number | null>(null);

  useEffect(() => {
    void actions.loadAttempts(webhookId);
    setSelected(null);
  }, [actions, webhookId]);

  const items = log.webhookId === webhookId ? log.items : [];
  const shown = selected !== null && items.some((a) => a.id === selected) ? selected : (items[0]?.id ?? null);

  return (
    <Card
      testId="delivery-log"
      title="Delivery log"
      description={`Every attempt, newest first: time, status, latency, error, and the request as it was sent. Delivered events and their attempts are kept for ${WEBHOOK_LOG_RETENTION_DAYS} days of platform time.`}
      actions={
        <select
          className="input select wh-filter"
          value={webhookId ?? ''}
          onChange={(e) => navigate({ name: 'webhooks', webhookId: e.target.value ? Number(e.target.value) : null })}
          aria-label="Show the attempts of"
          data-testid="log-filter"
        >
          <option value="">All hooks</option>
          {hooks.map((h) => (
            <option key={h.id} value={h.id}>
              {h.label}
            </option>
          ))}
        </select>
      }
      flush
    >
      <Loaded
        value={{ status: log.status, data: log.status === 'ready' || items.length > 0 ? items : null, error: log.error }}
        errorTitle="Could not load the delivery log"
        onRetry={() => void actions.loadAttempts(webhookId)}
        loading={
          <div className="wh-log">
            <div className="wh-log-list">
              <SkeletonRows rows={6} columns={2} />
            </div>
            <div />
          </div>
        }
        empty={
          <EmptyState icon="send" title="No attempts yet" testId="attempts-empty">
            <p>When the platform does something a hook listens to — an order placed, a customer created, a product changed — the notification goes out and every attempt shows up here.</p>
          </EmptyState>
        }
      >
        {() => (
          <div className="wh-log">
            <div className="wh-log-column">
              <AttemptRows items={items} selected={shown} onSelect={setSelected} onNearEnd={() => void actions.loadOlderAttempts()} platformNow={platformNow} appNames={webhookId === null ? appNames : new Map()} />
              {log.loadingOlder && (
                <div className="wh-log-more">
                  <Spinner /> Loading older attempts…
                </div>
              )}
            </div>
            {shown !== null && <AttemptDetail key={shown} attemptId={shown} />}
          </div>
        )}
      </Loaded>
    </Card>
  );
}
