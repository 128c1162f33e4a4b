// Small pieces the store screens share: the name cell of a row (icon, title, sub line, Demo badge), a
// product kind's icon, the currencies a form offers, whole-number parsing for counts and grams, an order's
// amounts and a short table of orders.
import type { ReactNode } from 'react';
import type { FieldErrors } from '../../../src-shared/api/errors';
import type { OrderSummary } from '../../../src-shared/api/shop-types';
import type { LineAmounts, ProductKind } from '../../../src-shared/domain/shop';
import { href } from '../../router/routes';
import type { EntityItem, ShopEntity } from '../../state/shop-entities';
import { useActions } from '../../state/store-context';
import { useShopItem } from '../../state/use-shop';
import { Loaded } from '../../ui/loadable';
import { PageHeader } from '../../ui/page';
import { ErrorState, SkeletonBlock } from '../../ui/states';
import { DemoBadge, OrderStatusBadge } from '../../ui/badges';
import { formatShortDateTime } from '../../ui/format';
import { Icon, type IconName } from '../../ui/icons';
import { SelectField, TextField } from '../../ui/fields';
import { bpToPercentText, formatMoney, moneyInputText, parseMoney, percentTextToBp } from '../../ui/money';
import type { FormApi } from '../../ui/use-form';
import './store-ui.css';

/** The currencies the shop forms offer first (any ISO 4217 code a shop already uses is added). */
export const CURRENCY_CHOICES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN', 'CZK', 'HUF', 'RON', 'BGN', 'CAD', 'AUD', 'JPY'];

/** A form's price as typed: amount in the currency's units, currency, VAT percent (empty: the shop's rate). */
export interface PriceValues {
  priceMinor: string;
  currency: string;
  vatRateBp: string;
}

/** The price fields of an item as the form shows them (a new item: no amount, the shop's currency and VAT rate). */
export function priceValuesOf(item: { priceMinor: number; currency: string; vatRateBp: number } | null, defaults: { currency: string }): PriceValues {
  return {
    priceMinor: item ? moneyInputText(item.priceMinor, item.currency) : '',
    currency: item?.currency ?? defaults.currency,
    vatRateBp: item ? bpToPercentText(item.vatRateBp) : '',
  };
}

/** The price fields as the schemas take them: minor units (NaN when unreadable), VAT in basis points or none (the shop's rate). */
export function priceInputOf(v: PriceValues): { priceMinor: number; currency: string; vatRateBp: number | undefined } {
  const price = parseMoney(v.priceMinor, v.currency);
  return {
    priceMinor: price.ok ? price.minor : Number.NaN,
    currency: v.currency,
    vatRateBp: v.vatRateBp.trim() === '' ? undefined : (percentTextToBp(v.vatRateBp) ?? Number.NaN),
  };
}

/** The price fields' own checks, in the form's units, before the schema's. */
export function priceProblems(v: PriceValues): FieldErrors {
  const problems: FieldErrors = {};
  const price = parseMoney(v.priceMinor, v.currency);
  if (!price.ok) problems.priceMinor = [price.problem];
  if (v.vatRateBp.trim() !== '') {
    const bp = percentTextToBp(v.vatRateBp);
    if (bp === null) problems.vatRateBp = ['must be a percentage such as 19 or 7.5'];
    else if (bp > 10000) problems.vatRateBp = ['must be between 0 and 100 %'];
  }
  return problems;
}

/** Net price, currency and VAT rate in a row; `describe` says what a valid amount means ("€19.00 excluding VAT"). */
export function PriceFields<V extends PriceValues>({
  form,
  describe,
  vatPlaceholder,
  vatHint,
}: {
  form: FormApi<V>;
  describe: (formatted: string | null) => string;
  vatPlaceholder: string;
  vatHint?: string;
}) {
  const v = form.values;
  const currencies = CURRENCY_CHOICES.includes(v.currency) ? CURRENCY_CHOICES : [v.currency, ...CURRENCY_CHOICES];
  const parsed = parseMoney(v.priceMinor, v.currency);
  return (
    <div className="form-grid form-grid-3">
      <TextField
        form={form}
        name="priceMinor"
        label="Price (net)"
        errorLabel="Price"
        required
        inputMode="decimal"
        placeholder={moneyInputText(0, v.currency)}
        suffix={<span className="muted">{v.currency}</span>}
        hint={describe(parsed.ok ? formatMoney(parsed.minor, v.currency) : null)}
      />
      <SelectField form={form} name="currency" label="Currency" options={currencies.map((c) => ({ value: c, label: c }))} />
      <TextField form={form} name="vatRateBp" label="VAT rate" inputMode="decimal" placeholder={vatPlaceholder} suffix={<span className="muted">%</span>} hint={vatHint} />
    </div>
  );
}

