// Editing an order's lines (quantities, removing lines, adding products) and the pieces manual order entry shares
// with it: the product picker's options and one line being edited.
import { useCallback, useState, type ReactNode } from 'react';
import type { Order, Product } from '../../../src-shared/api/shop-types';
import type { FieldErrors } from '../../../src-shared/api/errors';
import { ORDER_LIMITS, priceLine, sumLines } from '../../../src-shared/domain/shop';
import { leaveNow, requestLeave, useLeaveGuard } from '../../router/leave-guard';
import { useActions } from '../../state/store-context';
import { CancelConfirm } from '../../ui/form-footer';
import { useAction } from '../../ui/use-action';
import { Icon } from '../../ui/icons';
import { formatMoney, formatPercentBp } from '../../ui/money';
import { Card } from '../../ui/page';
import { SearchPicker, type PickerOption } from '../../ui/search-picker';
import './orders-screen.css';

/** Editing the lines of a pending or paid order: quantities, removing lines, adding products. */
type EditLine = { lineNo: number; name: string; quantity: string; unitPriceMinor: number; vatRateBp: number } | { productId: number; name: string; quantity: string; unitPriceMinor: number; vatRateBp: number };

export function LinesEditor({ order, onDone }: { order: Order; onDone: () => void }) {
  const actions = useActions();
  const initial: EditLine[] = order.lines.map((l) => ({ lineNo: l.lineNo, name: l.name, quantity: String(l.quantity), unitPriceMinor: l.unitPriceMinor, vatRateBp: l.vatRateBp }));
  const [lines, setLines] = useState<EditLine[]>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const saving = useAction(
    async () => {
      await actions.updateShopItem('orders', {
        companyId: order.companyId,
        orderId: order.id,
        lines: lines.map((l) => ('lineNo' in l ? { lineNo: l.lineNo, quantity: Number(l.quantity) } : { productId: l.productId, quantity: Number(l.quantity) })),
      });
      leaveNow(onDone);
    },
    {
      onError(e) {
        const fields = (e as { fields?: FieldErrors }).fields;
        if (fields) setErrors(fields);
      },
    },
  );
  const dirty = JSON.stringify(lines) !== JSON.stringify(initial);
  useLeaveGuard(dirty, 'The order lines');
  const searchProducts = useProductOptions(order.currency);

  const preview = lines.map((l) => {
    const q = Number(l.quantity);
    return Number.isInteger(q) && q > 0 ? priceLine(l.unitPriceMinor, q, l.vatRateBp) : { netMinor: 0, vatMinor: 0, grossMinor: 0 };
  });
  const total = sumLines(preview);

  const save = () => {
    const problems: FieldErrors = {};
    lines.forEach((l, i) => {
      const q = Number(l.quantity);
      if (!Number.isInteger(q) || q < 1 || q > ORDER_LIMITS.maxQuantity) problems[`lines.${i}.quantity`] = [`must be a whole number from 1 to ${ORDER_LIMITS.maxQuantity}`];
    });
    if (lines.length === 0) problems.lines = ['need at least one line; cancel the order instead'];
    setErrors(problems);
    if (Object.keys(problems).length === 0) void saving.run();
  };

  return (
    <Card title="Edit lines" description={`Kept lines keep their price as sold; added products come at today's price. In ${order.currency} only.`} testId="lines-editor">
      <div className="lines-editor">
        {lines.map((l, i) => (
          <LineEditRow
            key={'lineNo' in l ? `l${l.lineNo}` : `p${l.productId}-${i}`}
            name={l.name}
            sub={
              <>
                {formatMoney(l.unitPriceMinor, order.currency)} · VAT {formatPercentBp(l.vatRateBp)} {'productId' in l && <span className="badge badge-neutral">New</span>}
              </>
            }
            quantity={l.quantity}
            onQuantity={(quantity) => setLines(lines.map((x, j) => (j === i ? { ...x, quantity } : x)))}
            gross={formatMoney(preview[i].grossMinor, order.currency)}
            error={errors[`lines.${i}.quantity`] ? `Quantity ${errors[`lines.${i}.quantity`][0]}` : errors[`lines.${i}.productId`]?.[0]}
            onRemove={() => setLines(lines.filter((_, j) => j !== i))}
          />
        ))}
        <SearchPicker<Product>
          label="Add a product"
          placeholder={`Search active products in ${order.currency}…`}
          search={searchProducts}
          onPick={(p) => setLines([...lines, { productId: p.id, name: p.name, quantity: '1', unitPriceMinor: p.priceMinor, vatRateBp: p.vatRateBp }])}
          testId="add-line-product"
        />
        {errors.lines && (
          <p className="field-error" role="alert">
            {errors.lines[0]}
          </p>
        )}
        <div className="lines-edit-footer">
          <span>
            New total <strong className="money">{formatMoney(total.grossMinor, order.currency)}</strong> <span className="muted">(was {formatMoney(order.grossMinor, order.currency)})</span>
          </span>
          <span className="toolbar-spacer" />
          <CancelConfirm onCancel={() => requestLeave(onDone)} busy={saving.busy} disabled={!dirty} confirmIcon="check" confirmLabel="Save lines" onConfirm={save} confirmTestId="save-lines" />
        </div>
      </div>
    </Card>
  );
}

/** Active products as picker options; those in another currency than the order are shown but disabled. */
export function useProductOptions(currency: string | null): (text: string) => Promise<PickerOption<Product>[]> {
  const { searchShop } = useActions();
  return useCallback(
    async (text: string) => {
      const page = await searchShop('products', { search: text, active: 'active' }, 30);
      return page.items.map((p) => ({
        key: p.id,
        label: p.name,
        value: p,
        disabled: (currency !== null && p.currency !== currency) || (p.stock !== null && p.stock <= 0),
        sub: (
          <>
            {formatMoney(p.priceMinor, p.currency)} net
            {p.stock !== null && ` · ${p.stock > 0 ? `${p.stock} in stock` : 'out of stock'}`}
            {currency !== null && p.currency !== currency && ` · priced in ${p.currency}`}
          </>
        ),
      }));
    },
    [searchShop, currency],
  );
}

/** One line being edited: the product, its quantity, its gross, remove. */
export function LineEditRow({ name, sub, quantity, onQuantity, gross, error, onRemove }: { name: string; sub: ReactNode; quantity: string; onQuantity: (q: string) => void; gross: string; error?: string; onRemove: () => void }) {
  return (
    <div className="line-edit-row">
      <div className="line-edit-name">
        <span className="line-name">{name}</span>
        <span className="muted line-sub">{sub}</span>
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <input
        className="input qty-input"
        inputMode="numeric"
        aria-label={`Quantity of ${name}`}
        value={quantity}
        aria-invalid={error ? true : undefined}
        data-testid="line-quantity"
        onChange={(e) => onQuantity(e.target.value)}
      />
      <span className="money line-edit-total">{gross}</span>
      <button type="button" className="icon-btn icon-btn-danger" aria-label={`Remove ${name}`} onClick={onRemove}>
        <Icon name="trash" size={14} />
      </button>
    </div>
  );
}
