// The demo data an empty data folder starts with, so a salesperson can demo offline at once. `seedDemoIfEmpty`
// runs each area's `demoSeed` (core/areas/<area>.ts) in the order of the areas; the foundation's is here: a
// partner with direct, managed and sample clients, each with users, a second partner, unmanaged companies and a
// pending partner request, and the platform operator. The other areas add theirs (the shop's data for the
// partner's clients in demo-shop-seed.ts, billing's payment methods on file in demo-payment-methods-seed.ts, the
// App Store in demo-apps-seed.ts, logistics in demo-logistics-seed.ts). Everything goes through the real services,
// so it obeys the same rules.
import type { Permission } from '../../../src-shared/domain/permissions';
import { OPERATOR, userActor, type Actor } from '../access';
import type { Platform } from '../platform';
import type { CompanyCreate } from '../services/companies-service';
import { internalsOf } from '../platform-internals';

export const DEMO_PASSWORD = 'partnerdeck-demo';
/**
 * DEMO_PASSWORD's scrypt hash (core/passwords.ts parameters, salt = the first 16 bytes of SHA-256 of "partnerdeck
 * demo password"), made once: seeding costs no 128 MiB scrypt run. The demo password is public, so a fixed salt
 * reveals nothing; a test checks that it verifies.
 */
export const DEMO_PASSWORD_HASH = 'scrypt$131072$8$1$312yF0+nbAfNx67lJUghZQ==$anI+e5bE2xtRJNbo+vFMlfRTN4x7M/9Ac8nSFDSXwpg=';
export const DEMO_PARTNER_EMAIL = 'dana@northwind-partners.example';
/** The local platform's operator (App review): a user with the operator role. */
export const DEMO_OPERATOR_EMAIL = 'olivia@platform-operations.example';

interface SeedUser {
  name: string;
  email: string;
  isAdmin?: boolean;
  permissions?: Permission[];
  welcome?: boolean;
}

interface SeedCompany extends Partial<CompanyCreate> {
  name: string;
  country: string;
  users: SeedUser[];
}

const NORTHWIND_CLIENTS: SeedCompany[] = [
  {
    name: 'Alpenglück Naturkosmetik GmbH', country: 'AT', city: 'Innsbruck', street: 'Maria-Theresien-Straße 18', postalCode: '6020',
    email: 'office@alpenglueck.example', phone: '+43 512 123456', vatId: 'ATU12345678', paymentRoute: 'direct',
    users: [
      { name: 'Anna Huber', email: 'anna@alpenglueck.example', isAdmin: true, welcome: true },
      { name: 'Lukas Wimmer', email: 'lukas@alpenglueck.example', permissions: ['products', 'orders', 'customers'] },
    ],
  },
  {
    name: 'Brightside Books Ltd', country: 'GB', city: 'Bristol', street: '12 Park Street', postalCode: 'BS1 5HX',
    email: 'hello@brightside-books.example', phone: '+44 117 496 0123', vatId: 'GB123456789', paymentRoute: 'via_partner',
    users: [
      { name: 'Oliver Grant', email: 'oliver@brightside-books.example', isAdmin: true },
      { name: 'Priya Shah', email: 'priya@brightside-books.example', permissions: ['orders', 'customers', 'reports'] },
    ],
  },
  {
    name: 'Café Lumière SARL', country: 'FR', city: 'Lyon', street: '4 Rue de la République', postalCode: '69002',
    email: 'bonjour@cafe-lumiere.example', phone: '+33 4 72 00 00 00', vatId: 'FR12345678901', paymentRoute: 'via_partner',
    users: [
      { name: 'Camille Martin', email: 'camille@cafe-lumiere.example', isAdmin: true, welcome: true },
      { name: 'Hugo Bernard', email: 'hugo@cafe-lumiere.example', permissions: ['orders', 'customers'] },
    ],
  },
  {
    name: 'Nordlys Outdoor AS', country: 'NO', city: 'Bergen', street: 'Strandkaien 2', postalCode: '5013',
    email: 'post@nordlys-outdoor.example', phone: '+47 55 00 00 00', paymentRoute: 'direct',
    users: [{ name: 'Ingrid Solberg', email: 'ingrid@nordlys-outdoor.example', isAdmin: true }],
  },
  {
    name: 'Summit Sports (Demo)', country: 'DE', city: 'München', street: 'Leopoldstraße 50', postalCode: '80802',
    email: 'demo@summit-sports.example', isSample: true, paymentRoute: 'direct',
    users: [{ name: 'Sam Demo', email: 'sam@summit-sports.example', isAdmin: true }],
  },
  {
    name: 'Urban Bloom Florist (Demo)', country: 'NL', city: 'Amsterdam', street: 'Prinsengracht 263', postalCode: '1016 GV',
    email: 'demo@urbanbloom.example', isSample: true, paymentRoute: 'via_partner', vatId: 'NL123456789B01',
    users: [
      { name: 'Sanne de Vries', email: 'sanne@urbanbloom.example', isAdmin: true },
      { name: 'Daan Bakker', email: 'daan@urbanbloom.example', permissions: ['products'] },
    ],
  },
  {
    name: 'Rheinwerk Tools GmbH', country: 'DE', city: 'Köln', street: 'Rheinauhafen 7', postalCode: '50678',
    email: 'info@rheinwerk-tools.example', phone: '+49 221 987654', vatId: 'DE298765432', paymentRoute: 'via_partner',
    users: [{ name: 'Jonas Keller', email: 'jonas@rheinwerk-tools.example', isAdmin: true, welcome: true }],
  },
  {
    name: 'Kawaii Stationery KK', country: 'JP', city: 'Osaka', street: '1-1 Umeda, Kita-ku', postalCode: '530-0001',
    email: 'shop@kawaii-stationery.example', paymentRoute: 'direct',
    users: [{ name: 'Yuki Tanaka', email: 'yuki@kawaii-stationery.example', isAdmin: true }],
  },
];

