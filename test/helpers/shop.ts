// Test helpers for shop data: a demo platform (for its users) plus a fresh partner of its own whose fresh
// client companies have empty shops, actors, and the events a change emitted inside its transaction.
import { OPERATOR, type Actor } from '../../src-main/core/access';
import type { PlatformEventName } from '../../src-main/core/events';
import type { ProductList } from '../../src-main/core/services/catalog-service';
import type { Permission } from '../../src-shared/domain/permissions';
import { onTestFinished } from 'vitest';
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

/** openShopPlatform, disposed when the test calling this finishes. */
export function openShopForTest(seed: 'demo' | 'none' = 'demo'): ReturnType<typeof openShopPlatform> {
  const shop = openShopPlatform(seed);
  onTestFinished(() => shop.platform.dispose());
  return shop;
}

/** A parsed shop input without its companyId (the services take the company separately). */
export function withoutCompany<T extends { companyId: number }>(value: T): Omit<T, 'companyId'> {
  const { companyId: _c, ...rest } = value;
  return rest;
}

/** The first page of a shop list, ascending (add the list's sort and filters). */
export const FIRST_PAGE = { search: '', direction: 'asc', offset: 0, limit: 50 } as const;

/** One copy of these, in the fixtures module (older tests import them from here). */
export { errorOf, rejection } from './fixtures';

export const EMPTY_PRODUCT_LIST: ProductList = { search: '', active: 'any', sort: 'name', direction: 'asc', offset: 0, limit: 50 };
