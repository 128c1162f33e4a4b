// Shop settings of client companies (a store function: only available while acting as a non-partner).
import type { ShopSettingsUpdateInput } from '../../src-shared/api/inputs';
import type { ShopSettings } from '../../src-shared/api/types';
import { failed, loading, ready, type Loadable } from './loadable';
import { mutate, patch, type SliceContext } from './slice-context';

export interface ShopState {
  byCompany: Record<number, Loadable<ShopSettings>>;
}

export interface ShopActions {
  loadShopSettings(companyId: number): Promise<void>;
  updateShopSettings(input: ShopSettingsUpdateInput): Promise<ShopSettings>;
}

export function createShopSlice(ctx: SliceContext): { state: ShopState; actions: ShopActions } {
  const seqs = new Map<number, number>();

  function setShop(companyId: number, update: (prev: Loadable<ShopSettings> | undefined) => Loadable<ShopSettings>): void {
    patch(ctx, 'shop', (s) => ({ byCompany: { ...s.byCompany, [companyId]: update(s.byCompany[companyId]) } }));
  }

  const actions: ShopActions = {
    async loadShopSettings(companyId) {
      const seq = (seqs.get(companyId) ?? 0) + 1;
      seqs.set(companyId, seq);
      setShop(companyId, (prev) => loading(prev));
      try {
        const settings = await ctx.client.call('shop.getSettings', { companyId });
        if (seqs.get(companyId) === seq) setShop(companyId, () => ready(settings));
      } catch (error) {
        if (seqs.get(companyId) === seq) setShop(companyId, (prev) => failed(prev, error));
      }
    },

    async updateShopSettings(input) {
      const settings = await mutate(ctx, () => ctx.client.call('shop.updateSettings', input), 'Shop settings saved');
      setShop(settings.companyId, () => ready(settings));
      return settings;
    },
  };

  return { state: { byCompany: {} }, actions };
}
