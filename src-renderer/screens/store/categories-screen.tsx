// Product categories of the acting client (#/store/categories): names unique per shop, with their product
// counts (a click shows those products); the form has name and description.
import type { Category } from '../../../src-shared/api/shop-types';
import { formatDate, plural } from '../../ui/format';
import { ListWithForm } from './edit-item';
import type { EntityListConfig } from './entity-list';
import { NamedItemDrawer, namedItemColumns } from './named-item-drawer';
import { CountLink } from './store-columns';

const CONFIG: EntityListConfig<'categories'> = {
  entity: 'categories',
  icon: 'tag',
  columns: namedItemColumns<Category>(
    { header: 'Category', icon: 'tag' },
    {
      id: 'products',
      header: 'Products',
      cell: (c) => <CountLink count={c.productCount} list="products" filter={{ categoryId: c.id, search: '', kind: undefined, active: 'any' }} testId="category-products" />,
    },
  ),
  searchPlaceholder: 'Search categories…',
  newLabel: 'New category',
  emptyTitle: 'No categories yet',
  emptyBody: <p>Categories group products in the storefront and in reports. A product can be in several.</p>,
  testId: 'categories',
};

export function CategoriesScreen({ item }: { item: number | 'new' | null }) {
  return <ListWithForm config={CONFIG} item={item} render={(c, close) => <CategoryDrawer category={c} onClose={close} />} />;
}

function CategoryDrawer({ category, onClose }: { category: Category | null; onClose: () => void }) {
  return (
    <NamedItemDrawer
      entity="categories"
      item={category}
      texts={{
        noun: 'category',
        subtitle: category ? `${plural(category.productCount, 'product', 'products')} · created ${formatDate(category.createdAt)}` : 'Names are unique in the shop.',
        consequence: category && category.productCount > 0 ? `Its ${plural(category.productCount, 'product stays', 'products stay')} in the shop, without this category.` : undefined,
        testId: 'category-form',
      }}
      onClose={onClose}
    />
  );
}
