// Settings / Developer (#/settings/developer): where the local platform answers, its OAuth and REST
// endpoints, how to register an app from the CLI, the scopes in plain words, the lifetimes, and a link to the
// developer docs. An app points at this base URL instead of the hosted one; nothing else changes. Under a
// partner's white label, also the admin address the partner's clients use (its admin domain).
import { useEffect } from 'react';
import { useActions, useApp } from '../state/store-context';
import { CopyButton } from '../ui/copy-button';
import { Icon } from '../ui/icons';
import { Card, PageHeader } from '../ui/page';
import { Loaded } from '../ui/loadable';
import { Callout, SkeletonBlock } from '../ui/states';
import { Table } from '../ui/table';
import './developer-screen.css';

export function DeveloperScreen() {
  const developer = useApp((s) => s.oauth.developer);
  const acting = useApp((s) => s.session.info?.acting ?? null);
  const brand = useApp((s) => s.session.info?.brand ?? null);
  const actions = useActions();

  useEffect(() => {
    void actions.loadDeveloperInfo();
  }, [actions]);

  const companyArg = acting && !acting.isPartner ? String(acting.id) : '<shop company id>';
  const registerCommand = (dataDir: string) =>
    `partnerdeck app create --data-dir "${dataDir}" --company ${companyArg} --name "My app" \\\n  --redirect-uri http://127.0.0.1:3000/callback --scopes products,orders,webhooks --json`;

  return (
    <div className="page" data-testid="developer">
      <PageHeader
        title="Developer"
        subtitle="Point your app at the platform running on this computer. It answers exactly like the hosted platform: only the base URL changes."
      />
      <Loaded value={developer} errorTitle="Could not load the developer settings" onRetry={() => void actions.loadDeveloperInfo()} loading={<SkeletonBlock height={220} />}>
        {(info) => (
          <div className="stack">
            <Card title="Platform base URL" description="OAuth 2.0, the /admin REST API and tokeninfo, on 127.0.0.1 only.">
              {info.platformUrl ? (
                <div className="copy-row">
                  <code className="copy-value copy-value-large" data-testid="platform-url">
                    {info.platformUrl}
                  </code>
                  <CopyButton value={info.platformUrl} testId="copy-platform-url" />
                </div>
              ) : (
                <Callout tone="warning" title="The platform server is not running" testId="platform-not-running">
                  The console works without it, but apps cannot connect. Restart PartnerDeck; if it keeps failing, run{' '}
                  <code>partnerdeck serve</code> on this data folder to see why.
                </Callout>
              )}
            </Card>

            {brand?.adminDomain && (
              <Card
                title="Admin address (white label)"
                description={`On the hosted platform, ${brand.partnerName}'s clients sign in to the admin interface here. Apps on this computer keep using the base URL above.`}
                testId="developer-admin-address"
              >
                <div className="copy-row">
                  <code className="copy-value copy-value-large" data-testid="developer-admin-url">
                    https://{brand.adminDomain}/
                  </code>
                  <CopyButton value={`https://${brand.adminDomain}/`} />
                </div>
              </Card>
            )}

            <Card title="Endpoints" flush>
              <Table
                testId="endpoints"
                rows={info.endpoints}
                rowKey={(e) => e.name}
                columns={[
                  {
                    header: 'Endpoint',
                    cell: (e) => (
                      <>
                        <strong>{e.name}</strong>
                        <div className="muted small">{e.description}</div>
                      </>
                    ),
                  },
                  { header: 'Method', cell: (e) => <span className="badge">{e.method}</span> },
                  { header: 'URL', cell: (e) => <code className="copy-value">{e.url}</code> },
                  { header: 'Copy', hiddenHeader: true, className: 'col-actions', cell: (e) => info.platformUrl && <CopyButton value={e.url} /> },
                ]}
              />
            </Card>

            <Card title="Register an app" description="The shared secret is printed once; the client id and redirect URIs can be listed any time with partnerdeck app list.">
              <pre className="code-block" data-testid="register-command">
                {registerCommand(info.dataDir)}
              </pre>
              <div className="card-actions-row">
                <CopyButton value={registerCommand(info.dataDir).replace('\\\n  ', '')} label="Copy command" />
              </div>
            </Card>

            <div className="grid-2">
              <Card title="Scopes" description="Comma-separated on the wire, e.g. scope=products,orders.">
                <dl className="scope-list">
                  {info.scopes.map((s) => (
                    <div key={s.scope}>
                      <dt>
                        <code>{s.scope}</code>
                      </dt>
                      <dd>{s.label}</dd>
                    </div>
                  ))}
                </dl>
              </Card>
              <Card title="Lifetimes">
                <ul className="plain-list">
                  <li>
                    Access tokens: <strong>{info.lifetimes.accessTokenSeconds} s</strong> (<code>expires_in</code> {info.lifetimes.accessTokenSeconds - 1})
                  </li>
                  <li>
                    Authorization codes: <strong>{info.lifetimes.codeSeconds / 60} minutes</strong>, single use
                  </li>
                  <li>
                    Refresh tokens: <strong>single use</strong>, rotated on every refresh; reusing one revokes the whole grant
                  </li>
                </ul>
                {info.docsUrl && (
                  <p className="card-actions-row">
                    <a className="btn" href={info.docsUrl} target="_blank" rel="noreferrer" data-testid="docs-link">
                      <Icon name="external" /> Developer docs (curl walk-through)
                    </a>
                  </p>
                )}
              </Card>
            </div>
          </div>
        )}
      </Loaded>
    </div>
  );
}
