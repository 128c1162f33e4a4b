// Console methods for a client's shop (store functions: only while acting as that very client).
import type { ConsoleContext, Handlers } from '../console-context';

type ShopMethods = 'shop.getSettings' | 'shop.updateSettings';

export function shopHandlers(ctx: ConsoleContext): Pick<Handlers, ShopMethods> {
  const { platform } = ctx;
  return {
    'shop.getSettings': ({ companyId }) => {
      // The core answers first, so an unknown company or a partner is reported as such.
      const result = platform.shop.getSettings(ctx.actor(), companyId);
      ctx.requireActingAs(companyId, 'The shop');
      return result;
    },
    'shop.updateSettings': (input) => {
      ctx.requireActingAs(input.companyId, 'The shop');
      return platform.shop.updateSettings(ctx.actor(), input);
    },
  };
}
