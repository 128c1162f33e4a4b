// Webhooks (#/webhooks, #/webhooks/:hookId): the hooks of the apps connected to the company the console
// acts as (as Self: the partner's own and its clients'), grouped by app, with their state (active,
// blocked until …, deactivated), queue and next retry; the delivery log of every attempt (virtualized,
// paged as you scroll) with the request's headers and body, replay and reactivate; and the platform clock
// to walk a retry schedule in seconds. Everything updates live through pushed events.
import { useEffect, useMemo, useState } from 'react';
import type { WebhookAppGroup, WebhookBlock, WebhookHookInfo } from '../../src-shared/api/webhook-delivery-types';
import { formatDuration } from '../../src-shared/domain/durations';
import { ClockControl, usePlatformNow } from '../frame/clock-control';
import { href } from '../router/routes';
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
import { RecoverDialog } from './webhook-recover-dialog';
import { SendTestDialog } from './webhook-send-dialog';
import { DeliveryLog } from './webhook-delivery-log';
import { formatCompactTime, formatTime } from './webhook-format';
import './webhooks-screen.css';

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
          className="table table-compact wh-hooks"
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

export function WebhooksScreen({ webhookId }: { webhookId: number | null }) {
  const overview = useApp((s) => s.webhooks.overview);
  const isSelf = useApp((s) => s.session.info?.isSelf ?? true);
  const actingName = useApp((s) => s.session.info?.acting?.name ?? '');
  const actions = useActions();
  const platformNow = usePlatformNow();
  const caps = useCapabilities();
  const [dialog, setDialog] = useState<'send' | 'recover' | null>(null);

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
      {dialog === 'send' && <SendTestDialog groups={groups} onClose={() => setDialog(null)} />}
      {dialog === 'recover' && platformNow !== null && <RecoverDialog hooks={hookOptions} platformNow={platformNow} onClose={() => setDialog(null)} />}
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
            <div className="wh-toolbar">
              <p className="wh-summary" data-testid="webhooks-summary">
                {formatCount(totals.hooks)} hook{totals.hooks === 1 ? '' : 's'} · {formatCount(totals.queued)} queued
                {totals.blocked > 0 && ` · ${totals.blocked} app${totals.blocked === 1 ? '' : 's'} blocked after failures`}
              </p>
              <div className="wh-head-actions">
                <button type="button" className="btn btn-small" onClick={() => setDialog('send')} data-testid="wh-send-open">
                  <Icon name="send" size={14} /> Send test event…
                </button>
                <button type="button" className="btn btn-small" onClick={() => setDialog('recover')} disabled={platformNow === null} data-testid="wh-recover-open">
                  <Icon name="replay" size={14} /> Recover failed…
                </button>
              </div>
            </div>
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
