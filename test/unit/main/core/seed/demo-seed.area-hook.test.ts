// An area contributes its demo rows with `demoSeed` (core/area.ts): seedDemoIfEmpty runs them in the order of the
// areas, in one transaction, and only on an empty data folder.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CORE_AREAS } from '../../../../../src-main/areas';
import { OPERATOR } from '../../../../../src-main/core/access';
import { defineCoreArea, type CoreArea } from '../../../../../src-main/core/area';
import { createManualClock } from '../../../../../src-main/core/clock';
import { createSeededIds } from '../../../../../src-main/core/ids';
import { openPlatform, type Platform } from '../../../../../src-main/core/platform';
import { createKeyFileSecretStore } from '../../../../../src-main/core/secrets/key-file-secret-store';
import { seedDemoIfEmpty } from '../../../../../src-main/core/seed/demo-seed';
import { T0, tempDir } from '../../../../helpers/platform';
import { actorOf } from '../../../../helpers/fixtures';

const open: { platform: Platform; remove(): void }[] = [];
afterEach(() => {
  for (const { platform, remove } of open.splice(0)) {
    platform.close();
    remove();
  }
});

function openWith(extra: CoreArea, dir = tempDir()): Platform {
  const platform = openPlatform({
    dataDir: dir.path,
    secretStore: createKeyFileSecretStore(join(dir.path, 'secret.key')),
    areas: [...Object.values(CORE_AREAS), extra],
    clock: () => createManualClock(T0),
    ids: createSeededIds('test'),
  });
  open.push({ platform, remove: dir.remove });
  return platform;
}

describe("the areas' demo seeds", () => {
  it("run an area's demoSeed after the areas before it, through the services, on an empty folder only", () => {
    const seen: { companies: number; listings: number }[] = [];
    const probe = defineCoreArea({
      name: 'probe',
      demoSeed: (platform) => {
        seen.push({ companies: platform.companies.listAll(OPERATOR).length, listings: platform.appApprovals.list(OPERATOR, 'all').length });
        platform.companies.create(OPERATOR, { name: 'Probe Area Demo GmbH', country: 'DE', email: '', phone: '', street: '', city: '', postalCode: '', vatId: null, token: null, isSample: false, paymentRoute: 'direct', attestNotAffiliated: true });
      },
    });
    const dir = tempDir();
    const platform = openWith(probe, dir);
    expect(seedDemoIfEmpty(platform)).toBe(true);
    // The foundation's companies and the App Store's listings were there when the probe ran.
    expect(seen).toHaveLength(1);
    expect(seen[0].companies).toBeGreaterThan(10);
    expect(seen[0].listings).toBeGreaterThan(0);
    expect(platform.companies.listAll(OPERATOR).map((c) => c.name)).toContain('Probe Area Demo GmbH');
    // A folder that holds data is not seeded again.
    expect(seedDemoIfEmpty(platform)).toBe(false);
    expect(seen).toHaveLength(1);
  });

  it("leaves the folder empty when an area's demo seed fails, so the next start seeds it again", () => {
    const failing = defineCoreArea({
      name: 'failing',
      demoSeed: () => {
        throw new Error('demo seed broke');
      },
    });
    const platform = openWith(failing);
    expect(() => seedDemoIfEmpty(platform)).toThrow(/demo seed broke/);
    expect(platform.companies.listAll(OPERATOR)).toEqual([]);
  });

  it("seeds the foundation's demo first (the partner, its clients, the operator); the other areas' rows are checked by their own demo tests", () => {
    const platform = openWith(defineCoreArea({ name: 'none' }));
    seedDemoIfEmpty(platform);
    const names = platform.companies.listAll(OPERATOR).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['Northwind Commerce Partners GmbH', 'Alpenglück Naturkosmetik GmbH', 'PartnerDeck Platform Operations']));
    expect(actorOf(platform, 'olivia@platform-operations.example').isOperator).toBe(true);
  });
});
