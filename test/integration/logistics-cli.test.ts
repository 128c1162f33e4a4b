// The logistics CLI in-process on a data folder (docs/logistics.md): apply -> approve / reject, warehouses, zones and
// rates, stock receipts and adjustments, shipments create/update/list, --json everywhere, and bad arguments as one
// stderr line naming the flag.
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/cli';
import { openPlatform } from '../../src-main/areas';
import { OPERATOR } from '../../src-main/core/access';
import { createKeyFileSecretStore } from '../../src-main/core/secrets/key-file-secret-store';
import { checkoutSchema } from '../../src-shared/api/shop-inputs';
import { parseInput } from '../../src-shared/api/validation';
import { recordingIo } from '../helpers/cli-io';
import { TEST_PASSWORD_HASH, tempDir } from '../helpers/platform';
import { join } from 'node:path';

const dir = tempDir('pd-logistics-cli-');
afterAll(() => dir.remove());

async function cli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const io = recordingIo();
  const status = await runCli([...args, '--data-dir', dir.path], io);
  return { status, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}
async function json<T>(...args: string[]): Promise<T> {
  const run = await cli(...args, '--json');
  expect(run, args.join(' ')).toMatchObject({ status: 0, stderr: '' });
  return JSON.parse(run.stdout) as T;
}

function withPlatform<T>(work: (p: ReturnType<typeof openPlatform>) => T): T {
  const platform = openPlatform({ dataDir: dir.path, secretStore: createKeyFileSecretStore(join(dir.path, 'secret.key')) });
  try {
    return work(platform);
  } finally {
    platform.close();
  }
}

