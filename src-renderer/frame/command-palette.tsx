// The command palette (Ctrl/Cmd+K, or the company selector in the top bar): one search over
// - companies: Self, the recently used ones, every client (virtualized: 5,000 scroll like 8); Enter acts as the
//   company in this window, Shift+Enter (or ↗) opens it in a new window;
// - actions: New product / order / customer, New company, Close month…, Switch user…, Back to Self, Open in a
//   new window, Keyboard shortcuts — only those the signed-in user may do where this window acts;
// - screens: every navigation entry the user can open now (under their heading, no second line each);
// - acting as a client: its products, orders and customers, by the lists' own server search (a few of each).
// The rows are one virtualized list (headings included); ↑/↓ skip the headings.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { SwitcherEntry } from '../../src-shared/api/types';
import type { NavEntry, RouteDefs } from '../area';
import { RENDERER_AREAS } from '../areas';
import { routeAccess, type Route } from '../router/routes';
import { navigate } from '../router/use-route';
import type { Capabilities } from '../state/capabilities';
import { useActions, useApp } from '../state/store-context';
import { useCapabilities } from '../state/use-capabilities';
import { useLatestLoad } from '../state/use-latest-load';
import type { AppActions } from '../state/store';
import type { ShopHits } from '../state/ui-slice';
import { Avatar } from '../ui/avatar';
import { RouteBadge, SelfBadge, KindBadge } from '../ui/badges';
import { useFocusTrap } from '../ui/dialog';
import { formatMoney } from '../ui/money';
import { placeOf, shortcutLabel } from '../ui/format';
import { Icon, type IconName } from '../ui/icons';
import { Spinner } from '../ui/states';
import { initialActive, paletteGroups, paletteRows, paletteSections, type PaletteCommand, type PaletteGroup, type PaletteRow } from './palette-sections';
import { switchCompany } from './switch-company';
import { isTeamConsole } from '../api/team-session';
import { signOutAfterAsking } from './team-sign-out';
import './company-switcher.css';

interface Command extends PaletteCommand {
  icon: IconName;
  run(): void;
  testId: string;
}

const HEADING_PX = 30;
const ROW_PX = 46;
/** A search this short does not ask the server (one letter matches half of any shop). */
const MIN_SHOP_SEARCH = 2;
const SHOP_SEARCH_DELAY_MS = 180;

/** The last month (YYYY-MM) before the platform's today: the one a partner closes next. */
function previousMonth(clockNow: string | null): string {
  const now = clockNow ? new Date(clockNow) : new Date();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return month.toISOString().slice(0, 7);
}

