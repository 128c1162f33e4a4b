// The columns of the console's tables, without React: what a column is, which of them fit a narrow window,
// the CSS grid they make, and how a sorted column is announced (aria-sort).
import type { CSSProperties, ReactNode } from 'react';

export interface Column<T> {
  id: string;
  header: string;
  /** The server's sort key; the header becomes a sort button. */
  sort?: string;
  /** The CSS grid track, e.g. 'minmax(220px, 2fr)' or '110px'. */
  width: string;
  /** The narrowest it can be (px); columns are dropped by priority when they do not fit. */
  minWidth: number;
  /** 1 (default) always stays; 2 and 3 give way first in a narrow window. */
  priority?: 1 | 2 | 3;
  align?: 'end';
  /** The first sort direction when this column is chosen (amounts and dates: desc). */
  firstDirection?: 'asc' | 'desc';
  cell(row: T): ReactNode;
  className?: string;
}

export interface SortState {
  key: string;
  direction: 'asc' | 'desc';
}

/** The columns that fit into `width` (px), dropping the least important first; order stays. */
export function fittingColumns<T>(columns: Column<T>[], width: number, reserve = 40): Column<T>[] {
  if (width <= 0) return columns;
  const byImportance = [...columns].sort((a, b) => (a.priority ?? 1) - (b.priority ?? 1));
  const keep = new Set<Column<T>>();
  let used = reserve;
  // Once a column does not fit, no less important one takes its place.
  let limit = Infinity;
  for (const column of byImportance) {
    const priority = column.priority ?? 1;
    if (priority > limit) break;
    if (priority === 1 || used + column.minWidth <= width) {
      keep.add(column);
      used += column.minWidth;
    } else limit = priority;
  }
  return columns.filter((c) => keep.has(c));
}

export function gridOf<T>(columns: Column<T>[]): CSSProperties {
  return { '--dt-columns': columns.map((c) => c.width).join(' ') } as CSSProperties;
}

export function ariaSort(column: { sort?: string }, sort?: SortState): 'ascending' | 'descending' | 'none' | undefined {
  if (!column.sort) return undefined;
  if (sort?.key !== column.sort) return 'none';
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}
