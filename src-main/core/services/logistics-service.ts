// Logistics providers (spec §8; seed "Providing logistics/shipping/warehouse services"): a partner company applies,
// the platform operator approves or rejects (with a reason, an email either way), the provider sets up warehouses,
// zones (lists of countries) and rate rules (weight bracket x zone x currency) and offers itself to every shop or
// only to selected clients of its own; a shop chooses among the providers offered to it, one preferred.
// The money of these services never passes through the platform: nothing here touches orders' totals or billing.
import type { z } from 'zod';
import { ApiError } from '../../../src-shared/api/errors';
import type {
  offerChoicesSchema,
  providerApplySchema,
  providerUpdateSchema,
  rateSaveSchema,
  setOffersSchema,
  setShopProvidersSchema,
  warehouseSaveSchema,
  zoneSaveSchema,
} from '../../../src-shared/api/logistics-inputs';
import type { LogisticsProvider, OfferChoice, ShippingRate, ShippingZone, ShopProviderChoice, Warehouse } from '../../../src-shared/api/logistics-types';
import type { Page } from '../../../src-shared/api/shop-types';
import { LOGISTICS_LIMITS, type ProviderState } from '../../../src-shared/domain/logistics';
import type { Permission } from '../../../src-shared/domain/permissions';
import { actorLabel, requirePermission, type Actor } from '../access';
import type { ProviderRow } from '../repositories/logistics-rows';
import { countriesOf, toProvider, toRate, toWarehouse, toZone } from './logistics-mappers';
import type { OutboxService } from './outbox-service';
import type { Emit, ServiceContext } from './service-context';
import { createShopOpener } from './shop-access';

type Input<S extends z.ZodTypeAny> = z.output<S>;

export interface LogisticsService {
  /** The provider profile of a company the actor sees (null before it applies). */
  providerOf(actor: Actor, companyId: number): LogisticsProvider | null;
  apply(actor: Actor, input: Input<typeof providerApplySchema>): LogisticsProvider;
  updateProfile(actor: Actor, input: Input<typeof providerUpdateSchema>): LogisticsProvider;
  offerChoices(actor: Actor, input: Input<typeof offerChoicesSchema>): Page<OfferChoice>;
  setOffers(actor: Actor, input: Input<typeof setOffersSchema>): LogisticsProvider;
  warehouses(actor: Actor, providerId: number): Warehouse[];
  saveWarehouse(actor: Actor, input: Input<typeof warehouseSaveSchema>): Warehouse;
  zones(actor: Actor, providerId: number): ShippingZone[];
  saveZone(actor: Actor, input: Input<typeof zoneSaveSchema>): ShippingZone;
  deleteZone(actor: Actor, providerId: number, zoneId: number): void;
  rates(actor: Actor, providerId: number): ShippingRate[];
  saveRate(actor: Actor, input: Input<typeof rateSaveSchema>): ShippingRate;
  deleteRate(actor: Actor, providerId: number, rateId: number): void;

  /** The providers offered to a shop, with its choice. */
  shopProviders(actor: Actor, companyId: number): ShopProviderChoice[];
  setShopProviders(actor: Actor, input: Input<typeof setShopProvidersSchema>): ShopProviderChoice[];

  /** Operator: applications by state ('all' for every one). */
  review(actor: Actor, state: ProviderState | 'all'): LogisticsProvider[];
  approve(actor: Actor, providerId: number): LogisticsProvider;
  reject(actor: Actor, providerId: number, reason: string): LogisticsProvider;

  /** The provider row after the access check (the fulfillment service shares it). */
  requireProvider(actor: Actor, providerId: number, permission: Permission, options?: { approved?: boolean }): ProviderRow;
}