/** What this user may do from here, as palette actions. */
function actionCommands(caps: Capabilities, actions: AppActions, acting: { id: number; name: string } | null, isSelf: boolean, clockNow: string | null): Command[] {
  const go = (route: Route) => () => navigate(route);
  const list: Command[] = [];
  if (caps.actingAsClient && caps.storeAvailable) {
    if (caps.storeAreas.products) list.push({ id: 'new-product', label: 'New product', detail: 'In this shop', icon: 'plus', run: go({ name: 'store', list: 'products', item: 'new' }), testId: 'palette-action-new-product', keywords: 'create add' });
    if (caps.storeAreas.orders) list.push({ id: 'new-order', label: 'New order', detail: 'Enter an order by hand', icon: 'plus', run: go({ name: 'store', list: 'orders', item: 'new' }), testId: 'palette-action-new-order', keywords: 'create add' });
    if (caps.storeAreas.customers) list.push({ id: 'new-customer', label: 'New customer', detail: 'In this shop', icon: 'plus', run: go({ name: 'store', list: 'customers', item: 'new' }), testId: 'palette-action-new-customer', keywords: 'create add' });
  }
  if (caps.clients) list.push({ id: 'new-company', label: 'New company', detail: 'A client you manage', icon: 'plus', run: go({ name: 'company-new' }), testId: 'palette-action-new-company', keywords: 'client create add' });
  if (caps.billingClose) {
    const month = previousMonth(clockNow);
    list.push({ id: 'close-month', label: 'Close month…', detail: `Preview and close ${month}`, icon: 'receipt', run: go({ name: 'billing-month', month }), testId: 'palette-action-close-month', keywords: 'billing invoice' });
  }
  // A team server: everybody signs in with their own password (no Switch user, no demo states of the server's folder).
  const team = isTeamConsole(document);
  if (team) list.push({ id: 'sign-out', label: 'Sign out', detail: 'End your session on this team server', icon: 'user', run: () => void signOutAfterAsking((message, detail) => actions.toast('error', message, detail)), testId: 'palette-action-sign-out', keywords: 'log out logout sign off' });
  else list.push({ id: 'switch-user', label: 'Switch user…', detail: 'Sign in as another local user', icon: 'user', run: () => actions.setSwitchUserOpen(true), testId: 'palette-action-switch-user', keywords: 'sign in login' });
  if (!isSelf && caps.canSwitch) list.push({ id: 'self', label: 'Back to Self', detail: shortcutLabel('S', true), icon: 'home', run: () => void switchCompany(actions, null), testId: 'palette-action-self', keywords: 'partner home' });
  if (acting) list.push({ id: 'new-window', label: 'Open in new window', detail: `${acting.name}, this screen`, icon: 'external', run: () => void actions.openWindow(isSelf ? null : acting.id, currentPath()).catch(() => undefined), testId: 'palette-action-new-window', keywords: 'tab window' });
  if (!team) list.push({ id: 'save-demo', label: 'Save demo state…', detail: 'The whole data folder, under a name', icon: 'download', run: () => actions.setDemoDialog('save'), testId: 'palette-action-save-demo', keywords: 'snapshot backup' });
  if (!team) list.push({ id: 'reset-demo', label: 'Reset demo…', detail: 'Back to a saved state', icon: 'refresh', run: () => actions.setDemoDialog('reset'), testId: 'palette-action-reset-demo', keywords: 'snapshot restore' });
  list.push({ id: 'shortcuts', label: 'Keyboard shortcuts', detail: '?', icon: 'info', run: () => actions.setShortcutsOpen(true), testId: 'palette-action-shortcuts', keywords: 'keys help' });
  return list;
}

/** The screen path of this window's address (without its company). */
function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '');
  return hash.replace(/^\/c\/\d+/, '') || '/';
}

type AnyNavEntry = NavEntry<RouteDefs>;

/** Every navigation entry the user can open now (the side navigation's, locked ones left out). */
function screenCommands(caps: Capabilities): Command[] {
  const entries = RENDERER_AREAS.flatMap((area) => (area.nav ?? []) as unknown as AnyNavEntry[]).sort((a, b) => a.order - b.order);
  const seen = new Set<string>();
  const list: Command[] = [];
  for (const entry of entries) {
    if ((entry.show && !entry.show(caps)) || entry.locked?.(caps)) continue;
    const route = (typeof entry.route === 'function' ? entry.route(caps) : entry.route) as Route;
    if (!routeAccess(route, caps).ok || seen.has(entry.label)) continue;
    seen.add(entry.label);
    list.push({ id: `screen-${entry.testId}`, label: entry.label, keywords: 'screen go to open', icon: entry.icon, run: () => navigate(route), testId: `palette-screen-${entry.testId.replace(/^nav-/, '')}` });
  }
  return list;
}

