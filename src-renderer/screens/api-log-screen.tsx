// API requests (#/api-requests): every request apps made to /admin, /token and /api/tokeninfo of the local
// platform, newest first (virtualized, paged as you scroll), live (pushed notices from this process, a slow poll
// for a serve in another process), filtered by app, company (searchable among thousands of clients), outcome
// and marks; one request's facts and marks (a local-only convenience and what the hosted platform would have
// done, a strict-mode refusal, an OAuth chaos action) beside the list; and the hosted-compatibility switch.
import { useCallback, useEffect, useState } from 'react';
import type { ApiRequestEntry, ApiRequestNote, ApiStatusFilter } from '../../src-shared/api/devtools-types';
import type { ApiLogFilter } from '../state/dev-tools-slice';
import { useActions, useApp } from '../state/store-context';
import { formatCount } from '../ui/format';
import { Icon } from '../ui/icons';
import { Card, PageHeader } from '../ui/page';
import { Loaded } from '../ui/loadable';
import { SearchPicker, type PickerOption } from '../ui/search-picker';
import { Segmented } from '../ui/segmented';
import { EmptyState, SkeletonRows, Spinner } from '../ui/states';
import { VirtualListBox } from '../ui/virtual-list-box';
import './api-log-screen.css';

const ROW_HEIGHT = 40;
/** A serve in another process writes to the same folder without telling this console: look every few seconds. */
const POLL_MS = 3000;
const RETENTION_DAYS = 30;

const timeWithSeconds = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Time only for the newest request's day, date and time otherwise (the platform clock may run days ahead). */
function rowTime(iso: string, newestDay: string | null): string {
  const date = new Date(iso);
  return date.toDateString() === newestDay ? timeOnly.format(date) : timeWithSeconds.format(date);
}

const STATUS_OPTIONS: { value: ApiStatusFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'ok', label: 'Succeeded' },
  { value: 'errors', label: 'Failed' },
  { value: '4xx', label: '4xx' },
  { value: '5xx', label: '5xx' },
];

function noteLabel(note: ApiRequestNote): string {
  const feature = note.feature.replace(/_/g, ' ');
  if (note.kind === 'local_only') return `Local only: ${feature}`;
  if (note.kind === 'refused_strict') return `Refused (strict): ${feature}`;
  if (note.kind === 'grace') return `Grace period: ${note.detail}`;
  return `Chaos: ${feature}`;
}

function StatusCode({ status }: { status: number }) {
  return <span className={`badge status-badge ${status < 400 ? 'badge-accepted' : status < 500 ? 'badge-pending' : 'badge-declined'}`}>{status}</span>;
}

function CompanyFilter({ companyId, onChange }: { companyId: number | null; onChange: (companyId: number | null) => void }) {
  const actions = useActions();
  const [name, setName] = useState<string | null>(null);
  const search = useCallback(
    async (text: string): Promise<PickerOption<{ id: number; name: string }>[]> => {
      const found = await actions.searchClients(text);
      return found.map((c) => ({ key: c.id, label: c.name, sub: [c.city, c.country].filter(Boolean).join(', '), value: c }));
    },
    [actions],
  );
  if (companyId !== null) {
    return (
      <span className="chip chip-removable filter-chip" data-testid="api-filter-company">
        Company: {name ?? `#${companyId}`}
        <button type="button" className="chip-remove" aria-label="Show every company's requests" onClick={() => onChange(null)}>
          <Icon name="x" size={11} />
        </button>
      </span>
    );
  }
  return (
    <div className="toolbar-picker api-company-picker">
      <SearchPicker<{ id: number; name: string }>
        label="Company"
        placeholder="Filter by company…"
        search={search}
        onPick={(c) => {
          setName(c.name);
          onChange(c.id);
        }}
        testId="api-filter-company-picker"
      />
    </div>
  );
}

/** The hosted-compatibility (strict) switch: here in the header, and on Settings (#/settings). */
export function StrictSwitch() {
  const compatibility = useApp((s) => s.devTools.compatibility);
  const actions = useActions();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void actions.loadCompatibility();
  }, [actions]);
  const info = compatibility.data;
  const forced = info?.source === 'flag';
  // On a team server the mode is every team's: only the platform operator changes it (the console refuses others).
  const teamWide = useApp((s) => s.session.appInfo?.host === 'team' && !s.session.info?.isOperator);
  return (
    <label
      className={`api-strict${info?.strict ? ' is-on' : ''}`}
      title={
        forced
          ? 'Forced on by --strict for this process'
          : teamWide
            ? "On a team server this mode is every team's: only the platform operator changes it (partnerdeck serve --console --strict on the server)."
            : 'On: the local platform accepts only what the hosted platform is specified to (no HTTP Basic client authentication, no PKCE, no token in the tokeninfo header, …). Off: those are served and marked in this log.'
      }
    >
      <input
        type="checkbox"
        role="switch"
        checked={info?.strict ?? false}
        disabled={!info || forced || teamWide || busy}
        onChange={(e) => {
          setBusy(true);
          void actions
            .setStrict(e.target.checked)
            .catch(() => undefined)
            .finally(() => setBusy(false));
        }}
        data-testid="strict-switch"
      />
      <span>Hosted-compatibility mode{forced ? ' (--strict)' : teamWide ? ' (set by the platform operator)' : ''}</span>
    </label>
  );
}

