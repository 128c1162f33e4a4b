// Bulk client companies for scale tests and demos (`partnerdeck seed --companies N`): a realistic mix of
// countries, routes and sample flags, written in one transaction through prepared statements.
import { COUNTRIES } from '../../../src-shared/domain/countries';
import type { Platform } from '../platform';
import { internalsOf } from '../platform-internals';

const PREFIXES = ['Blue', 'Golden', 'Urban', 'Nordic', 'Alpine', 'Coastal', 'Bright', 'Silver', 'Green', 'Royal', 'Little', 'Grand', 'Wild', 'Happy', 'Modern'];
const NOUNS = ['Books', 'Coffee', 'Outdoor', 'Tools', 'Florist', 'Games', 'Music', 'Fashion', 'Bakery', 'Cosmetics', 'Stationery', 'Toys', 'Bikes', 'Tea', 'Crafts'];
const FORMS = ['GmbH', 'Ltd', 'SARL', 'AS', 'BV', 'AB', 'Inc', 'Oy', 'S.L.', 'KG'];
const CITIES = ['Berlin', 'Hamburg', 'Wien', 'Paris', 'Lyon', 'London', 'Leeds', 'Oslo', 'Madrid', 'Milano', 'Amsterdam', 'Stockholm', 'Helsinki', 'Dublin', 'Praha'];

export interface BulkSeedResult {
  partnerId: number;
  created: number;
  firstId: number;
  lastId: number;
}

/**
 * Adds `count` client companies to `partnerId`; returns the id range. Deterministic for a given start.
 * `createdAt`: when the first of them was created (default: now); each next one a minute earlier.
 */
export function seedBulkCompanies(platform: Platform, partnerId: number, count: number, onProgress?: (done: number) => void, createdAt?: number): BulkSeedResult {
  const { repos, db } = internalsOf(platform);
  const partner = repos.companies.get(partnerId);
  if (!partner?.is_partner) throw new Error(`company ${partnerId} is not a partner`);
  const now = createdAt ?? platform.clock.now();
  const insertCompany = db.prepare(
    `INSERT INTO companies (name, email, city, country, is_sample, payment_route, partner_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertShop = db.prepare(
    `INSERT INTO shop_settings (company_id, shop_name, currency, default_vat_rate_bp, storefront_open, support_email, updated_at)
     VALUES (?, ?, ?, ?, 1, ?, ?)`,
  );
  let firstId = 0;
  let lastId = 0;
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const country = COUNTRIES[i % COUNTRIES.length];
      const name = `${PREFIXES[i % PREFIXES.length]} ${NOUNS[Math.floor(i / PREFIXES.length) % NOUNS.length]} ${FORMS[i % FORMS.length]} #${i + 1}`;
      const slug = `shop${i + 1}`;
      const route = i % 3 === 0 ? 'via_partner' : 'direct';
      const id = Number(
        insertCompany.run(name, `info@${slug}.example`, CITIES[i % CITIES.length], country.code, i % 17 === 0 ? 1 : 0, route, partnerId, now - i * 60_000, now).lastInsertRowid,
      );
      insertShop.run(id, name, country.currency, country.vatRateBp, `support@${slug}.example`, now);
      if (firstId === 0) firstId = id;
      lastId = id;
    }
  });
  const BATCH = 1000;
  for (let from = 0; from < count; from += BATCH) {
    batch.immediate(from, Math.min(count, from + BATCH));
    onProgress?.(Math.min(count, from + BATCH));
  }
  return { partnerId, created: count, firstId, lastId };
}
