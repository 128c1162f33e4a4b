// Webhooks (#/webhooks, #/webhooks/:hookId): the hooks of the apps connected to the company the console
// acts as (as Self: the partner's own and its clients'), grouped by app, with their state (active,
// blocked until …, deactivated), queue and next retry; the delivery log of every attempt (virtualized,
// paged as you scroll) with the request's headers and body, replay and reactivate; and the platform clock
// to walk a retry schedule in seconds. Everything updates live through pushed events.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { WebhookAppGroup, WebhookAttemptDetail, WebhookAttemptSummary, WebhookBlock, WebhookHookInfo } from '../../src-shared/api/webhook-delivery-types';
import { formatDuration } from '../../src-shared/domain/durations';
import { WEBHOOK_LOG_RETENTION_DAYS } from '../../src-shared/domain/webhooks';
import { ClockControl, usePlatformNow } from '../frame/clock-control';
import { href } from '../router/routes';
import { navigate } from '../router/use-route';
import { useActions, useApp } from '../state/store-context';
import { useCapabilities } from '../state/use-capabilities';
import { formatCount, formatDateTime } from '../ui/format';
import { Icon } from '../ui/icons';
import { Card, PageHeader } from '../ui/page';
import { Loaded } from '../ui/loadable';
import { EmptyState, SkeletonRows, Spinner } from '../ui/states';
import { Table } from '../ui/table';
import { useAction } from '../ui/use-action';
import { PrivateNetworksCard } from './webhook-private-networks';
import './webhooks-screen.css';

const ROW_HEIGHT = 44;

const timeWithSeconds = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Date and time to the second (platform times: the clock may be days ahead, so the day always shows). */
function formatTime(iso: string | null): string {
  return iso ? timeWithSeconds.format(new Date(iso)) : '—';
}

/** Time only when it is on the platform's current day, else date and time. */
function formatCompactTime(iso: string | null, platformNow: number | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return platformNow !== null && date.toDateString() === new Date(platformNow).toDateString() ? timeOnly.format(date) : timeWithSeconds.format(date);
}

function untilText(iso: string, platformNow: number | null): string {
  if (platformNow === null) return '';
  const ms = Date.parse(iso) - platformNow;
  return ms <= 0 ? 'due now' : `in ${formatDuration(ms)}`;
}

function HookStateBadge({ hook, block }: { hook: WebhookHookInfo; block: WebhookBlock | null }) {
  if (!hook.isActive) {
    return (
      <span className="badge badge-declined" title={hook.deactivatedAt ? `Deactivated ${formatDateTime(hook.deactivatedAt)}` : 'Deactivated'} data-testid={`hook-state-${hook.id}`}>
        Deactivated
      </span>
    );
  }
  if (block) {
    return (
      <span className="badge badge-pending" title={`Blocked until ${formatTime(block.nextAttemptAt)}: every hook of this app and company waits for the next retry`} data-testid={`hook-state-${hook.id}`}>
        Blocked
      </span>
    );
  }
  return (
    <span className="badge badge-accepted" data-testid={`hook-state-${hook.id}`}>
      Active
    </span>
  );
}

function StatusBadge({ attempt }: { attempt: Pick<WebhookAttemptSummary, 'ok' | 'statusCode' | 'error'> }) {
  const label = attempt.statusCode !== null ? String(attempt.statusCode) : attempt.error?.startsWith('no answer') ? 'Timeout' : 'No answer';
  return <span className={`badge status-badge ${attempt.ok ? 'badge-accepted' : 'badge-declined'}`}>{label}</span>;
}

function kindLabel(attempt: Pick<WebhookAttemptSummary, 'kind' | 'retryNumber'>, total?: number): string {
  if (attempt.kind === 'retry') return `Retry ${attempt.retryNumber}${total ? ` of ${total}` : ''}`;
  return attempt.kind === 'replay' ? 'Replay' : 'Delivery';
}

function BlockNotice({ block, platformNow }: { block: WebhookBlock; platformNow: number | null }) {
  const next = block.retriesDone + 1;
  return (
    <div className={`wh-block${block.alertedAt ? ' wh-block-alert' : ''}`} role="status" data-testid="pair-block">
      <Icon name="alert" size={16} />
      <div>
        {block.alertedAt && (
          <strong className="wh-alert-line" data-testid="pair-alert">
            Failing for 24 hours: deactivated at about {formatTime(block.deactivatesAt)} ({untilText(block.deactivatesAt, platformNow)}) unless the endpoint answers. The
            developer was emailed.{' '}
          </strong>
        )}
        <strong>
          Blocked until {formatTime(block.nextAttemptAt)} ({untilText(block.nextAttemptAt, platformNow)})
        </strong>
        <span>
          {' '}
          — failing since {formatTime(block.firstFailureAt)}, last error {block.lastError ?? 'unknown'}. Retry {next} of {block.retriesTotal} goes out then with the
          oldest queued event; new events wait for it.{next === block.retriesTotal ? ' If it fails, the hook is deactivated and the developer gets an email.' : ''}
        </span>
      </div>
    </div>
  );
}

