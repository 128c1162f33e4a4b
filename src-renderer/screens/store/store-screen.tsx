// Routes a shop list (#/store/products, #/store/orders/12, #/store/audience/groups/new, ...) to its screen.
import type { StoreList } from '../../router/routes';
import { AudienceScreen } from './audience-screens';
import { CategoriesScreen } from './categories-screen';
import { ContentScreen } from './content-screens';
import { CustomersScreen } from './customers-screen';
import { OrdersScreen } from './orders-screen';
import { ProductsScreen } from './products-screen';

export function StoreScreen({ list, item }: { list: StoreList; item: number | 'new' | null }) {
  switch (list) {
    case 'products':
      return <ProductsScreen item={item} />;
    case 'categories':
      return <CategoriesScreen item={item} />;
    case 'orders':
      return <OrdersScreen item={item} />;
    case 'customers':
      return <CustomersScreen item={item} />;
    case 'subscribers':
    case 'accessGroups':
    case 'groupMembers':
    case 'newsletterRecipients':
      return <AudienceScreen list={list} item={item} />;
    case 'themes':
    case 'files':
      return <ContentScreen list={list} item={item} />;
  }
}
