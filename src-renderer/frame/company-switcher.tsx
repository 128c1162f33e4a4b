// The company selector: a button in the top bar showing the acting company, and a command-palette style
// dialog listing Self, then recently used companies, then the rest (Ctrl/Cmd+K from anywhere).
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { SwitcherEntry } from '../../src-shared/api/types';
import { useActions, useApp } from '../state/store-context';
import { useCapabilities } from '../state/use-capabilities';
import { Avatar } from '../ui/avatar';
import { RouteBadge, SampleBadge, SelfBadge } from '../ui/badges';
import { useFocusTrap } from '../ui/dialog';
import { placeOf, shortcutLabel } from '../ui/format';
import { Icon } from '../ui/icons';
import { Spinner } from '../ui/states';
import { paletteSections } from './palette-sections';
import { switchCompany } from './switch-company';
import './company-switcher.css';

/** More than this many matches are not rendered; the footer asks to narrow the search. */
const MAX_SHOWN = 60;

export function CompanySwitcherButton() {
  const acting = useApp((s) => s.session.info?.acting ?? null);
  const isSelf = useApp((s) => s.session.info?.isSelf ?? true);
  const paletteOpen = useApp((s) => s.ui.paletteOpen);
  const switching = useApp((s) => s.session.switchingTo !== null);
  const caps = useCapabilities();
  const { openPalette } = useActions();
  if (!acting) return null;

  if (!caps.canSwitch) {
    // A client's own user only ever sees its own company: a label, not a selector.
    return (
      <div className="switcher-button is-static" data-testid="company-switcher" aria-label={`Company: ${acting.name}`}>
        <Avatar name={acting.name} size={22} />
        <span className="switcher-name">{acting.name}</span>
        {acting.isSample && <SampleBadge compact />}
      </div>
    );
  }

  return (
    <button
      type="button"
      className={`switcher-button${isSelf ? '' : ' is-client'}`}
      data-testid="company-switcher"
      aria-haspopup="dialog"
      aria-expanded={paletteOpen}
      title={`Switch company (${shortcutLabel('K')})`}
      onClick={openPalette}
    >
      <Avatar name={acting.name} size={22} self={isSelf} />
      <span className="switcher-name" data-testid="acting-company-name">
        {acting.name}
      </span>
      {isSelf ? <SelfBadge /> : acting.isSample && <SampleBadge compact />}
      {switching ? <Spinner size={12} /> : <Icon name="chevronUpDown" size={14} className="icon switcher-chevron" />}
      <kbd className="kbd switcher-kbd">{shortcutLabel('K')}</kbd>
    </button>
  );
}

export function CompanyPalette() {
  const open = useApp((s) => s.ui.paletteOpen);
  if (!open) return null;
  return <PaletteDialog />;
}

