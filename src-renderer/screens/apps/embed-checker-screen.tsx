// The embed checker (#/apps/12/check): loads an app as any user and company the signed-in user sees, correctly
// signed and then with a wrong hmac, a swapped CompanyID and no hmac, and shows whether the app accepted or
// rejected each (2xx accepted, 401/403 rejected) next to what a correct app does — so a developer sees at once
// whether their verification works. Each variant can also be previewed in the embedded view itself.
import { useEffect, useState } from 'react';
import type { EmbedCheckResult } from '../../../src-shared/api/embedded-app-types';
import type { EmbedCheckOutcome } from '../../../src-shared/domain/embedded-apps';
import { href } from '../../router/routes';
import type { EmbedCheckChoice } from '../../state/embedded-apps-slice';
import { useActions, useApp } from '../../state/store-context';
import { formatDateTime } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { Card, PageHeader } from '../../ui/page';
import { Callout, EmptyState, ErrorState, SkeletonBlock, SkeletonRows, Spinner } from '../../ui/states';
import { EmbedSurface } from './embed-surface';
import { useManagedApps } from './manage-apps-screen';

const OUTCOME_LABELS: Record<EmbedCheckOutcome, string> = { accepted: 'Accepted', rejected: 'Rejected', unclear: 'Unclear', unreachable: 'No answer' };

function OutcomeBadge({ result }: { result: EmbedCheckResult }) {
  const tone = result.passed === true ? 'badge-accepted' : result.passed === false ? 'badge-declined' : 'badge-pending';
  return (
    <span className={`badge ${tone}`} data-testid={`outcome-${result.variant}`} data-outcome={result.outcome}>
      <Icon name={result.passed === true ? 'checkCircle' : result.passed === false ? 'xCircle' : 'alert'} size={12} /> {OUTCOME_LABELS[result.outcome]}
      {result.status !== null && <span className="muted"> · {result.status}</span>}
    </span>
  );
}

