// The console's one table for long lists: an ARIA table with a sticky header whose sortable columns are
// buttons (aria-sort), a virtualized body (only the rows in view are in the DOM, however many the server
// holds), rows loaded page by page as they scroll into view (placeholders until they arrive), keyboard
// navigation (arrows, Home/End, Enter), columns that give way by priority in a narrow window, and an
// optional footer (totals). Screens describe their columns; the store's paged lists feed the rows.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Icon } from './icons';
import { ariaSort, fittingColumns, gridOf, type Column, type SortState } from './table-columns';

export type { Column, SortState } from './table-columns';
import { ErrorState, SkeletonRows } from './states';
import './data-table.css';

export interface DataTableProps<T> {
  label: string;
  columns: Column<T>[];
  /** Rows the filter matches on the server (null before the first page). */
  total: number | null;
  rowAt(index: number): T | undefined;
  rowKey(row: T): string | number;
  /** The rows from..to are in view (load their pages). */
  onRange(from: number, to: number): void;
  sort?: SortState;
  onSort?(key: string, direction: 'asc' | 'desc'): void;
  onOpen?(row: T): void;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error?: string | null;
  onRetry?(): void;
  /** Shown instead of rows when the filter matches nothing. */
  empty: ReactNode;
  /** Rows under the body (totals), laid out on the columns that fit. */
  footer?: (columns: Column<T>[]) => ReactNode;
  /** Scrolls back to the top when it changes (a new filter). */
  resetKey?: string;
  rowHeight?: number;
  rowTestId: string;
  testId?: string;
  /** The row to mark as open (its form is shown beside the list). */
  activeKey?: string | number | null;
  rowClassName?(row: T): string | undefined;
}

const OVERSCAN = 10;

/** The width of an element, kept current by a ResizeObserver. */
export function useElementWidth<E extends HTMLElement>(): [React.RefObject<E | null>, number] {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.getBoundingClientRect().width);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => setWidth(entries[0].contentRect.width));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export function SortHeader({ column, sort, onSort }: { column: { id: string; header: string; sort?: string; firstDirection?: 'asc' | 'desc' }; sort?: SortState; onSort?(key: string, direction: 'asc' | 'desc'): void }) {
  if (!column.sort || !onSort) return <span className="vt-head-label">{column.header}</span>;
  const sorted = sort?.key === column.sort;
  const next = sorted ? (sort?.direction === 'asc' ? 'desc' : 'asc') : (column.firstDirection ?? 'asc');
  return (
    <button type="button" className={`sort-btn${sorted ? ' is-sorted' : ''}`} onClick={() => onSort(column.sort!, next)} data-testid={`sort-${column.sort}`}>
      {column.header}
      <Icon name={sorted ? (sort?.direction === 'asc' ? 'arrowUp' : 'arrowDown') : 'chevronUpDown'} size={12} className="icon sort-icon" />
    </button>
  );
}

export function DataTable<T>(props: DataTableProps<T>) {
  const { label, columns, total, status, error, onRetry, empty, footer, sort, onSort, testId } = props;
  const [cardRef, width] = useElementWidth<HTMLDivElement>();
  const visible = useMemo(() => fittingColumns(columns, width), [columns, width]);
  const grid = gridOf(visible);

  let body: ReactNode;
  if (total === null && status === 'error') body = <ErrorState title={`Could not load the ${label.toLowerCase()}`} message={error ?? null} onRetry={onRetry} />;
  else if (total === null) body = <SkeletonRows rows={10} columns={Math.min(visible.length, 6)} />;
  else if (total === 0) body = empty;
  else body = <VirtualBody {...props} columns={visible} />;

  return (
    <div
      ref={cardRef}
      className="table-card dt"
      style={grid}
      role="table"
      aria-label={label}
      aria-rowcount={total !== null ? total + 1 + (footer ? 1 : 0) : undefined}
      aria-busy={total === null && status !== 'error' ? true : undefined}
      data-testid={testId}
    >
      <div className="vt-head" role="rowgroup">
        <div className="vt-row vt-header-row" role="row" aria-rowindex={1}>
          {visible.map((c) => (
            <div key={c.id} role="columnheader" className={`vt-cell ${c.align === 'end' ? 'num' : ''} ${c.className ?? ''}`} aria-sort={ariaSort(c, sort)}>
              <SortHeader column={c} sort={sort} onSort={onSort} />
            </div>
          ))}
        </div>
      </div>
      {body}
      {footer && total !== null && total > 0 && (
        <div className="dt-foot" role="rowgroup">
          {footer(visible)}
        </div>
      )}
    </div>
  );
}

