import { describe, expect, it } from 'vitest';
import { fittingColumns, type Column } from '../../../../src-renderer/ui/table-columns';

const col = (id: string, minWidth: number, priority?: 1 | 2 | 3): Column<unknown> => ({ id, header: id, width: `${minWidth}px`, minWidth, priority, cell: () => null });

describe('columns in a narrow window', () => {
  const columns = [col('name', 240), col('sku', 90, 3), col('kind', 100, 2), col('price', 110), col('stock', 80, 2), col('vat', 60, 3)];

  it('keeps every column when there is room', () => {
    expect(fittingColumns(columns, 2000).map((c) => c.id)).toEqual(['name', 'sku', 'kind', 'price', 'stock', 'vat']);
  });

  it('drops the least important first and never lets a less important one take the place of a dropped one', () => {
    // 40 reserve + 240 + 110 = 390; kind fits (490), stock does not (570 > 560): no priority-3 column either.
    expect(fittingColumns(columns, 560).map((c) => c.id)).toEqual(['name', 'kind', 'price']);
    expect(fittingColumns(columns, 640).map((c) => c.id)).toEqual(['name', 'kind', 'price', 'stock', 'vat']);
  });

  it('always keeps the essential columns, and all of them before the first measurement', () => {
    expect(fittingColumns(columns, 100).map((c) => c.id)).toEqual(['name', 'price']);
    expect(fittingColumns(columns, 0)).toHaveLength(6);
  });
});
