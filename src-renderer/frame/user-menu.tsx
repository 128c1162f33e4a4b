// The user menu: who is signed in, "Switch user…" (sign in as another local user, to see exactly what a
// client's own user sees), Outbox, Settings (#/settings), Save demo state… / Reset demo… (demo-state-dialog.tsx), and facts about this installation.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SignInCandidate } from '../../src-shared/api/types';
import { navigate } from '../router/use-route';
import { askToLeave } from '../router/leave-guard';
import { useActions, useApp } from '../state/store-context';
import { Avatar } from '../ui/avatar';
import { PartnerBadge } from '../ui/badges';
import { Modal } from '../ui/dialog';
import { Icon, type IconName } from '../ui/icons';
import { Callout, Spinner } from '../ui/states';
import { DemoStateDialogs } from './demo-state-dialog';
import { useAction } from '../ui/use-action';
import { isTeamConsole } from '../api/team-session';
import { signOutAfterAsking } from './team-sign-out';
import { openTeamServerSettings } from '../screens/team-server-card';
import './user-menu.css';

export function UserMenu() {
  const user = useApp((s) => s.session.info?.user ?? null);
  const home = useApp((s) => s.session.info?.home ?? null);
  const appInfo = useApp((s) => s.session.appInfo);
  const [open, setOpen] = useState(false);
  /** A menu entry's action, run after the menu closes. */
  const choose = (run: () => void) => () => {
    setOpen(false);
    run();
  };
  // Also opened from the command palette ("Switch user…").
  const switchOpen = useApp((s) => s.ui.switchUserOpen);
  const setSwitchOpen = useActions().setSwitchUserOpen;
  const setDemoDialog = useActions().setDemoDialog;
  const toast = useActions().toast;
  const ref = useRef<HTMLDivElement>(null);
  const team = isTeamConsole(document);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        ref.current?.querySelector<HTMLElement>('.user-button')?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (!user) return null;
  return (
    <div className="user-menu" ref={ref}>
      <button
        type="button"
        className="user-button"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="user-menu"
        onClick={() => setOpen((o) => !o)}
      >
        <Avatar name={user.name} size={26} round />
        <span className="user-button-name">{user.name}</span>
        <Icon name="chevronDown" size={14} />
      </button>
      {open && (
        <div className="menu" role="menu" aria-label="User menu">
          <div className="menu-header" data-testid="signed-in-as">
            <div className="menu-caption">Signed in as</div>
            <div className="menu-user">
              <Avatar name={user.name} size={32} round />
              <div className="menu-user-text">
                <strong>{user.name}</strong>
                <span>{user.email}</span>
                {home && (
                  <span className="menu-user-company">
                    {home.name} {home.isPartner && <PartnerBadge />}
                  </span>
                )}
              </div>
            </div>
          </div>
          <div className="menu-sep" />
          {team ? (
            <MenuItem icon="swap" testId="sign-out" onChoose={choose(() => void signOutAfterAsking((message, detail) => toast('error', message, detail)))}>
              Sign out
            </MenuItem>
          ) : (
            <MenuItem icon="swap" testId="switch-user" onChoose={choose(() => setSwitchOpen(true))}>
              Switch user…
            </MenuItem>
          )}
          <MenuItem icon="inbox" onChoose={choose(() => navigate({ name: 'outbox', messageId: null }))}>
            Outbox
          </MenuItem>
          <MenuItem icon="settings" testId="open-settings" onChoose={choose(() => navigate({ name: 'settings' }))}>
            Settings
          </MenuItem>
          {appInfo?.host === 'electron' && (
            <MenuItem icon="globe" testId="connect-team-server" onChoose={choose(() => openTeamServerSettings())}>
              Connect to team server…
            </MenuItem>
          )}
          {!team && (
            <>
              <div className="menu-sep" />
              <MenuItem icon="download" testId="save-demo-state" onChoose={choose(() => setDemoDialog('save'))}>
                Save demo state…
              </MenuItem>
              <MenuItem icon="refresh" testId="reset-demo" onChoose={choose(() => setDemoDialog('reset'))}>
                Reset demo…
              </MenuItem>
            </>
          )}
          {appInfo && (
            <>
              <div className="menu-sep" />
              <div className="menu-footer" data-testid="app-info">
                <div>
                  PartnerDeck {appInfo.version} · {appInfo.host === 'electron' ? 'desktop app' : appInfo.host === 'team' ? 'team server' : 'browser mode'}
                </div>
                {appInfo.host === 'team' ? (
                  <div className="menu-footer-path" title={window.location.origin}>
                    Server: {window.location.host}
                  </div>
                ) : (
                  <div className="menu-footer-path" title={appInfo.dataDir}>
                    Data: {appInfo.dataDir}
                  </div>
                )}
                {appInfo.secretStore.warning && (
                  <div className="menu-footer-warning">
                    <Icon name="alert" size={12} /> {appInfo.secretStore.warning}
                  </div>
                )}
              </div>
            </>
          )}
        </div>
      )}
      {switchOpen && <SwitchUserDialog onClose={() => setSwitchOpen(false)} />}
      <DemoStateDialogs />
    </div>
  );
}