export function createLogisticsService(ctx: ServiceContext, outbox: OutboxService): LogisticsService {
  const { repos, clock, access } = ctx;
  const openShop = createShopOpener(ctx);
  const changed = (emit: Emit, providerId: number, companyId: number | null = null) => emit('logistics.changed', { providerId, companyId });

  function requireProvider(actor: Actor, providerId: number, permission: Permission, options: { approved?: boolean } = {}): ProviderRow {
    const row = repos.logistics.provider(providerId);
    if (!row || !access.canSee(actor, row.company_id)) throw new ApiError('not_found', `Logistics provider ${providerId} was not found.`, { providerId });
    requirePermission(actor, permission);
    if (options.approved && row.state !== 'approved') {
      throw new ApiError('conflict', `${row.name} is ${row.state === 'pending' ? 'waiting for the platform operator’s approval' : 'not approved'}: it cannot do this yet.`, {
        reason: 'provider_not_approved',
      });
    }
    return row;
  }

  function requireOperator(actor: Actor): void {
    if (actor.kind !== 'operator') throw new ApiError('forbidden', 'Only the platform operator reviews logistics providers.', { reason: 'operator_only' });
  }

  const reload = (id: number) => toProvider(repos.logistics.provider(id)!);

  function decide(actor: Actor, providerId: number, state: 'approved' | 'rejected', reason: string): LogisticsProvider {
    requireOperator(actor);
    const row = repos.logistics.provider(providerId);
    if (!row) throw new ApiError('not_found', `Logistics provider ${providerId} was not found.`, { providerId });
    if (row.state !== 'pending') {
      throw new ApiError('conflict', `${row.name} is not waiting for a decision (it is ${row.state}).`, { reason: 'not_pending' });
    }
    ctx.transact((emit) => {
      const now = clock.now();
      repos.logistics.decide(providerId, state, reason, actorLabel(actor), now);
      outbox.queue(emit, {
        companyId: row.company_id,
        to: row.contact_email,
        kind: 'logistics.decision',
        subject: state === 'approved' ? `${row.name} is approved as a logistics provider` : `${row.name} was not approved as a logistics provider`,
        body:
          state === 'approved'
            ? `Hello,\n\nthe platform operator approved ${row.name} as a logistics provider. Set up your warehouses, zones and rates in PartnerDeck (Logistics), then choose whom you offer your services to.\n\nThe cost of your services and their payment are agreed between you and the shops, outside the platform.`
            : `Hello,\n\nthe platform operator did not approve ${row.name} as a logistics provider.\n\nReason: ${reason}\n\nYou can change your application and apply again in PartnerDeck (Logistics).`,
      });
      changed(emit, providerId);
    });
    return reload(providerId);
  }

  function choicesOf(companyId: number): ShopProviderChoice[] {
    const chosen = new Map(repos.logistics.shopChoices(companyId).map((c) => [c.provider_id, c.preferred === 1]));
    return repos.logistics.offeredTo(companyId).map((p) => {
      const zones = repos.logistics.zones(p.id);
      const rates = repos.logistics.rates(p.id);
      return {
        providerId: p.id,
        name: p.name,
        companyName: p.company_name,
        countries: [...new Set(zones.flatMap((z) => countriesOf(z.countries)))].sort(),
        currencies: [...new Set(rates.map((r) => r.currency))].sort(),
        warehouseCount: p.warehouse_count,
        chosen: chosen.has(p.id),
        preferred: chosen.get(p.id) === true,
      };
    });
  }

  return {
    requireProvider,

    providerOf(actor, companyId) {
      access.company(actor, companyId);
      const row = repos.logistics.providerByCompany(companyId);
      return row ? toProvider(row) : null;
    },

    apply(actor, input) {
      const company = access.company(actor, input.companyId);
      requirePermission(actor, 'settings');
      if (!company.is_partner) {
        throw ApiError.validation({ companyId: [`${company.name} is not a partner: only partners can provide logistics services`] });
      }
      const existing = repos.logistics.providerByCompany(company.id);
      if (existing && existing.state !== 'rejected') {
        throw new ApiError('conflict', `${company.name} has already applied (${existing.state === 'pending' ? 'waiting for approval' : 'approved'}).`, { reason: 'already_applied' });
      }
      const id = ctx.transact((emit) => {
        const now = clock.now();
        const providerId = existing
          ? (repos.logistics.reapply(existing.id, { name: input.name, contact_email: input.contactEmail, note: input.note, at: now }), existing.id)
          : repos.logistics.insertProvider({ company_id: company.id, name: input.name, contact_email: input.contactEmail, note: input.note, applied_at: now });
        repos.audit.record({ company_id: company.id, actor: actorLabel(actor), action: 'logistics.apply', detail: { providerId, name: input.name }, created_at: now });
        changed(emit, providerId);
        return providerId;
      });
      return reload(id);
    },

    updateProfile(actor, input) {
      const row = requireProvider(actor, input.providerId, 'settings');
      ctx.transact((emit) => {
        repos.logistics.updateProvider(row.id, { name: input.name, contact_email: input.contactEmail, offer_to: input.offerTo, at: clock.now() });
        changed(emit, row.id);
      });
      return reload(row.id);
    },

    offerChoices(actor, input) {
      const row = requireProvider(actor, input.providerId, 'settings');
      const { rows, total } = repos.logistics.clientChoices(row.company_id, row.id, input.search, input.offeredOnly, input.offset, input.limit);
      return {
        items: rows.map((c) => ({ companyId: c.id, name: c.name, country: c.country, offered: c.offered === 1 })),
        total,
        offset: input.offset,
        limit: input.limit,
      };
    },

    setOffers(actor, input) {
      const row = requireProvider(actor, input.providerId, 'settings');
      const clients = new Set(repos.companies.clientIds(row.company_id));
      const foreign = input.add.find((id) => !clients.has(id));
      if (foreign !== undefined) throw ApiError.validation({ add: [`company ${foreign} is not a client of ${row.company_name}: a provider offers selectively only to its own clients`] });
      ctx.transact((emit) => {
        const offered = new Set(repos.logistics.offeredIds(row.id));
        for (const id of input.add) offered.add(id);
        for (const id of input.remove) offered.delete(id);
        repos.logistics.setOffers(row.id, [...offered]);
        changed(emit, row.id);
      });
      return reload(row.id);
    },

    warehouses(actor, providerId) {
      requireProvider(actor, providerId, 'settings');
      return repos.logistics.warehouses(providerId).map(toWarehouse);
    },

    saveWarehouse(actor, input) {
      const row = requireProvider(actor, input.providerId, 'settings');
      const taken = repos.logistics.warehouses(row.id).find((w) => w.name.toLowerCase() === input.name.toLowerCase() && w.id !== input.warehouseId);
      if (taken) throw ApiError.validation({ name: ['is already used by another warehouse'] });
      if (input.warehouseId !== undefined && !repos.logistics.warehouse(row.id, input.warehouseId)) {
        throw new ApiError('not_found', `Warehouse ${input.warehouseId} was not found.`, { warehouseId: input.warehouseId });
      }
      const id = ctx.transact((emit) => {
        const now = clock.now();
        const fields = { name: input.name, country: input.country, city: input.city, street: input.street, postal_code: input.postalCode, updated_at: now };
        const warehouseId = input.warehouseId ?? repos.logistics.insertWarehouse({ ...fields, provider_id: row.id, created_at: now });
        if (input.warehouseId !== undefined) repos.logistics.updateWarehouse(warehouseId, fields);
        changed(emit, row.id);
        return warehouseId;
      });
      return toWarehouse(repos.logistics.warehouse(row.id, id)!);
    },

    zones(actor, providerId) {
      requireProvider(actor, providerId, 'settings');
      return repos.logistics.zones(providerId).map(toZone);
    },

    saveZone(actor, input) {
      const row = requireProvider(actor, input.providerId, 'settings');
      const zones = repos.logistics.zones(row.id);
      if (input.zoneId !== undefined && !zones.some((z) => z.id === input.zoneId)) throw new ApiError('not_found', `Zone ${input.zoneId} was not found.`, { zoneId: input.zoneId });
      const taken = zones.find((z) => z.name.toLowerCase() === input.name.toLowerCase() && z.id !== input.zoneId);
      if (taken) throw ApiError.validation({ name: ['is already used by another zone'] });
      const countries = [...new Set(input.countries)].sort().join(',');
      const id = ctx.transact((emit) => {
        const now = clock.now();
        const zoneId = input.zoneId ?? repos.logistics.insertZone({ provider_id: row.id, name: input.name, countries, at: now });
        if (input.zoneId !== undefined) repos.logistics.updateZone(zoneId, { name: input.name, countries, at: now });
        changed(emit, row.id);
        return zoneId;
      });
      return toZone(repos.logistics.zone(row.id, id)!);
    },

    deleteZone(actor, providerId, zoneId) {
      const row = requireProvider(actor, providerId, 'settings');
      if (!repos.logistics.zone(row.id, zoneId)) throw new ApiError('not_found', `Zone ${zoneId} was not found.`, { zoneId });
      ctx.transact((emit) => {
        repos.logistics.deleteZone(zoneId);
        changed(emit, row.id);
      });
    },

    rates(actor, providerId) {
      requireProvider(actor, providerId, 'settings');
      return repos.logistics.rates(providerId).map(toRate);
    },

    saveRate(actor, input) {
      const row = requireProvider(actor, input.providerId, 'settings');
      if (!repos.logistics.zone(row.id, input.zoneId)) throw ApiError.validation({ zoneId: [`zone ${input.zoneId} is not a zone of ${row.name}`] });
      if (input.rateId !== undefined && !repos.logistics.rate(row.id, input.rateId)) throw new ApiError('not_found', `Rate rule ${input.rateId} was not found.`, { rateId: input.rateId });
      if (input.rateId === undefined && row.rate_count >= LOGISTICS_LIMITS.maxRulesPerProvider) {
        throw ApiError.validation({ zoneId: [`a provider has at most ${LOGISTICS_LIMITS.maxRulesPerProvider} rate rules`] });
      }
      const fields = { zone_id: input.zoneId, currency: input.currency, min_grams: input.minGrams, max_grams: input.maxGrams, amount_minor: input.amountMinor };
      const id = ctx.transact((emit) => {
        const now = clock.now();
        const rateId = input.rateId ?? repos.logistics.insertRate({ ...fields, provider_id: row.id, at: now });
        if (input.rateId !== undefined) repos.logistics.updateRate(rateId, { ...fields, at: now });
        changed(emit, row.id);
        return rateId;
      });
      return toRate(repos.logistics.rate(row.id, id)!);
    },

    deleteRate(actor, providerId, rateId) {
      const row = requireProvider(actor, providerId, 'settings');
      if (!repos.logistics.rate(row.id, rateId)) throw new ApiError('not_found', `Rate rule ${rateId} was not found.`, { rateId });
      ctx.transact((emit) => {
        repos.logistics.deleteRate(rateId);
        changed(emit, row.id);
      });
    },

    shopProviders(actor, companyId) {
      openShop(actor, companyId, 'settings');
      return choicesOf(companyId);
    },

    setShopProviders(actor, input) {
      openShop(actor, input.companyId, 'settings');
      const offered = new Set(repos.logistics.offeredTo(input.companyId).map((p) => p.id));
      const notOffered = input.chosen.find((id) => !offered.has(id));
      if (notOffered !== undefined) throw ApiError.validation({ chosen: [`provider ${notOffered} is not offered to this shop`] });
      ctx.transact((emit) => {
        repos.logistics.setShopChoices(input.companyId, [...new Set(input.chosen)], input.preferred, clock.now());
        for (const id of input.chosen) changed(emit, id, input.companyId);
      });
      return choicesOf(input.companyId);
    },

    review(actor, state) {
      requireOperator(actor);
      return repos.logistics.providers(state === 'all' ? null : state).map(toProvider);
    },

    approve: (actor, providerId) => decide(actor, providerId, 'approved', ''),
    reject: (actor, providerId, reason) => decide(actor, providerId, 'rejected', reason),
  };
}
