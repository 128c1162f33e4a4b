// The embed checker (#/apps/12/check): loads an app as any user and company the signed-in user sees, correctly
// signed and then with a wrong hmac, a swapped CompanyID and no hmac, and shows whether the app accepted or
// rejected each (2xx accepted, 401/403 rejected) next to what a correct app does — so a developer sees at once
// whether their verification works. Each variant can also be previewed in the embedded view itself.
import { useEffect, useState } from 'react';
import type { EmbedCheckResult, ManagedApp } from '../../../src-shared/api/embedded-app-types';
import type { EmbedCheckOutcome } from '../../../src-shared/domain/embedded-apps';
import { href } from '../../router/routes';
import type { EmbedCheckChoice } from '../../state/embedded-apps-slice';
import { useActions, useApp } from '../../state/store-context';
import { formatDateTime } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { Card, PageHeader } from '../../ui/page';
import { Field } from '../../ui/fields';
import { BusyButton } from '../../ui/form-footer';
import { Loaded } from '../../ui/loadable';
import { Callout, EmptyState, ErrorState, SkeletonBlock, SkeletonRows } from '../../ui/states';
import { Table } from '../../ui/table';
import { EmbedSurface } from './embed-surface';
import { ManagedAppPage } from './manage-apps-screen';
import { Form } from '../../ui/form';
import './embed-checker-screen.css';

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
  useEffect(() => {
    void actions.loadCheckCandidates();
  }, [actions]);
  return (
    <ManagedAppPage
      appId={appId}
      loading={
        <div className="page">
          <PageHeader title="Embed checker" back={{ href: href({ name: 'app', appId }), label: 'App' }} />
          <SkeletonBlock height={200} />
        </div>
      }
    >
      {(app, actingId) =>
        app && app.canCheck && app.startUrl ? (
          <EmbedChecker app={app} actingId={actingId} />
        ) : (
          <div className="page">
            <PageHeader title="Embed checker" back={{ href: href({ name: 'apps' }), label: 'Manage Apps' }} />
            <EmptyState icon="shield" title="This app cannot be checked here" testId="embed-checker-unavailable">
              <p>The checker loads apps with a Start URL that belong to a company you see.</p>
            </EmptyState>
          </div>
        )
      }
    </ManagedAppPage>
  );
}

function EmbedChecker({ app, actingId }: { app: ManagedApp; actingId: number }) {
  const actions = useActions();
  const appId = app.appId;
  const me = useApp((s) => s.session.info?.user?.id ?? null);
  const candidates = useApp((s) => s.embeddedApps.candidates);
  const report = useApp((s) => s.embeddedApps.reports[appId]);
  const [companyId, setCompanyId] = useState<number | null>(null);
  const [userId, setUserId] = useState<number | null>(null);
  const [otherCompanyId, setOtherCompanyId] = useState<number | null>(null);
  const [preview, setPreview] = useState<EmbedCheckChoice | null>(null);

  const companies = candidates.data?.companies ?? [];
  const chosenCompany = companyId ?? actingId;
  // Who may open the app for the chosen company: its own users, and the users of a partner company (which sees it).
  const partnerIds = new Set(companies.filter((c) => c.isPartner).map((c) => c.id));
  const users = (candidates.data?.users ?? []).filter((u) => u.companyId === chosenCompany || partnerIds.has(u.companyId) || u.id === me);
  const chosenUser = userId !== null && users.some((u) => u.id === userId) ? userId : (me ?? users[0]?.id ?? null);
  const back = { href: href({ name: 'app', appId }), label: app.name };

  const run = () => {
    if (chosenUser === null) return;
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
        <Loaded value={candidates} errorTitle="Could not load the users and companies" onRetry={() => void actions.loadCheckCandidates()} loading={<SkeletonRows rows={1} columns={3} />}>
          {() => (
            <Form className="form-row checker-form" onSubmit={run}>
              <Field formId="checker" name="company" label="Company (CompanyID)">
                {(control) => (
                  <select {...control} className="input select" value={chosenCompany} onChange={(e) => setCompanyId(Number(e.target.value))} data-testid="checker-company">
                    {companies.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name} · {c.id}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field formId="checker" name="user" label="User (UserID)">
                {(control) => (
                  <select {...control} className="input select" value={chosenUser ?? ''} onChange={(e) => setUserId(Number(e.target.value))} data-testid="checker-user">
                    {users.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name} · {u.id}
                        {u.id === me ? ' (you)' : ''}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field formId="checker" name="otherCompany" label="Swapped CompanyID">
                {(control) => (
                  <select
                    {...control}
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
                )}
              </Field>
              <div className="field checker-run">
                <BusyButton type="submit" className="btn btn-primary" busy={running} icon="shield" disabled={running || chosenUser === null} testId="checker-run">
                  {result ? 'Check again' : 'Run check'}
                </BusyButton>
              </div>
            </Form>
          )}
        </Loaded>
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
            <Table
              testId="checker-results"
              rows={result.results}
              rowKey={(r) => r.variant}
              rowTestId={(r) => `checker-row-${r.variant}`}
              columns={[
                { header: 'Request', cell: (r) => <strong>{r.label}</strong> },
                { header: 'Sent', className: 'small', headerClassName: '', cell: (r) => <>UserID {r.userId} · CompanyID {r.companyId}</> },
                { header: 'A correct app', className: 'small', headerClassName: '', cell: (r) => (r.expected === 'accept' ? 'Accepts' : 'Rejects') },
                {
                  header: 'This app',
                  cell: (r) => (
                    <>
                      <OutcomeBadge result={r} />
                      <div className="muted small checker-verdict">{r.verdict}</div>
                      {r.snippet && <div className="muted small checker-snippet">“{r.snippet}”</div>}
                    </>
                  ),
                },
                {
                  header: 'Preview',
                  hiddenHeader: true,
                  className: 'col-actions',
                  cell: (r) => (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => setPreview({ userId: result.userId, variant: r.variant, otherCompanyId: result.otherCompanyId })}
                      data-testid={`preview-${r.variant}`}
                    >
                      Preview
                    </button>
                  ),
                },
              ]}
            />
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
