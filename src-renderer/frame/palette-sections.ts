// What the command palette (Ctrl/Cmd+K) lists: companies (Self first, then the recently used ones, then the rest),
// actions, screens and the acting client's products, orders and customers, all filtered by the search (case- and
// accent-insensitive; companies by name, city, country or id).
import type { SwitcherEntry } from '../../src-shared/api/types';

function normalize(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export interface PaletteSection {
  title: string;
  entries: SwitcherEntry[];
}

/** Self first, then the recently used companies, then the rest, all filtered by the search. */
export function paletteSections(entries: readonly SwitcherEntry[], recentIds: readonly number[], search: string): PaletteSection[] {
  const q = normalize(search.trim());
  const matches = (e: SwitcherEntry) =>
    !q || normalize(`${e.name} ${e.city} ${e.country} ${e.isSelf ? 'self' : ''} ${e.id}`).includes(q);
  const self = entries.filter((e) => e.isSelf && matches(e));
  const recentSet = new Set(recentIds);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const recent = recentIds
    .map((id) => byId.get(id))
    .filter((e): e is SwitcherEntry => Boolean(e && !e.isSelf && matches(e)));
  const rest = entries.filter((e) => !e.isSelf && !recentSet.has(e.id) && matches(e));
  return [
    { title: 'Your partner account', entries: self },
    { title: 'Recent', entries: recent },
    { title: q ? 'Companies' : 'All companies', entries: rest },
  ].filter((s) => s.entries.length > 0);
}

/** True when every word of the search occurs in the text (case- and accent-insensitive). */
export function matchesSearch(text: string, search: string): boolean {
  const words = normalize(search.trim()).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normalize(text);
  return words.every((word) => haystack.includes(word));
}

/** One thing the palette can do: an action, a screen, or a search hit (a product, an order, a customer). */
export interface PaletteCommand {
  id: string;
  label: string;
  /** A second line (where it goes, what it is). */
  detail?: string;
  /** More words it is found by. */
  keywords?: string;
  icon: string;
}

/** A group of the palette's list. */
export type PaletteGroup<C extends PaletteCommand = PaletteCommand> =
  | { kind: 'companies'; title: string; entries: SwitcherEntry[] }
  | { kind: 'commands'; title: string; commands: C[]; loading?: boolean };

/** A row of the (virtualized) list: a group heading, a company, or a command. */
export type PaletteRow<C extends PaletteCommand = PaletteCommand> =
  | { kind: 'heading'; title: string; loading?: boolean }
  | { kind: 'company'; entry: SwitcherEntry; section: string }
  | { kind: 'command'; command: C; section: string };

/** The commands that match the search, in their order. */
export function matchingCommands<C extends PaletteCommand>(commands: readonly C[], search: string): C[] {
  return commands.filter((c) => matchesSearch(`${c.label} ${c.detail ?? ''} ${c.keywords ?? ''}`, search));
}

/**
 * What the palette lists. Without a search: Self and the recently used companies, the actions, the screens, then
 * every company (the list is virtualized, 5,000 are fine). With a search: the matching companies first (what
 * Ctrl+K is mostly for), then actions, screens and the acting client's products, orders and customers.
 */
export function paletteGroups<C extends PaletteCommand>(
  companies: PaletteSection[],
  actions: readonly C[],
  screens: readonly C[],
  hits: readonly PaletteGroup<C>[],
  search: string,
): PaletteGroup<C>[] {
  const commandGroups: PaletteGroup<C>[] = [
    { kind: 'commands', title: 'Actions', commands: matchingCommands(actions, search) },
    { kind: 'commands', title: 'Screens', commands: matchingCommands(screens, search) },
  ];
  const companyGroups: PaletteGroup<C>[] = companies.map((s) => ({ kind: 'companies', title: s.title, entries: s.entries }));
  const ordered = search.trim()
    ? [...companyGroups, ...commandGroups, ...hits]
    : [...companyGroups.filter((g) => g.title !== 'All companies'), ...commandGroups, ...companyGroups.filter((g) => g.title === 'All companies')];
  return ordered.filter((g) => (g.kind === 'companies' ? g.entries.length > 0 : g.commands.length > 0 || g.loading));
}

/** The groups as rows: a heading, then its entries. */
export function paletteRows<C extends PaletteCommand>(groups: readonly PaletteGroup<C>[]): PaletteRow<C>[] {
  const rows: PaletteRow<C>[] = [];
  for (const group of groups) {
    rows.push({ kind: 'heading', title: group.title, loading: group.kind === 'commands' ? group.loading : undefined });
    if (group.kind === 'companies') for (const entry of group.entries) rows.push({ kind: 'company', entry, section: group.title });
    else for (const command of group.commands) rows.push({ kind: 'command', command, section: group.title });
  }
  return rows;
}

/**
 * Where the highlight starts when the palette opens or the search changes (an index into `selectable`). With a
 * search: its first match. Without one the list stays at its top (Self, the recent companies, the actions, the
 * screens): the highlight is on the first recently used company that is not the current one (opening the palette
 * mostly means going back to one), else on the first row; never down among "All companies", which would scroll
 * the top out of view.
 */
export function initialActive(rows: readonly PaletteRow[], selectable: readonly number[], actingId: number | null, search: string): number {
  if (search !== '') return 0;
  const recent = selectable.findIndex((i) => {
    const row = rows[i];
    return row.kind === 'company' && row.section === 'Recent' && row.entry.id !== actingId;
  });
  return recent > 0 ? recent : 0;
}