/** The foundation area's demo rows: the companies, their users, the partner request and the operator. */
export function seedDemoCompanies(platform: Platform, actor: Actor = OPERATOR): void {
  const passwordHash = DEMO_PASSWORD_HASH;

  const addCompany = (company: SeedCompany, options: { partnerId?: number; isPartner?: boolean } = {}) => {
    const { users, ...data } = company;
    // The partner's first administrator gives the non-affiliation attestation of each client seeded for it.
    const attestedBy = options.partnerId === undefined ? undefined : internalsOf(platform).repos.users.adminsOf(options.partnerId)[0]?.id;
    const created = platform.companies.create(
      actor,
      {
        email: '', phone: '', street: '', city: '', postalCode: '', vatId: null, token: null, isSample: false, paymentRoute: 'direct',
        ...data,
        attestNotAffiliated: true,
      },
      { ...options, attestedBy },
    );
    for (const user of users) {
      platform.users.create(
        actor,
        {
          companyId: created.id,
          email: user.email,
          name: user.name,
          password: DEMO_PASSWORD,
          permissions: user.permissions ?? [],
          isAdmin: user.isAdmin ?? false,
          sendWelcomeEmail: user.welcome ?? false,
        },
        { passwordHash },
      );
    }
    return created;
  };

  const northwind = addCompany(
    {
      name: 'Northwind Commerce Partners GmbH', country: 'DE', city: 'Berlin', street: 'Friedrichstraße 123', postalCode: '10117',
      email: 'partners@northwind-partners.example', phone: '+49 30 1234567', vatId: 'DE123456789',
      users: [
        { name: 'Dana Fischer', email: DEMO_PARTNER_EMAIL, isAdmin: true },
        { name: 'Tom Berger', email: 'tom@northwind-partners.example', permissions: ['clients', 'reports', 'billing'] },
      ],
    },
    { isPartner: true },
  );
  for (const client of NORTHWIND_CLIENTS) addCompany(client, { partnerId: northwind.id });

  const meridian = addCompany(
    {
      name: 'Meridian Digital Partners Ltd', country: 'GB', city: 'London', street: '30 Clerkenwell Road', postalCode: 'EC1M 5PQ',
      email: 'team@meridian-digital.example',
      users: [{ name: 'Grace Okafor', email: 'grace@meridian-digital.example', isAdmin: true }],
    },
    { isPartner: true },
  );
  addCompany(
    {
      name: 'Pixel & Paper Studio Ltd', country: 'GB', city: 'Manchester', email: 'studio@pixelpaper.example', paymentRoute: 'direct',
      users: [{ name: 'Ethan Hughes', email: 'ethan@pixelpaper.example', isAdmin: true }],
    },
    { partnerId: meridian.id },
  );

  // Companies without a partner; one has asked Northwind to manage it.
  const harbor = addCompany({
    name: 'Harbor Coffee Roasters Inc', country: 'US', city: 'Seattle', street: '1912 Pike Place', postalCode: '98101',
    email: 'hello@harborcoffee.example',
    users: [{ name: 'Maya Lopez', email: 'maya@harborcoffee.example', isAdmin: true }],
  });
  addCompany({
    name: 'Tallinn Tech Gadgets OÜ', country: 'EE', city: 'Tallinn', email: 'info@ttgadgets.example', vatId: 'EE123456789',
    users: [{ name: 'Kristjan Tamm', email: 'kristjan@ttgadgets.example', isAdmin: true }],
  });
  // Sent by Harbor's own administrator, as a real request would be.
  const maya = internalsOf(platform).repos.users.findByEmail('maya@harborcoffee.example')!;
  platform.partnerRequests.create(actor.kind === 'operator' ? userActor(maya) : actor, {
    companyId: harbor.id,
    partnerId: northwind.id,
    message: 'We are opening our online shop next month and would like Northwind to run it for us.',
  });
  // The platform operator reviews App Store listings; its company is the platform's own account.
  addCompany({
    name: 'PartnerDeck Platform Operations', country: 'DE', city: 'Berlin', email: 'operations@platform-operations.example',
    users: [{ name: 'Olivia Operator', email: DEMO_OPERATOR_EMAIL, isAdmin: true }],
  });
  platform.users.setOperator(actor, internalsOf(platform).repos.users.findByEmail(DEMO_OPERATOR_EMAIL)!.id, true);
}

/**
 * What the hosts call after opening a data folder (serve, browser mode, the desktop app, the CLI's commands
 * that may start a folder, the tests' helpers): an empty folder gets the demo; a folder that holds data is never
 * seeded. Returns whether it seeded. The areas' demo seeds run in the order of the areas. One transaction: a seed that fails half-way leaves the folder empty, to be
 * seeded again next time; each service call inside it is a savepoint, whose journals stay in memory.
 */
export function seedDemoIfEmpty(platform: Platform): boolean {
  const { db, repos, areas } = internalsOf(platform);
  if (repos.companies.countAll() > 0) return false;
  const tempStore = db.pragma('temp_store', { simple: true });
  db.pragma('temp_store = MEMORY');
  try {
    db.transaction(() => {
      for (const area of areas) area.demoSeed?.(platform);
    }).immediate();
  } finally {
    db.pragma(`temp_store = ${tempStore}`);
  }
  return true;
}
