// A long log as a virtualized ARIA listbox (the Webhooks delivery log, the API requests log): fixed-height rows,
// the selected row marked, Enter selects, the arrow keys move the selection and the focus, and `onNearEnd` asks
// for the next page when the last rows come into view. The caller draws a row's content.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';

interface VirtualListBoxProps<T extends { id: number }> {
  items: T[];
  selected: number | null;
  onSelect: (id: number) => void;
  /** Called when a row within `nearEnd` of the end is in view (load the next page). */
  onNearEnd: () => void;
  nearEnd: number;
  rowHeight: number;
  overscan: number;
  /** The list's class and accessible name; its rows' class (`is-selected` is added to the selected one). */
  className: string;
  label: string;
  rowClassName: string;
  testId: string;
  rowTestId: string;
  /** Extra attributes of a row (`data-attempt-id`). */
  rowData: (item: T) => Record<`data-${string}`, string | number>;
  children: (item: T) => ReactNode;
}

export function VirtualListBox<T extends { id: number }>({ items, selected, onSelect, onNearEnd, nearEnd, rowHeight, overscan, className, label, rowClassName, testId, rowTestId, rowData, children }: VirtualListBoxProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan, useFlushSync: false });
  const virtualItems = virtualizer.getVirtualItems();
  const last = virtualItems.at(-1)?.index ?? 0;
  useEffect(() => {
    if (last >= items.length - nearEnd) onNearEnd();
  }, [last, items.length, nearEnd, onNearEnd]);

  return (
    <div className={className} ref={scrollRef} role="listbox" aria-label={label} data-testid={testId}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualItems.map((v) => {
          const item = items[v.index];
          return (
            <div
              key={item.id}
              role="option"
              aria-selected={item.id === selected}
              tabIndex={0}
              className={`${rowClassName}${item.id === selected ? ' is-selected' : ''}`}
              style={{ height: rowHeight, transform: `translateY(${v.start}px)` }}
              onClick={() => onSelect(item.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') onSelect(item.id);
                else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  const next = items[v.index + (e.key === 'ArrowDown' ? 1 : -1)];
                  if (next) {
                    onSelect(next.id);
                    const sibling = (e.currentTarget as HTMLElement)[e.key === 'ArrowDown' ? 'nextElementSibling' : 'previousElementSibling'] as HTMLElement | null;
                    sibling?.focus();
                  }
                }
              }}
              data-testid={rowTestId}
              {...rowData(item)}
            >
              {children(item)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
