// Manual order entry for an existing customer (#/store/orders/new, or from a customer's page) with a live price
// preview computed by the same pricing the platform uses.
import { useCallback, useMemo } from 'react';
import { orderCreateSchema } from '../../../src-shared/api/shop-inputs';
import type { Customer, Order, Product } from '../../../src-shared/api/shop-types';
import type { FieldErrors } from '../../../src-shared/api/errors';
import { ORDER_LIMITS, priceLine, sumLines } from '../../../src-shared/domain/shop';
import { navigate } from '../../router/use-route';
import { useActions } from '../../state/store-context';
import { useActing } from '../../state/use-shop';
import { Avatar } from '../../ui/avatar';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { FormDrawer } from '../../ui/form-drawer';
import { formatMoney, formatPercentBp } from '../../ui/money';
import { PickedValue, SearchPicker, type PickerOption } from '../../ui/search-picker';
import { useForm, zodValidator } from '../../ui/use-form';
import { OrderFormShipping } from '../../areas/logistics/shop-logistics';
import { AmountsSummary } from './store-ui';
import { LineEditRow, useProductOptions } from './order-lines';
import './orders-screen.css';

interface EntryLine {
  productId: number;
  name: string;
  currency: string;
  unitPriceMinor: number;
  vatRateBp: number;
  quantity: string;
}

interface OrderValues {
  customerId: number | null;
  customerLabel: string;
  /** The picked customer's country: where a logistics provider would ship the order's physical lines. */
  customerCountry: string;
  status: 'paid' | 'pending';
  lines: EntryLine[];
  note: string;
  placedAt: string;
}

