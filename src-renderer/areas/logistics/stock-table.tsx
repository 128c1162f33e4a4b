// The stock levels table of a provider's Stock tab and a shop's Warehouse stock screen: product, (the shop, for a
// provider), warehouse, on hand, reserved, available (marked low), and "show more" up to 500 rows.
import type { StockLevel } from '../../../src-shared/api/logistics-types';
import { formatCount } from '../../ui/format';
import { Table } from '../../ui/table';

export function StockTable({
  page,
  withShop = false,
  rowTestId,
  onRowClick,
  limit,
  setLimit,
  moreHint = '.',
}: {
  page: { items: StockLevel[]; total: number };
  /** A Shop column (a provider holds the stock of several shops). */
  withShop?: boolean;
  rowTestId: (level: StockLevel) => string;
  onRowClick?: (level: StockLevel) => void;
  limit: number;
  setLimit: (limit: number) => void;
  /** What follows "Showing N of M" before "show more". */
  moreHint?: string;
}) {
  return (
    <>
      <Table
        rows={page.items}
        rowKey={(s) => `${s.warehouseId}:${s.productId}`}
        rowTestId={rowTestId}
        onRowClick={onRowClick}
        columns={[
          { header: 'Product', cell: (s) => `${s.productName}${s.sku ? ` (${s.sku})` : ''}` },
          ...(withShop ? [{ header: 'Shop', cell: (s: StockLevel) => s.companyName }] : []),
          { header: 'Warehouse', cell: (s) => s.warehouseName },
          { header: 'On hand', className: 'num', cell: (s) => formatCount(s.onHand) },
          { header: 'Reserved', className: 'num', cell: (s) => formatCount(s.reserved) },
          { header: 'Available', className: 'num', cell: (s) => <span className={s.low ? 'text-warn' : undefined}>{formatCount(s.available)}{s.low ? ' · low' : ''}</span> },
        ]}
      />
      {page.total > page.items.length && (
        <div className="list-more">
          <span className="muted small">
            Showing {page.items.length} of {formatCount(page.total)}
            {moreHint}
          </span>{' '}
          <button type="button" className="btn btn-ghost btn-small" disabled={limit >= 500} onClick={() => setLimit(Math.min(500, limit + 100))}>
            show more
          </button>
        </div>
      )}
    </>
  );
}
