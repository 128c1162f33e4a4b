// Test helpers for the month close: a platform whose manual clock starts where a test needs it (to switch a
// route mid-month), a partner with an administrator, clients with the "Advanced" choices, products and real
// orders at given days, and moving the clock to a given instant.
import { join } from 'node:path';
import { OPERATOR, type Actor } from '../../src-main/core/access';
import { createManualClock } from '../../src-main/core/clock';
import { createSeededIds } from '../../src-main/core/ids';
import type { CorePlatform } from '../../src-main/core/platform';
import { internalsOf } from '../../src-main/core/platform-internals';
import { openPlatform } from '../../src-main/areas';
import { createKeyFileSecretStore } from '../../src-main/core/secrets/key-file-secret-store';
import type { PaymentRoute } from '../../src-shared/api/types';
import type { ProductKind } from '../../src-shared/domain/shop';
import { tempDir } from './platform';

export interface ClientSpec {
  country?: string;
  vatId?: string | null;
  route?: PaymentRoute;
  sample?: boolean;
  email?: string;
  partnerId?: number | null;
}

export function openBillingPlatform(start = '2026-10-01T08:00:00Z') {
  const dir = tempDir('pd-billing-');
  const platform: CorePlatform = internalsOf(openPlatform({
    dataDir: dir.path,
    secretStore: createKeyFileSecretStore(join(dir.path, 'secret.key')),
    clock: () => createManualClock(Date.parse(start)),
    ids: createSeededIds('billing'),
  }));
  const base = { email: '', phone: '', street: 'Main Street 1', city: 'Berlin', postalCode: '10115', vatId: null, token: null, isSample: false, paymentRoute: 'direct' as PaymentRoute, attestNotAffiliated: true as const };

  const newPartner = (name: string, admin: string) => {
    const partner = platform.companies.create(OPERATOR, { ...base, name, country: 'DE', vatId: 'DE123456789', email: `office@${admin.split('@')[1]}` }, { isPartner: true });
    platform.users.create(OPERATOR, { companyId: partner.id, email: admin, name: 'Admin', password: 'test-password', permissions: [], isAdmin: true, sendWelcomeEmail: false }, { passwordHash: 'unused' });
    return { id: partner.id, name, actor: userActor(admin) };
  };
  const userActor = (email: string): Actor => platform.localUsers.actorByEmail(email)!;

  const partner = newPartner('Northwind Test GmbH', 'dana@northwind.example');
  /** A client created by the operator for a partner carries that partner's administrator's attestation. */
  const attestation = (partnerId: number | null) =>
    partnerId === null ? { partnerId } : { partnerId, attestedBy: platform.repos.users.adminsOf(partnerId)[0]?.id };

  const client = (name: string, spec: ClientSpec = {}): number =>
    platform.companies.create(
      OPERATOR,
      { ...base, name, country: spec.country ?? 'DE', vatId: spec.vatId ?? null, isSample: spec.sample ?? false, paymentRoute: spec.route ?? 'direct', email: spec.email ?? `billing@${name.toLowerCase().replace(/[^a-z]+/g, '-')}.example` },
      attestation(spec.partnerId === undefined ? partner.id : spec.partnerId),
    ).id;

  const product = (companyId: number, kind: ProductKind, name: string, priceMinor: number, extra: { vatRateBp?: number; currency?: string } = {}) =>
    platform.catalog.createProduct(
      OPERATOR,
      companyId,
      { kind, name, sku: '', description: '', priceMinor, isActive: true, categoryIds: [], ...(kind === 'physical' ? { weightGrams: 100, stock: 100_000 } : {}), ...extra } as never,
      { allowStoreKinds: true },
    ).id;

  let customers = 0;
  /** A real order at noon UTC of `day`, from a new customer; the clock moves there first when it is earlier. */
  const order = (companyId: number, day: string, lines: [productId: number, quantity: number][], status: 'paid' | 'fulfilled' = 'paid') => {
    if (platform.clock.now() < Date.parse(`${day}T12:00:00Z`)) at(`${day}T12:00:00Z`);
    const customer = platform.customers.create(OPERATOR, companyId, { email: `c${++customers}@buyers.example`, name: `Customer ${customers}`, phone: '', street: '', city: '', postalCode: '', country: '', acceptsMarketing: false, note: '' });
    return platform.orders.create(OPERATOR, companyId, { customerId: customer.id, status, lines: lines.map(([productId, quantity]) => ({ productId, quantity })), note: '', placedAt: Date.parse(`${day}T12:00:00Z`) });
  };

  /** Moves the manual clock forward to `iso`. */
  function at(iso: string): void {
    const target = Date.parse(iso);
    if (target < platform.clock.now()) throw new Error(`the clock is already past ${iso}`);
    platform.clock.advance(target - platform.clock.now());
  }

  return {
    platform,
    partner,
    newPartner,
    userActor,
    client,
    product,
    order,
    at,
    dispose() {
      platform.close();
      dir.remove();
    },
  };
}