/** The shop's hits as palette groups (a group while its answer is on the way shows a spinner). */
function hitGroups(hits: ShopHits | null, loading: boolean, searching: boolean): PaletteGroup<Command>[] {
  if (!searching) return [];
  const open = (route: Route) => () => navigate(route);
  const group = (title: string, commands: Command[] | null): PaletteGroup<Command> | null =>
    commands === null ? (loading ? { kind: 'commands', title, commands: [], loading: true } : null) : { kind: 'commands', title, commands, loading };
  const products = hits?.products?.map((p): Command => ({ id: `product-${p.id}`, label: p.name, detail: `${formatMoney(p.priceMinor, p.currency)}${p.sku ? ` · ${p.sku}` : ''}${p.isActive ? '' : ' · inactive'}`, icon: 'tag', run: open({ name: 'store', list: 'products', item: p.id }), testId: `palette-product-${p.id}` })) ?? null;
  const orders = hits?.orders?.map((o): Command => ({ id: `order-${o.id}`, label: `Order #${o.number}`, detail: `${o.customerName} · ${formatMoney(o.grossMinor, o.currency)} · ${o.status}`, icon: 'receipt', run: open({ name: 'store', list: 'orders', item: o.id }), testId: `palette-order-${o.id}` })) ?? null;
  const customers = hits?.customers?.map((c): Command => ({ id: `customer-${c.id}`, label: c.name, detail: [c.email, placeOf(c.city, c.country)].filter(Boolean).join(' · '), icon: 'user', run: open({ name: 'store', list: 'customers', item: c.id }), testId: `palette-customer-${c.id}` })) ?? null;
  return [group('Products', products), group('Orders', orders), group('Customers', customers)].filter((g): g is PaletteGroup<Command> => g !== null);
}

