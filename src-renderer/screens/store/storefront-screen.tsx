// The storefront (#/store/storefront): a small preview of the acting client's shop in which an order is
// placed as a customer would — the active products with their prices, a cart (one currency per order, as
// the platform requires), the customer (new, or one the shop has), and "Place order" through the platform's
// checkout. A sample company's checkout is refused, and the screen says so before and after trying, with
// the platform's own message; a closed storefront says so and links to the shop settings.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../../src-shared/api/errors';
import { checkoutSchema } from '../../../src-shared/api/shop-inputs';
import type { Customer, Order, Product } from '../../../src-shared/api/shop-types';
import { COUNTRIES } from '../../../src-shared/domain/countries';
import { PRODUCT_KIND_LABELS, priceLine, sumLines, ORDER_LIMITS } from '../../../src-shared/domain/shop';
import { href } from '../../router/routes';
import { useLeaveGuard } from '../../router/leave-guard';
import { useActions } from '../../state/store-context';
import { useCapabilities } from '../../state/use-capabilities';
import { useActing, useShopDefaults } from '../../state/use-shop';
import { DemoBadge, KindBadge } from '../../ui/badges';
import { SelectField, TextField } from '../../ui/fields';
import { formatCount } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { formatMoney } from '../../ui/money';
import { Card, PageHeader } from '../../ui/page';
import { SearchBox } from '../../ui/search-box';
import { SearchPicker, type PickerOption } from '../../ui/search-picker';
import { Segmented } from '../../ui/segmented';
import { Callout, EmptyState, SkeletonBlock, Spinner } from '../../ui/states';
import { useForm, zodValidator } from '../../ui/use-form';
import { AmountsSummary, KindIcon } from './store-ui';
import { StorefrontOrderStatus, StorefrontShippingLine } from '../../areas/logistics/shop-logistics';
import { Form } from '../../ui/form';
import './storefront-screen.css';

const SHOWN = 48;

interface CartLine {
  product: Product;
  quantity: number;
}

interface CustomerValues {
  email: string;
  name: string;
  country: string;
}

