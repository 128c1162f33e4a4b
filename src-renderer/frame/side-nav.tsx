// The left navigation: every area's entries (their `nav`) in fixed sections, only what the acting company's
// users could see (by the session's permissions). As Self, where every store item would be locked, Clients
// and Sales come first and the Store is one collapsed line ("Switch to a client…") instead of a list of
// locks. In a narrow window (or when the person collapses it) the navigation is a rail of icons.
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { formatDuration } from '../../src-shared/domain/durations';
import type { AreaName } from '../../src-shared/api/areas';
import type { NavEntry, NavSection, RouteDefs } from '../area';
import { RENDERER_AREAS } from '../areas';
import { href, routeEntries, type Route } from '../router/routes';
import { setNavCollapsed, useAppearance } from '../state/appearance';
import { useActions, useApp } from '../state/store-context';
import { useCapabilities } from '../state/use-capabilities';
import { Icon, type IconName } from '../ui/icons';
import { platformPlace } from './platform-place';
import './side-nav.css';

/** The sections top to bottom: heading (none for home) and test id. Each area puts its entries in them. */
const SECTIONS: { section: NavSection; heading?: string; testId?: string }[] = [
  { section: 'home' },
  { section: 'store', heading: 'Store', testId: 'nav-store' },
  { section: 'clients', heading: 'Clients' },
  { section: 'company', heading: 'Company' },
  { section: 'extensions', heading: 'Extensions', testId: 'nav-extensions' },
  { section: 'operator', heading: 'Platform operator', testId: 'nav-operator' },
  { section: 'platform', heading: 'Local platform' },
];

type AnyNavEntry = NavEntry<RouteDefs>;

let entries: { area: AreaName; entry: AnyNavEntry }[] | null = null;

/** Every area's navigation entries with their area, in order (built on first use, after the areas loaded). */
function navEntries(): { area: AreaName; entry: AnyNavEntry }[] {
  entries ??= RENDERER_AREAS.flatMap((area) => ((area.nav ?? []) as unknown as AnyNavEntry[]).map((entry) => ({ area: area.name as AreaName, entry }))).sort(
    (a, b) => a.entry.order - b.entry.order,
  );
  return entries;
}

function isActive(current: Route, area: AreaName, entry: AnyNavEntry, target: Route): boolean {
  if (!entry.activeFor) return current.name === target.name;
  if (current.name === 'not-found' || routeEntries().get(current.name)?.area.name !== area) return false;
  return entry.activeFor(current as never);
}

function NavItem({ route, active, icon, label, testId, badge }: { route: Route; active: boolean; icon: IconName; label: string; testId: string; badge?: ReactNode }) {
  return (
    <a href={href(route)} className={`nav-item${active ? ' is-active' : ''}`} aria-current={active ? 'page' : undefined} data-testid={testId} title={label}>
      <Icon name={icon} />
      <span className="nav-label">{label}</span>
      {badge}
    </a>
  );
}

export const STORE_LOCKED_TEXT = "Store functions work inside a client's shop. Switch to a client (Ctrl+K)";

function LockedNavItem({ icon, label, testId }: { icon: IconName; label: string; testId: string }) {
  const tipId = useId();
  return (
    <span
      className="nav-item is-disabled has-tooltip"
      role="link"
      aria-disabled="true"
      tabIndex={0}
      aria-describedby={tipId}
      data-testid={testId}
      data-tooltip={STORE_LOCKED_TEXT}
    >
      <Icon name={icon} />
      <span className="nav-label">{label}</span>
      <Icon name="lock" size={13} className="icon nav-lock" />
      <span id={tipId} role="tooltip" className="tooltip">
        {STORE_LOCKED_TEXT}
      </span>
    </span>
  );
}

/** Shown once the platform clock was moved: how far ahead it runs (the Webhooks screen moves it). */
function PlatformClockNote() {
  const offset = useApp((s) => s.webhooks.clock.data?.offsetMs ?? 0);
  const status = useApp((s) => s.webhooks.clock.status);
  const actions = useActions();
  useEffect(() => {
    if (status === 'idle') void actions.loadClock();
  }, [status, actions]);
  if (offset <= 0) return null;
  return (
    <div className="nav-footer-clock" data-testid="nav-clock-offset" title="The platform clock was moved forward (it never moves back)">
      <Icon name="clock" size={12} /> Clock +{formatDuration(offset)}
    </div>
  );
}

/** Below this window width the navigation starts as a rail of icons. */
export const NARROW_NAV_PX = 1100;
/**
 * Collapsed (a rail of icons): in a wide window as the person chose (kept; Settings shows the same choice), in a
 * narrow one by default, where expanding lays the full navigation over the page until the next click on an item.
 */
