// Logistics on the command line (docs/logistics.md): `logistics providers|apply|approve|reject|rates|warehouses|stock`
// and `shipments list|create|update`. The CLI is the platform itself (the operator actor), so it can act for any
// provider; the console does the same per signed-in partner. Weights are grams, amounts decimals in the currency.
import type { LogisticsProvider, Shipment, ShipmentSummary, ShippingRate, StockLevel, Warehouse } from '../../../src-shared/api/logistics-types';
import { ApiError } from '../../../src-shared/api/errors';
import {
  providerApplySchema,
  rateSaveSchema,
  shipmentListSchema,
  shipmentUpdateSchema,
  shipSchema,
  stockListSchema,
  stockMoveSchema,
  warehouseSaveSchema,
  zoneSaveSchema,
} from '../../../src-shared/api/logistics-inputs';
import { parseInput } from '../../../src-shared/api/validation';
import { formatMinor, parseMinor } from '../../../src-shared/domain/currencies';
import { bracketLabel, PROVIDER_STATE_LABELS, PROVIDER_STATES, SHIPMENT_STATUS_LABELS, SHIPMENT_STATUSES, type ShipmentStatus } from '../../../src-shared/domain/logistics';
import { OPERATOR } from '../../core/access';
import type { Platform } from '../../core/platform';
import { UsageError } from '../cli-io';
import { ifFound, jsonOption, positiveInt, printTable, required, snakeFields, str, type Command, type CommandContext, type CommandGroup } from '../command-kit';

function withPlatform<T>(openPlatform: CommandContext['openPlatform'], run: (platform: Platform) => T): Promise<T> {
  const platform = openPlatform('none');
  return Promise.resolve()
    .then(() => run(platform))
    .finally(() => platform.close());
}

const idOf = (values: CommandContext['values'], flag: string): number => positiveInt(required(values, flag), flag)!;
const list = (values: CommandContext['values'], flag: string): string[] => (values[flag] as string[] | undefined) ?? [];

/** A not-found of the provider names the flag that chose it. */
function providerNotFound(error: unknown): never {
  if (error instanceof ApiError && error.code === 'not_found' && error.details && 'providerId' in error.details) throw new UsageError(`--provider: ${error.message}`);
  throw error;
}

const PROVIDER_OPTION = { value: 'ID', description: 'the logistics provider (see `logistics providers`)', required: true, field: 'providerId' } as const;

function providerJson(p: LogisticsProvider): Record<string, unknown> {
  return {
    ...snakeFields(p, ['id', 'companyId', 'companyName', 'name', 'contactEmail', 'state', 'reason', 'offerTo', 'appliedAt', 'decidedAt', 'decidedBy']),
    warehouses: p.warehouseCount,
    rates: p.rateCount,
    shops: p.shopCount,
    open_fulfillments: p.openFulfillments,
  };
}

function printProvider(io: CommandContext['io'], p: LogisticsProvider): void {
  io.out(`${p.name} (provider ${p.id}, company ${p.companyId} ${p.companyName}): ${PROVIDER_STATE_LABELS[p.state]}${p.reason ? ` — ${p.reason}` : ''}`);
}

const providers: Command = {
  name: 'logistics providers',
  summary: 'Logistics providers with their state (approved, waiting for approval, rejected)',
  options: {
    state: { value: 'STATE', description: 'only providers in this state (default: all)', choices: [...PROVIDER_STATES, 'all'] },
    json: jsonOption('[{"id", "company_id", "company_name", "name", "contact_email", "state", "reason", "offer_to", "applied_at", ...}]'),
  },
  examples: ['logistics providers', 'logistics providers --state pending --json'],
  run: ({ values, io, openPlatform }) =>
    withPlatform(openPlatform, (platform) => {
      const state = (str(values, 'state') ?? 'all') as (typeof PROVIDER_STATES)[number] | 'all';
      const rows = platform.logistics.review(OPERATOR, state);
      if (values.json) io.out(JSON.stringify(rows.map(providerJson)));
      else
        printTable(
          io,
          rows.map((p) => ({ id: p.id, name: p.name, company: `${p.companyId} ${p.companyName}`, state: PROVIDER_STATE_LABELS[p.state], warehouses: p.warehouseCount, rates: p.rateCount, shops: p.shopCount })),
        );
      return 0;
    }),
};

