// Row -> console DTO conversions (times become ISO 8601 strings, flags booleans).
import type { Company, CompanySummary, OutboxMessage, PartnerRequest, ShopSettings, User } from '../../src-shared/api/types';
import { userIdentityOf } from './access';
import { toIso } from './clock';
import type { CompanyRow, CompanySummaryRow } from './repositories/companies-repository';
import type { OutboxRow } from './repositories/outbox-repository';
import type { PartnerRequestRow } from './repositories/partner-requests-repository';
import type { ShopSettingsRow } from './repositories/shop-settings-repository';
import type { UserRow } from './repositories/users-repository';

/** Which kind of company a row is (sample, development, partner or a partner's client): alike in every view of a company. */
export function companyKindOf(row: Pick<CompanyRow, 'is_sample' | 'is_development' | 'is_partner' | 'partner_id'>) {
  return { isSample: row.is_sample === 1, isDevelopment: row.is_development === 1, isPartner: row.is_partner === 1, partnerId: row.partner_id };
}

/** A company's postal address and VAT id, as its documents and its profile show them. */
export function companyAddressOf(row: Pick<CompanyRow, 'street' | 'city' | 'postal_code' | 'country' | 'vat_id'>) {
  return { street: row.street, city: row.city, postalCode: row.postal_code, country: row.country, vatId: row.vat_id };
}

export function toCompany(row: CompanyRow): Company {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    ...companyAddressOf(row),
    token: row.token,
    ...companyKindOf(row),
    paymentRoute: row.payment_route,
    partnerName: row.partner_name,
    adminDomain: row.admin_domain,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function toCompanySummary(row: CompanySummaryRow): CompanySummary {
  return {
    id: row.id,
    name: row.name,
    country: row.country,
    city: row.city,
    token: row.token,
    ...companyKindOf(row),
    paymentRoute: row.payment_route,
    userCount: row.user_count,
    createdAt: toIso(row.created_at),
  };
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    ...userIdentityOf(row),
    createdAt: toIso(row.created_at),
  };
}

export function toPartnerRequest(row: PartnerRequestRow): PartnerRequest {
  return {
    id: row.id,
    companyId: row.company_id,
    companyName: row.company_name,
    partnerId: row.partner_id,
    partnerName: row.partner_name,
    message: row.message,
    status: row.status,
    requestedBy: row.requested_by ?? 'a former user',
    createdAt: toIso(row.created_at),
    decidedAt: row.decided_at === null ? null : toIso(row.decided_at),
  };
}

export function toOutboxMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    companyId: row.company_id,
    to: row.to_address,
    subject: row.subject,
    body: row.body,
    kind: row.kind,
    createdAt: toIso(row.created_at),
    readAt: row.read_at === null ? null : toIso(row.read_at),
  };
}

export function toShopSettings(row: ShopSettingsRow): ShopSettings {
  return {
    companyId: row.company_id,
    shopName: row.shop_name,
    currency: row.currency,
    defaultVatRateBp: row.default_vat_rate_bp,
    storefrontOpen: row.storefront_open === 1,
    supportEmail: row.support_email,
    updatedAt: toIso(row.updated_at),
  };
}
