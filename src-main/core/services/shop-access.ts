// The checks every store function starts with (spec §1, §2): the actor may see the company, the company
// has a shop (partners have none), and the actor holds the admin area's permission. Plus the small
// helpers the shop services share: pages, "not found" errors that reveal nothing, unique-field errors.
import { ApiError } from '../../../src-shared/api/errors';
import type { Page } from '../../../src-shared/api/shop-types';
import type { Permission } from '../../../src-shared/domain/permissions';
import { requirePermission, type Actor } from '../access';
import type { CompanyRow } from '../repositories/companies-repository';
import type { ShopSettingsRow } from '../repositories/shop-settings-repository';
import type { ListQuery, ListRunner } from '../repositories/table-access';
import type { ServiceContext } from './service-context';
import { NO_SHOP_FOR_PARTNERS } from './shop-service';

export interface OpenShop {
  company: CompanyRow;
  settings: ShopSettingsRow;
  /** A sample or development company: its data is demo / test data, marked as such (and out of real sales). */
  isDemo: boolean;
}

export type ShopOpener = (actor: Actor, companyId: number, permission: Permission) => OpenShop;

export function createShopOpener(ctx: ServiceContext): ShopOpener {
  return (actor, companyId, permission) => {
    const company = ctx.access.company(actor, companyId);
    if (company.is_partner) throw new ApiError('forbidden', NO_SHOP_FOR_PARTNERS, { reason: 'partner_has_no_shop' });
    requirePermission(actor, permission);
    const settings = ctx.repos.shopSettings.get(company.id);
    if (!settings) throw new ApiError('not_found', `${company.name} has no shop.`);
    return { company, settings, isDemo: company.is_sample === 1 || company.is_development === 1 };
  };
}

/** A "not found" that says which object was looked for, and nothing about other companies. */
export function notFound(what: string, id: number): ApiError {
  return new ApiError('not_found', `${what} ${id} was not found in this shop.`, { id });
}

export function fieldError(field: string, problem: string): ApiError {
  return ApiError.validation({ [field]: [problem] });
}

export interface PageRequest {
  offset: number;
  limit: number;
}

/** Runs a list query as one page; `total` may come from a counter instead of COUNT(*). */
export function pageOf<Row, T>(lists: ListRunner, query: ListQuery, request: PageRequest, map: (rows: Row[]) => T[], total?: number): Page<T> {
  const rows = lists.page<Row>(query, request.offset, request.limit);
  return { items: map(rows), total: total ?? lists.count(query), offset: request.offset, limit: request.limit };
}

/** Omits undefined values, so "not given" never overwrites a column. */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  return out;
}
