// Shop settings of client companies (a store function: only available while acting as a non-partner).
import type { ShopSettingsUpdateInput } from '../../src-shared/api/inputs';
import type { ShopSettings } from '../../src-shared/api/types';
import { createKeyedLoader } from './keyed-loader';
import { ready, type Loadable } from './loadable';
import { entryTarget, mutate, type SliceContext } from './slice-context';
import type { SliceParts } from '../area';

export interface ShopState {
  byCompany: Record<number, Loadable<ShopSettings>>;
}

export interface ShopActions {
  loadShopSettings(companyId: number): Promise<void>;
  updateShopSettings(input: ShopSettingsUpdateInput): Promise<ShopSettings>;
}

export function createShopSlice(ctx: SliceContext): SliceParts<ShopState, ShopActions> {
  const loader = createKeyedLoader();

  const actions: ShopActions = {
    loadShopSettings: (companyId) =>
      loader.load(`shop:${companyId}`, entryTarget(ctx, 'shop', 'byCompany', companyId), () => ctx.client.call('shop.getSettings', { companyId })),

    async updateShopSettings(input) {
      const settings = await mutate(ctx, () => ctx.client.call('shop.updateSettings', input), 'Shop settings saved');
      entryTarget(ctx, 'shop', 'byCompany', settings.companyId).set(ready(settings));
      return settings;
    },
  };

  return {
    state: { byCompany: {} },
    actions,
    resync() {
      for (const id of Object.keys(ctx.get().shop.byCompany)) void actions.loadShopSettings(Number(id));
    },
  };
}