function AppGroupCard({ group, selected, showCompany, platformNow }: { group: WebhookAppGroup; selected: number | null; showCompany: boolean; platformNow: number | null }) {
  const actions = useActions();
  const reactivate = useAction((id: number) => actions.reactivate(id));
  const busy = reactivate.running?.[0] ?? null;
  return (
    <Card
      testId={`app-group-${group.appId}-${group.companyId}`}
      title={
        <>
          <Icon name="webhook" size={16} /> {group.appName}
          {showCompany && <span className="wh-company"> · {group.companyName}</span>}
        </>
      }
      description={`App developer: ${group.developerEmail || 'no address registered'} — deactivation notices go there (local outbox).`}
      flush
    >
      {group.block && <BlockNotice block={group.block} platformNow={platformNow} />}
      <div className="wh-hooks-wrap">
        <Table
          className="table wh-hooks"
          rows={group.hooks}
          rowKey={(hook) => hook.id}
          rowClassName={(hook) => (hook.id === selected ? 'is-selected' : undefined)}
          rowTestId={(hook) => `hook-row-${hook.id}`}
          columns={[
            { header: 'Topic', cell: (hook) => <code>{hook.topic}</code> },
            { header: 'Address', className: 'wh-address', headerClassName: '', cellTitle: (hook) => hook.address, cell: (hook) => hook.address },
            {
              header: 'State',
              cell: (hook) => (
                <span className="wh-state">
                  <HookStateBadge hook={hook} block={group.block} />
                  {!hook.isActive && (
                    <button type="button" className="btn btn-small btn-primary" disabled={busy === hook.id} onClick={() => void reactivate.run(hook.id)} data-testid={`hook-reactivate-${hook.id}`}>
                      {busy === hook.id ? <Spinner /> : <Icon name="refresh" size={14} />} Reactivate
                    </button>
                  )}
                </span>
              ),
            },
            { header: 'Queued', className: 'num', cellTestId: (hook) => `hook-queued-${hook.id}`, cell: (hook) => formatCount(hook.queued) },
            { header: 'Delivered', className: 'num', cell: (hook) => formatCount(hook.delivered) },
            {
              header: 'Last attempt',
              className: 'wh-last',
              headerClassName: '',
              cell: (hook) =>
                hook.lastAttemptAt ? (
                  <>
                    {formatCompactTime(hook.lastAttemptAt, platformNow)} {hook.lastStatus !== null && <span className="muted">· {hook.lastStatus}</span>}
                  </>
                ) : (
                  <span className="muted">never</span>
                ),
            },
            {
              header: 'Actions',
              hiddenHeader: true,
              className: 'wh-actions',
              headerClassName: '',
              cell: (hook) => (
                <a className="btn btn-small btn-ghost" href={href({ name: 'webhooks', webhookId: hook.id === selected ? null : hook.id })} data-testid={`hook-log-${hook.id}`}>
                  {hook.id === selected ? 'All hooks' : 'Log'}
                </a>
              ),
            },
          ]}
        />
      </div>
    </Card>
  );
}

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

function DeliveryLog({
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

export function WebhooksScreen({ webhookId }: { webhookId: number | null }) {
  const overview = useApp((s) => s.webhooks.overview);
  const isSelf = useApp((s) => s.session.info?.isSelf ?? true);
  const actingName = useApp((s) => s.session.info?.acting?.name ?? '');
  const actions = useActions();
  const platformNow = usePlatformNow();
  const caps = useCapabilities();

  useEffect(() => {
    void actions.loadWebhooks();
  }, [actions]);

  const groups = useMemo(() => overview.data?.groups ?? [], [overview.data]);
  const hookOptions = useMemo(() => {
    const several = new Set(groups.map((g) => g.companyId)).size > 1;
    return groups.flatMap((g) => g.hooks.map((h) => ({ id: h.id, label: `${h.topic} → ${h.address}${several ? ` (${g.companyName})` : ''}` })));
  }, [groups]);
  const appNames = useMemo(() => new Map(groups.map((g) => [g.appId, g.appName])), [groups]);
  const totals = groups.reduce((t, g) => ({ hooks: t.hooks + g.hooks.length, queued: t.queued + g.hooks.reduce((n, h) => n + h.queued, 0), blocked: t.blocked + (g.block ? 1 : 0) }), { hooks: 0, queued: 0, blocked: 0 });

  return (
    <div className="page" data-testid="webhooks">
      <PageHeader
        title="Webhooks"
        subtitle={
          isSelf
            ? 'Hooks of the apps connected to your company and your clients, and every delivery attempt.'
            : `Hooks of the apps connected to ${actingName}, and every delivery attempt.`
        }
        actions={<ClockControl />}
      />
      <Loaded
        value={overview}
        errorTitle="Could not load the webhooks"
        onRetry={() => void actions.loadWebhooks()}
        loading={
          <Card>
            <SkeletonRows rows={4} columns={5} />
          </Card>
        }
        isEmpty={(o) => o.groups.length === 0}
        empty={
          <EmptyState icon="webhook" title="No webhooks registered" testId="webhooks-empty">
            <p>
              Apps register hooks with <code>POST /admin/webhooks.json</code> and a token with the <code>webhooks</code> scope. Events then fire from real actions in the shop
              (an order placed, a customer created, a product changed); <code>partnerdeck trigger order/create --company ID</code> makes one.
            </p>
          </EmptyState>
        }
      >
        {() => (
          <>
            <p className="wh-summary" data-testid="webhooks-summary">
              {formatCount(totals.hooks)} hook{totals.hooks === 1 ? '' : 's'} · {formatCount(totals.queued)} queued
              {totals.blocked > 0 && ` · ${totals.blocked} app${totals.blocked === 1 ? '' : 's'} blocked after failures`}
            </p>
            <div className="wh-groups">
              {groups.map((g) => (
                <AppGroupCard key={`${g.appId}-${g.companyId}`} group={g} selected={webhookId} showCompany={isSelf} platformNow={platformNow} />
              ))}
            </div>
            <DeliveryLog webhookId={webhookId} hooks={hookOptions} appNames={appNames} platformNow={platformNow} />
          </>
        )}
      </Loaded>
      {caps.webhookNetworks && <PrivateNetworksCard />}
    </div>
  );
}
