// The shop's side of logistics: the providers offered to it (chosen and preferred, in the shop settings), its stock
// per warehouse (#/store/warehouse-stock), the shipping and tracking of one order (order page), and the shipping a
// storefront checkout would add (storefront).
import { useLeaveGuard } from '../../router/leave-guard';
import { useEffect, useState } from 'react';
import type { QuoteAnswer, ShippingQuote, ShopProviderChoice } from '../../../src-shared/api/logistics-types';
import { formatGrams, LOW_STOCK_THRESHOLD } from '../../../src-shared/domain/logistics';
import { useActions } from '../../state/store-context';
import { useLatestLoad } from '../../state/use-latest-load';
import { formatMoney } from '../../ui/money';
import { Card, PageHeader } from '../../ui/page';
import { SearchBox } from '../../ui/search-box';
import { Callout, CardEmpty, ErrorState, SkeletonBlock } from '../../ui/states';
import { Table } from '../../ui/table';
import { useAction } from '../../ui/use-action';
import { OrderShippingPanel, OutsideNote, problemsOf, useLogisticsVersion } from './logistics-ui';
import { StockTable } from './stock-table';

/** Shop settings: choose among the providers offered to this shop, one preferred. */
export function ShopProvidersCard({ companyId }: { companyId: number }) {
  const actions = useActions();
  const version = useLogisticsVersion();
  const loaded = useLatestLoad(() => actions.logistics('logistics.shopProviders', { companyId }), [actions, companyId, version]);
  const [draft, setDraft] = useState<{ chosen: number[]; preferred: number | null } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setDraft(null), [companyId]);
  const current = loaded.data ? { chosen: loaded.data.filter((p) => p.chosen).map((p) => p.providerId), preferred: loaded.data.find((p) => p.preferred)?.providerId ?? null } : null;
  const shown = draft ?? current;
  const dirty = draft !== null && JSON.stringify(draft) !== JSON.stringify(current);
  useLeaveGuard(dirty, 'Logistics providers');
  const save = useAction(async () => {
    if (!draft) return;
    try {
      await actions.logistics('logistics.setShopProviders', { companyId, ...draft });
      setDraft(null);
      setProblem(null);
      actions.logisticsChanged();
      actions.toast('success', 'Shipping providers saved');
    } catch (error) {
      const p = problemsOf(error);
      setProblem(p.fields.chosen ?? p.fields.preferred ?? p.message);
    }
  });
  const toggle = (p: ShopProviderChoice, on: boolean) => {
    const base = shown ?? { chosen: [], preferred: null };
    const chosen = on ? [...base.chosen, p.providerId] : base.chosen.filter((id) => id !== p.providerId);
    setDraft({ chosen, preferred: base.preferred !== null && chosen.includes(base.preferred) ? base.preferred : null });
  };
  return (
    <Card
      title="Shipping providers"
      description="Logistics providers that offer their services to this shop. At checkout of physical products the preferred provider ships when it serves the destination and weight; otherwise the cheapest rate of the chosen providers applies. With none chosen, the shop ships its orders itself."
      testId="shop-providers"
    >
      {loaded.status === 'error' && <ErrorState message={loaded.error} />}
      {!loaded.data && loaded.status !== 'error' && <SkeletonBlock height={80} />}
      {loaded.data && loaded.data.length === 0 && <CardEmpty icon="box">No logistics provider offers its services to this shop.</CardEmpty>}
      {loaded.data && loaded.data.length > 0 && shown && (
        <Table
          rows={loaded.data}
          rowKey={(p) => p.providerId}
          rowTestId={(p) => `shop-provider-${p.providerId}`}
          columns={[
            {
              header: 'Use',
              cell: (p) => (
                <input type="checkbox" className="checkbox" aria-label={`Use ${p.name}`} checked={shown.chosen.includes(p.providerId)} onChange={(e) => toggle(p, e.target.checked)} data-testid={`shop-provider-use-${p.providerId}`} />
              ),
            },
            { header: 'Provider', cell: (p) => <><strong>{p.name}</strong> <span className="muted small">{p.companyName}</span></> },
            { header: 'Ships to', cell: (p) => <span title={p.countries.join(', ')}>{p.countries.length > 6 ? `${p.countries.slice(0, 6).join(', ')} +${p.countries.length - 6}` : p.countries.join(', ') || '—'}</span> },
            { header: 'Prices in', cell: (p) => p.currencies.join(', ') || '—' },
            {
              header: 'Preferred',
              cell: (p) => (
                <input
                  className="radio"
                  type="radio"
                  name="preferred-provider"
                  aria-label={`Prefer ${p.name}`}
                  disabled={!shown.chosen.includes(p.providerId)}
                  checked={shown.preferred === p.providerId}
                  onChange={() => setDraft({ chosen: shown.chosen, preferred: p.providerId })}
                  data-testid={`shop-provider-preferred-${p.providerId}`}
                />
              ),
            },
          ]}
        />
      )}
      {problem && <Callout tone="danger">{problem}</Callout>}
      {dirty && (
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => setDraft(null)}>
            Discard
          </button>
          <button type="button" className="btn btn-primary" disabled={save.busy} onClick={() => void save.run()} data-testid="shop-providers-save">
            Save providers
          </button>
        </div>
      )}
      <OutsideNote testId="shop-providers-outside" />
    </Card>
  );
}