function SwitchUserDialog({ onClose }: { onClose: () => void }) {
  const candidates = useApp((s) => s.session.candidates);
  const currentUserId = useApp((s) => s.session.info?.user?.id ?? null);
  const homeId = useApp((s) => s.session.info?.home?.id ?? null);
  const actingId = useApp((s) => s.session.info?.acting?.id ?? null);
  const actions = useActions();
  const [search, setSearch] = useState('');

  useEffect(() => {
    void actions.loadCandidates();
  }, [actions]);

  const groups = useMemo(() => {
    const q = search.trim().toLowerCase();
    const list = (candidates.data ?? []).filter(
      (c) => !q || `${c.name} ${c.email} ${c.companyName}`.toLowerCase().includes(q),
    );
    const byCompany = new Map<number, { name: string; isPartner: boolean; users: SignInCandidate[] }>();
    for (const c of list) {
      const g = byCompany.get(c.companyId) ?? { name: c.companyName, isPartner: c.companyIsPartner, users: [] };
      g.users.push(c);
      byCompany.set(c.companyId, g);
    }
    // Your own company, then the one you act as, then partners, then everyone else alphabetically.
    const rank = (id: number, g: { isPartner: boolean }) => (id === homeId ? 0 : id === actingId ? 1 : g.isPartner ? 2 : 3);
    return [...byCompany.entries()].sort(
      ([ia, a], [ib, b]) => rank(ia, a) - rank(ib, b) || a.name.localeCompare(b.name),
    );
  }, [candidates.data, search, homeId, actingId]);

  const signIn = useAction(async (c: SignInCandidate) => {
    // Another user does not inherit this one's unsaved work: ask first.
    if (!(await askToLeave())) return;
    const from = window.location.hash;
    await actions.signIn(c.userId);
    onClose();
    // The new user starts as Self on the overview; a screen opened meanwhile stays open.
    if (window.location.hash === from) navigate({ name: 'overview' }, { acting: null });
  });
  const busyId = signIn.running?.[0].userId ?? null;

  return (
    <Modal title="Switch user" onClose={onClose} testId="switch-user-dialog" size="medium">
      <p className="modal-lead">
        Sign in as another local user to see exactly what they see — for example a client's own user, or the
        administrator of a company that wants to send you a partner request.
      </p>
      <div className="search-input modal-search">
        <Icon name="search" />
        <input
          className="input"
          placeholder="Search users or companies"
          aria-label="Search users"
          value={search}
          data-autofocus
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      <div className="candidate-list">
        {candidates.status === 'loading' && !candidates.data && (
          <div className="palette-empty">
            <Spinner /> Loading users…
          </div>
        )}
        {candidates.status === 'error' && <Callout tone="danger">{candidates.error}</Callout>}
        {candidates.data && groups.length === 0 && <div className="palette-empty">No user matches “{search}”.</div>}
        {groups.map(([companyId, g]) => (
          <div key={companyId} className="candidate-group">
            <div className="candidate-company">
              {g.name} {g.isPartner && <PartnerBadge />}
            </div>
            {g.users.map((c) => {
              const current = c.userId === currentUserId;
              return (
                <button
                  type="button"
                  key={c.userId}
                  className="candidate"
                  disabled={current || busyId !== null}
                  data-testid={`signin-${c.userId}`}
                  onClick={() => void signIn.run(c)}
                >
                  <Avatar name={c.name} size={28} round />
                  <span className="candidate-text">
                    <strong>
                      {c.name} {c.isOperator && <span className="badge badge-sample">Platform operator</span>}
                    </strong>
                    <span>{c.email}</span>
                  </span>
                  {current ? (
                    <span className="palette-current">
                      <Icon name="check" size={14} /> Signed in
                    </span>
                  ) : busyId === c.userId ? (
                    <Spinner size={14} />
                  ) : (
                    <span className="candidate-action">Sign in</span>
                  )}
                </button>
              );
            })}
          </div>
        ))}
      </div>
    </Modal>
  );
}

/** One entry of the user menu (its action closes the menu first: `choose`). */
function MenuItem({ icon, testId, onChoose, children }: { icon: IconName; testId?: string; onChoose: () => void; children: ReactNode }) {
  return (
    <button type="button" role="menuitem" className="menu-item" data-testid={testId} onClick={onChoose}>
      <Icon name={icon} /> {children}
    </button>
  );
}
