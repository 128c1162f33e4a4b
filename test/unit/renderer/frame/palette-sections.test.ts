import { describe, expect, it } from 'vitest';
import type { SwitcherEntry } from '../../../../src-shared/api/types';
import { initialActive, matchesSearch, matchingCommands, paletteGroups, paletteRows, paletteSections } from '../../../../src-renderer/frame/palette-sections';

const entry = (id: number, name: string, extra: Partial<SwitcherEntry> = {}): SwitcherEntry => ({
  id,
  name,
  isSelf: false,
  isSample: false,
  isDevelopment: false,
  paymentRoute: 'direct',
  city: '',
  country: 'DE',
  ...extra,
});

const entries = [
  entry(1, 'Northwind Partners', { isSelf: true }),
  entry(2, 'Café Lumière', { city: 'Lyon', country: 'FR' }),
  entry(3, 'Nordlys Outdoor', { city: 'Bergen', country: 'NO' }),
  entry(4, 'Alpenglück', { city: 'Innsbruck', country: 'AT' }),
];

describe('the company palette', () => {
  it('lists Self first, then recently used in their order, then the rest', () => {
    const sections = paletteSections(entries, [4, 2], '');
    expect(sections.map((s) => [s.title, s.entries.map((e) => e.id)])).toEqual([
      ['Your partner account', [1]],
      ['Recent', [4, 2]],
      ['All companies', [3]],
    ]);
  });

  it('filters by name, city or country, ignoring case and accents', () => {
    const ids = (search: string) => paletteSections(entries, [4], search).flatMap((s) => s.entries.map((e) => e.id));
    expect(ids('cafe lumiere')).toEqual([2]);
    expect(ids('BERGEN')).toEqual([3]);
    expect(ids('alpengluck')).toEqual([4]);
    expect(ids('self')).toEqual([1]);
    expect(ids('zzz')).toEqual([]);
  });

  it('ignores recent ids that are no longer in the list', () => {
    const sections = paletteSections(entries, [99, 3], '');
    expect(sections.find((s) => s.title === 'Recent')!.entries.map((e) => e.id)).toEqual([3]);
  });
});

describe('the command palette', () => {
  const command = (id: string, label: string, keywords = '') => ({ id, label, keywords, icon: 'plus' });
  const actions = [command('new-product', 'New product', 'create add'), command('switch-user', 'Switch user…', 'sign in')];
  const screens = [command('orders', 'Orders'), command('products', 'Products')];

  it('without a search: Self and recent companies, then actions and screens, then every company', () => {
    const groups = paletteGroups(paletteSections(entries, [4], ''), actions, screens, [], '');
    expect(groups.map((g) => g.title)).toEqual(['Your partner account', 'Recent', 'Actions', 'Screens', 'All companies']);
    const rows = paletteRows(groups);
    expect(rows.filter((r) => r.kind === 'heading')).toHaveLength(5);
    expect(rows.filter((r) => r.kind === 'company').map((r) => (r.kind === 'company' ? r.entry.id : 0))).toEqual([1, 4, 2, 3]);
  });

  it('with a search: matching companies first, then actions, screens and the shop hits; every word must match', () => {
    const hits = [{ kind: 'commands' as const, title: 'Products', commands: [command('product-7', 'Nordic product bundle')] }];
    const groups = paletteGroups(paletteSections(entries, [], 'nord'), actions, screens, hits, 'nord');
    expect(groups.map((g) => g.title)).toEqual(['Companies', 'Products']);
    expect(paletteGroups(paletteSections(entries, [], 'new prod'), actions, screens, [], 'new prod').map((g) => g.title)).toEqual(['Actions']);
    expect(matchingCommands(actions, 'create')).toEqual([actions[0]]);
    expect(matchingCommands(actions, 'sign user')).toEqual([actions[1]]);
    expect(matchesSearch('Café Lumière', 'cafe lum')).toBe(true);
    expect(matchesSearch('Café Lumière', 'cafe x')).toBe(false);
  });

  it('keeps a group whose search is still on its way (a spinner), and drops empty ones', () => {
    const hits = [
      { kind: 'commands' as const, title: 'Orders', commands: [], loading: true },
      { kind: 'commands' as const, title: 'Customers', commands: [] },
    ];
    expect(paletteGroups([], actions, screens, hits, 'zzz').map((g) => g.title)).toEqual(['Orders']);
  });

  it('lists 5,000 companies as rows (the list is virtualized, nothing is cut off)', () => {
    const many = [entries[0], ...Array.from({ length: 5000 }, (_, i) => entry(100 + i, `Client #${i}`))];
    const rows = paletteRows(paletteGroups(paletteSections(many, [], ''), actions, screens, [], ''));
    expect(rows.filter((r) => r.kind === 'company')).toHaveLength(5001);
  });

  it('opens at the top without a search: the highlight on a recent company, else the first row, never down among all 5,000', () => {
    const many = [entries[0], ...Array.from({ length: 5000 }, (_, i) => entry(100 + i, `Client #${i}`))];
    const start = (recent: number[], actingId: number | null, search = '') => {
      const rows = paletteRows(paletteGroups(paletteSections(many, recent, search), actions, screens, [], search));
      const selectable = rows.flatMap((row, index) => (row.kind === 'heading' ? [] : [index]));
      const row = rows[selectable[initialActive(rows, selectable, actingId, search)]];
      return { row, position: selectable[initialActive(rows, selectable, actingId, search)] };
    };
    // No recent company, acting as Self: Self (the first row), not the first of "All companies" below the screens.
    expect(start([], 1).row).toMatchObject({ kind: 'company', entry: { id: 1 } });
    expect(start([], 1).position).toBe(1);
    // A recent company other than the current one is highlighted; it sits right under Self.
    expect(start([150, 120], 150).row).toMatchObject({ kind: 'company', section: 'Recent', entry: { id: 120 } });
    // Acting as the only recent one: the first row again.
    expect(start([150], 150).position).toBe(1);
    // A search starts on its first match.
    expect(start([], 1, 'Client #4999').row).toMatchObject({ kind: 'company', entry: { id: 5099 } });
  });
});
