// React hooks over the shop data slice: a list of the acting company, and one object loaded for a form or a
// detail page (loaded when it appears, kept current by pushed events).
import { useEffect, useState } from 'react';
import type { Company } from '../../src-shared/api/types';
import { findCountry } from '../../src-shared/domain/countries';
import type { Loadable } from './loadable';
import type { EntityItem, EntityRow, ShopEntity } from './shop-entities';
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

export interface ShopDefaults {
  shopName: string;
  /** The shop's currency (new products start with it). */
  currency: string;
  /** The shop's default VAT rate, when the user may read the shop settings. */
  vatRateBp: number | null;
  /** Whether the storefront takes orders (null: not known to this user). */
  storefrontOpen: boolean | null;
}

/**
 * The shop's defaults for forms: from the shop settings when the user may read them (settings permission),
 * otherwise the currency of the company's country; the platform applies its own defaults either way.
 */
export function useShopDefaults(): ShopDefaults {
  const acting = useActing();
  const canRead = useApp((s) => (s.session.info?.permissions ?? []).includes('settings'));
  const settings = useApp((s) => (acting ? s.shop.byCompany[acting.id]?.data : undefined));
  const { loadShopSettings } = useActions();
  useEffect(() => {
    if (acting && canRead && !acting.isPartner) void loadShopSettings(acting.id);
  }, [acting, canRead, loadShopSettings]);
  return {
    shopName: settings?.shopName ?? acting?.name ?? 'Shop',
    currency: settings?.currency ?? findCountry(acting?.country ?? '')?.currency ?? 'EUR',
    vatRateBp: settings?.defaultVatRateBp ?? null,
    storefrontOpen: settings?.storefrontOpen ?? null,
  };
}

/** Up to `limit` rows of a list for a picker or a filter (categories, files, access groups), loaded once. */
export function useLookup<E extends ShopEntity>(entity: E, limit = 500, enabled = true): { items: EntityRow<E>[]; total: number; loading: boolean; reload: () => void } {
  const { searchShop } = useActions();
  const companyId = useApp((s) => s.session.info?.acting?.id ?? null);
  // Changes elsewhere (a category added in another form) bring the options up to date.
  const version = useApp((s) => s.shopData.lists[entity].key + String(s.shopData.lists[entity].total));
  const [state, setState] = useState<{ items: EntityRow<E>[]; total: number; loading: boolean }>({ items: [], total: 0, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!enabled || companyId === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    searchShop(entity, {}, limit)
      .then((page) => live && setState({ items: page.items, total: page.total, loading: false }))
      .catch(() => live && setState((s) => ({ ...s, loading: false })));
    return () => {
      live = false;
    };
  }, [entity, limit, enabled, companyId, searchShop, tick, version]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}