const apply: Command = {
  name: 'logistics apply',
  summary: 'A partner company applies to provide logistics services (the operator approves)',
  options: {
    company: { value: 'ID', description: 'the partner company that applies', required: true, field: 'companyId' },
    name: { value: 'NAME', description: "the provider's name (default: the company's)" },
    email: { value: 'EMAIL', description: 'where forwarded orders are emailed (default: the company email)', field: 'contactEmail' },
    note: { value: 'TEXT', description: 'a note for the operator' },
    json: jsonOption('the provider {"id", "state", ...}'),
  },
  examples: ['logistics apply --company 1 --name "Northwind Fulfilment"'],
  run: ({ values, io, openPlatform }) =>
    withPlatform(openPlatform, (platform) => {
      const companyId = idOf(values, 'company');
      const company = ifFound(() => platform.companies.get(OPERATOR, companyId));
      if (!company) throw new UsageError(`--company: company ${companyId} does not exist`);
      const input = parseInput(providerApplySchema, { companyId, name: str(values, 'name') ?? company.name, contactEmail: str(values, 'email') ?? company.email, note: str(values, 'note') ?? '' });
      const p = platform.logistics.apply(OPERATOR, input);
      if (values.json) io.out(JSON.stringify(providerJson(p)));
      else printProvider(io, p);
      return 0;
    }),
};

const approve: Command = {
  name: 'logistics approve',
  summary: 'The operator approves a logistics provider (an email goes to its contact)',
  options: { provider: PROVIDER_OPTION, json: jsonOption('the provider') },
  examples: ['logistics approve --provider 2'],
  run: ({ values, io, openPlatform }) =>
    withPlatform(openPlatform, (platform) => {
      let p: LogisticsProvider;
      try {
        p = platform.logistics.approve(OPERATOR, idOf(values, 'provider'));
      } catch (error) {
        providerNotFound(error);
      }
      if (values.json) io.out(JSON.stringify(providerJson(p)));
      else printProvider(io, p);
      return 0;
    }),
};

const reject: Command = {
  name: 'logistics reject',
  summary: 'The operator rejects a logistics provider with a reason',
  options: { provider: PROVIDER_OPTION, reason: { value: 'TEXT', description: 'why (sent to the provider)', required: true }, json: jsonOption('the provider') },
  examples: ['logistics reject --provider 2 --reason "No warehouse address given"'],
  run: ({ values, io, openPlatform }) =>
    withPlatform(openPlatform, (platform) => {
      let p: LogisticsProvider;
      try {
        p = platform.logistics.reject(OPERATOR, idOf(values, 'provider'), required(values, 'reason'));
      } catch (error) {
        providerNotFound(error);
      }
      if (values.json) io.out(JSON.stringify(providerJson(p)));
      else printProvider(io, p);
      return 0;
    }),
};

/** `EU:EUR:0-500=4.90` (zone name : currency : grams from-to, inclusive; an empty upper edge = no limit) */
function parseRateSpec(spec: string): { zone: string; currency: string; minGrams: number; maxGrams: number | null; amountMinor: number } {
  const match = /^(.+):([A-Za-z]{3}):(\d+)-(\d*)=(.+)$/.exec(spec.trim());
  if (!match) throw new UsageError(`--set needs ZONE:CURRENCY:MIN-MAX=AMOUNT, e.g. EU:EUR:0-500=4.90 (grams, both edges included; MAX empty = no limit) (got "${spec}")`);
  const currency = match[2].toUpperCase();
  const amountMinor = parseMinor(match[5], currency);
  if (amountMinor === null) throw new UsageError(`--set ${spec}: "${match[5]}" is not an amount in ${currency} (e.g. 4.90)`);
  return { zone: match[1].trim(), currency, minGrams: Number(match[3]), maxGrams: match[4] === '' ? null : Number(match[4]), amountMinor };
}

function rateJson(r: ShippingRate): Record<string, unknown> {
  return { id: r.id, zone_id: r.zoneId, zone: r.zoneName, currency: r.currency, min_grams: r.minGrams, max_grams: r.maxGrams, amount_minor: r.amountMinor };
}

