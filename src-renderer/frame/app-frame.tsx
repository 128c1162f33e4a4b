// The signed-in application: top bar, acting banner, navigation and the routed screen (its area's, see
// router/routes.ts), plus the global keyboard shortcuts (Ctrl/Cmd+K: the command palette; ?: the shortcuts; Ctrl/Cmd+Shift+S:
// back to Self).
import { useEffect, useRef } from 'react';
import type { RouteAccess } from '../area';
import { ScreenBoundary } from '../lazy-screens';
import { href, lockedTitle, routeAccess, screenOf, type Route } from '../router/routes';
import { navigate, useLocation } from '../router/use-route';
import { useActions, useApp } from '../state/store-context';
import { useCapabilities } from '../state/use-capabilities';
import { Icon } from '../ui/icons';
import { EmptyState } from '../ui/states';
import { PageHeader } from '../ui/page';
import { shortcutLabel } from '../ui/format';
import { Toasts } from '../ui/toasts';
import { ConfirmDialog } from '../ui/dialog';
import { cancelLeave, confirmLeave, installLeaveGuard, usePendingLeave } from '../router/leave-guard';
import { ActingBanner } from './acting-banner';
import { ConsoleStopped } from './console-stopped';
import { CompanyPalette } from './company-switcher';
import { STORE_LOCKED_TEXT, SideNav } from './side-nav';
import { followAddress, switchCompany } from './switch-company';
import { ShortcutsDialog } from './shortcuts-dialog';
import { TopBar } from './top-bar';
import './app-frame.css';

