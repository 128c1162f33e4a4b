// The demo's App Store, so a salesperson opens a populated store: apps and a theme from several developers in
// every state — Release (bought), Beta (free), one still in Development (seen only by its developer's
// partner family) and one waiting for the operator's review — plus a Beta install for one of Northwind's
// clients. Everything goes through the real services (listings are products, approvals are
// decided by the operator, the purchase is a paid order in the developer's shop).
import type { ListingCreateInput } from '../../../src-shared/api/app-store-inputs';
import { OPERATOR, userActor, type Actor } from '../access';
import type { Platform } from '../platform';
import { internalsOf } from '../platform-internals';

interface DemoListing {
  developer: string;
  state: 'release' | 'beta' | 'development' | 'pending';
  listing: Omit<ListingCreateInput, 'companyId'>;
  /** Theme listings: the developer theme (created in its shop) that installs copy. */
  theme?: { name: string; primaryColor: string };
}

const redirect = (host: string) => ({ redirectUris: [`https://${host}/oauth/callback`], authorizationUrl: `https://${host}/oauth/callback`, startUrl: `https://${host}/app` });

const LISTINGS: DemoListing[] = [
  {
    developer: 'tallinn',
    state: 'release',
    listing: {
      kind: 'app',
      name: 'Parcel Pilot',
      description: 'Shipping labels for 40 carriers, printed from the order list. Tracking numbers go back to the order and to the customer.',
      priceMinor: 2900,
      scopes: ['orders', 'customers', 'webhooks'],
      developerEmail: 'apps@ttgadgets.example',
      ...redirect('parcel-pilot.example'),
    },
  },
  {
    developer: 'tallinn',
    state: 'release',
    theme: { name: 'Nordic Frost', primaryColor: '#4a7fa7' },
    listing: {
      kind: 'theme',
      name: 'Nordic Frost',
      description: 'A calm, airy storefront theme with large product photos and a sticky basket.',
      priceMinor: 3900,
      developerEmail: 'apps@ttgadgets.example',
    },
  },
  {
    developer: 'pixel',
    state: 'beta',
    listing: {
      kind: 'app',
      name: 'Review Radar',
      description: 'Asks customers for a review after delivery and shows the best ones on product pages. Free while in Beta.',
      priceMinor: 1500,
      scopes: ['orders', 'products', 'customers'],
      developerEmail: 'hello@pixelpaper.example',
      ...redirect('review-radar.example'),
    },
  },
  {
    developer: 'harbor',
    state: 'beta',
    listing: {
      kind: 'app',
      name: 'Loyalty Beans',
      description: 'Stamp cards and points for returning customers, redeemable at checkout.',
      priceMinor: 990,
      scopes: ['customers', 'orders'],
      developerEmail: 'dev@harborcoffee.example',
      ...redirect('loyalty-beans.example'),
    },
  },
  {
    developer: 'rheinwerk',
    state: 'development',
    listing: {
      kind: 'app',
      name: 'Label Printer',
      description: 'Prints product and shelf labels with barcodes. Still in development at Rheinwerk Tools.',
      priceMinor: 1900,
      scopes: ['products'],
      developerEmail: 'it@rheinwerk-tools.example',
      ...redirect('label-printer.example'),
    },
  },
  {
    developer: 'pixel',
    state: 'pending',
    listing: {
      kind: 'app',
      name: 'Newsletter Bridge',
      description: 'Keeps newsletter recipients in step with an external mailing service, both ways.',
      priceMinor: 1200,
      scopes: ['customers', 'webhooks'],
      developerEmail: 'hello@pixelpaper.example',
      ...redirect('newsletter-bridge.example'),
    },
  },
];

/** The developer company's administrator, by the demo key above. */
const DEVELOPERS: Record<string, string> = {
  tallinn: 'kristjan@ttgadgets.example',
  pixel: 'ethan@pixelpaper.example',
  harbor: 'maya@harborcoffee.example',
  rheinwerk: 'jonas@rheinwerk-tools.example',
};

export function seedDemoApps(platform: Platform): void {
  const actorOf = (email: string): Actor => userActor(internalsOf(platform).repos.users.findByEmail(email)!);
  const ids = new Map<string, number>();
  for (const { developer, state, listing, theme } of LISTINGS) {
    const actor = actorOf(DEVELOPERS[developer]);
    const companyId = actor.kind === 'user' ? actor.companyId : 0;
    const themeId = theme
      ? platform.content.themes.create(actor, companyId, { name: theme.name, version: '1.0.0', author: internalsOf(platform).repos.companies.get(companyId)!.name, description: listing.description ?? '', settings: { primaryColor: theme.primaryColor, font: 'Inter' }, isActive: false }).id
      : null;
    const { app } = platform.myApps.create(actor, { ...listing, companyId, ...(themeId !== null ? { themeId } : {}) });
    ids.set(listing.name, app.id);
    if (state === 'development') continue;
    platform.myApps.requestApproval(actor, { companyId, appId: app.id, message: state === 'pending' ? 'First submission: please review.' : '' });
    if (state === 'pending') continue;
    platform.appApprovals.approve(OPERATOR, { appId: app.id, visibility: state, note: '' });
  }
  // Northwind installed a Beta app for a client (free, and free for good after Release). No purchase is seeded:
  // the demo's sales figures and month close stay those of the shops' own orders.
  const dana = actorOf('dana@northwind-partners.example');
  const nordlys = internalsOf(platform).db.prepare('SELECT id FROM companies WHERE name = ?').pluck().get('Nordlys Outdoor AS') as number;
  platform.appStore.install(dana, ids.get('Review Radar')!, nordlys);
}
