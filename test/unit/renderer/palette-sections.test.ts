import { describe, expect, it } from 'vitest';
import type { SwitcherEntry } from '../../../src-shared/api/types';
import { paletteSections } from '../../../src-renderer/frame/palette-sections';

const entry = (id: number, name: string, extra: Partial<SwitcherEntry> = {}): SwitcherEntry => ({
  id,
  name,
  isSelf: false,
  isSample: false,
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