function useGlobalShortcuts(): void {
  const caps = useCapabilities();
  const actions = useActions();
  const paletteOpen = useApp((s) => s.ui.paletteOpen);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (e.key === '?' && !mod && !e.altKey && !isTyping(e.target) && !document.querySelector('[role="dialog"]')) {
        e.preventDefault();
        actions.setShortcutsOpen(true);
        return;
      }
      if (!mod || e.altKey) return;
      if (!e.shiftKey && e.key.toLowerCase() === 'k') {
        // The palette: everybody (a client's own user gets actions, screens and the shop's search).
        e.preventDefault();
        if (paletteOpen) actions.closePalette();
        else actions.openPalette();
      } else if (e.shiftKey && (e.code === 'KeyS' || e.key.toLowerCase() === 's')) {
        if (!caps.actingAsClient) return;
        e.preventDefault();
        actions.closePalette();
        void switchCompany(actions, null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [caps.canSwitch, caps.actingAsClient, actions, paletteOpen]);
}

/** True while the person types in a field (`?` is then a character, not a shortcut). */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

function useDocumentTitle(): void {
  const acting = useApp((s) => s.session.info?.acting?.name ?? null);
  const isSelf = useApp((s) => s.session.info?.isSelf ?? true);
  useEffect(() => {
    document.title = acting ? `${acting}${isSelf ? '' : ' (acting)'} — PartnerDeck` : 'PartnerDeck';
  }, [acting, isSelf]);
}

/** "New product", "New product and Company settings". */
function formList(forms: string[]) {
  const named = forms.map((form) => <strong key={form}>{form}</strong>);
  if (named.length <= 1) return named;
  return (
    <>
      {named.slice(0, -1).reduce<React.ReactNode[]>((all, item, i) => (i === 0 ? [item] : [...all, ', ', item]), [])} and {named.at(-1)}
    </>
  );
}

/** Asks before unsaved changes are left behind (router/leave-guard.ts). */
function LeaveGuardHost() {
  const pending = usePendingLeave();
  useEffect(() => installLeaveGuard(), []);
  if (!pending) return null;
  return (
    <ConfirmDialog title="Discard changes?" confirmLabel="Discard changes" cancelLabel="Keep editing" danger onConfirm={confirmLeave} onCancel={cancelLeave}>
      <p data-testid="leave-guard-text">
        {formList(pending.forms)} {pending.forms.length === 1 ? 'has' : 'have'} changes that are not saved. Leaving now throws them away.
      </p>
    </ConfirmDialog>
  );
}

/**
 * The window's address and its acting company agree: when Back/forward, a bookmark or a typed address names
 * another company, the window acts as it (followAddress); when another user signs in, the address follows the
 * session (Self, or the company this window kept). Returns the route to show: the address's once the session
 * acts as the company it names, the previous one (dimmed) until then, so no screen renders for the wrong company.
 */
function useActingFromAddress(): { route: Route; following: boolean } {
  const location = useLocation();
  const actions = useActions();
  const info = useApp((s) => s.session.info);
  const switching = useApp((s) => s.session.switchingTo !== null);
  const applied = info && !info.isSelf && info.acting ? info.acting.id : null;
  const userId = info?.user?.id ?? null;
  const shown = useRef(location.route);
  const lastUser = useRef(userId);
  const matches = location.acting === applied;
  if (matches) shown.current = location.route;
  useEffect(() => {
    if (matches || switching) return;
    if (lastUser.current !== userId) {
      navigate(location.route, { acting: applied, replace: true });
      return;
    }
    void followAddress(actions, location.acting);
  }, [matches, switching, userId, applied, location, actions]);
  useEffect(() => {
    lastUser.current = userId;
  }, [userId]);
  return { route: shown.current, following: !matches };
}

export function AppFrame() {
  const { route, following } = useActingFromAddress();
  const actingId = useApp((s) => s.session.info?.acting?.id ?? 0);
  const switching = useApp((s) => s.session.switchingTo !== null) || following;
  useGlobalShortcuts();
  useDocumentTitle();
  return (
    <div className="app">
      <a className="skip-link" href="#main-content" onClick={(e) => { e.preventDefault(); document.getElementById('main-content')?.focus(); }}>
        Skip to content
      </a>
      <TopBar />
      <ActingBanner />
      <div className="app-body">
        <SideNav route={route} />
        <main className={`content${switching ? ' is-switching' : ''}`} id="main-content" tabIndex={-1} aria-busy={switching || undefined} data-testid="main">
          {switching && <div className="switch-progress" role="progressbar" aria-label="Switching company" data-testid="switch-progress" />}
          {/* Keyed by the acting company: a switch starts every screen afresh (with its data prefetched,
              see switch-company.ts, so the new screen is never blank). */}
          <ScreenBoundary key={actingId} screen={route.name}>
            <RouteView route={route} />
          </ScreenBoundary>
        </main>
      </div>
      <CompanyPalette />
      <ShortcutsDialog />
      <LeaveGuardHost />
      <Toasts />
      <ConsoleStopped />
    </div>
  );
}

function RouteView({ route }: { route: Route }) {
  const caps = useCapabilities();
  const access = routeAccess(route, caps);
  if (!access.ok) return <Unavailable reason={access.reason} title={lockedTitle(route)} />;
  if (route.name !== 'not-found') return screenOf(route);
  return (
    <div className="page">
      <EmptyState
        icon="search"
        title="This page does not exist"
        testId="not-found"
        actions={
          <a className="btn btn-primary" href={href({ name: 'overview' })}>
            Go to the overview
          </a>
        }
      >
        <p>
          There is nothing at <code>#{route.path}</code>.
        </p>
      </EmptyState>
    </div>
  );
}

function Unavailable({ reason, title }: { reason: Exclude<RouteAccess, { ok: true }>['reason']; title: string }) {
  const actions = useActions();
  const caps = useCapabilities();
  if (reason === 'store-locked') {
    return (
      <div className="page">
        <PageHeader title={title} badges={<span className="badge"><Icon name="lock" size={11} /> Unavailable as Self</span>} subtitle="Store functions belong to a client's shop." />
        <EmptyState
          icon="lock"
          tone="locked"
          title="Store functions are unavailable as Self"
          testId="store-locked"
          actions={
            caps.canSwitch && (
              <button type="button" className="btn btn-primary" onClick={actions.openPalette}>
                <Icon name="swap" /> Switch to a client <kbd className="kbd kbd-on-primary">{shortcutLabel('K')}</kbd>
              </button>
            )
          }
        >
          <p>{STORE_LOCKED_TEXT}.</p>
          <p className="muted">A partner cannot sell or create products for itself; it works inside its clients' shops.</p>
        </EmptyState>
      </div>
    );
  }
  if (reason === 'self-only') {
    return (
      <div className="page">
        <EmptyState
          icon="buildings"
          tone="locked"
          title="Client management works as Self"
          testId="self-only"
          actions={
            <button type="button" className="btn btn-primary" onClick={() => void switchCompany(actions, null)}>
              <Icon name="home" /> Back to Self
            </button>
          }
        >
          <p>You are acting as a client. Its users don't manage other companies, so neither do you while acting as it.</p>
        </EmptyState>
      </div>
    );
  }
  if (reason === 'client-only') {
    return (
      <div className="page">
        <EmptyState icon="handshake" tone="locked" title="This page is for client companies" testId="client-only">
          <p>Companies ask a partner to manage them here. As a partner, you find incoming requests under Clients → Partner requests.</p>
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="page">
      <EmptyState icon="lock" tone="locked" title="You don't have access to this page" testId="no-permission">
        <p>Your user lacks the permission for this area. An administrator of your company can grant it under Users &amp; permissions.</p>
      </EmptyState>
    </div>
  );
}