function RequestRows({ items, selected, onSelect, onNearEnd }: { items: ApiRequestEntry[]; selected: number | null; onSelect: (id: number) => void; onNearEnd: () => void }) {
  const newestDay = items.length > 0 ? new Date(items[0].at).toDateString() : null;
  return (
    <VirtualListBox items={items} selected={selected} onSelect={onSelect} onNearEnd={onNearEnd} nearEnd={20} rowHeight={ROW_HEIGHT} overscan={12} rowData={(r) => ({ 'data-request-id': r.id })}
      className="api-list" label="API requests" rowClassName="api-row" testId="api-requests-scroll" rowTestId="api-request-row">
      {(r) => (
        <>
          <span className="api-time" title={timeWithSeconds.format(new Date(r.at))}>
            {rowTime(r.at, newestDay)}
          </span>
          <StatusCode status={r.status} />
          <span className="api-path" title={`${r.method} ${r.path}`}>
            <span className="api-method">{r.method}</span> {r.path}
          </span>
          <span className="api-who" title={[r.appName, r.companyName].filter(Boolean).join(' · ')}>
            {r.appName ?? (r.appId ? `app ${r.appId}` : '—')}
            {r.companyName ? ` · ${r.companyName}` : ''}
          </span>
          <span className="api-ms">{r.durationMs} ms</span>
          <span className="api-flags">
            {r.errorCode && (
              <span className="api-error" title={r.errorCode}>
                {r.errorCode}
              </span>
            )}
            {r.notes.length > 0 && (
              <span className={`badge ${r.notes.some((n) => n.kind === 'refused_strict') ? 'badge-declined' : 'badge-pending'}`} title={r.notes.map(noteLabel).join('\n')}>
                {r.notes.some((n) => n.kind === 'chaos') ? 'chaos' : r.notes.some((n) => n.kind === 'grace') ? 'old secret' : 'local only'}
              </span>
            )}
          </span>
        </>
      )}
    </VirtualListBox>
  );
}

