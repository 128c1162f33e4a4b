// Opens one shop object's form beside its list: the empty form for 'new', otherwise the object loaded from the platform
// (a drawer with a skeleton while it loads, and an error with "Try again" when it cannot be loaded).
import type { ReactNode } from 'react';
import { navigate } from '../../router/use-route';
import { ENTITY_NOUNS, type EntityItem, type ShopEntity } from '../../state/shop-entities';
import { useActions } from '../../state/store-context';
import { useShopItem } from '../../state/use-shop';
import { LoadingDrawer } from '../../ui/form-drawer';
import { EntityListPage, type EntityListConfig } from './entity-list';

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

/** A list page with the form of its `item` beside it (new, or an existing object), closing back to the list. */
export function ListWithForm<E extends ShopEntity>({
  config,
  item,
  render,
}: {
  config: EntityListConfig<E>;
  item: number | 'new' | null;
  render: (item: EntityItem<E> | null, close: () => void) => ReactNode;
}) {
  const close = () => navigate({ name: 'store', list: config.entity, item: null });
  return (
    <>
      <EntityListPage config={config} openItem={item} />
      {item !== null && <EditItem entity={config.entity} id={item} onClose={close} render={(found) => render(found, close)} />}
    </>
  );
}
