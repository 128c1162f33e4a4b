// The column kinds the shop's lists share: a date column's size, sort and text where a row has no date, and
// the name column's icon tile, sub line and Demo badge, rendered to markup.
import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { dateColumn, tileNameColumn } from '../../../../../src-renderer/screens/store/store-columns';
import { formatDate } from '../../../../../src-renderer/ui/format';

interface Row {
  name: string;
  description: string;
  isDemo: boolean;
  endsAt: string | null;
}

const html = (node: unknown) => renderToStaticMarkup(node as ReactElement);
const row: Row = { name: 'Workshop members', description: 'Members-only content', isDemo: true, endsAt: '2026-11-30T10:00:00.000Z' };

describe('dateColumn', () => {
  it('is 120 px unless told, keeps its sort and priority, and shows the date quietly', () => {
    const column = dateColumn<Row>({ id: 'ends', header: 'Ends', sort: 'endsAt', priority: 2, firstDirection: 'desc' }, (r) => r.endsAt);
    expect(column).toMatchObject({ id: 'ends', header: 'Ends', sort: 'endsAt', priority: 2, firstDirection: 'desc', width: '120px', minWidth: 120 });
    expect(html(column.cell(row))).toBe(`<span class="muted">${formatDate(row.endsAt!)}</span>`);
    expect(dateColumn<Row>({ id: 'ends', header: 'Ends', width: 130 }, (r) => r.endsAt)).toMatchObject({ width: '130px', minWidth: 130 });
  });

  it('shows its `none` text where a row has no date (a dash by default)', () => {
    expect(html(dateColumn<Row>({ id: 'ends', header: 'Ends' }, (r) => r.endsAt, 'Open-ended').cell({ ...row, endsAt: null }))).toBe('<span class="muted">Open-ended</span>');
    expect(html(dateColumn<Row>({ id: 'ends', header: 'Ends' }, (r) => r.endsAt).cell({ ...row, endsAt: null }))).toBe('<span class="muted">—</span>');
  });
});

describe('tileNameColumn', () => {
  it('sorts by name and shows the icon tile, the name, the sub line and the Demo badge', () => {
    const column = tileNameColumn<Row>({ header: 'Access group', icon: 'key' }, (r) => ({ title: r.name, sub: r.description, demo: r.isDemo }));
    expect(column).toMatchObject({ id: 'name', header: 'Access group', sort: 'name', minWidth: 240 });
    const markup = html(column.cell(row));
    expect(markup).toContain('class="kind-icon icon-tile"');
    expect(markup).toContain('Workshop members');
    expect(markup).toContain('<span class="name-cell-sub">Members-only content</span>');
    expect(markup).toContain('Demo');
  });

  it('uses the accent tile when asked and leaves out an empty sub line', () => {
    const column = tileNameColumn<Row>({ header: 'Theme', icon: 'palette', accent: true }, (r) => ({ title: r.name, sub: '', demo: false }));
    const markup = html(column.cell(row));
    expect(markup).toContain('class="kind-icon icon-tile icon-tile-accent"');
    expect(markup).not.toContain('name-cell-sub');
    expect(markup).not.toContain('Demo');
  });
});