const rates: Command = {
  name: 'logistics rates',
  summary: "A provider's zones and rate rules (weight bracket x zone x currency); --zone and --set change them",
  description:
    'Weights are whole grams and both bracket edges are included: 0-500 serves 0 g to 500 g, the next bracket starts at 501.\nShipping is charged between shop and provider, outside the platform: nothing of it enters the month close.',
  options: {
    provider: PROVIDER_OPTION,
    zone: { value: 'NAME=CC,CC', description: 'add or change a zone: its countries (ISO 3166 two-letter codes), e.g. EU=DE,AT,FR', multiple: true, field: 'countries' },
    set: { value: 'ZONE:CUR:MIN-MAX=AMOUNT', description: 'add a rate rule, e.g. EU:EUR:0-500=4.90 (MAX empty = no upper limit)', multiple: true, field: ['minGrams', 'maxGrams', 'amountMinor', 'currency', 'zoneId'] },
    delete: { value: 'RATE_ID', description: 'delete a rate rule', multiple: true, field: 'rateId' },
    json: jsonOption('{"zones": [{"id", "name", "countries"}], "rates": [{"id", "zone", "currency", "min_grams", "max_grams", "amount_minor"}]}'),
  },
  examples: ['logistics rates --provider 1', 'logistics rates --provider 1 --zone EU=DE,AT,FR --set EU:EUR:0-500=4.90'],
  run: ({ values, io, openPlatform }) =>
    withPlatform(openPlatform, (platform) => {
      const providerId = idOf(values, 'provider');
      const specs = list(values, 'set').map(parseRateSpec);
      const zoneSpecs = list(values, 'zone').map((z) => {
        const at = z.indexOf('=');
        if (at < 1) throw new UsageError(`--zone needs NAME=CC,CC, e.g. EU=DE,AT,FR (got "${z}")`);
        return { name: z.slice(0, at).trim(), countries: z.slice(at + 1).split(',').map((c) => c.trim()).filter(Boolean) };
      });
      const deletes = list(values, 'delete').map((d) => positiveInt(d, 'delete')!);
      try {
        platform.logistics.rates(OPERATOR, providerId);
      } catch (error) {
        providerNotFound(error);
      }
      for (const z of zoneSpecs) {
        const existing = platform.logistics.zones(OPERATOR, providerId).find((x) => x.name.toLowerCase() === z.name.toLowerCase());
        platform.logistics.saveZone(OPERATOR, parseInput(zoneSaveSchema, { providerId, zoneId: existing?.id, name: z.name, countries: z.countries }));
      }
      for (const id of deletes) platform.logistics.deleteRate(OPERATOR, providerId, id);
      for (const spec of specs) {
        const zone = platform.logistics.zones(OPERATOR, providerId).find((x) => x.name.toLowerCase() === spec.zone.toLowerCase());
        if (!zone) throw new UsageError(`--set: ${spec.zone} is not a zone of provider ${providerId} (add it with --zone ${spec.zone}=CC,CC)`);
        platform.logistics.saveRate(OPERATOR, parseInput(rateSaveSchema, { providerId, zoneId: zone.id, currency: spec.currency, minGrams: spec.minGrams, maxGrams: spec.maxGrams, amountMinor: spec.amountMinor }));
      }
      const zones = platform.logistics.zones(OPERATOR, providerId);
      const all = platform.logistics.rates(OPERATOR, providerId);
      if (values.json) io.out(JSON.stringify({ zones: zones.map((z) => ({ id: z.id, name: z.name, countries: z.countries })), rates: all.map(rateJson) }));
      else {
        printTable(io, zones.map((z) => ({ zone: z.id, name: z.name, countries: z.countries.join(','), rates: z.rateCount })));
        io.out('');
        printTable(io, all.map((r) => ({ id: r.id, zone: r.zoneName, weight: bracketLabel(r.minGrams, r.maxGrams), price: `${formatMinor(r.amountMinor, r.currency)} ${r.currency}` })));
      }
      return 0;
    }),
};

function warehouseJson(w: Warehouse): Record<string, unknown> {
  return snakeFields(w, ['id', 'name', 'country', 'city', 'street', 'postalCode', 'createdAt']);
}

