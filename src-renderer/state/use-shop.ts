// React hooks over the shop data slice: a list of the acting company, and one object loaded for a form or a
// detail page (loaded when it appears, kept current by pushed events).
import { useEffect } from 'react';
import type { Company } from '../../src-shared/api/types';
import type { Loadable } from './loadable';
import type { EntityItem, ShopEntity } from './shop-entities';
import { itemKey, type EntityList } from './shop-data-slice';
import { useActions, useApp } from './store-context';

export function useActing(): Company | null {
  return useApp((s) => s.session.info?.acting ?? null);
}

export function useShopList<E extends ShopEntity>(entity: E): EntityList<E> {
  return useApp((s) => s.shopData.lists[entity]) as EntityList<E>;
}

/** One object of the acting company's shop; loads it (again) whenever `id` changes. */
export function useShopItem<E extends ShopEntity>(entity: E, id: number | null): Loadable<EntityItem<E>> | undefined {
  const companyId = useApp((s) => s.session.info?.acting?.id ?? null);
  const item = useApp((s) => (companyId !== null && id !== null ? s.shopData.items[itemKey(companyId, entity, id)] : undefined));
  const { loadShopItem } = useActions();
  useEffect(() => {
    if (id !== null) void loadShopItem(entity, id);
  }, [entity, id, loadShopItem]);
  return item as Loadable<EntityItem<E>> | undefined;
}