/** The search, settled: the shop is asked once typing pauses. */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function CommandPalette() {
  const switcher = useApp((s) => s.session.switcher);
  const info = useApp((s) => s.session.info);
  const clockNow = useApp((s) => s.session.appInfo?.clockNow ?? null);
  const caps = useCapabilities();
  const actions = useActions();
  const recentIds = info?.recentCompanyIds ?? [];
  const actingId = info?.acting?.id ?? null;
  const isSelf = info?.isSelf ?? true;
  const [search, setSearch] = useState('');
  const [active, setActive] = useState(0);
  // Enter pressed before the companies arrived: act as soon as they are there.
  const [enterPending, setEnterPending] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const listId = useId();
  useFocusTrap(dialogRef, true);

  useEffect(() => {
    if (caps.canSwitch) void actions.loadSwitcher();
    inputRef.current?.focus();
  }, [actions, caps.canSwitch]);

  // The acting client's shop, searched on the server once typing pauses.
  const settled = useSettled(search.trim(), SHOP_SEARCH_DELAY_MS);
  const scope = { products: caps.storeAreas.products, orders: caps.storeAreas.orders, customers: caps.storeAreas.customers };
  const shopSearchable = caps.actingAsClient && caps.storeAvailable && actingId !== null && (scope.products || scope.orders || scope.customers);
  const searching = shopSearchable && settled.length >= MIN_SHOP_SEARCH;
  const hits = useLatestLoad(searching ? () => actions.paletteSearch(actingId!, settled, scope) : null, [searching, settled, actingId]);

  const companies = useMemo(() => (caps.canSwitch ? paletteSections(switcher.data ?? [], recentIds, search) : []), [caps.canSwitch, switcher.data, recentIds, search]);
  const actionList = useMemo(() => actionCommands(caps, actions, info?.acting ?? null, isSelf, clockNow), [caps, actions, info?.acting, isSelf, clockNow]);
  const screens = useMemo(() => screenCommands(caps), [caps]);
  const hitList = useMemo(
    () => hitGroups(hits.data ?? null, hits.status === 'loading' || (searching && settled !== search.trim()), searching && search.trim().length >= MIN_SHOP_SEARCH),
    [hits, searching, settled, search],
  );
  const rows = useMemo(() => paletteRows(paletteGroups(companies, actionList, screens, hitList, search)), [companies, actionList, screens, hitList, search]);
  /** The rows one can land on (headings are skipped). */
  const selectable = useMemo(() => rows.flatMap((row, index) => (row.kind === 'heading' ? [] : [index])), [rows]);
  const clientCount = useMemo(() => companies.reduce((n, s) => n + s.entries.filter((e) => !e.isSelf).length, 0), [companies]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current,
    estimateSize: (index) => (rows[index]?.kind === 'heading' ? HEADING_PX : ROW_PX),
    overscan: 8,
    useFlushSync: false,
  });

  // Start at the top (a recent company other than the current one highlighted), or on the first match of a search.
  // Only a new search (or the first load) resets the position, not every refresh of the entries. Reset while
  // rendering, not in an effect: Enter pressed as soon as the matches show must choose the first of them (an effect
  // ran after that paint, so a quick Enter still acted on the position of the previous search).
  const resetKey = `${search}\u0000${switcher.data === null}`;
  const [positionedFor, setPositionedFor] = useState<string | null>(null);
  if (positionedFor !== resetKey) {
    setPositionedFor(resetKey);
    setActive(initialActive(rows, selectable, actingId, search));
  }
  const activeRow = selectable[active];
  useEffect(() => {
    if (activeRow !== undefined) virtualizer.scrollToIndex(activeRow, { align: 'auto' });
  }, [activeRow]);

  const close = actions.closePalette;
  const chooseCompany = (entry: SwitcherEntry) => {
    close();
    if (entry.id === actingId) return;
    void switchCompany(actions, entry.isSelf ? null : entry.id);
  };
  const openElsewhere = (entry: SwitcherEntry) => {
    close();
    void actions.openWindow(entry.isSelf ? null : entry.id).catch(() => undefined);
  };
  const choose = (row: PaletteRow<Command> | undefined, newWindow = false) => {
    if (!row || row.kind === 'heading') return;
    if (row.kind === 'company') return newWindow ? openElsewhere(row.entry) : chooseCompany(row.entry);
    close();
    row.command.run();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const count = selectable.length;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => (count === 0 ? 0 : (i + 1) % count));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => (count === 0 ? 0 : (i - 1 + count) % count));
    } else if (e.key === 'PageDown' || e.key === 'PageUp') {
      e.preventDefault();
      const step = e.key === 'PageDown' ? 8 : -8;
      setActive((i) => Math.max(0, Math.min(count - 1, i + step)));
    } else if (e.key === 'Home' && e.ctrlKey) {
      e.preventDefault();
      setActive(0);
    } else if (e.key === 'End' && e.ctrlKey) {
      e.preventDefault();
      setActive(Math.max(0, count - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const row = rows[selectable[active]];
      if (row) choose(row, e.shiftKey);
      else if (caps.canSwitch && (!switcher.data || switcher.refreshing)) setEnterPending(true);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };

  useEffect(() => {
    if (!enterPending || !switcher.data || switcher.refreshing) return;
    setEnterPending(false);
    choose(rows[selectable[active]] ?? rows[selectable[0]]);
  });

  const optionId = (row: PaletteRow<Command>) => (row.kind === 'company' ? `${listId}-c-${row.entry.id}` : row.kind === 'command' ? `${listId}-${row.command.id}` : undefined);
  const activeId = activeRow !== undefined ? optionId(rows[activeRow]) : undefined;

  return (
    <div className="overlay overlay-palette" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div ref={dialogRef} className="floating-panel palette" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="switcher-dialog" onKeyDown={onKeyDown}>
        <h2 id={titleId} className="sr-only">
          Command palette: switch company, run an action, open a screen or find something in the shop
        </h2>
        <div className="palette-search">
          <Icon name="search" size={18} />
          <input
            ref={inputRef}
            className="palette-input"
            placeholder={shopSearchable ? 'Search companies, actions, screens, products, orders, customers…' : caps.canSwitch ? 'Switch to a company, run an action, open a screen…' : 'Run an action or open a screen…'}
            aria-label="Search companies, actions and screens"
            role="combobox"
            aria-expanded="true"
            aria-controls={listId}
            aria-activedescendant={activeId}
            aria-autocomplete="list"
            value={search}
            data-testid="switcher-search"
            onChange={(e) => setSearch(e.target.value)}
          />
          <kbd className="kbd">Esc</kbd>
        </div>
        <div className="palette-list" ref={listRef} role="listbox" id={listId} aria-label="Results" data-testid="palette-list">
          {caps.canSwitch && switcher.status === 'loading' && !switcher.data && (
            <div className="palette-empty">
              <Spinner /> Loading companies…
            </div>
          )}
          {caps.canSwitch && switcher.status === 'error' && (
            <div className="palette-empty is-error">
              <Icon name="alert" /> {switcher.error}
              <button type="button" className="btn btn-small" onClick={() => void actions.loadSwitcher()}>
                Try again
              </button>
            </div>
          )}
          {rows.length === 0 && (switcher.data || !caps.canSwitch) && (
            <div className="palette-empty" data-testid="switcher-empty">
              Nothing matches “{search}”.
            </div>
          )}
          {hits.status === 'error' && <div className="palette-empty is-error"><Icon name="alert" /> The shop search failed: {hits.error}</div>}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              const style = { position: 'absolute' as const, top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` };
              if (row.kind === 'heading') {
                return (
                  <div key={`h-${row.title}`} className="palette-heading" role="presentation" style={style}>
                    {row.title} {row.loading && <Spinner size={10} label={`Searching ${row.title.toLowerCase()}`} />}
                  </div>
                );
              }
              const index = selectable.indexOf(item.index);
              const isActive = index === active;
              const common = {
                id: optionId(row),
                role: 'option' as const,
                'aria-selected': isActive,
                style,
                className: `palette-option${isActive ? ' is-active' : ''}`,
                onMouseMove: () => !isActive && setActive(index),
                onClick: () => choose(row),
              };
              if (row.kind === 'command') {
                const c = row.command;
                return (
                  <div key={`${row.section}-${c.id}`} {...common} data-testid={c.testId}>
                    <span className="palette-command-icon">
                      <Icon name={c.icon} size={15} />
                    </span>
                    <span className="palette-option-main">
                      <span className="palette-option-name">{c.label}</span>
                      {c.detail && <span className="palette-option-sub">{c.detail}</span>}
                    </span>
                    <Icon name="arrowRight" size={14} className="icon palette-enter" />
                  </div>
                );
              }
              const entry = row.entry;
              const isCurrent = entry.id === actingId;
              return (
                <div key={`${row.section}-${entry.id}`} {...common} data-testid={entry.isSelf ? 'switcher-option-self' : `switcher-option-${entry.id}`}>
                  <Avatar name={entry.name} size={26} self={entry.isSelf} />
                  <span className="palette-option-main">
                    <span className="palette-option-name">
                      <span className="palette-option-text" title={entry.name}>
                        {entry.name}
                      </span>
                      {entry.isSelf && <SelfBadge />}
                      <KindBadge company={entry} compact />
                      {!entry.isSelf && <RouteBadge route={entry.paymentRoute} />}
                    </span>
                    <span className="palette-option-sub">{entry.isSelf ? 'Act as your partner company' : placeOf(entry.city, entry.country) || 'No address yet'}</span>
                  </span>
                  <button
                    type="button"
                    className="btn btn-ghost btn-small palette-new-window"
                    title={`Open ${entry.name} in a new window (Shift+Enter)`}
                    aria-label={`Open ${entry.name} in a new window`}
                    tabIndex={-1}
                    data-testid={`switcher-new-window-${entry.isSelf ? 'self' : entry.id}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      openElsewhere(entry);
                    }}
                  >
                    <Icon name="external" size={14} />
                  </button>
                  {isCurrent ? (
                    <span className="palette-current">
                      <Icon name="check" size={14} /> Current
                    </span>
                  ) : (
                    <Icon name="arrowRight" size={14} className="icon palette-enter" />
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div className="palette-footer">
          <span>
            <kbd className="kbd">↑</kbd>
            <kbd className="kbd">↓</kbd> to move
          </span>
          <span>
            <kbd className="kbd">Enter</kbd> to open
          </span>
          {caps.canSwitch && (
            <span>
              <kbd className="kbd">Shift+Enter</kbd> new window
            </span>
          )}
          <span>
            <kbd className="kbd">?</kbd> shortcuts
          </span>
          <span className="palette-count" data-testid="palette-count">
            {clientCount > 0 ? `${clientCount.toLocaleString('en-US')} ${clientCount === 1 ? 'client' : 'clients'}` : ''}
          </span>
        </div>
      </div>
    </div>
  );
}