function VirtualBody<T>({ columns, total, rowAt, rowKey, onRange, onOpen, resetKey, rowHeight = 46, rowTestId, activeKey, rowClassName, label }: DataTableProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  // Load what is in view, a moment after scrolling settles (dragging the scrollbar fetches the end, not
  // every page on the way).
  useEffect(() => {
    const t = setTimeout(() => onRange(first, last), 40);
    return () => clearTimeout(t);
  }, [first, last, onRange]);

  const lastReset = useRef(resetKey);
  useEffect(() => {
    if (lastReset.current === resetKey) return;
    lastReset.current = resetKey;
    virtualizer.scrollToOffset(0);
  }, [resetKey, virtualizer]);

  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  useEffect(() => {
    if (focusIndex === null) return;
    scrollRef.current?.querySelector<HTMLElement>(`[data-index="${focusIndex}"]`)?.focus();
  }, [focusIndex, items]);

  const moveFocus = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index));
    virtualizer.scrollToIndex(next, { align: 'auto' });
    setFocusIndex(next);
  };

  return (
    <div className="vt-body" ref={scrollRef} role="rowgroup" data-testid={`${rowTestId}-scroll`} aria-label={`${label}, ${count} rows`}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((v) => {
          const row = rowAt(v.index);
          const style = { height: rowHeight, transform: `translateY(${v.start}px)` };
          if (!row) {
            return (
              <div key={`p${v.index}`} role="row" aria-rowindex={v.index + 2} aria-busy="true" className="vt-row vt-data-row is-placeholder" style={style} data-index={v.index}>
                {columns.map((c, i) => (
                  <div key={c.id} role="cell" className="vt-cell">
                    <span className="skeleton" style={{ width: i === 0 ? '60%' : '40%' }} />
                  </div>
                ))}
              </div>
            );
          }
          const key = rowKey(row);
          return (
            <div
              key={key}
              role="row"
              aria-rowindex={v.index + 2}
              tabIndex={focusIndex === v.index || (focusIndex === null && v.index === first) ? 0 : -1}
              aria-current={activeKey !== undefined && activeKey === key ? 'true' : undefined}
              className={`vt-row vt-data-row${activeKey === key ? ' is-active' : ''} ${rowClassName?.(row) ?? ''}`}
              style={style}
              data-index={v.index}
              data-testid={rowTestId}
              data-row-key={key}
              onClick={(e) => {
                // Links and buttons inside a row do their own thing.
                if ((e.target as HTMLElement).closest('a, button, input, select')) return;
                onOpen?.(row);
              }}
              onFocus={() => setFocusIndex(v.index)}
              onKeyDown={(e) => {
                if (e.target !== e.currentTarget) return;
                if (e.key === 'Enter') onOpen?.(row);
                else if (e.key === 'ArrowDown') { e.preventDefault(); moveFocus(v.index + 1); }
                else if (e.key === 'ArrowUp') { e.preventDefault(); moveFocus(v.index - 1); }
                else if (e.key === 'Home') { e.preventDefault(); moveFocus(0); }
                else if (e.key === 'End') { e.preventDefault(); moveFocus(count - 1); }
                else if (e.key === 'PageDown') { e.preventDefault(); moveFocus(v.index + 10); }
                else if (e.key === 'PageUp') { e.preventDefault(); moveFocus(v.index - 10); }
              }}
            >
              {columns.map((c) => (
                <div key={c.id} role="cell" className={`vt-cell ${c.align === 'end' ? 'num' : ''} ${c.className ?? ''}`}>
                  {plainTextCell(c.cell(row))}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/**
 * Plain text in a cell ends in an ellipsis (with the whole text as its tooltip) when the column is too narrow: a
 * flex cell cannot put one on its own text, which was cut off mid-letter (the queue's shop names at 1440 px).
 */
function plainTextCell(content: React.ReactNode): React.ReactNode {
  if (typeof content !== 'string' && typeof content !== 'number') return content;
  return (
    <span className="vt-text" title={String(content)}>
      {content}
    </span>
  );
}