const warehouses: Command = {
  name: 'logistics warehouses',
  summary: "A provider's warehouses; --add NAME --country CC adds one",
  options: {
    provider: PROVIDER_OPTION,
    add: { value: 'NAME', description: 'add a warehouse with this name', field: 'name' },
    country: { value: 'CC', description: 'its country (ISO 3166 two-letter code; with --add)' },
    city: { value: 'CITY', description: 'its city (with --add)' },
    json: jsonOption('[{"id", "name", "country", "city", "street", "postal_code", "created_at"}]'),
  },
  examples: ['logistics warehouses --provider 1', 'logistics warehouses --provider 1 --add "Hamburg" --country DE --city Hamburg'],
  run: ({ values, io, openPlatform }) =>
    withPlatform(openPlatform, (platform) => {
      const providerId = idOf(values, 'provider');
      const name = str(values, 'add');
      if (name === undefined && (values.country !== undefined || values.city !== undefined)) throw new UsageError('--country and --city describe a new warehouse: give --add NAME too');
      try {
        if (name !== undefined) {
          if (values.country === undefined) throw new UsageError('--country is required with --add');
          platform.logistics.saveWarehouse(OPERATOR, parseInput(warehouseSaveSchema, { providerId, name, country: str(values, 'country'), city: str(values, 'city') ?? '' }));
        }
        const rows = platform.logistics.warehouses(OPERATOR, providerId);
        if (values.json) io.out(JSON.stringify(rows.map(warehouseJson)));
        else printTable(io, rows.map((w) => ({ id: w.id, name: w.name, country: w.country, city: w.city })));
      } catch (error) {
        providerNotFound(error);
      }
      return 0;
    }),
};

function stockJson(s: StockLevel): Record<string, unknown> {
  return {
    warehouse_id: s.warehouseId,
    warehouse: s.warehouseName,
    company_id: s.companyId,
    product_id: s.productId,
    product: s.productName,
    sku: s.sku,
    on_hand: s.onHand,
    reserved: s.reserved,
    available: s.available,
    low: s.low,
  };
}

function parseMove(spec: string, flag: 'receive' | 'adjust'): { productId: number; quantity: number } {
  const match = /^(\d+)=([+-]?\d+)$/.exec(spec.trim());
  if (!match) throw new UsageError(`--${flag} needs PRODUCT_ID=QUANTITY, e.g. ${flag === 'receive' ? '12=100' : '12=-3'} (got "${spec}")`);
  return { productId: Number(match[1]), quantity: Number(match[2]) };
}

const stock: Command = {
  name: 'logistics stock',
  summary: "A provider's stock per product and warehouse; --receive / --adjust book movements",
  description: 'Stock on hand is the sum of the movements (receipt, reservation, release, shipment, adjustment); nothing goes below zero.',
  options: {
    provider: PROVIDER_OPTION,
    warehouse: { value: 'ID', description: 'one warehouse (required with --receive / --adjust)', field: 'warehouseId' },
    receive: { value: 'PRODUCT=QTY', description: 'book a receipt, e.g. 12=100', multiple: true },
    adjust: { value: 'PRODUCT=±QTY', description: 'book an adjustment (a counted correction), e.g. 12=-3', multiple: true },
    note: { value: 'TEXT', description: 'a note on the booked movements' },
    search: { value: 'TEXT', description: 'product name, SKU or shop' },
    low: { description: 'only low stock' },
    json: jsonOption('[{"warehouse_id", "warehouse", "company_id", "product_id", "product", "sku", "on_hand", "reserved", "available", "low"}]'),
  },
  examples: ['logistics stock --provider 1 --low', 'logistics stock --provider 1 --warehouse 1 --receive 12=100 --note "Delivery 4711"'],
  run: ({ values, io, openPlatform }) =>
    withPlatform(openPlatform, (platform) => {
      const providerId = idOf(values, 'provider');
      const warehouseId = positiveInt(str(values, 'warehouse'), 'warehouse');
      const moves = [...list(values, 'receive').map((s) => ({ ...parseMove(s, 'receive'), kind: 'receipt' as const })), ...list(values, 'adjust').map((s) => ({ ...parseMove(s, 'adjust'), kind: 'adjustment' as const }))];
      if (moves.length > 0 && warehouseId === undefined) throw new UsageError('--warehouse is required with --receive / --adjust');
      try {
        for (const m of moves) {
          const flag = m.kind === 'receipt' ? '--receive' : '--adjust';
          try {
            platform.fulfillment.moveStock(OPERATOR, parseInput(stockMoveSchema, { providerId, warehouseId, productId: m.productId, kind: m.kind, quantity: m.quantity, note: str(values, 'note') ?? '' }));
          } catch (error) {
            // A problem of the quantity or product is the flag's that booked it.
            const problem = error instanceof ApiError ? (error.fields.quantity ?? error.fields.productId)?.[0] : undefined;
            if (problem) throw new UsageError(`${flag} ${m.productId}=${m.quantity}: ${problem}`);
            throw error;
          }
        }
        const page = platform.fulfillment.stock(OPERATOR, parseInput(stockListSchema, { providerId, warehouseId, search: str(values, 'search') ?? '', low: values.low === true, limit: 500 }));
        if (values.json) io.out(JSON.stringify(page.items.map(stockJson)));
        else {
          printTable(io, page.items.map((s) => ({ warehouse: s.warehouseName, product: `${s.productId} ${s.productName}`, shop: s.companyName, 'on hand': s.onHand, reserved: s.reserved, available: `${s.available}${s.low ? ' (low)' : ''}` })));
          if (page.total > page.items.length) io.out(`… ${page.total - page.items.length} more (narrow with --search or --warehouse)`);
        }
      } catch (error) {
        providerNotFound(error);
      }
      return 0;
    }),
};

