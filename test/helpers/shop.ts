// Test helpers for shop data: a demo platform (for its users) plus a fresh partner of its own whose fresh
// client companies have empty shops, actors, and the events a change emitted inside its transaction.
import { OPERATOR, type Actor } from '../../src-main/core/access';
import type { PlatformEventName } from '../../src-main/core/events';
import type { ProductList } from '../../src-main/core/services/catalog-service';
import type { Permission } from '../../src-shared/domain/permissions';
import { openTestPlatform } from './platform';
import { actorOf } from './fixtures';

export type TestPlatform = ReturnType<typeof openTestPlatform>;

export interface ClientOptions {
  name?: string;
  country?: string;
  sample?: boolean;
  storefrontOpen?: boolean;
}

export function openShopPlatform(seed: 'demo' | 'none' = 'demo') {
  const platform = openTestPlatform(seed);
  const as = (email: string): Actor => actorOf(platform, email);
  const partnerCompany = platform.companies.create(
    OPERATOR,
    { name: 'Test Partners GmbH', country: 'DE', email: '', phone: '', street: '', city: '', postalCode: '', vatId: null, token: null, isSample: false, paymentRoute: 'direct', attestNotAffiliated: true },
    { isPartner: true },
  );
  let users = 0;
  /** A user of the test partner with these permissions (an administrator without). */
  const partnerUser = (permissions?: Permission[]): Actor => {
    const user = platform.users.create(OPERATOR, {
      companyId: partnerCompany.id,
      email: `user${++users}@test-partners.example`,
      name: `User ${users}`,
      password: 'test-password',
      permissions: permissions ?? [],
      isAdmin: permissions === undefined,
      sendWelcomeEmail: false,
    }, { passwordHash: 'unused' });
    return as(user.email);
  };
  const partner = partnerUser();
  let counter = 0;
  /** A new client of the test partner with an empty shop (storefront open unless told). */
  const newClient = (options: ClientOptions = {}) => {
    counter++;
    const company = platform.companies.create(
      partner,
      {
        name: options.name ?? `Test Shop ${counter}`,
        country: options.country ?? 'DE',
        email: '', phone: '', street: '', city: '', postalCode: '', vatId: null, token: null,
        isSample: options.sample ?? false,
        paymentRoute: 'direct',
        attestNotAffiliated: true,
      },
    );
    if (options.storefrontOpen ?? true) platform.shop.updateSettings(OPERATOR, { companyId: company.id, storefrontOpen: true });
    return company.id;
  };
  /** Events emitted inside transactions from now on (what webhooks would see). */
  const recordEvents = () => {
    const seen: [PlatformEventName, unknown][] = [];
    platform.ctx.onEmitInTransaction((name, payload) => void seen.push([name, payload]));
    return seen;
  };
  return { platform, as, partner, partnerId: partnerCompany.id, partnerUser, newClient, recordEvents };
}

/** One copy of these, in the fixtures module (older tests import them from here). */
export { errorOf, rejection } from './fixtures';

export const EMPTY_PRODUCT_LIST: ProductList = { search: '', active: 'any', sort: 'name', direction: 'asc', offset: 0, limit: 50 };