describe('partnerdeck logistics and shipments', () => {
  it('runs a provider from application to a delivered shipment', async () => {
    const { partnerId, shopId, productId, otherPartner } = withPlatform((p) => {
      const make = (name: string, extra: object) =>
        p.companies.create(OPERATOR, { name, country: 'DE', email: `${name.toLowerCase().replace(/\W/g, '')}@example.com`, phone: '', street: '', city: '', postalCode: '', vatId: null, token: null, isSample: false, paymentRoute: 'direct', attestNotAffiliated: true }, extra as never);
      const partner = make('Cargo Partner', { isPartner: true });
      const other = make('Other Partner', { isPartner: true });
      const admin = p.users.create(OPERATOR, { companyId: partner.id, email: 'admin@cargo-partner.example', name: 'Cargo Admin', password: 'password1', permissions: [], isAdmin: true, sendWelcomeEmail: false }, { passwordHash: TEST_PASSWORD_HASH });
      const shop = make('Shoe Shop', { partnerId: partner.id, attestedBy: admin.id });
      p.shop.updateSettings(OPERATOR, { companyId: shop.id, storefrontOpen: true });
      const product = p.catalog.createProduct(OPERATOR, shop.id, { sku: 'BOOT', description: '', isActive: true, categoryIds: [], kind: 'physical', name: 'Boots', priceMinor: 9900, currency: 'EUR', vatRateBp: 1900, weightGrams: 900, stock: 100 } as never);
      return { partnerId: partner.id, shopId: shop.id, productId: product.id, otherPartner: other.id };
    });

    expect((await cli('logistics', 'apply', '--company', String(shopId))).stderr).toMatch(/^partnerdeck: --company: .* is not a partner/);
    const provider = await json<{ id: number; state: string }>('logistics', 'apply', '--company', String(partnerId), '--name', 'Cargo Partner Logistics');
    expect(provider.state).toBe('pending');
    const other = await json<{ id: number }>('logistics', 'apply', '--company', String(otherPartner));
    expect((await json<{ id: number }[]>('logistics', 'providers', '--state', 'pending')).map((p) => p.id)).toEqual([provider.id, other.id]);
    expect(await json('logistics', 'reject', '--provider', String(other.id), '--reason', 'No warehouse')).toMatchObject({ state: 'rejected', reason: 'No warehouse' });
    expect(await json('logistics', 'approve', '--provider', String(provider.id))).toMatchObject({ state: 'approved', decided_by: 'operator' });
    expect(await cli('logistics', 'approve', '--provider', '999')).toMatchObject({ status: 2, stderr: expect.stringMatching(/^partnerdeck: --provider: Logistics provider 999 was not found/) });

    const P = String(provider.id);
    const [hamburg] = await json<{ id: number; name: string }[]>('logistics', 'warehouses', '--provider', P, '--add', 'Hamburg', '--country', 'DE', '--city', 'Hamburg');
    expect(hamburg.name).toBe('Hamburg');
    expect((await cli('logistics', 'warehouses', '--provider', P, '--add', 'X', '--country', 'XX')).stderr).toMatch(/^partnerdeck: --country: "XX" is not a country/);
    const rates = await json<{ rates: { min_grams: number; max_grams: number | null; amount_minor: number }[] }>(
      'logistics', 'rates', '--provider', P, '--zone', 'EU=DE,AT', '--set', 'EU:EUR:0-500=4.90', '--set', 'EU:EUR:501-=9.90',
    );
    expect(rates.rates.map((r) => [r.min_grams, r.max_grams, r.amount_minor])).toEqual([[0, 500, 490], [501, null, 990]]);
    expect((await cli('logistics', 'rates', '--provider', P, '--set', 'EU:EUR:500-100=1')).stderr).toMatch(/^partnerdeck: --set: must be at least the lower edge/);
    expect((await cli('logistics', 'rates', '--provider', P, '--set', 'EU:EUR:0-100=abc')).stderr).toContain('--set EU:EUR:0-100=abc: "abc" is not an amount in EUR');
    expect((await cli('logistics', 'rates', '--provider', P, '--zone', 'EU=DE,QQ')).stderr).toMatch(/^partnerdeck: --zone: "QQ" is not a country/);

    // Stock is held only for shops that chose the provider.
    expect((await cli('logistics', 'stock', '--provider', P, '--warehouse', String(hamburg.id), '--receive', `${productId}=3`)).stderr).toBe(
      `partnerdeck: --receive ${productId}=3: product ${productId} is not a physical product of a shop that chose Cargo Partner Logistics`,
    );
    withPlatform((p) => p.logistics.setShopProviders(OPERATOR, { companyId: shopId, chosen: [provider.id], preferred: null }));
    expect((await json<{ on_hand: number }[]>('logistics', 'stock', '--provider', P, '--warehouse', String(hamburg.id), '--receive', `${productId}=3`))[0]).toMatchObject({ on_hand: 3, available: 3 });
    expect((await cli('logistics', 'stock', '--provider', P, '--warehouse', String(hamburg.id), '--adjust', `${productId}=-5`)).stderr).toBe(`partnerdeck: --adjust ${productId}=-5: would take Boots in Hamburg below zero available (on hand 3, reserved 0)`);

    const orderId = withPlatform((p) => p.checkout.place(OPERATOR, shopId, parseInput(checkoutSchema, { companyId: shopId, customer: { email: 'c@example.com', name: 'Carla', country: 'AT' }, lines: [{ productId, quantity: 2 }] })).id);
    expect((await cli('shipments', 'create', '--provider', P, '--order', String(orderId), '--warehouse', String(hamburg.id), '--carrier', 'DHL', '--tracking', 'JJD0001', '--line', '1=5')).stderr).toBe('partnerdeck: --line 1=5: only 2 of "Boots" are left to ship');
    const shipment = await json<{ id: number; status: string; tracking_number: string }>('shipments', 'create', '--provider', P, '--order', String(orderId), '--warehouse', String(hamburg.id), '--carrier', 'DHL', '--tracking', 'JJD0001');
    expect(shipment).toMatchObject({ status: 'label_created', tracking_number: 'JJD0001' });
    expect((await cli('shipments', 'update', '--provider', P, '--shipment', String(shipment.id), '--status', 'delivered')).stderr).toBe('partnerdeck: --status: cannot change from label_created to delivered (possible: in_transit, exception)');
    expect((await cli('shipments', 'update', '--provider', P, '--shipment', String(shipment.id), '--status', 'lost')).stderr).toMatch(/^partnerdeck: --status/);
    expect(await json('shipments', 'update', '--provider', P, '--shipment', String(shipment.id), '--status', 'in_transit', '--note', 'Picked up')).toMatchObject({ status: 'in_transit', timeline: [{ status: 'label_created' }, { status: 'in_transit', note: 'Picked up' }] });
    const listed = await json<{ total: number; shipments: { id: number }[] }>('shipments', 'list', '--provider', P, '--status', 'in_transit');
    expect(listed).toMatchObject({ total: 1, shipments: [{ id: shipment.id }] });
    const text = await cli('shipments', 'list', '--provider', P);
    expect(text.stdout).toContain('JJD0001');
    expect((await cli('shipments', 'list')).stderr).toMatch(/--provider/);
    expect((await cli('logistics', 'stock', '--provider', P, '--help')).stdout).toContain('Usage: partnerdeck logistics stock');
  });
});
