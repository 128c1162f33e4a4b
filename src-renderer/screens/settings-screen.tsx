// Settings (#/settings, user menu → Settings, or "Settings" in Ctrl/Cmd+K): in one place, how the console looks
// (theme, kept in the profile's prefs.json; navigation collapsed — the same store the navigation's own button uses,
// state/appearance.ts), where the platform lives (on this computer: data folder, platform URL, this console; on a
// team server: the server and what stays on it — no data folder of this computer's; the Developer page for the
// rest), and the hosted-compatibility switch (the API requests screen's own, for those who may open that screen;
// on a team server it is every team's, so the platform operator's only, and others see it read-only).
import { setNavCollapsed, setTheme, useAppearance, type ThemeChoice } from '../state/appearance';
import { useApp } from '../state/store-context';
import { useCapabilities } from '../state/use-capabilities';
import { href } from '../router/routes';
import { CopyButton } from '../ui/copy-button';
import { Icon } from '../ui/icons';
import { Card, PageHeader } from '../ui/page';
import { Segmented } from '../ui/segmented';
import { SkeletonBlock } from '../ui/states';
import { StrictSwitch } from './api-log-screen';
import { TeamServerCard } from './team-server-card';
import './settings-screen.css';

const THEMES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

function SettingRow({ label, hint, children, testId }: { label: string; hint?: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="setting-row" data-testid={testId}>
      <div className="setting-text">
        <div className="setting-label">{label}</div>
        {hint && <div className="setting-hint">{hint}</div>}
      </div>
      <div className="setting-control">{children}</div>
    </div>
  );
}

function PathValue({ value, testId }: { value: string; testId: string }) {
  return (
    <span className="setting-value">
      <code data-testid={testId} title={value}>
        {value}
      </code>
      <CopyButton value={value} />
    </span>
  );
}

export function SettingsScreen() {
  const appearance = useAppearance();
  const appInfo = useApp((s) => s.session.appInfo);
  const caps = useCapabilities();

  return (
    <div className="page settings-page" data-testid="settings">
      <PageHeader title="Settings" subtitle={appInfo?.host === 'team' ? 'How the console looks in this browser, and the team server it works on.' : 'How the console looks on this computer, and where its local platform lives.'} />
      <div className="stack">
        <Card title="Appearance" description="The theme is kept with this data folder (every window, the next start); the navigation, in this window's browser." testId="settings-appearance">
          <SettingRow label="Theme" hint="System follows your operating system's light or dark setting.">
            <Segmented label="Theme" value={appearance.theme} options={THEMES} onChange={setTheme} testIdPrefix="settings-theme" />
          </SettingRow>
          <SettingRow label="Collapse the navigation" hint="A rail of icons in a wide window; a narrow window always starts collapsed.">
            <label className="setting-switch">
              <input
                type="checkbox"
                role="switch"
                checked={appearance.navCollapsed}
                onChange={(e) => setNavCollapsed(e.target.checked)}
                data-testid="settings-nav-collapsed"
              />
              <span>{appearance.navCollapsed ? 'Collapsed' : 'Expanded'}</span>
            </label>
          </SettingRow>
        </Card>

        {appInfo?.host === 'team' ? (
          <Card title="Team platform" description="The platform this team server runs: every person signed in here works on the same companies, documents and apps." testId="settings-platform">
            <SettingRow label="Team server" hint="Where you and your team sign in. Its data lives on the server, not on this computer.">
              <PathValue value={window.location.origin} testId="settings-console" />
            </SettingRow>
            <SettingRow label="Platform base URL" hint="OAuth 2.0, the /admin REST API and tokeninfo, as the server's administrator set them up.">
              {appInfo.platformUrl ? (
                <PathValue value={appInfo.platformUrl} testId="settings-platform-url" />
              ) : (
                <span className="setting-value muted" data-testid="settings-platform-url">
                  Not served — ask your server's administrator
                </span>
              )}
            </SettingRow>
            <SettingRow label="Version">
              <span className="setting-value">PartnerDeck {appInfo.version}</span>
            </SettingRow>
            <SettingRow label="Secrets">
              <span className="setting-value">Kept on the team server</span>
            </SettingRow>
          </Card>
        ) : (
          <Card title="Local platform" description="The complete copy of the platform on this computer: its data and where it answers." testId="settings-platform">
            {appInfo ? (
              <>
                <SettingRow label="Data folder" hint="Companies, orders, apps and settings; back it up by copying the folder while PartnerDeck is closed.">
                  <PathValue value={appInfo.dataDir} testId="settings-data-dir" />
                </SettingRow>
                <SettingRow label="Platform base URL" hint="OAuth 2.0, the /admin REST API and tokeninfo, on 127.0.0.1 only.">
                  {appInfo.platformUrl ? (
                    <PathValue value={appInfo.platformUrl} testId="settings-platform-url" />
                  ) : (
                    <span className="setting-value muted" data-testid="settings-platform-url">
                      Not running — see Developer
                    </span>
                  )}
                </SettingRow>
                <SettingRow label="This console" hint={appInfo.host === 'electron' ? undefined : 'Open only through a launch link; nobody else on this computer can drive it.'}>
                  <span className="setting-value" data-testid="settings-console">
                    PartnerDeck {appInfo.version} · {appInfo.host === 'electron' ? 'desktop app' : <>browser mode at <code>{window.location.origin}</code></>}
                  </span>
                </SettingRow>
                <SettingRow label="Secrets" hint={appInfo.secretStore.warning ?? undefined}>
                  <span className="setting-value">{appInfo.secretStore.kind === 'os-keychain' ? "The operating system's keychain" : 'A key file in the data folder'}</span>
                </SettingRow>
              </>
            ) : (
              <SkeletonBlock height={120} />
            )}
            <div className="card-actions-row">
              <a className="btn" href={href({ name: 'developer' })} data-testid="settings-developer-link">
                <Icon name="code" /> Developer: endpoints, scopes, registering an app
              </a>
            </div>
          </Card>
        )}

        {appInfo?.host === 'electron' && <TeamServerCard />}

        {caps.webhooks && (
          <Card
            title="Hosted-compatibility mode"
            description="On: the local platform accepts only what the hosted platform is specified to (no HTTP Basic client authentication, no PKCE, no token in the tokeninfo header, …). Off: those are served and marked in API requests."
            testId="settings-strict"
          >
            <div className="card-actions-row">
              <StrictSwitch />
              <a className="btn btn-ghost" href={href({ name: 'api-log' })}>
                <Icon name="route" /> API requests
              </a>
            </div>
          </Card>
        )}
      </div>
    </div>
  );
}
