// Product categories of the acting client (#/store/categories): names unique per shop, with their product
// counts (a click shows those products); the form has name and description.
import { useMemo } from 'react';
import { categoryCreateSchema, categoryUpdateSchema } from '../../../src-shared/api/shop-inputs';
import type { Category } from '../../../src-shared/api/shop-types';
import { navigate } from '../../router/use-route';
import { useActions } from '../../state/store-context';
import { useActing } from '../../state/use-shop';
import { DemoBadge } from '../../ui/badges';
import type { Column } from '../../ui/data-table';
import { TextAreaField, TextField } from '../../ui/fields';
import { FormDrawer } from '../../ui/form-drawer';
import { formatCount, formatDate, plural } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { useForm, zodValidator } from '../../ui/use-form';
import { EditItem } from './edit-item';
import { EntityListPage, type EntityListConfig } from './entity-list';
import { NameCell } from './store-ui';

/** The products of one category (from its row or its form). */
export function ProductsOfCategory({ category }: { category: Pick<Category, 'id' | 'productCount'> }) {
  const actions = useActions();
  return (
    <button
      type="button"
      className="link-btn"
      onClick={() => {
        actions.setShopFilter('products', { categoryId: category.id, search: '', kind: undefined, active: 'any' });
        navigate({ name: 'store', list: 'products', item: null });
      }}
      data-testid="category-products"
    >
      {formatCount(category.productCount)}
    </button>
  );
}

const COLUMNS: Column<Category>[] = [
  {
    id: 'name',
    header: 'Category',
    sort: 'name',
    width: 'minmax(240px, 3fr)',
    minWidth: 240,
    cell: (c) => (
      <NameCell
        icon={
          <span className="kind-icon" aria-hidden="true">
            <Icon name="tag" size={14} />
          </span>
        }
        title={c.name}
        sub={c.description || undefined}
        demo={c.isDemo}
      />
    ),
  },
  { id: 'products', header: 'Products', sort: 'products', width: '110px', minWidth: 110, align: 'end', firstDirection: 'desc', cell: (c) => <ProductsOfCategory category={c} /> },
  { id: 'created', header: 'Created', sort: 'createdAt', width: '130px', minWidth: 130, priority: 2, firstDirection: 'desc', cell: (c) => <span className="muted">{formatDate(c.createdAt)}</span> },
];

const CONFIG: EntityListConfig<'categories'> = {
  entity: 'categories',
  list: 'categories',
  title: 'Categories',
  icon: 'tag',
  columns: COLUMNS,
  searchPlaceholder: 'Search categories…',
  newLabel: 'New category',
  emptyTitle: 'No categories yet',
  emptyBody: <p>Categories group products in the storefront and in reports. A product can be in several.</p>,
  testId: 'categories',
};

export function CategoriesScreen({ item }: { item: number | 'new' | null }) {
  const close = () => navigate({ name: 'store', list: 'categories', item: null });
  return (
    <>
      <EntityListPage config={CONFIG} openItem={item} />
      {item !== null && <EditItem entity="categories" id={item} onClose={close} render={(c) => <CategoryDrawer category={c} onClose={close} />} />}
    </>
  );
}

interface CategoryValues {
  name: string;
  description: string;
}

function CategoryDrawer({ category, onClose }: { category: Category | null; onClose: () => void }) {
  const acting = useActing();
  const actions = useActions();
  const companyId = acting?.id ?? 0;
  const validate = useMemo(
    () =>
      category
        ? zodValidator(categoryUpdateSchema, (v: CategoryValues) => ({ companyId, categoryId: category.id, ...v }))
        : zodValidator(categoryCreateSchema, (v: CategoryValues) => ({ companyId, ...v })),
    [category, companyId],
  );
  const form = useForm<CategoryValues>(`category-${category?.id ?? 'new'}`, { name: category?.name ?? '', description: category?.description ?? '' }, validate);
  return (
    <FormDrawer
      form={form}
      testId="category-form"
      isNew={!category}
      title={category ? category.name : 'New category'}
      subtitle={category ? `${plural(category.productCount, 'product', 'products')} · created ${formatDate(category.createdAt)}` : 'Names are unique in the shop.'}
      badges={category?.isDemo && <DemoBadge />}
      submitLabel={category ? undefined : 'Add category'}
      onClose={onClose}
      onSubmit={async (v) => {
        if (category) await actions.updateShopItem('categories', { companyId, categoryId: category.id, ...v });
        else await actions.createShopItem('categories', { companyId, ...v });
      }}
      deleteAction={
        category
          ? {
              what: `the category “${category.name}”`,
              consequence: category.productCount > 0 ? `Its ${plural(category.productCount, 'product stays', 'products stay')} in the shop, without this category.` : undefined,
              run: () => actions.deleteShopItem('categories', category.id, `the category “${category.name}”`),
            }
          : undefined
      }
    >
      <TextField form={form} name="name" label="Name" required />
      <TextAreaField form={form} name="description" label="Description" rows={4} />
    </FormDrawer>
  );
}
