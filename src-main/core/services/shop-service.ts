// A shop's settings: the first store function. Store functions exist only for non-partner companies;
// a partner acting as Self has no shop (spec §1).
import type { z } from 'zod';
import { ApiError } from '../../../src-shared/api/errors';
import type { shopSettingsUpdateSchema } from '../../../src-shared/api/inputs';
import type { ShopSettings } from '../../../src-shared/api/types';
import { actorLabel, requirePermission, type Actor } from '../access';
import { toShopSettings } from '../mappers';
import type { ServiceContext } from './service-context';

export type ShopSettingsUpdate = z.output<typeof shopSettingsUpdateSchema>;

export const NO_SHOP_FOR_PARTNERS = 'Partners have no shop of their own. Switch to a client company to use store functions.';

export interface ShopService {
  getSettings(actor: Actor, companyId: number): ShopSettings;
  updateSettings(actor: Actor, input: ShopSettingsUpdate): ShopSettings;
}

export function createShopService(ctx: ServiceContext): ShopService {
  const { repos, access, clock } = ctx;

  function shopOf(actor: Actor, companyId: number) {
    const company = access.company(actor, companyId);
    if (company.is_partner) throw new ApiError('forbidden', NO_SHOP_FOR_PARTNERS, { reason: 'partner_has_no_shop' });
    const settings = repos.shopSettings.get(company.id);
    if (!settings) throw new ApiError('not_found', `${company.name} has no shop.`);
    return settings;
  }

  return {
    getSettings(actor, companyId) {
      const settings = shopOf(actor, companyId);
      requirePermission(actor, 'settings');
      return toShopSettings(settings);
    },
    updateSettings(actor, input) {
      shopOf(actor, input.companyId);
      requirePermission(actor, 'settings');
      const now = clock.now();
      ctx.transact((emit) => {
        repos.shopSettings.update(input.companyId, {
          ...(input.shopName !== undefined ? { shop_name: input.shopName } : {}),
          ...(input.currency !== undefined ? { currency: input.currency } : {}),
          ...(input.defaultVatRateBp !== undefined ? { default_vat_rate_bp: input.defaultVatRateBp } : {}),
          ...(input.storefrontOpen !== undefined ? { storefront_open: input.storefrontOpen ? 1 : 0 } : {}),
          ...(input.supportEmail !== undefined ? { support_email: input.supportEmail } : {}),
          updated_at: now,
        } as Parameters<typeof repos.shopSettings.update>[1]);
        repos.audit.record({ company_id: input.companyId, actor: actorLabel(actor), action: 'shop.settings_updated', detail: {}, created_at: now });
        emit('shop.updated', { companyId: input.companyId });
      });
      return toShopSettings(repos.shopSettings.get(input.companyId)!);
    },
  };
}
