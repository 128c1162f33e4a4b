// What the company palette lists: Self first, then the recently used companies, then the rest, all
// filtered by the search (case- and accent-insensitive, by name, city, country or id).
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
