// Shop data for the demo clients, so a salesperson's demo looks alive: each shop gets categories,
// products of every kind in its own currency (a download file for the digital ones), customers, about
// four months of orders, subscribers, an access group with members, newsletter recipients and an active
// theme. Everything goes through the services (same rules, same events), with repeatable choices. Data of
// a sample company is demo data and shows as such.
import type { CatalogueKind } from '../../../src-shared/domain/shop';
import { OPERATOR } from '../access';
import type { Platform } from '../platform';
import { createShopOpener } from '../services/shop-access';
import { internalsOf } from '../platform-internals';

interface DemoProduct {
  kind: CatalogueKind;
  name: string;
  /** Net price in the shop's currency, minor units. */
  price: number;
  category: number;
}

interface DemoShop {
  categories: string[];
  products: DemoProduct[];
  theme: [name: string, primaryColor: string];
  group: string;
  /** Orders in the last 120 days. */
  orders: number;
}

const d = (kind: CatalogueKind, name: string, price: number, category: number): DemoProduct => ({ kind, name, price, category });

/** By company name (the demo seed's clients). */
const SHOPS: Record<string, DemoShop> = {
  'Alpenglück Naturkosmetik GmbH': {
    categories: ['Face care', 'Body care', 'Workshops'],
    products: [d('physical', 'Edelweiss Day Cream 50 ml', 2490, 0), d('physical', 'Arnica Body Balm', 1890, 1), d('physical', 'Pine Needle Bath Salt', 1290, 1), d('digital', 'Natural Skincare Guide (PDF)', 990, 0), d('service', 'DIY Cosmetics Workshop', 6900, 2)],
    theme: ['Alpine Meadow', '#3f8f5a'], group: 'Workshop members', orders: 30,
  },
  'Brightside Books Ltd': {
    categories: ['Fiction', 'Children', 'E-books'],
    products: [d('physical', 'The Lighthouse Keeper (Hardback)', 1699, 0), d('physical', 'Moonlit Garden Picture Book', 899, 1), d('digital', 'Winter Tales (E-book)', 599, 2), d('digital', 'Poetry Audiobook', 1299, 2), d('service', 'Gift Wrapping', 250, 0)],
    theme: ['Paper & Ink', '#24507a'], group: 'Book club', orders: 34,
  },
  'Café Lumière SARL': {
    categories: ['Coffee', 'Accessories', 'Classes'],
    products: [d('physical', 'Espresso Blend 500 g', 1450, 0), d('physical', 'Porcelain Cup Set', 3200, 1), d('digital', 'Latte Art Video Course', 2900, 2), d('service', 'Barista Class', 7500, 2), d('service', 'Monthly Coffee Subscription', 2400, 0)],
    theme: ['Café Crème', '#8a5a3c'], group: 'Coffee club', orders: 29,
  },
  'Nordlys Outdoor AS': {
    categories: ['Tents', 'Clothing', 'Tours'],
    products: [d('physical', 'Fjell Tent 2P', 249900, 0), d('physical', 'Merino Base Layer', 89900, 1), d('physical', 'Trail Backpack 32 l', 129900, 1), d('digital', 'Hiking Maps Bundle', 14900, 2), d('service', 'Guided Glacier Tour', 120000, 2)],
    theme: ['Aurora', '#2d6a8f'], group: 'Tour guests', orders: 25,
  },
  'Summit Sports (Demo)': {
    categories: ['Ski', 'Running'],
    products: [d('physical', 'Touring Ski Set', 54900, 0), d('physical', 'Trail Running Shoes', 12900, 1), d('digital', 'Training Plan (PDF)', 1900, 1), d('service', 'Ski Fitting', 4900, 0)],
    theme: ['Peak', '#c0392b'], group: 'Team members', orders: 20,
  },
  'Urban Bloom Florist (Demo)': {
    categories: ['Bouquets', 'Plants'],
    products: [d('physical', 'Seasonal Bouquet', 3495, 0), d('physical', 'Monstera in Pot', 2995, 1), d('digital', 'Plant Care E-book', 695, 1), d('service', 'Weekly Flower Delivery', 2995, 0)],
    theme: ['Petals', '#b5487a'], group: 'Subscribers', orders: 18,
  },
  'Rheinwerk Tools GmbH': {
    categories: ['Hand tools', 'Power tools', 'Service'],
    products: [d('physical', 'Cordless Drill 18 V', 12900, 1), d('physical', 'Chisel Set (6 pcs)', 4590, 0), d('physical', 'Torque Wrench', 6990, 0), d('digital', 'Workshop Safety Manual', 990, 2), d('service', 'Tool Sharpening', 1500, 2)],
    theme: ['Workshop', '#d35400'], group: 'Trade customers', orders: 26,
  },
  'Kawaii Stationery KK': {
    categories: ['Notebooks', 'Pens', 'Printables'],
    products: [d('physical', 'Sakura Notebook A5', 880, 0), d('physical', 'Pastel Gel Pen Set', 1320, 1), d('digital', 'Planner Printables', 600, 2), d('service', 'Custom Name Stamp', 2200, 1)],
    theme: ['Pastel', '#e88fb0'], group: 'Stamp club', orders: 24,
  },
};

const FIRST = ['Anna', 'Ben', 'Chloé', 'David', 'Elif', 'Finn', 'Greta', 'Haruto', 'Ingrid', 'Jonas', 'Kaito', 'Lena', 'Marco', 'Nora', 'Oskar', 'Priya', 'Rosa', 'Sofia', 'Tom', 'Yara'];
const LAST = ['Andersen', 'Becker', 'Costa', 'Dubois', 'Evans', 'Fischer', 'García', 'Hansen', 'Ito', 'Kowalski', 'Laurent', 'Müller', 'Nakamura', 'Olsen', 'Rossi', 'Schmidt'];
const DAY = 86_400_000;

