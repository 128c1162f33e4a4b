// The console's short tables (a company's users, its apps, a month's documents): columns described once,
// rows from a list. Long, server-paged lists use the virtualized ui/data-table.tsx instead.
import type { ReactNode } from 'react';

export interface TableColumn<T> {
  header: ReactNode;
  /** The class of the column's cells and header (e.g. "num", "col-actions"). */
  className?: string;
  /** The header's own class, when it differs from the cells'. */
  headerClassName?: string;
  /** The header is read by screen readers only (a column of row actions). */
  hiddenHeader?: boolean;
  cell(row: T, index: number): ReactNode;
  /** A cell's class that depends on its row. */
  cellClassName?(row: T): string | undefined;
  /** A cell's tooltip (its full text where it is cut short). */
  cellTitle?(row: T): string | undefined;
  /** A cell's test id. */
  cellTestId?(row: T): string | undefined;
}

export function Table<T>({
  columns,
  rows,
  rowKey,
  className = 'table',
  testId,
  rowTestId,
  rowClassName,
  onRowClick,
  footer,
}: {
  /** Columns left out with `false` (a column only some viewers see). */
  columns: (TableColumn<T> | false | null | undefined)[];
  rows: readonly T[];
  rowKey(row: T): string | number;
  className?: string;
  testId?: string;
  rowTestId?(row: T): string | undefined;
  rowClassName?(row: T): string | undefined;
  onRowClick?(row: T): void;
  /** The table's foot (totals). */
  footer?: ReactNode;
}) {
  const shown = columns.filter((c): c is TableColumn<T> => Boolean(c));
  return (
    <table className={className} data-testid={testId}>
      <thead>
        <tr>
          {shown.map((c, i) => (
            <th key={i} scope="col" className={(c.headerClassName ?? c.className) || undefined}>
              {c.hiddenHeader ? <span className="sr-only">{c.header}</span> : c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={rowKey(row)} className={rowClassName?.(row)} data-testid={rowTestId?.(row)} onClick={onRowClick && (() => onRowClick(row))}>
            {shown.map((c, i) => (
              <td key={i} className={[c.className, c.cellClassName?.(row)].filter(Boolean).join(' ') || undefined} title={c.cellTitle?.(row)} data-testid={c.cellTestId?.(row)}>
                {c.cell(row, r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      {footer}
    </table>
  );
}