function shipmentJson(s: ShipmentSummary | Shipment): Record<string, unknown> {
  return {
    ...snakeFields(s, ['id', 'providerId', 'companyId', 'companyName', 'orderId', 'orderNumber', 'warehouseId', 'carrier', 'trackingNumber', 'status', 'country', 'createdAt', 'updatedAt']),
    ...('timeline' in s ? { lines: s.lines.map((l) => ({ line_no: l.lineNo, name: l.name, quantity: l.quantity })), timeline: s.timeline } : {}),
  };
}

function printShipment(io: CommandContext['io'], s: Shipment): void {
  io.out(`Shipment ${s.id}: ${s.companyName} #${s.orderNumber}, ${s.carrier} ${s.trackingNumber}, ${SHIPMENT_STATUS_LABELS[s.status]}`);
  for (const e of s.timeline) io.out(`  ${e.at}  ${SHIPMENT_STATUS_LABELS[e.status]}${e.note ? ` — ${e.note}` : ''}  (${e.by})`);
}

const shipmentsList: Command = {
  name: 'shipments list',
  summary: "A provider's shipments, newest first, filterable",
  options: {
    provider: PROVIDER_OPTION,
    status: { value: 'STATUS', description: 'only this status', choices: SHIPMENT_STATUSES },
    company: { value: 'ID', description: 'only this shop', field: 'companyId' },
    search: { value: 'TRACKING', description: 'tracking numbers starting with this' },
    limit: { value: 'N', description: 'at most N (default 100, at most 500)' },
    json: jsonOption('{"total", "shipments": [{"id", "company_id", "order_number", "carrier", "tracking_number", "status", ...}]}'),
  },
  examples: ['shipments list --provider 1 --status in_transit', 'shipments list --provider 1 --search 1Z --json'],
  run: ({ values, io, openPlatform }) =>
    withPlatform(openPlatform, (platform) => {
      const input = parseInput(shipmentListSchema, {
        providerId: idOf(values, 'provider'),
        status: str(values, 'status'),
        companyId: positiveInt(str(values, 'company'), 'company'),
        search: str(values, 'search') ?? '',
        limit: positiveInt(str(values, 'limit'), 'limit') ?? 100,
      });
      try {
        const page = platform.fulfillment.shipments(OPERATOR, input);
        if (values.json) io.out(JSON.stringify({ total: page.total, shipments: page.items.map(shipmentJson) }));
        else {
          printTable(io, page.items.map((s) => ({ id: s.id, shop: s.companyName, order: `#${s.orderNumber}`, carrier: s.carrier, tracking: s.trackingNumber, status: SHIPMENT_STATUS_LABELS[s.status], updated: s.updatedAt })));
          if (page.total > page.items.length) io.out(`… ${page.total - page.items.length} more (filter with --status, --company, --search)`);
        }
      } catch (error) {
        providerNotFound(error);
      }
      return 0;
    }),
};

