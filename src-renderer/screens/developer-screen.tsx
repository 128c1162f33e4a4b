// Settings / Developer (#/settings/developer): where the local platform answers, its OAuth and REST
// endpoints, how to register an app from the CLI, the scopes in plain words, the lifetimes, and a link to the
// developer docs. An app points at this base URL instead of the hosted one; nothing else changes.
import { useEffect } from 'react';
import { useActions, useApp } from '../state/store-context';
import { CopyButton } from '../ui/copy-button';
import { Icon } from '../ui/icons';
import { Card, PageHeader } from '../ui/page';
import { Callout, ErrorState, SkeletonBlock } from '../ui/states';

export function DeveloperScreen() {
  const developer = useApp((s) => s.oauth.developer);
  const acting = useApp((s) => s.session.info?.acting ?? null);
  const actions = useActions();

  useEffect(() => {
    void actions.loadDeveloperInfo();
  }, [actions]);

  const info = developer.data;
  const companyArg = acting && !acting.isPartner ? String(acting.id) : '<shop company id>';
  const register = info
    ? `partnerdeck app create --data-dir "${info.dataDir}" --company ${companyArg} --name "My app" \\\n  --redirect-uri http://127.0.0.1:3000/callback --scopes products,orders,webhooks --json`
    : '';

  return (
    <div className="page" data-testid="developer">
      <PageHeader
        title="Developer"
        subtitle="Point your app at the platform running on this computer. It answers exactly like the hosted platform: only the base URL changes."
      />
      {developer.status === 'error' && !info ? (
        <ErrorState title="Could not load the developer settings" message={developer.error} onRetry={() => void actions.loadDeveloperInfo()} />
      ) : !info ? (
        <SkeletonBlock height={220} />
      ) : (
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

          <Card title="Endpoints" flush>
            <table className="table" data-testid="endpoints">
              <thead>
                <tr>
                  <th scope="col">Endpoint</th>
                  <th scope="col">Method</th>
                  <th scope="col">URL</th>
                  <th scope="col" className="col-actions">
                    <span className="sr-only">Copy</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {info.endpoints.map((e) => (
                  <tr key={e.name}>
                    <td>
                      <strong>{e.name}</strong>
                      <div className="muted small">{e.description}</div>
                    </td>
                    <td>
                      <span className="badge">{e.method}</span>
                    </td>
                    <td>
                      <code className="copy-value">{e.url}</code>
                    </td>
                    <td className="col-actions">{info.platformUrl && <CopyButton value={e.url} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>

          <Card title="Register an app" description="The shared secret is printed once; the client id and redirect URIs can be listed any time with partnerdeck app list.">
            <pre className="code-block" data-testid="register-command">
              {register}
            </pre>
            <div className="card-actions-row">
              <CopyButton value={register.replace('\\\n  ', '')} label="Copy command" />
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
    </div>
  );
}