/** Store / Warehouse stock: the shop's stock per warehouse of the providers it chose. */
export function ShopStockScreen({ companyId }: { companyId: number }) {
  const actions = useActions();
  const version = useLogisticsVersion();
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(100);
  const page = useLatestLoad(() => actions.logistics('logistics.shopStock', { companyId, search, offset: 0, limit }), [actions, companyId, search, limit, version]);
  return (
    <div className="page" data-testid="shop-stock">
      <PageHeader
        title="Warehouse stock"
        subtitle={`Your products' stock in the warehouses of your logistics providers: on hand, reserved for forwarded orders, available (low at ${LOW_STOCK_THRESHOLD} or less). The providers book receipts and adjustments; checkouts reserve and shipments take stock out.`}
      />
      <Card>
        <div className="toolbar">
          <SearchBox value={search} onSearch={(v) => (setSearch(v), setLimit(100))} placeholder="Product or SKU" label="Search stock" testId="shop-stock-search" />
        </div>
        {page.status === 'error' && <ErrorState message={page.error} />}
        {!page.data && page.status !== 'error' && <SkeletonBlock height={140} />}
        {page.data && page.data.items.length === 0 && (
          <CardEmpty icon="box">{search ? 'No product matches.' : 'No stock in a provider’s warehouse yet. Choose a shipping provider in the shop settings; it books your stock.'}</CardEmpty>
        )}
        {page.data && page.data.items.length > 0 && (
          <StockTable page={page.data} rowTestId={(s) => `shop-stock-${s.warehouseId}-${s.productId}`} limit={limit} setLimit={setLimit} />
        )}
      </Card>
    </div>
  );
}

/** The order page's shipping card (nothing for an order that was not forwarded). */
export function OrderShippingCard({ companyId, orderId }: { companyId: number; orderId: number }) {
  const actions = useActions();
  const version = useLogisticsVersion();
  const loaded = useLatestLoad(() => actions.logistics('logistics.orderShipping', { companyId, orderId }), [actions, companyId, orderId, version]);
  if (!loaded.data?.shipping) return null;
  return (
    <Card title="Shipping and tracking" testId="order-shipping-card">
      <OrderShippingPanel shipping={loaded.data.shipping} />
    </Card>
  );
}

/** The storefront's shipping line for the cart and destination: the rate, "cannot ship there", or nothing. */
export function StorefrontShippingLine({ companyId, country, lines }: { companyId: number; country: string; lines: { productId: number; quantity: number }[] }) {
  const valid = /^[A-Za-z]{2}$/.test(country) && lines.length > 0;
  const answer = useQuote(valid, companyId, country, lines, 'checkout');
  if (!valid || !answer || answer.kind === 'none') return null;
  if (answer.kind === 'cannot_ship') {
    return (
      <Callout tone="warning" title="Cannot ship there" testId="storefront-cannot-ship">
        {answer.message.replace(' No order was placed.', '')}
      </Callout>
    );
  }
  return <QuoteLine quote={answer.quote} lead="Shipping with" note="charged by" testId="storefront-shipping" amountTestId="storefront-shipping-amount" />;
}