const shipmentsCreate: Command = {
  name: 'shipments create',
  summary: 'Ship a forwarded order (partly or whole) from a warehouse with carrier and tracking number',
  options: {
    provider: PROVIDER_OPTION,
    order: { value: 'ORDER_ID', description: "the order's id (the fulfillment queue shows it)", required: true, field: 'orderId' },
    warehouse: { value: 'ID', description: 'the warehouse it leaves from', required: true, field: 'warehouseId' },
    carrier: { value: 'NAME', description: 'the carrier, e.g. DHL', required: true },
    tracking: { value: 'NUMBER', description: 'the tracking number', required: true, field: 'trackingNumber' },
    line: { value: 'LINE=QTY', description: 'ship only this quantity of an order line (default: everything not shipped yet)', multiple: true, field: 'lines' },
    json: jsonOption('the shipment with its lines and timeline'),
  },
  examples: ['shipments create --provider 1 --order 42 --warehouse 1 --carrier DHL --tracking 00340'],
  run: ({ values, io, openPlatform }) =>
    withPlatform(openPlatform, (platform) => {
      const lines = list(values, 'line').map((spec) => {
        const match = /^(\d+)=(\d+)$/.exec(spec.trim());
        if (!match) throw new UsageError(`--line needs LINE=QUANTITY, e.g. 1=2 (got "${spec}")`);
        return { lineNo: Number(match[1]), quantity: Number(match[2]) };
      });
      const input = parseInput(shipSchema, {
        providerId: idOf(values, 'provider'),
        orderId: idOf(values, 'order'),
        warehouseId: idOf(values, 'warehouse'),
        carrier: required(values, 'carrier'),
        trackingNumber: required(values, 'tracking'),
        lines: lines.length > 0 ? lines : undefined,
      });
      let s: Shipment;
      try {
        s = platform.fulfillment.ship(OPERATOR, input);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'not_found' && error.details && 'orderId' in error.details) throw new UsageError(`--order: ${error.message}`);
        providerNotFound(error);
      }
      if (values.json) io.out(JSON.stringify(shipmentJson(s)));
      else printShipment(io, s);
      return 0;
    }),
};

const shipmentsUpdate: Command = {
  name: 'shipments update',
  summary: "Move a shipment's status: in_transit, delivered or exception, with a note",
  options: {
    provider: PROVIDER_OPTION,
    shipment: { value: 'ID', description: 'the shipment', required: true, field: 'shipmentId' },
    status: { value: 'STATUS', description: 'the new status', required: true, choices: SHIPMENT_STATUSES },
    note: { value: 'TEXT', description: 'a note on the timeline' },
    json: jsonOption('the shipment with its lines and timeline'),
  },
  examples: ['shipments update --provider 1 --shipment 7 --status in_transit', 'shipments update --provider 1 --shipment 7 --status exception --note "No such door"'],
  run: ({ values, io, openPlatform }) =>
    withPlatform(openPlatform, (platform) => {
      const input = parseInput(shipmentUpdateSchema, {
        providerId: idOf(values, 'provider'),
        shipmentId: idOf(values, 'shipment'),
        status: required(values, 'status') as ShipmentStatus,
        note: str(values, 'note') ?? '',
      });
      let s: Shipment;
      try {
        s = platform.fulfillment.updateShipment(OPERATOR, input);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'not_found' && error.details && 'shipmentId' in error.details) throw new UsageError(`--shipment: ${error.message}`);
        providerNotFound(error);
      }
      if (values.json) io.out(JSON.stringify(shipmentJson(s)));
      else printShipment(io, s);
      return 0;
    }),
};

export const LOGISTICS_GROUPS: CommandGroup[] = [
  { name: 'logistics', summary: 'Logistics providers: applications and approval, warehouses, zones and rates, stock' },
  { name: 'shipments', summary: "A logistics provider's shipments: list, create (ship an order), update the status" },
];

export const LOGISTICS_COMMANDS: Command[] = [providers, apply, approve, reject, rates, warehouses, stock, shipmentsList, shipmentsCreate, shipmentsUpdate];
