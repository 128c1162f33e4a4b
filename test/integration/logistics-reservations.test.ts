// Concurrent reservations never oversell (issue 15): two worker threads, each with its own connection to the same
// data folder, place storefront checkouts at the same moment for a product of which the provider's warehouse holds
// fewer units than are ordered. Every order is placed (the shop's own stock allows it); exactly as many as the
// warehouse holds are reserved there, the rest are forwarded without a reservation, and the balance equals the
// ledger. (Reservation checks availability and writes inside one BEGIN IMMEDIATE transaction.)
import { buildSync } from 'esbuild';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../src-main/core/access';
import { openPlatform } from '../../src-main/areas';
import { internalsOf } from '../../src-main/core/platform-internals';
import { createKeyFileSecretStore } from '../../src-main/core/secrets/key-file-secret-store';
import { rateSaveSchema, warehouseSaveSchema, zoneSaveSchema } from '../../src-shared/api/logistics-inputs';
import { parseInput } from '../../src-shared/api/validation';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-logistics-');
afterAll(() => dir.remove());

function buildWorker(): string {
  // Inside the repository, so that the bundle finds node_modules/better-sqlite3 (left external: native).
  const cache = join(__dirname, '..', '..', 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const out = join(mkdtempSync(join(cache, 'pd-reserver-')), 'reserver.cjs');
  buildSync({ entryPoints: [join(__dirname, 'fixtures/logistics-reserver.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: out, external: ['better-sqlite3'], loader: { '.wasm': 'binary' }, logLevel: 'error' });
  return out;
}

describe('concurrent reservations', () => {
  it('two connections checking out at once never reserve more than the warehouse holds', async () => {
    const platform = internalsOf(openPlatform({ dataDir: dir.path, secretStore: createKeyFileSecretStore(join(dir.path, 'secret.key')) }));
    const company = (isPartner: boolean, name: string, partner?: number) =>
      platform.companies.create(OPERATOR, { name, country: 'AT', email: `${name.toLowerCase().replace(/\W/g, '')}@example.com`, phone: '', street: '', city: '', postalCode: '', vatId: null, token: null, isSample: false, paymentRoute: 'direct', attestNotAffiliated: true }, isPartner ? { isPartner: true } : { partnerId: partner } as never);
    const partner = company(true, 'Warehouse Partner');
    const shop = company(false, 'Busy Shop');
    platform.shop.updateSettings(OPERATOR, { companyId: shop.id, storefrontOpen: true });
    const provider = platform.logistics.apply(OPERATOR, { companyId: partner.id, name: 'Warehouse Partner', contactEmail: 'ops@example.com', note: '' });
    platform.logistics.approve(OPERATOR, provider.id);
    const wh = platform.logistics.saveWarehouse(OPERATOR, parseInput(warehouseSaveSchema, { providerId: provider.id, name: 'Vienna', country: 'AT' }));
    const zone = platform.logistics.saveZone(OPERATOR, parseInput(zoneSaveSchema, { providerId: provider.id, name: 'AT', countries: ['AT'] }));
    platform.logistics.saveRate(OPERATOR, parseInput(rateSaveSchema, { providerId: provider.id, zoneId: zone.id, currency: 'EUR', minGrams: 0, maxGrams: null, amountMinor: 500 }));
    platform.logistics.setShopProviders(OPERATOR, { companyId: shop.id, chosen: [provider.id], preferred: provider.id });
    const product = platform.catalog.createProduct(OPERATOR, shop.id, { sku: 'TENT', description: '', isActive: true, categoryIds: [], kind: 'physical', name: 'Tent', priceMinor: 9900, currency: 'EUR', vatRateBp: 2000, weightGrams: 2500, stock: 1000 } as never);
    const HELD = 37;
    const PER_WORKER = 30;
    platform.fulfillment.moveStock(OPERATOR, { providerId: provider.id, warehouseId: wh.id, productId: product.id, kind: 'receipt', quantity: HELD, note: '' });

    const workerPath = buildWorker();
    const go = new SharedArrayBuffer(4);
    const workers = ['left', 'right'].map((name) => new Worker(workerPath, { workerData: { dataDir: dir.path, companyId: shop.id, productId: product.id, orders: PER_WORKER, name, go } }));
    const ready = workers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          w.on('message', (m: { ready?: boolean }) => m.ready && resolve());
          w.on('error', reject);
        }),
    );
    const done = workers.map(
      (w) =>
        new Promise<{ placed: number[]; failures: string[] }>((resolve, reject) => {
          w.on('message', (m: { done?: boolean; placed: number[]; failures: string[] }) => m.done && resolve(m));
          w.on('error', reject);
        }),
    );
    await Promise.all(ready);
    Atomics.store(new Int32Array(go), 0, 1);
    Atomics.notify(new Int32Array(go), 0);
    const results = await Promise.all(done);
    await Promise.all(workers.map((w) => w.terminate()));

    expect(results.flatMap((r) => r.failures)).toEqual([]);
    const placed = results.flatMap((r) => r.placed);
    expect(placed).toHaveLength(2 * PER_WORKER);
    // Both workers really ran at once: their orders interleave.
    const byId = [...placed].sort((a, b) => a - b);
    const owner = (id: number) => (results[0].placed.includes(id) ? 0 : 1);
    expect(byId.some((id, i) => i > 0 && owner(id) !== owner(byId[i - 1]))).toBe(true);

    const reserved = platform.db.prepare('SELECT COUNT(*) FROM logistics_fulfillments WHERE reserved = 1').pluck().get();
    const unreserved = platform.db.prepare('SELECT COUNT(*) FROM logistics_fulfillments WHERE reserved = 0').pluck().get();
    expect([reserved, unreserved]).toEqual([HELD, 2 * PER_WORKER - HELD]);
    expect(platform.repos.logistics.stockOf(wh.id, product.id)).toEqual({ on_hand: HELD, reserved: HELD });
    expect(platform.repos.logistics.ledgerSum(wh.id, product.id)).toEqual({ on_hand: HELD, reserved: HELD });
    expect(platform.db.pragma('integrity_check', { simple: true })).toBe('ok');
    platform.close();
  }, 120_000);
});