function useNavCollapsed(): { collapsed: boolean; narrow: boolean; set(collapsed: boolean): void } {
  const narrowNow = () => typeof window !== 'undefined' && window.innerWidth < NARROW_NAV_PX;
  const [narrow, setNarrow] = useState(narrowNow);
  const [narrowOpen, setNarrowOpen] = useState(false);
  const choice = useAppearance().navCollapsed;
  useEffect(() => {
    const onResize = () => {
      setNarrow(narrowNow());
      setNarrowOpen(false);
    };
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const set = (collapsed: boolean) => {
    if (narrow) {
      setNarrowOpen(!collapsed);
      return;
    }
    setNavCollapsed(collapsed);
  };
  return { collapsed: narrow ? !narrowOpen : choice, narrow, set };
}

function StoreSwitchHint({ collapsedNav }: { collapsedNav: boolean }) {
  const actions = useActions();
  return (
    <button type="button" className="nav-item nav-store-hint" onClick={() => actions.openPalette()} data-testid="nav-store-hint" title={STORE_LOCKED_TEXT}>
      <Icon name="store" />
      <span className="nav-label">{collapsedNav ? 'Store' : 'Switch to a client…'}</span>
    </button>
  );
}

export function SideNav({ route }: { route: Route }) {
  const caps = useCapabilities();
  const version = typeof __PARTNERDECK_VERSION__ === 'string' ? __PARTNERDECK_VERSION__ : '';
  const { collapsed, narrow, set: setCollapsed } = useNavCollapsed();
  const [storeOpen, setStoreOpen] = useState(false);
  const place = useMemo(() => platformPlace(), []);
  const shownIn = (section: NavSection) => navEntries().filter(({ entry }) => entry.section === section && (entry.show?.(caps) ?? true));
  const storeEntries = shownIn('store');
  // As Self every store item is locked: the store becomes one line, below the partner's own sections.
  const storeLocked = storeEntries.length > 0 && storeEntries.every(({ entry }) => entry.locked?.(caps));
  const order = storeLocked ? (['home', 'clients', 'store', 'company', 'extensions', 'operator', 'platform'] as NavSection[]) : SECTIONS.map((s) => s.section);

  return (
    <nav
      className={`sidenav${collapsed ? ' is-collapsed' : ''}${narrow && !collapsed ? ' is-overlay' : ''}`}
      aria-label="Main"
      data-testid="sidenav"
      data-collapsed={collapsed ? 'true' : 'false'}
      // In a narrow window the expanded navigation closes once an item is chosen.
      onClick={(e) => narrow && !collapsed && (e.target as HTMLElement).closest('a.nav-item') && setCollapsed(true)}
    >
      {order.map((section) => {
        const found = SECTIONS.find((s) => s.section === section)!;
        const { testId } = found;
        const heading = section === 'platform' ? place.sectionHeading : found.heading;
        const shown = shownIn(section);
        if (shown.length === 0) return null;
        if (section === 'store' && storeLocked) {
          return (
            <div key={section} className="nav-section nav-section-store-locked" data-testid={testId} data-locked="true">
              <button type="button" className="nav-heading nav-heading-toggle" aria-expanded={storeOpen} onClick={() => setStoreOpen(!storeOpen)} data-testid="nav-store-toggle">
                <span>{heading}</span>
                <span className="nav-heading-count">{shown.length} in a client's shop</span>
                <Icon name={storeOpen ? 'chevronUp' : 'chevronDown'} size={12} />
              </button>
              <StoreSwitchHint collapsedNav={collapsed} />
              {storeOpen && shown.map(({ entry }) => <LockedNavItem key={entry.testId} icon={entry.icon} label={entry.label} testId={entry.testId} />)}
            </div>
          );
        }
        return (
          <div key={section} className="nav-section" data-testid={testId}>
            {heading && <div className="nav-heading">{heading}</div>}
            {shown.map(({ area, entry }) => {
              if (entry.locked?.(caps)) return <LockedNavItem key={entry.testId} icon={entry.icon} label={entry.label} testId={entry.testId} />;
              const target = (typeof entry.route === 'function' ? entry.route(caps) : entry.route) as Route;
              return (
                <NavItem
                  key={entry.testId}
                  route={target}
                  active={isActive(route, area, entry, target)}
                  icon={entry.icon}
                  label={entry.label}
                  testId={entry.testId}
                  badge={entry.badge?.()}
                />
              );
            })}
          </div>
        );
      })}

      <button
        type="button"
        className="nav-item nav-collapse"
        onClick={() => setCollapsed(!collapsed)}
        aria-expanded={!collapsed}
        aria-label={collapsed ? 'Expand the navigation' : 'Collapse the navigation'}
        title={collapsed ? 'Expand the navigation' : 'Collapse the navigation'}
        data-testid="nav-collapse"
      >
        <Icon name={collapsed ? 'chevronRight' : 'chevronLeft'} />
        <span className="nav-label">Collapse</span>
      </button>
      <div className="nav-footer" title={place.footerTitle} data-testid="nav-footer">
        <div className="nav-footer-row">
          <Icon name={place.team ? 'globe' : 'shield'} size={13} /> {place.footerLabel}
          {version && <span className="nav-version">v{version}</span>}
        </div>
        <div className="nav-footer-note">{place.footerNote}</div>
        <PlatformClockNote />
      </div>
    </nav>
  );
}