/** The shipping the order's lines to that country would get (null while it loads or when not asked). */
function useQuote(ask: boolean, companyId: number, country: string, lines: { productId: number; quantity: number }[], purpose: 'checkout' | 'order'): QuoteAnswer | null {
  const actions = useActions();
  const key = JSON.stringify(lines);
  const quote = useLatestLoad(ask ? () => actions.logistics('logistics.quote', { companyId, country, lines, purpose }) : null, [actions, companyId, country, key, purpose]);
  return quote.data;
}

/** A quote as one line: provider, zone and weight, the amount, and that the provider charges it outside the order. */
function QuoteLine({ quote: q, lead, note, testId, amountTestId }: { quote: ShippingQuote; lead: string; note: string; testId: string; amountTestId?: string }) {
  return (
    <div className="storefront-shipping" data-testid={testId}>
      <span>
        {lead} {q.providerName} ({q.zoneName}, {formatGrams(q.weightGrams)})
      </span>
      <strong data-testid={amountTestId}>{formatMoney(q.amountMinor, q.currency)}</strong>
      <span className="muted small">
        {note} {q.providerName}, not part of the order total
      </span>
    </div>
  );
}

/** The storefront's order status after placing: shipping and tracking of the order. */
export function StorefrontOrderStatus({ companyId, orderId }: { companyId: number; orderId: number }) {
  const actions = useActions();
  const version = useLogisticsVersion();
  const loaded = useLatestLoad(() => actions.logistics('logistics.orderShipping', { companyId, orderId }), [actions, companyId, orderId, version]);
  if (!loaded.data?.shipping) return null;
  return <OrderShippingPanel shipping={loaded.data.shipping} heading={<h3>Order status</h3>} />;
}

/** The storefront's order status page (#/store/storefront/orders/12): what the customer would see of an order. */
export function StorefrontOrderScreen({ companyId, orderId }: { companyId: number; orderId: number }) {
  const actions = useActions();
  const version = useLogisticsVersion();
  const loaded = useLatestLoad(() => actions.logistics('logistics.orderShipping', { companyId, orderId }), [actions, companyId, orderId, version]);
  const shipping = loaded.data?.shipping ?? null;
  return (
    <div className="page" data-testid="storefront-order-status">
      <PageHeader
        title={shipping ? `Order #${shipping.fulfillment.orderNumber}` : 'Order status'}
        subtitle="The storefront's order status page: where the customer follows the parcel."
        back={{ href: '#/store/storefront', label: 'Storefront' }}
      />
      {loaded.status === 'error' && <ErrorState message={loaded.error} />}
      {!loaded.data && loaded.status !== 'error' && <SkeletonBlock height={160} />}
      {loaded.data && !shipping && (
        <Card>
          <CardEmpty icon="box">This order has no tracking: the shop ships it itself (it chose no logistics provider), or it holds no physical products.</CardEmpty>
        </Card>
      )}
      {shipping && (
        <Card>
          <OrderShippingPanel shipping={shipping} />
        </Card>
      )}
    </div>
  );
}

/**
 * The console's order form: the shipping an order entered by hand gets when it is forwarded (same rule as the
 * storefront's checkout), or — before saving — that no provider of the shop ships to the customer's country, so the
 * order cannot be entered. Nothing when the shop ships itself or the lines have nothing physical.
 */
export function OrderFormShipping({ companyId, customerName, country, lines }: { companyId: number; customerName: string; country: string; lines: { productId: number; quantity: number }[] }) {
  const answer = useQuote(lines.length > 0, companyId, country, lines, 'order');
  if (lines.length === 0 || !answer || answer.kind === 'none') return null;
  if (answer.kind === 'cannot_ship') {
    return (
      <Callout tone="danger" title="This order cannot be forwarded for shipping" testId="order-cannot-ship">
        {answer.message.replace(/^The customer/, customerName || 'The customer')} Entering it is refused; choose another customer or remove the physical products.
      </Callout>
    );
  }
  return <QuoteLine quote={answer.quote} lead="Forwarded to" note="shipping charged by" testId="order-form-shipping" />;
}