export function OrderEntryDrawer({ customer, onClose }: { customer: Pick<Customer, 'id' | 'name' | 'email' | 'country'> | null; onClose: () => void }) {
  const acting = useActing();
  const actions = useActions();
  const companyId = acting?.id ?? 0;
  const toInput = (v: OrderValues) => ({
    companyId,
    customerId: v.customerId ?? Number.NaN,
    status: v.status,
    lines: v.lines.map((l) => ({ productId: l.productId, quantity: Number(l.quantity) })),
    note: v.note,
    placedAt: v.placedAt === '' ? undefined : v.placedAt,
  });
  const validate = useMemo(() => zodValidator(orderCreateSchema, toInput, entryProblems), [companyId]);
  const form = useForm<OrderValues>(
    'order-new',
    { customerId: customer?.id ?? null, customerLabel: customer ? `${customer.name} <${customer.email}>` : '', customerCountry: customer?.country ?? '', status: 'paid', lines: [], note: '', placedAt: '' },
    validate,
  );
  const v = form.values;
  const currency = v.lines[0]?.currency ?? null;
  const searchProducts = useProductOptions(currency);
  const searchCustomers = useCallback(
    async (text: string): Promise<PickerOption<Customer>[]> => {
      const page = await actions.searchShop('customers', { search: text }, 20);
      return page.items.map((c) => ({ key: c.id, label: c.name, sub: c.email, value: c }));
    },
    [actions],
  );
  const preview = v.lines.map((l) => {
    const q = Number(l.quantity);
    return Number.isInteger(q) && q > 0 ? priceLine(l.unitPriceMinor, q, l.vatRateBp) : { netMinor: 0, vatMinor: 0, grossMinor: 0 };
  });
  const total = sumLines(preview);
  const setLines = (lines: EntryLine[]) => {
    form.setValue('lines', lines);
    form.blur('lines');
  };

  return (
    <FormDrawer
      form={form}
      testId="order-form"
      isNew
      size="wide"
      title="New order"
      subtitle="A manual order for an existing customer. Storefront orders go through Storefront."
      submitLabel="Enter order"
      onClose={onClose}
      onSubmit={async (values) => {
        const created = (await actions.createShopItem('orders', toInput(values))) as Order;
        // On to the new order's page rather than back to the list.
        return () => navigate({ name: 'store', list: 'orders', item: created.id });
      }}
    >
      {form.values.customerId !== null ? (
        <div className="field">
          <span className="field-label">Customer</span>
          <PickedValue
            icon={<Avatar name={v.customerLabel} size={28} round />}
            label={v.customerLabel}
            labelTestId="picked-customer"
            onChange={() => form.setValues({ customerId: null, customerLabel: '', customerCountry: '' })}
          />
          {form.error('customerId') && (
            <span className="field-error" role="alert" data-testid="order-customer-error">
              Customer {form.error('customerId')}
            </span>
          )}
        </div>
      ) : (
        <SearchPicker<Customer>
          label="Customer"
          placeholder="Search name or email…"
          search={searchCustomers}
          onPick={(c) => form.setValues({ customerId: c.id, customerLabel: `${c.name} <${c.email}>`, customerCountry: c.country })}
          error={form.error('customerId') ? 'Customer is required: choose one' : undefined}
          hint="Orders are for customers the shop already has; add new ones under Customers."
          testId="order-customer-picker"
          field="customerId"
          formId={form.id}
        />
      )}
      <div className="form-grid">
        <SelectField
          form={form}
          name="status"
          label="Status"
          options={[
            { value: 'paid', label: 'Paid (counts as a sale now)' },
            { value: 'pending', label: 'Pending (awaiting payment)' },
          ]}
        />
        <TextField form={form} name="placedAt" label="Placed on" type="date" hint="Empty: now. Back-dating is for imports; never in the future." />
      </div>

      <fieldset className="field order-lines-field" data-testid="order-lines-field">
        <legend className="field-label">Lines</legend>
        {v.lines.length > 0 && (
          <div className="lines-editor">
            {v.lines.map((l, i) => (
              <LineEditRow
                key={`${l.productId}-${i}`}
                name={l.name}
                sub={`${formatMoney(l.unitPriceMinor, l.currency)} net · VAT ${formatPercentBp(l.vatRateBp)}`}
                quantity={l.quantity}
                onQuantity={(quantity) => setLines(v.lines.map((x, j) => (j === i ? { ...x, quantity } : x)))}
                gross={formatMoney(preview[i].grossMinor, l.currency)}
                error={form.error(`lines.${i}.quantity`) ? `Quantity ${form.error(`lines.${i}.quantity`)}` : form.error(`lines.${i}.productId`)}
                onRemove={() => setLines(v.lines.filter((_, j) => j !== i))}
              />
            ))}
          </div>
        )}
        <SearchPicker<Product>
          label={v.lines.length ? 'Add another product' : 'Add a product'}
          placeholder={currency ? `Search active products in ${currency}…` : 'Search active products…'}
          search={searchProducts}
          onPick={(p) => {
            const existing = v.lines.findIndex((l) => l.productId === p.id);
            if (existing >= 0) setLines(v.lines.map((l, j) => (j === existing ? { ...l, quantity: String((Number(l.quantity) || 0) + 1) } : l)));
            else setLines([...v.lines, { productId: p.id, name: p.name, currency: p.currency, unitPriceMinor: p.priceMinor, vatRateBp: p.vatRateBp, quantity: '1' }]);
          }}
          error={form.error('lines')}
          testId="order-product-picker"
          field="lines"
          formId={form.id}
        />
        {currency && v.lines.length > 0 && <AmountsSummary amounts={total} currency={currency} className="order-preview" testId="order-preview" />}
        {v.customerId !== null && (
          <OrderFormShipping
            companyId={companyId}
            customerName={v.customerLabel.replace(/ <.*>$/, '')}
            country={v.customerCountry}
            lines={v.lines.filter((l) => /^\d+$/.test(l.quantity.trim()) && Number(l.quantity) > 0).map((l) => ({ productId: l.productId, quantity: Number(l.quantity) }))}
          />
        )}
      </fieldset>
      <TextAreaField form={form} name="note" label="Note" rows={2} hint="Internal; customers don't see it." />
    </FormDrawer>
  );
}
function entryProblems(v: OrderValues): FieldErrors {
  const problems: FieldErrors = {};
  if (v.customerId === null) problems.customerId = ['is required: choose a customer'];
  if (v.lines.length === 0) problems.lines = ['need at least one product'];
  v.lines.forEach((l, i) => {
    const q = Number(l.quantity);
    if (!/^\d+$/.test(l.quantity.trim()) || q < 1 || q > ORDER_LIMITS.maxQuantity) problems[`lines.${i}.quantity`] = [`must be a whole number from 1 to ${ORDER_LIMITS.maxQuantity}`];
  });
  return problems;
}
