import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../../../src-main/core/access';
import { DEMO_PARTNER_EMAIL } from '../../../../../src-main/core/seed/demo-seed';
import { dayOf, addDays } from '../../../../../src-shared/domain/date-range';
import { openTestPlatform } from '../../../../helpers/platform';
import { actorOf } from '../../../../helpers/fixtures';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((p) => p.dispose()));

describe('demo shop data', () => {
  it("gives every demo client a living shop in its currency; the sample companies' data is demo data", () => {
    const platform = openTestPlatform('demo');
    open.push(platform);
    const dana: Actor = actorOf(platform, DEMO_PARTNER_EMAIL);
    const partnerId = dana.kind === 'user' ? dana.companyId : 0;
    const clients = platform.db.prepare('SELECT id, name, is_sample FROM companies WHERE partner_id = ?').all(partnerId) as { id: number; name: string; is_sample: 0 | 1 }[];
    expect(clients.length).toBeGreaterThanOrEqual(8);
    const count = (table: string, companyId: number) => platform.db.prepare(`SELECT COUNT(*) FROM ${table} WHERE company_id = ?`).pluck().get(companyId) as number;
    for (const client of clients) {
      for (const table of ['products', 'categories', 'customers', 'orders', 'subscribers', 'access_groups', 'group_members', 'newsletter_recipients', 'themes', 'content_files']) {
        expect(count(table, client.id), `${client.name}: ${table}`).toBeGreaterThan(0);
      }
      // App and theme products are App Store listings (Rheinwerk develops one); the shop sells the others.
      const kinds = platform.db.prepare("SELECT DISTINCT kind FROM products WHERE company_id = ? AND kind NOT IN ('app', 'theme') ORDER BY kind").pluck().all(client.id);
      expect(kinds).toEqual(['digital', 'physical', 'service']);
      const demoOrders = platform.db.prepare('SELECT DISTINCT is_demo FROM orders WHERE company_id = ?').pluck().all(client.id);
      expect(demoOrders).toEqual([client.is_sample]);
      expect(platform.sales.dashboard(dana, client.id).summary.totals.length, client.name).toBeGreaterThan(0);
    }
    const today = dayOf(platform.clock.now());
    const summary = platform.sales.summary(dana, { from: addDays(today, -119), to: today, includeDemo: false });
    expect(summary.totals.map((t) => t.currency).sort()).toEqual(['EUR', 'GBP', 'JPY', 'NOK']);
    expect(platform.repos.rollups.snapshot(clients.map((c) => c.id)).salesDaily.length).toBeGreaterThan(0);
    const { productMonthly: _a, ...rollups } = platform.repos.rollups.snapshot(clients.map((c) => c.id));
    const { productMonthly: _b, ...recount } = platform.repos.rollups.recount(clients.map((c) => c.id));
    expect(rollups).toEqual(recount);
  });
});