export function seedDemoShops(platform: Platform): void {
  const actor = OPERATOR;
  let state = 20261101;
  const random = () => {
    // A tiny LCG: the demo must look the same every time.
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const now = platform.clock.now();
  for (const [name, shop] of Object.entries(SHOPS)) {
    const companyId = internalsOf(platform).db.prepare('SELECT id FROM companies WHERE name = ?').pluck().get(name) as number | undefined;
    if (companyId === undefined) continue;
    platform.shop.updateSettings(actor, { companyId, storefrontOpen: true });
    const slug = name.toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '');
    const categories = shop.categories.map((category) => platform.catalog.createCategory(actor, companyId, { name: category, description: '' }).id);
    const products = shop.products.map((p, i) => {
      const fileId =
        p.kind === 'digital'
          ? platform.content.files.create(actor, companyId, { name: `${p.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-$/, '')}.${p.name.includes('Video') ? 'mp4' : 'pdf'}`, mimeType: p.name.includes('Video') ? 'video/mp4' : 'application/pdf', sizeBytes: 400_000 + i * 1_250_000, sha256: null, description: `Download of ${p.name}` }).id
          : null;
      return platform.catalog.createProduct(actor, companyId, {
        kind: p.kind,
        name: p.name,
        sku: `${slug.slice(0, 3).toUpperCase()}-${100 + i}`,
        description: '',
        priceMinor: p.price,
        isActive: true,
        categoryIds: [categories[p.category]],
        ...(p.kind === 'physical' ? { weightGrams: 150 + i * 220, stock: 400 + i * 35 } : {}),
        ...(fileId !== null ? { fileId } : {}),
      });
    });
    platform.content.files.create(actor, companyId, { name: 'brand-guide.pdf', mimeType: 'application/pdf', sizeBytes: 2_480_000, sha256: null, description: 'Logo and colours' });
    platform.content.themes.create(actor, companyId, { name: shop.theme[0], version: '2.1.0', author: 'Northwind Studio', description: '', settings: { primaryColor: shop.theme[1], font: 'Inter' }, isActive: true });
    platform.content.themes.create(actor, companyId, { name: 'Classic', version: '1.0.0', author: 'PartnerDeck', description: 'The default theme', settings: {}, isActive: false });
    const customers = Array.from({ length: 10 }, (_, i) => {
      const first = FIRST[(i * 7 + name.length) % FIRST.length];
      const last = LAST[(i * 5 + name.length) % LAST.length];
      return platform.customers.create(actor, companyId, {
        email: `${first.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '')}.${last.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '')}@mail.example`,
        name: `${first} ${last}`,
        phone: '',
        street: '',
        city: '',
        postalCode: '',
        country: internalsOf(platform).repos.companies.get(companyId)!.country,
        acceptsMarketing: i % 3 === 0,
        note: '',
      }).id;
    });
    // Orders over the last four months, more of them recently; returning customers buy again. They are
    // placed through the order service's own path (pricing, stock, rollups, order.created), without
    // building a reply for each.
    const times = Array.from({ length: shop.orders }, () => now - Math.floor(Math.pow(random(), 0.8) * 120 * DAY) - DAY / 2).sort((a, b) => a - b);
    const open = createShopOpener(internalsOf(platform).ctx)(actor, companyId, 'orders');
    for (const placedAt of times) {
      const lines = random() < 0.7 ? 1 : 2;
      const picked = new Set<number>();
      while (picked.size < lines) picked.add(products[Math.floor(Math.pow(random(), 1.5) * products.length)].id);
      const age = now - placedAt;
      internalsOf(platform).ctx.transact((emit) =>
        platform.orders.place(emit, open, {
          customerId: customers[Math.floor(Math.pow(random(), 1.7) * customers.length)],
          status: age > 10 * DAY ? 'fulfilled' : 'paid',
          lines: [...picked].map((productId) => ({ productId, quantity: random() < 0.8 ? 1 : 2 })),
          source: 'seed',
          note: '',
          placedAt,
          requireActive: false,
        }),
      );
    }
    const service = products.find((p) => p.kind === 'service')!;
    for (let i = 0; i < 3; i++) {
      platform.audience.subscribers.create(actor, companyId, { email: `subscriber${i + 1}@mail.example`, name: `${FIRST[i + 3]} ${LAST[i + 2]}`, productId: service.id, status: i === 2 ? 'paused' : 'active', startedAt: now - (40 + i * 30) * DAY, endsAt: null });
    }
    const group = platform.audience.accessGroups.create(actor, companyId, { name: shop.group, description: 'Access to members-only content' });
    for (let i = 0; i < 3; i++) {
      platform.audience.groupMembers.create(actor, companyId, { groupId: group.id, email: `member${i + 1}@mail.example`, name: `${FIRST[i + 8]} ${LAST[i + 6]}`, expiresAt: i === 0 ? now + 180 * DAY : null });
    }
    for (let i = 0; i < 5; i++) {
      platform.audience.newsletterRecipients.create(actor, companyId, { email: `reader${i + 1}@mail.example`, name: `${FIRST[i + 11]} ${LAST[i + 9]}`, language: 'en', status: i === 4 ? 'unsubscribed' : 'subscribed' });
    }
  }
}
