// Small pieces the store screens share: the name cell of a row (icon, title, sub line, Demo badge), a
// product kind's icon, the currencies a form offers, whole-number parsing for counts and grams, an order's
// amounts and a short table of orders.
import type { ReactNode } from 'react';
import type { OrderSummary } from '../../../src-shared/api/shop-types';
import type { LineAmounts, ProductKind } from '../../../src-shared/domain/shop';
import { href } from '../../router/routes';
import { DemoBadge, OrderStatusBadge } from '../../ui/badges';
import { formatShortDateTime } from '../../ui/format';
import { Icon, type IconName } from '../../ui/icons';
import { formatMoney } from '../../ui/money';

/** The currencies the shop forms offer first (any ISO 4217 code a shop already uses is added). */
export const CURRENCY_CHOICES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN', 'CZK', 'HUF', 'RON', 'BGN', 'CAD', 'AUD', 'JPY'];

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

export function KindIcon({ kind }: { kind: ProductKind }) {
  return (
    <span className={`kind-icon kind-${kind}`} aria-hidden="true">
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
