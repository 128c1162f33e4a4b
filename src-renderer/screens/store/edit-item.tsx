// Opens one shop object's form: the empty form for 'new', otherwise the object loaded from the platform
// (a drawer with a skeleton while it loads, and an error with "Try again" when it cannot be loaded).
import type { ReactNode } from 'react';
import { ENTITY_NOUNS, type EntityItem, type ShopEntity } from '../../state/shop-entities';
import { useActions } from '../../state/store-context';
import { useShopItem } from '../../state/use-shop';
import { LoadingDrawer } from '../../ui/form-drawer';

export function EditItem<E extends ShopEntity>({
  entity,
  id,
  onClose,
  render,
}: {
  entity: E;
  id: number | 'new';
  onClose: () => void;
  render: (item: EntityItem<E> | null) => ReactNode;
}) {
  const item = useShopItem(entity, id === 'new' ? null : id);
  const actions = useActions();
  if (id === 'new') return <>{render(null)}</>;
  if (!item?.data) {
    const noun = ENTITY_NOUNS[entity].one;
    return (
      <LoadingDrawer
        title={noun.charAt(0).toUpperCase() + noun.slice(1)}
        error={item?.status === 'error' ? item.error : null}
        onRetry={() => void actions.loadShopItem(entity, id)}
        onClose={onClose}
        testId="item-loading"
      />
    );
  }
  return <ItemKeyed key={id}>{(render as (item: unknown) => ReactNode)(item.data)}</ItemKeyed>;
}

function ItemKeyed({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