export function EmbedCheckerScreen({ appId }: { appId: number }) {
  const actions = useActions();
  const me = useApp((s) => s.session.info?.user?.id ?? null);
  const { companyId: actingId, apps, status, error, reload } = useManagedApps();
  const candidates = useApp((s) => s.embeddedApps.candidates);
  const report = useApp((s) => s.embeddedApps.reports[appId]);
  const [companyId, setCompanyId] = useState<number | null>(null);
  const [userId, setUserId] = useState<number | null>(null);
  const [otherCompanyId, setOtherCompanyId] = useState<number | null>(null);
  const [preview, setPreview] = useState<EmbedCheckChoice | null>(null);

  useEffect(() => {
    void actions.loadCheckCandidates();
  }, [actions]);

  const app = apps?.find((a) => a.appId === appId) ?? null;
  const companies = candidates.data?.companies ?? [];
  const chosenCompany = companyId ?? actingId;
  // Who may open the app for the chosen company: its own users, and the users of a partner company (which sees it).
  const partnerIds = new Set(companies.filter((c) => c.isPartner).map((c) => c.id));
  const users = (candidates.data?.users ?? []).filter((u) => u.companyId === chosenCompany || partnerIds.has(u.companyId) || u.id === me);
  const chosenUser = userId !== null && users.some((u) => u.id === userId) ? userId : (me ?? users[0]?.id ?? null);
  const back = { href: href({ name: 'app', appId }), label: app?.name ?? 'App' };

  if (actingId === null) return null;
  if (status === 'error' && !apps) {
    return (
      <div className="page">
        <ErrorState title="Could not load the apps" message={error} onRetry={reload} />
      </div>
    );
  }
  if (!apps) {
    return (
      <div className="page">
        <PageHeader title="Embed checker" back={back} />
        <SkeletonBlock height={200} />
      </div>
    );
  }
  if (!app || !app.canCheck || !app.startUrl) {
    return (
      <div className="page">
        <PageHeader title="Embed checker" back={{ href: href({ name: 'apps' }), label: 'Manage Apps' }} />
        <EmptyState icon="shield" title="This app cannot be checked here" testId="embed-checker-unavailable">
          <p>The checker loads apps with a Start URL that belong to a company you see.</p>
        </EmptyState>
      </div>
    );
  }

  const run = () => {
    if (chosenCompany === null || chosenUser === null) return;
    setPreview(null);
    void actions.runEmbedCheck({ appId, companyId: chosenCompany, userId: chosenUser, otherCompanyId });
  };
  const running = report?.status === 'loading';
  const result = report?.data ?? null;

  return (
    <div className="page" data-testid="embed-checker">
      <PageHeader
        back={back}
        title="Embed checker"
        badges={<span className="badge badge-neutral">{app.name}</span>}
        subtitle="Loads the app's Start URL correctly signed, with a wrong hmac, with a swapped CompanyID and without an hmac. A correct app shows itself (2xx) for the first and refuses (401 or 403) the others."
      />

      <Card title="Load the app as" description={<>Start URL <code>{app.startUrl}</code></>}>
        {candidates.status === 'error' && !candidates.data ? (
          <ErrorState title="Could not load the users and companies" message={candidates.error} onRetry={() => void actions.loadCheckCandidates()} />
        ) : !candidates.data ? (
          <SkeletonRows rows={1} columns={3} />
        ) : (
          <form
            className="form-row checker-form"
            onSubmit={(e) => {
              e.preventDefault();
              run();
            }}
          >
            <label className="field">
              <span className="field-label">Company (CompanyID)</span>
              <select className="input select" value={chosenCompany ?? ''} onChange={(e) => setCompanyId(Number(e.target.value))} data-testid="checker-company">
                {companies.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} · {c.id}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">User (UserID)</span>
              <select className="input select" value={chosenUser ?? ''} onChange={(e) => setUserId(Number(e.target.value))} data-testid="checker-user">
                {users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name} · {u.id}
                    {u.id === me ? ' (you)' : ''}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">Swapped CompanyID</span>
              <select
                className="input select"
                value={otherCompanyId ?? ''}
                onChange={(e) => setOtherCompanyId(e.target.value === '' ? null : Number(e.target.value))}
                data-testid="checker-other-company"
              >
                <option value="">Another company you see</option>
                {companies
                  .filter((c) => c.id !== chosenCompany)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name} · {c.id}
                    </option>
                  ))}
              </select>
            </label>
            <div className="field checker-run">
              <button type="submit" className="btn btn-primary" disabled={running || chosenUser === null} data-testid="checker-run">
                {running ? <Spinner size={14} /> : <Icon name="shield" />} {result ? 'Check again' : 'Run check'}
              </button>
            </div>
          </form>
        )}
      </Card>

      {report?.status === 'error' && <ErrorState title="The check did not run" message={report.error} onRetry={run} />}
      {result && (
        <>
          {result.allPassed ? (
            <Callout tone="info" icon="checkCircle" title="The app verifies the hmac correctly" testId="checker-summary">
              It accepted the correctly signed request and refused all three tampered ones.
            </Callout>
          ) : (
            <Callout tone="warning" title="The app's verification needs attention" testId="checker-summary">
              Some answers are not what a correct app gives; each row says why. docs/embedded-apps.md has the recipe.
            </Callout>
          )}
          <Card title="Results" description={`Checked ${formatDateTime(result.checkedAt)} · swapped CompanyID ${result.otherCompanyId}`} flush>
            <table className="table" data-testid="checker-results">
              <thead>
                <tr>
                  <th scope="col">Request</th>
                  <th scope="col">Sent</th>
                  <th scope="col">A correct app</th>
                  <th scope="col">This app</th>
                  <th scope="col" className="col-actions">
                    <span className="sr-only">Preview</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.results.map((r) => (
                  <tr key={r.variant} data-testid={`checker-row-${r.variant}`}>
                    <td>
                      <strong>{r.label}</strong>
                    </td>
                    <td className="small">
                      UserID {r.userId} · CompanyID {r.companyId}
                    </td>
                    <td className="small">{r.expected === 'accept' ? 'Accepts' : 'Rejects'}</td>
                    <td>
                      <OutcomeBadge result={r} />
                      <div className="muted small checker-verdict">{r.verdict}</div>
                      {r.snippet && <div className="muted small checker-snippet">“{r.snippet}”</div>}
                    </td>
                    <td className="col-actions">
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => setPreview({ userId: result.userId, variant: r.variant, otherCompanyId: result.otherCompanyId })}
                        data-testid={`preview-${r.variant}`}
                      >
                        Preview
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          {preview && (
            <Card title={`Preview: ${result.results.find((r) => r.variant === preview.variant)?.label ?? preview.variant}`} description="The app as the embedded view loads this request.">
              <EmbedSurface appId={appId} companyId={result.companyId} slot="check" title={app.name} check={preview} className="embed-surface-preview" testId="checker-preview" />
            </Card>
          )}
        </>
      )}
    </div>
  );
}