function PaletteDialog() {
  const switcher = useApp((s) => s.session.switcher);
  const recentIds = useApp((s) => s.session.info?.recentCompanyIds ?? []);
  const actingId = useApp((s) => s.session.info?.acting?.id ?? null);
  const actions = useActions();
  const [search, setSearch] = useState('');
  const [active, setActive] = useState(0);
  // Enter pressed before the entries arrived: switch as soon as they are there.
  const [enterPending, setEnterPending] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const listId = useId();
  useFocusTrap(dialogRef, true);

  useEffect(() => {
    void actions.loadSwitcher();
    inputRef.current?.focus();
  }, [actions]);

  const sections = useMemo(() => paletteSections(switcher.data ?? [], recentIds, search), [switcher.data, recentIds, search]);
  const total = sections.reduce((n, s) => n + s.entries.length, 0);
  const clientCount = sections.reduce((n, s) => n + s.entries.filter((e) => !e.isSelf).length, 0);
  // Flatten with a cap, keeping section headings for the entries actually shown.
  const shown = useMemo(() => {
    const out: { section: string; entry: SwitcherEntry }[] = [];
    for (const s of sections) {
      for (const e of s.entries) {
        if (out.length >= MAX_SHOWN) break;
        out.push({ section: s.title, entry: e });
      }
    }
    return out;
  }, [sections]);

  // Start on the first company that is not the current one: opening the palette means going elsewhere.
  useEffect(() => {
    const firstOther = shown.findIndex((s) => s.entry.id !== actingId);
    setActive(search === '' && firstOther > 0 ? firstOther : 0);
    // Only a new search (or the first load) resets the position, not every refresh of the entries.
  }, [search, switcher.data === null]);
  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const close = actions.closePalette;
  const choose = (entry: SwitcherEntry) => {
    close();
    if (entry.id === actingId) return;
    void switchCompany(actions, entry.isSelf ? null : entry.id);
  };

  const openElsewhere = (entry: SwitcherEntry) => {
    close();
    void actions.openWindow(entry.isSelf ? null : entry.id).catch(() => undefined);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => (shown.length === 0 ? 0 : (i + 1) % shown.length));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => (shown.length === 0 ? 0 : (i - 1 + shown.length) % shown.length));
    } else if (e.key === 'Home') {
      e.preventDefault();
      setActive(0);
    } else if (e.key === 'End') {
      e.preventDefault();
      setActive(Math.max(0, shown.length - 1));
    } else if (e.key === 'Enter' && e.shiftKey) {
      // Shift+Enter: the company in a new window (this one keeps its company and its unsaved work).
      e.preventDefault();
      const item = shown[active];
      if (item) openElsewhere(item.entry);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const item = shown[active];
      if (item) choose(item.entry);
      else if (!switcher.data || switcher.refreshing) setEnterPending(true);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };

  useEffect(() => {
    if (!enterPending || !switcher.data || switcher.refreshing) return;
    setEnterPending(false);
    const item = shown[active] ?? shown[0];
    if (item) choose(item.entry);
  });

  const activeId = shown[active] ? `${listId}-opt-${shown[active].entry.id}` : undefined;

  return (
    <div className="overlay overlay-palette" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div
        ref={dialogRef}
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="switcher-dialog"
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="sr-only">
          Switch company
        </h2>
        <div className="palette-search">
          <Icon name="search" size={18} />
          <input
            ref={inputRef}
            className="palette-input"
            placeholder="Switch to… search companies by name, city or country"
            aria-label="Search companies"
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
        <div className="palette-list" ref={listRef} role="listbox" id={listId} aria-label="Companies">
          {switcher.status === 'loading' && !switcher.data && (
            <div className="palette-empty">
              <Spinner /> Loading companies…
            </div>
          )}
          {switcher.status === 'error' && (
            <div className="palette-empty is-error">
              <Icon name="alert" /> {switcher.error}
              <button type="button" className="btn btn-small" onClick={() => void actions.loadSwitcher()}>
                Try again
              </button>
            </div>
          )}
          {switcher.data && shown.length === 0 && (
            <div className="palette-empty" data-testid="switcher-empty">
              No company matches “{search}”.
            </div>
          )}
          {shown.map(({ section, entry }, index) => {
            const heading = index === 0 || shown[index - 1].section !== section;
            const isCurrent = entry.id === actingId;
            return (
              <div key={`${section}-${entry.id}`} role="presentation">
                {heading && (
                  <div className="palette-heading" role="presentation">
                    {section}
                  </div>
                )}
                <div
                  id={`${listId}-opt-${entry.id}`}
                  role="option"
                  aria-selected={index === active}
                  data-index={index}
                  data-testid={entry.isSelf ? 'switcher-option-self' : `switcher-option-${entry.id}`}
                  className={`palette-option${index === active ? ' is-active' : ''}`}
                  onMouseMove={() => index !== active && setActive(index)}
                  onClick={() => choose(entry)}
                >
                  <Avatar name={entry.name} size={26} self={entry.isSelf} />
                  <span className="palette-option-main">
                    <span className="palette-option-name">
                      {entry.name}
                      {entry.isSelf && <SelfBadge />}
                      {entry.isSample && <SampleBadge compact />}
                      {!entry.isSelf && <RouteBadge route={entry.paymentRoute} />}
                    </span>
                    <span className="palette-option-sub">
                      {entry.isSelf ? 'Act as your partner company' : placeOf(entry.city, entry.country) || 'No address yet'}
                    </span>
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
              </div>
            );
          })}
        </div>
        <div className="palette-footer">
          <span>
            <kbd className="kbd">↑</kbd>
            <kbd className="kbd">↓</kbd> to move
          </span>
          <span>
            <kbd className="kbd">Enter</kbd> to switch
          </span>
          <span>
            <kbd className="kbd">Shift+Enter</kbd> new window
          </span>
          <span>
            <kbd className="kbd">{shortcutLabel('S', true)}</kbd> back to Self
          </span>
          <span className="palette-count">
            {total > shown.length
              ? `Showing ${shown.length} of ${total} — type to narrow`
              : clientCount > 0
                ? `${clientCount} ${clientCount === 1 ? 'client' : 'clients'}`
                : ''}
          </span>
        </div>
      </div>
    </div>
  );
}