/** "12" -> 12; anything but a plain non-negative whole number -> null. */
export function wholeNumber(text: string): number | null {
  const t = text.trim().replace(/[\s\u00a0\u202f',.](?=\d{3}(\D|$))/g, '');
  if (!/^\d{1,15}$/.test(t)) return null;
  return Number(t);
}

const KIND_ICONS: Record<ProductKind, IconName> = {
  physical: 'box',
  digital: 'download',
  service: 'sparkle',
  app: 'overview',
  theme: 'palette',
};

/** Physical goods on a warning-coloured tile, digital ones on an accent tile, services on the via colour, the rest plain. */
const KIND_TONES: Partial<Record<ProductKind, string>> = { physical: ' icon-tile-warning', digital: ' icon-tile-accent', service: ' icon-tile-via' };

export function KindIcon({ kind }: { kind: ProductKind }) {
  return (
    <span className={`kind-icon icon-tile${KIND_TONES[kind] ?? ''}`} aria-hidden="true">
      <Icon name={KIND_ICONS[kind]} size={14} />
    </span>
  );
}

/** The first cell of a row: an icon or avatar, the title (with Demo badge), and a quieter second line. */
export function NameCell({ icon, title, sub, demo, muted, testId }: { icon?: ReactNode; title: ReactNode; sub?: ReactNode; demo?: boolean; muted?: boolean; testId?: string }) {
  return (
    <div className={`name-cell${muted ? ' is-muted' : ''}`} data-testid={testId}>
      {icon}
      <div className="name-cell-text">
        <span className="name-cell-title">
          <span className="name-cell-name">{title}</span>
          {demo && <DemoBadge />}
        </span>
        {sub && <span className="name-cell-sub">{sub}</span>}
      </div>
    </div>
  );
}

/** Net, VAT and gross of an order or a cart, in its one currency. */
export function AmountsSummary({ amounts, currency, className, testId, totalTestId }: { amounts: LineAmounts; currency: string; className: string; testId?: string; totalTestId?: string }) {
  return (
    <dl className={className} data-testid={testId}>
      <div>
        <dt>Net</dt>
        <dd className="money">{formatMoney(amounts.netMinor, currency)}</dd>
      </div>
      <div>
        <dt>VAT</dt>
        <dd className="money">{formatMoney(amounts.vatMinor, currency)}</dd>
      </div>
      <div className="amounts-total">
        <dt>Total</dt>
        <dd className="money" data-testid={totalTestId}>
          {formatMoney(amounts.grossMinor, currency)}
        </dd>
      </div>
    </dl>
  );
}

/** Orders as a short table (a customer's recent orders, a dashboard's); the number links to the order. */
export function RecentOrdersTable({ orders, showCustomer, linked, testId }: { orders: OrderSummary[]; showCustomer?: boolean; linked: boolean; testId?: string }) {
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">Order</th>
          {showCustomer && <th scope="col">Customer</th>}
          <th scope="col">Placed</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">Total</th>
        </tr>
      </thead>
      <tbody>
        {orders.map((o) => (
          <tr key={o.id} data-testid="recent-order">
            <td>
              {linked ? (
                <a href={href({ name: 'store', list: 'orders', item: o.id })} className="order-number">
                  #{o.number}
                </a>
              ) : (
                <span className="order-number">#{o.number}</span>
              )}{' '}
              {o.isDemo && <DemoBadge />}
            </td>
            {showCustomer && <td>{o.customerName}</td>}
            <td className="muted">{formatShortDateTime(o.placedAt)}</td>
            <td>
              <OrderStatusBadge status={o.status} />
            </td>
            <td className="num money">{formatMoney(o.grossMinor, o.currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One object's page (an order, a customer): loads it, and shows the page with its header while it loads or fails. */
export function ShopItemPage<E extends ShopEntity>({
  entity,
  id,
  title,
  back,
  testId,
  children,
}: {
  entity: E;
  id: number;
  title: string;
  back: { href: string; label: string };
  testId: string;
  children: (item: EntityItem<E>) => ReactNode;
}) {
  const item = useShopItem(entity, id);
  const actions = useActions();
  const waiting = (content: ReactNode) => (
    <div className="page" data-testid={testId}>
      <PageHeader back={back} title={title} />
      {content}
    </div>
  );
  return (
    <Loaded
      value={item}
      renderError={(message) => waiting(<ErrorState title={`Could not open this ${title.toLowerCase()}`} message={message} onRetry={() => void actions.loadShopItem(entity, id)} />)}
      loading={waiting(<SkeletonBlock height={320} />)}
    >
      {children}
    </Loaded>
  );
}