export function StorefrontScreen() {
  const acting = useActing();
  const defaults = useShopDefaults();
  const actions = useActions();
  const caps = useCapabilities();
  const [search, setSearch] = useState('');
  const [products, setProducts] = useState<{ items: Product[]; total: number } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [cart, setCart] = useState<CartLine[]>([]);
  const [placing, setPlacing] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [placed, setPlaced] = useState<Order | null>(null);
  const [who, setWho] = useState<'new' | 'existing'>('new');
  const companyId = acting?.id ?? 0;
  useLeaveGuard(cart.length > 0 && !placed, 'The cart');

  const load = useCallback(async () => {
    try {
      setLoadError(null);
      const page = await actions.searchShop('products', { search, active: 'active', sellable: true, sort: 'name', direction: 'asc' }, SHOWN);
      setProducts({ items: page.items, total: page.total });
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : 'Could not load the products.');
    }
  }, [actions, search]);
  useEffect(() => {
    void load();
  }, [load]);

  const validate = useMemo(() => zodValidator(checkoutSchema.shape.customer, (v: CustomerValues) => v), []);
  const form = useForm<CustomerValues>('checkout', { email: '', name: '', country: acting?.country ?? '' }, validate);

  const currency = cart[0]?.product.currency ?? null;
  const amounts = cart.map((l) => priceLine(l.product.priceMinor, l.quantity, l.product.vatRateBp));
  const total = sumLines(amounts);
  const items = cart.reduce((n, l) => n + l.quantity, 0);

  const add = (product: Product) => {
    setPlaced(null);
    setRefusal(null);
    setCart((c) => {
      const i = c.findIndex((l) => l.product.id === product.id);
      if (i < 0) return [...c, { product, quantity: 1 }];
      return c.map((l, j) => (j === i ? { ...l, quantity: Math.min(ORDER_LIMITS.maxQuantity, l.quantity + 1) } : l));
    });
  };
  const setQuantity = (productId: number, quantity: number) =>
    setCart((c) => (quantity <= 0 ? c.filter((l) => l.product.id !== productId) : c.map((l) => (l.product.id === productId ? { ...l, quantity: Math.min(quantity, ORDER_LIMITS.maxQuantity) } : l))));

  const searchCustomers = useCallback(
    async (text: string): Promise<PickerOption<Customer>[]> => {
      const page = await actions.searchShop('customers', { search: text }, 20);
      return page.items.map((c) => ({ key: c.id, label: c.name, sub: c.email, value: c }));
    },
    [actions],
  );

  const place = () =>
    form.submit(async (customer) => {
      setPlacing(true);
      setRefusal(null);
      try {
        const order = await actions.placeCheckout({
          companyId,
          customer,
          lines: cart.map((l) => ({ productId: l.product.id, quantity: l.quantity })),
        });
        setPlaced(order);
        setCart([]);
        void load();
      } catch (error) {
        const api = error instanceof ApiError ? error : null;
        const lineProblem = api && Object.entries(api.fields).find(([k]) => k.startsWith('lines'));
        if (api && Object.keys(api.fields).some((k) => k.startsWith('customer.'))) {
          // Field problems of the customer go next to its fields (without the "customer." prefix).
          form.setServerErrors(Object.fromEntries(Object.entries(api.fields).map(([k, v]) => [k.replace(/^customer\./, ''), v])));
        }
        // The platform's own words, where the order would have been.
        const countryProblem = api?.fields['customer.country']?.[0];
        setRefusal(
          lineProblem
            ? `${lineNameOf(lineProblem[0], cart)}${lineProblem[1][0]}`
            : (countryProblem ?? api?.message ?? (error instanceof Error ? error.message : 'The order could not be placed.')),
        );
      } finally {
        setPlacing(false);
      }
    });

  if (!acting) return <SkeletonBlock />;
  const closed = defaults.storefrontOpen === false;

  return (
    <div className="page page-wide" data-testid="storefront">
      <PageHeader
        title="Storefront"
        badges={<KindBadge company={acting} />}
        subtitle={
          acting.isSample
            ? `${defaults.shopName} as customers see it.`
            : acting.isDevelopment
              ? `${defaults.shopName} as customers see it. Orders placed here are test orders.`
              : `${defaults.shopName} as customers see it. Orders placed here are real orders of this shop.`
        }
      />
      {acting.isDevelopment && (
        <Callout tone="info" icon="code" title="Development store — orders are not billed" testId="development-store-note">
          {acting.name} is a development company for testing apps: orders placed here are test orders that reach the apps&apos; webhooks like real
          ones, stay out of real sales figures, and are never billed.
        </Callout>
      )}
      {acting.isSample && (
        <Callout tone="sample" title="A sample company cannot sell" testId="sample-checkout-note">
          {acting.name} is a sample company: its shop can be set up completely, but a real checkout is refused. Try it to see the platform's answer.
        </Callout>
      )}
      {closed && (
        <Callout tone="warning" title="The storefront is closed" testId="storefront-closed">
          Visitors see a maintenance page and cannot order.{' '}
          {caps.storeAreas.settings ? (
            <a href={href({ name: 'shop-settings' })} data-testid="open-shop-settings">
              Open it in the shop settings
            </a>
          ) : (
            'A user with the settings permission can open it.'
          )}
        </Callout>
      )}
      <div className="storefront">
        <section className="storefront-catalogue" aria-label="Products">
          <div className="toolbar">
            <SearchBox value={search} onSearch={setSearch} placeholder="Search the shop…" label="Search products" testId="storefront-search" />
            <span className="toolbar-spacer" />
            {products && (
              <span className="muted">
                {products.total > products.items.length ? `${formatCount(products.items.length)} of ${formatCount(products.total)} products` : `${formatCount(products.total)} products`}
              </span>
            )}
          </div>
          {loadError ? (
            <Callout tone="danger" title="Could not load the products">
              {loadError}
            </Callout>
          ) : !products ? (
            <div className="product-grid">{Array.from({ length: 6 }, (_, i) => <div key={i} className="skeleton product-card-skeleton" />)}</div>
          ) : products.items.length === 0 ? (
            <EmptyState
              icon="box"
              title={search ? `Nothing matches “${search}”` : 'No active products'}
              actions={
                caps.storeAreas.products && (
                  <a className="btn btn-primary" href={href({ name: 'store', list: 'products', item: 'new' })}>
                    <Icon name="plus" /> New product
                  </a>
                )
              }
            >
              <p>The storefront offers the shop's active products. Apps and themes are bought in the App Store, not here.</p>
            </EmptyState>
          ) : (
            <ul className="product-grid" role="list">
              {products.items.map((p) => {
                const gross = priceLine(p.priceMinor, 1, p.vatRateBp).grossMinor;
                const inCart = cart.find((l) => l.product.id === p.id)?.quantity ?? 0;
                const otherCurrency = currency !== null && p.currency !== currency;
                const soldOut = p.stock !== null && p.stock <= inCart;
                return (
                  <li key={p.id} className="product-card" data-testid="storefront-product">
                    <div className="product-card-top">
                      <KindIcon kind={p.kind} />
                      <span className="muted product-kind">{PRODUCT_KIND_LABELS[p.kind]}</span>
                      {p.isDemo && <DemoBadge />}
                    </div>
                    <h3 className="product-name">{p.name}</h3>
                    {p.description && <p className="product-desc">{p.description}</p>}
                    <div className="product-price">
                      <strong className="money">{formatMoney(gross, p.currency)}</strong>
                      <span className="muted">incl. VAT</span>
                    </div>
                    <div className="row-between">
                      <span className="muted product-stock">{p.stock === null ? '' : p.stock > 0 ? `${formatCount(p.stock)} in stock` : 'Sold out'}</span>
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => add(p)}
                        disabled={otherCurrency || soldOut}
                        title={otherCurrency ? `Priced in ${p.currency}; this cart is in ${currency}. One order has one currency.` : soldOut ? 'No more in stock' : undefined}
                        aria-label={`Add ${p.name} to the cart`}
                        data-testid="add-to-cart"
                      >
                        <Icon name="plus" size={13} /> {inCart > 0 ? `Add (${inCart})` : 'Add'}
                      </button>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </section>

        <aside className="storefront-cart" aria-label="Cart and checkout">
          {placed ? (
            <Card title="Order placed" testId="order-confirmation">
              <div className="confirmation">
                <span className="confirmation-icon">
                  <Icon name="checkCircle" size={22} />
                </span>
                <div>
                  <p className="confirmation-title">
                    Thank you! Order{' '}
                    {caps.storeAreas.orders ? (
                      <a href={href({ name: 'store', list: 'orders', item: placed.id })} data-testid="placed-order-link">
                        #{placed.number}
                      </a>
                    ) : (
                      <strong>#{placed.number}</strong>
                    )}{' '}
                    is paid.
                  </p>
                  <p className="muted">
                    {formatMoney(placed.grossMinor, placed.currency)} for {placed.customerName} ({placed.customerEmail}). It counts in the shop's sales now.
                  </p>
                </div>
              </div>
              <StorefrontOrderStatus companyId={companyId} orderId={placed.id} />
              <a className="btn btn-block" href={`#/store/storefront/orders/${placed.id}`} data-testid="placed-order-status">
                Order status page
              </a>
              <button type="button" className="btn btn-block" onClick={() => setPlaced(null)} data-testid="place-another">
                Place another order
              </button>
            </Card>
          ) : (
            <Card title={cart.length ? `Cart · ${items} ${items === 1 ? 'item' : 'items'}` : 'Cart'} testId="cart">
              {cart.length === 0 ? (
                <div className="cart-empty">
                  <Icon name="cart" size={20} />
                  <span>Add products to the cart to place an order.</span>
                </div>
              ) : (
                <>
                  <ul className="cart-lines">
                    {cart.map((l, i) => (
                      <li key={l.product.id} className="cart-line" data-testid="cart-line">
                        <div className="cart-line-name">
                          <span>{l.product.name}</span>
                          <span className="muted">{formatMoney(amounts[i].grossMinor, l.product.currency)}</span>
                        </div>
                        <div className="stepper" role="group" aria-label={`Quantity of ${l.product.name}`}>
                          <button type="button" className="icon-btn" aria-label="One less" onClick={() => setQuantity(l.product.id, l.quantity - 1)}>
                            <Icon name="minus" size={13} />
                          </button>
                          <span className="stepper-value" aria-live="polite">
                            {l.quantity}
                          </span>
                          <button
                            type="button"
                            className="icon-btn"
                            aria-label="One more"
                            disabled={l.product.stock !== null && l.quantity >= l.product.stock}
                            onClick={() => setQuantity(l.product.id, l.quantity + 1)}
                          >
                            <Icon name="plus" size={13} />
                          </button>
                        </div>
                      </li>
                    ))}
                  </ul>
                  {currency && <AmountsSummary amounts={total} currency={currency} className="cart-totals" testId="cart-totals" totalTestId="cart-total" />}
                  <StorefrontShippingLine companyId={companyId} country={form.values.country} lines={cart.map((l) => ({ productId: l.product.id, quantity: l.quantity }))} />
                </>
              )}
              <div className="checkout-customer">
                <div className="checkout-customer-head">
                  <span className="field-label">Customer</span>
                  <Segmented
                    label="Customer"
                    value={who}
                    onChange={setWho}
                    testIdPrefix="customer-mode"
                    options={[
                      { value: 'new', label: 'New' },
                      { value: 'existing', label: 'Existing' },
                    ]}
                  />
                </div>
                {who === 'existing' && (
                  <SearchPicker<Customer>
                    label="Find a customer"
                    placeholder="Name or email…"
                    search={searchCustomers}
                    onPick={(c) => form.setValues({ email: c.email, name: c.name, country: c.country })}
                    testId="checkout-customer-picker"
                  />
                )}
                <Form className="checkout-form" noValidate onSubmit={place}>
                  <TextField form={form} name="email" label="Email" type="email" required />
                  <TextField form={form} name="name" label="Name" required />
                  <SelectField form={form} name="country" label="Country" options={[{ value: '', label: 'Not given' }, ...COUNTRIES.map((c) => ({ value: c.code, label: c.name }))]} />
                  {refusal && (
                    <Callout tone="danger" title={acting.isSample ? 'Checkout refused' : 'The order was not placed'} testId="checkout-refused">
                      {refusal}
                    </Callout>
                  )}
                  <button type="submit" className="btn btn-primary btn-block btn-large" disabled={placing || cart.length === 0} data-testid="place-order">
                    {placing ? <Spinner size={14} /> : <Icon name="check" />} Place order{currency ? ` · ${formatMoney(total.grossMinor, currency)}` : ''}
                  </button>
                  <p className="field-hint checkout-note">Paid at once: the local platform stands in for the payment provider.</p>
                </Form>
              </div>
            </Card>
          )}
        </aside>
      </div>
    </div>
  );
}

/** "“Walnut desk”: " for a field error on lines.<i>.*, so the refusal names the line. */
function lineNameOf(field: string, cart: CartLine[]): string {
  const index = Number(/^lines\.(\d+)/.exec(field)?.[1]);
  const line = Number.isInteger(index) ? cart[index] : undefined;
  return line ? `“${line.product.name}”: ` : '';
}
