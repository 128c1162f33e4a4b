// Products of the acting client (#/store/products): the catalogue list (kind, category and availability
// filters) and the product form with the kind's own fields — physical: weight and stock; digital: the
// download file; service: neither — categories, price in the product's currency and VAT rate.
import type { Product } from '../../../src-shared/api/shop-types';
import { CATALOGUE_KINDS, PRODUCT_KINDS, PRODUCT_KIND_LABELS, type CatalogueKind, type ProductKind } from '../../../src-shared/domain/shop';
import type { FieldErrors } from '../../../src-shared/api/errors';
import type { EntityFilter } from '../../state/shop-entities';
import { useActions } from '../../state/store-context';
import { useActing, useLookup, useShopDefaults } from '../../state/use-shop';
import { DemoBadge, StatusBadge } from '../../ui/badges';
import type { Column } from '../../ui/data-table';
import { CheckboxField, ChoiceField, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { FormDrawer } from '../../ui/form-drawer';
import { formatCount, formatDate } from '../../ui/format';
import { bpToPercentText, formatMoney, formatPercentBp } from '../../ui/money';
import { MultiSelectField } from '../../ui/multi-select';
import { Segmented } from '../../ui/segmented';
import { FilterSelect } from '../../ui/search-box';
import { AppProductDrawer } from './app-product-drawer';
import { ListWithForm } from './edit-item';
import type { EntityListConfig } from './entity-list';
import { useShopItemForm } from './shop-item-form';
import { dateColumn } from './store-columns';
import { KindIcon, NameCell, PriceFields, priceInputOf, priceProblems, priceValuesOf, wholeNumber } from './store-ui';
import './products-screen.css';

/** Kinds in a table cell (the form says "Digital download"). */
export const KIND_SHORT: Record<ProductKind, string> = { physical: 'Physical', digital: 'Digital', service: 'Service', app: 'App', theme: 'Theme' };

const COLUMNS: Column<Product>[] = [
  {
    id: 'name',
    header: 'Product',
    sort: 'name',
    width: 'minmax(240px, 3fr)',
    minWidth: 240,
    cell: (p) => <NameCell icon={<KindIcon kind={p.kind} />} title={p.name} sub={p.categories.map((c) => c.name).join(', ') || undefined} demo={p.isDemo} muted={!p.isActive} />,
  },
  { id: 'sku', header: 'SKU', sort: 'sku', width: 'minmax(90px, 0.8fr)', minWidth: 90, priority: 3, cell: (p) => (p.sku ? <code className="sku">{p.sku}</code> : <span className="muted">—</span>) },
  { id: 'kind', header: 'Kind', sort: 'kind', width: 'minmax(96px, 0.8fr)', minWidth: 96, priority: 2, cell: (p) => <span className="muted-strong">{KIND_SHORT[p.kind]}</span> },
  { id: 'price', header: 'Price (net)', sort: 'price', width: 'minmax(110px, 0.9fr)', minWidth: 110, align: 'end', firstDirection: 'desc', cell: (p) => <span className="money">{formatMoney(p.priceMinor, p.currency)}</span> },
  { id: 'vat', header: 'VAT', width: '64px', minWidth: 64, align: 'end', priority: 3, cell: (p) => <span className="muted">{formatPercentBp(p.vatRateBp)}</span> },
  {
    id: 'stock',
    header: 'Stock',
    sort: 'stock',
    width: '76px',
    minWidth: 76,
    align: 'end',
    priority: 2,
    firstDirection: 'desc',
    cell: (p) => (p.stock === null ? <span className="muted">—</span> : <span className={p.stock === 0 ? 'text-danger' : undefined}>{formatCount(p.stock)}</span>),
  },
  {
    id: 'active',
    header: 'Status',
    width: '96px',
    minWidth: 96,
    priority: 2,
    cell: (p) => (p.isActive ? <StatusBadge tone="on">Active</StatusBadge> : <StatusBadge tone="off">Inactive</StatusBadge>),
  },
  dateColumn<Product>({ id: 'updated', header: 'Updated', sort: 'updatedAt', width: 110, priority: 3, firstDirection: 'desc' }, (p) => p.updatedAt),
];

/** The product kind filter (Any, or one kind), also in the combined view's products across clients. */
export function ProductKindFilter({ kind, set }: { kind: ProductKind | undefined; set: (change: { kind: ProductKind | undefined }) => void }) {
  return (
    <FilterSelect
      label="Kind"
      value={kind ?? ''}
      onChange={(value) => set({ kind: value === '' ? undefined : value })}
      options={[{ value: '' as const, label: 'Any' }, ...PRODUCT_KINDS.map((k) => ({ value: k, label: PRODUCT_KIND_LABELS[k] }))]}
      testId="filter-kind"
    />
  );
}

function ProductFilters({ filter, set }: { filter: EntityFilter<'products'>; set: (change: Partial<EntityFilter<'products'>>) => void }) {
  const categories = useLookup('categories');
  return (
    <>
      <ProductKindFilter kind={filter.kind} set={set} />
      <FilterSelect
        label="Category"
        value={filter.categoryId ? String(filter.categoryId) : ''}
        onChange={(id) => set({ categoryId: id === '' ? undefined : Number(id) })}
        options={[{ value: '', label: 'Any' }, ...categories.items.map((c) => ({ value: String(c.id), label: c.name }))]}
        testId="filter-category"
      />
      <Segmented
        label="Availability"
        value={filter.active ?? 'any'}
        onChange={(active) => set({ active })}
        testIdPrefix="filter-active"
        options={[
          { value: 'any', label: 'All' },
          { value: 'active', label: 'Active' },
          { value: 'inactive', label: 'Inactive' },
        ]}
      />
    </>
  );
}

export const PRODUCTS_LIST: EntityListConfig<'products'> = {
  entity: 'products',
  countSuffix: 'in the catalogue',
  icon: 'box',
  columns: COLUMNS,
  searchPlaceholder: 'Search name, SKU, description…',
  filters: (filter, set) => <ProductFilters filter={filter} set={set} />,
  newLabel: 'New product',
  emptyTitle: 'No products yet',
  emptyBody: <p>Add physical goods with weight and stock, digital downloads, or services. Customers buy them in the storefront.</p>,
  testId: 'products',
  rowHeight: 52,
};

export function ProductsScreen({ item }: { item: number | 'new' | null }) {
  return (
    <ListWithForm
      config={PRODUCTS_LIST}
      item={item}
      // An app's or theme's product opens in the My Apps editor, with its API credentials (issue 23 row 3).
      render={(p, close) => (p && (p.kind === 'app' || p.kind === 'theme') ? <AppProductDrawer product={p} onClose={close} /> : <ProductDrawer product={p} onClose={close} />)}
    />
  );
}

interface ProductValues {
  kind: CatalogueKind;
  name: string;
  sku: string;
  description: string;
  /** As typed; parsed into minor units of `currency`. */
  priceMinor: string;
  currency: string;
  /** Percent as typed ("19", "7.5"); empty = the shop's default rate. */
  vatRateBp: string;
  isActive: boolean;
  weightGrams: string;
  stock: string;
  fileId: string;
  categoryIds: number[];
}

function valuesOf(product: Product | null, defaults: { currency: string }): ProductValues {
  return {
    kind: product && product.kind !== 'app' && product.kind !== 'theme' ? product.kind : 'physical',
    name: product?.name ?? '',
    sku: product?.sku ?? '',
    description: product?.description ?? '',
    ...priceValuesOf(product, defaults),
    isActive: product?.isActive ?? true,
    weightGrams: product?.weightGrams != null ? String(product.weightGrams) : '',
    stock: product?.stock != null ? String(product.stock) : '',
    fileId: product?.fileId != null ? String(product.fileId) : '',
    categoryIds: product?.categories.map((c) => c.id) ?? [],
  };
}

/** The form's own checks in its own units (amounts as typed, percentages), before the schema's. */
function localProblems(v: ProductValues): FieldErrors {
  const problems: FieldErrors = priceProblems(v);
  if (v.kind === 'physical') {
    if (v.weightGrams.trim() === '') problems.weightGrams = ['is required for physical products'];
    else if (wholeNumber(v.weightGrams) === null) problems.weightGrams = ['must be whole grams'];
    if (v.stock.trim() === '') problems.stock = ['is required for physical products'];
    else if (wholeNumber(v.stock) === null) problems.stock = ['must be a whole number'];
  }
  return problems;
}

function createInput(companyId: number, v: ProductValues) {
  return {
    companyId,
    kind: v.kind,
    name: v.name,
    sku: v.sku,
    description: v.description,
    ...priceInputOf(v),
    isActive: v.isActive,
    weightGrams: v.kind === 'physical' ? (wholeNumber(v.weightGrams) ?? Number.NaN) : undefined,
    stock: v.kind === 'physical' ? (wholeNumber(v.stock) ?? Number.NaN) : undefined,
    fileId: v.kind === 'digital' && v.fileId !== '' ? Number(v.fileId) : v.kind === 'digital' ? null : undefined,
    categoryIds: v.categoryIds,
  };
}

function updateInput(product: Product, v: ProductValues) {
  const { kind: _kind, ...rest } = createInput(product.companyId, v);
  return { ...rest, productId: product.id, vatRateBp: rest.vatRateBp ?? product.vatRateBp };
}

function ProductDrawer({ product, onClose }: { product: Product | null; onClose: () => void }) {
  const acting = useActing();
  const defaults = useShopDefaults();
  const actions = useActions();
  const files = useLookup('files');
  const categories = useLookup('categories');
  const companyId = acting?.id ?? 0;
  const isNew = product === null;
  const { form, save } = useShopItemForm('products', product, valuesOf(product, defaults), (values: ProductValues) => createInput(companyId, values), {
    extra: localProblems,
    toUpdate: (values, edited) => updateInput(edited, values),
  });
  const v = form.values;
  const kind: ProductKind = product?.kind ?? v.kind;

  const fileOptions = [{ value: '', label: 'No download yet' }, ...files.items.map((f) => ({ value: String(f.id), label: `${f.name} (${f.mimeType})` }))];

  return (
    <FormDrawer
      form={form}
      testId="product-form"
      isNew={isNew}
      title={isNew ? 'New product' : product.name}
      subtitle={isNew ? `Adds a product to ${defaults.shopName}.` : `${PRODUCT_KIND_LABELS[product.kind]} · added ${formatDate(product.createdAt)}`}
      badges={product?.isDemo && <DemoBadge />}
      submitLabel={isNew ? 'Add product' : undefined}
      onClose={onClose}
      onSubmit={async (values) => {
        await save(values);
      }}
      deleteAction={
        product
          ? {
              what: `the product “${product.name}”`,
              consequence: 'Orders keep their lines as sold.',
              run: () => actions.deleteShopItem('products', product.id, `the product “${product.name}”`),
            }
          : undefined
      }
    >
      {isNew ? (
        <ChoiceField<ProductValues, CatalogueKind>
          form={form}
          name="kind"
          legend="Kind"
          testIdPrefix="kind"
          options={CATALOGUE_KINDS.map((k) => ({ value: k, title: PRODUCT_KIND_LABELS[k], description: KIND_HELP[k] }))}
        />
      ) : (
        <div className="field">
          <span className="field-label">Kind</span>
          <div className="kind-readonly">
            <KindIcon kind={kind} /> {PRODUCT_KIND_LABELS[kind]} <span className="muted">· the kind of a product stays as it was created</span>
          </div>
        </div>
      )}
      <div className="form-grid">
        <TextField form={form} name="name" label="Name" required className="span-2" />
        <TextField form={form} name="sku" label="SKU" placeholder="e.g. DESK-WAL-160" hint="Letters, digits and . _ / -" />
        <CheckboxField form={form} name="isActive" label="Active" hint="Only active products can be bought." />
        <TextAreaField form={form} name="description" label="Description" rows={3} className="span-2" />
      </div>

      <h3 className="form-section-title">Price</h3>
      <PriceFields
        form={form}
        describe={(amount) => (amount ? `${amount} excluding VAT` : 'Excluding VAT')}
        vatPlaceholder={defaults.vatRateBp !== null ? bpToPercentText(defaults.vatRateBp) : 'Shop default'}
        vatHint={isNew ? 'Empty: the shop’s default rate.' : undefined}
      />

      {kind === 'physical' && (
        <>
          <h3 className="form-section-title">Shipping and stock</h3>
          <div className="form-grid">
            <TextField form={form} name="weightGrams" label="Weight" errorLabel="Weight" required inputMode="numeric" suffix={<span className="muted">g</span>} />
            <TextField form={form} name="stock" label="Stock" required inputMode="numeric" hint="Checkout takes from it; it never goes below zero." />
          </div>
        </>
      )}
      {kind === 'digital' && (
        <>
          <h3 className="form-section-title">Download</h3>
          <SelectField
            form={form}
            name="fileId"
            label="Download file"
            options={fileOptions}
            hint={files.items.length === 0 ? 'Add the file’s metadata under Content → Files first.' : 'What the customer downloads after buying.'}
          />
        </>
      )}
      {kind === 'service' && <p className="field-hint form-note">A service has no weight, stock or download; it is delivered outside the shop.</p>}

      <h3 className="form-section-title">Categories</h3>
      <MultiSelectField
        legend="Categories"
        options={categories.items.map((c) => ({ value: c.id, label: c.name, hint: `${formatCount(c.productCount)} products` }))}
        value={v.categoryIds}
        onChange={(ids) => form.setValue('categoryIds', ids)}
        emptyText="This shop has no categories yet. Add them under Store → Categories."
        error={form.error('categoryIds')}
        testId="product-categories"
      />
    </FormDrawer>
  );
}

const KIND_HELP: Record<CatalogueKind, string> = {
  physical: 'Shipped goods with a weight and stock.',
  digital: 'A download the customer gets after paying.',
  service: 'Work or access delivered outside the shop.',
};