function RequestDetail({ r }: { r: ApiRequestEntry }) {
  return (
    <article className="api-detail" data-testid="api-request-detail">
      <header className="api-detail-header">
        <StatusCode status={r.status} />
        <h2>
          {r.method} <code>{r.path}</code>
        </h2>
      </header>
      <dl className="wh-facts">
        <div>
          <dt>Time (platform)</dt>
          <dd>{timeWithSeconds.format(new Date(r.at))}</dd>
        </div>
        <div>
          <dt>Latency</dt>
          <dd>{r.durationMs} ms</dd>
        </div>
        <div>
          <dt>App</dt>
          <dd>{r.appName ? `${r.appName} (#${r.appId})` : r.appId ? `#${r.appId}` : 'not identified (no valid token or client)'}</dd>
        </div>
        <div>
          <dt>Company</dt>
          <dd>{r.companyName ? `${r.companyName} (#${r.companyId})` : r.companyId ? `#${r.companyId}` : '—'}</dd>
        </div>
        <div>
          <dt>Error code</dt>
          <dd>{r.errorCode ?? '—'}</dd>
        </div>
        <div>
          <dt>Client address</dt>
          <dd data-testid="api-request-client">{r.clientAddress ?? '—'}</dd>
        </div>
      </dl>
      {r.notes.length > 0 ? (
        <>
          <h3 className="wh-section">What the hosted platform would do</h3>
          <ul className="api-notes" data-testid="api-request-notes">
            {r.notes.map((note, i) => (
              <li key={i} className={`api-note api-note-${note.kind}`}>
                <strong>{noteLabel(note)}</strong>
                <span>{note.detail}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="api-muted">This request used only what the hosted platform is specified to offer.</p>
      )}
      <p className="api-muted">Tokens, secrets and bodies are never logged; secret query values show as [redacted].</p>
    </article>
  );
}

export function ApiLogScreen() {
  const view = useApp((s) => s.devTools.apiLog);
  const apps = useApp((s) => s.devTools.apiApps);
  const isSelf = useApp((s) => s.session.info?.isSelf ?? true);
  const actingName = useApp((s) => s.session.info?.acting?.name ?? '');
  const actions = useActions();
  const [selected, setSelected] = useState<number | null>(null);
  const filter = view.filter;
  const setFilter = (change: Partial<ApiLogFilter>) => void actions.loadApiLog({ ...filter, ...change });

  useEffect(() => {
    void actions.loadApiLog(filter);
    void actions.loadApiApps();
    // The filter is kept in the store across visits; load it once on arrival.
  }, [actions]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void actions.loadNewerApiRequests();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [actions]);

  const items = view.items;
  const shown = selected !== null && items.some((r) => r.id === selected) ? selected : (items[0]?.id ?? null);
  const shownEntry = items.find((r) => r.id === shown) ?? null;
  const filtered = filter.appId !== null || filter.companyId !== null || filter.status !== 'all' || filter.marked;
  const loadOlder = useCallback(() => void actions.loadOlderApiRequests(), [actions]);

  return (
    <div className="page" data-testid="api-log">
      <PageHeader
        title="API requests"
        subtitle={
          isSelf
            ? 'Every request apps made to /admin, /token and /api/tokeninfo of the local platform, for your company and your clients, live.'
            : `Every request apps made for ${actingName} to /admin, /token and /api/tokeninfo, live.`
        }
        actions={<StrictSwitch />}
      />
      <Card
        testId="api-log-card"
        title="Request log"
        description={`Newest first: time (platform clock), status, method and path, app and company, latency, error code, and what the hosted platform would do differently. Kept ${RETENTION_DAYS} days of platform time. In a terminal: partnerdeck logs tail.`}
        flush
      >
        <div className="api-toolbar">
          <select
            className="input select"
            value={filter.appId ?? ''}
            onChange={(e) => setFilter({ appId: e.target.value ? Number(e.target.value) : null })}
            aria-label="App"
            data-testid="api-filter-app"
          >
            <option value="">All apps</option>
            {(apps.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          {isSelf && <CompanyFilter companyId={filter.companyId} onChange={(companyId) => setFilter({ companyId })} />}
          <Segmented label="Outcome" value={filter.status} options={STATUS_OPTIONS} onChange={(status) => setFilter({ status })} testIdPrefix="api-status" />
          <label className="api-marked">
            <input type="checkbox" checked={filter.marked} onChange={(e) => setFilter({ marked: e.target.checked })} data-testid="api-filter-marked" /> Only local-only or refused
          </label>
          <span className="api-live" aria-live="polite">
            <span className="api-live-dot" aria-hidden="true" /> Live · {formatCount(items.length)}
            {view.hasMore ? '+' : ''} shown
          </span>
        </div>
        <Loaded
          value={{ status: view.status, data: view.status === 'ready' || items.length > 0 ? items : null, error: view.error }}
          errorTitle="Could not load the API request log"
          onRetry={() => void actions.loadApiLog(filter)}
          loading={
            <div className="api-log">
              <SkeletonRows rows={8} columns={5} />
            </div>
          }
          empty={
            filtered ? (
              <EmptyState icon="search" title="No requests match" testId="api-requests-empty">
                <p>No logged request matches these filters.</p>
                <button type="button" className="btn btn-small" onClick={() => void actions.loadApiLog({ appId: null, companyId: null, status: 'all', marked: false })}>
                  Clear filters
                </button>
              </EmptyState>
            ) : (
              <EmptyState icon="route" title="No API requests yet" testId="api-requests-empty">
                <p>
                  When an app exchanges a code at <code>/token</code>, checks a token at <code>/api/tokeninfo</code> or calls <code>/admin</code>, each request shows up here as it
                  happens. Settings → Developer shows where the local platform answers.
                </p>
              </EmptyState>
            )
          }
        >
          {() => (
            <div className="api-log">
              <div className="api-log-column">
                <div className="api-head" aria-hidden="true">
                  <span>Time</span>
                  <span>Status</span>
                  <span>Request</span>
                  <span>App · company</span>
                  <span className="api-ms">Latency</span>
                  <span>Error · marks</span>
                </div>
                <RequestRows items={items} selected={shown} onSelect={setSelected} onNearEnd={loadOlder} />
                {view.loadingOlder && (
                  <div className="wh-log-more">
                    <Spinner /> Loading older requests…
                  </div>
                )}
              </div>
              {shownEntry && <RequestDetail r={shownEntry} />}
            </div>
          )}
        </Loaded>
      </Card>
    </div>
  );
}
