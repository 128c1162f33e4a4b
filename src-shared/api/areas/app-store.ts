// Console methods of the App Store area (spec §6): My Apps (a shop company's listings: create, edit, reveal
// and rotate the shared secret, request approval, Beta <-> Release), the App Store (browse, a listing, what
// installing would cost, install, uninstall, installed apps) and the platform operator (a user role of the local
// platform; the approval queue, approve, reject, visibility).
import { z } from 'zod';
import {
  approvalRequestSchema,
  developerVisibilitySchema,
  installedListSchema,
  installSchema,
  listingCreateSchema,
  listingUpdateSchema,
  myAppRefSchema,
  rotateSecretSchema,
  operatorApproveSchema,
  operatorListSchema,
  operatorRejectSchema,
  operatorVisibilitySchema,
  storeBrowseSchema,
  storeListingSchema,
} from '../app-store-inputs';
import type {
  DeveloperApp,
  DeveloperAppWithSecret,
  InstallQuote,
  InstallResult,
  InstalledApp,
  OperatorApp,
  OperatorStatus,
  StoreListing,
} from '../app-store-types';
import { idSchema } from '../inputs';
import { defineSharedArea } from '../area';
import { event } from '../event';
import { method } from '../method';

const empty = z.object({}).strict();

export const appStoreMethods = {
  'myApps.list': method<DeveloperApp[]>()(z.object({ companyId: idSchema }), "The acting shop's app and theme listings (My Apps)"),
  'myApps.get': method<DeveloperApp>()(myAppRefSchema, 'One listing of the acting shop'),
  'myApps.create': method<DeveloperAppWithSecret>()(listingCreateSchema, 'Create an app or theme listing: its product and API credentials (the secret is shown once)'),
  'myApps.update': method<DeveloperApp>()(listingUpdateSchema, "Change a listing's sales fields and credentials (permission changes fire app/update)"),
  'myApps.revealSecret': method<{ clientSecret: string }>()(myAppRefSchema, "Show an app's shared secret (audited)"),
  'myApps.rotateSecret': method<DeveloperAppWithSecret>()(
    rotateSecretSchema,
    'Replace the shared secret: the old one stops at once, or stays valid for a grace period (webhooks carry both signatures meanwhile)',
  ),
  'myApps.requestApproval': method<DeveloperApp>()(approvalRequestSchema, 'Ask the platform operator to approve a listing for the App Store'),
  'myApps.setVisibility': method<DeveloperApp>()(developerVisibilitySchema, 'Move an approved listing between Beta and Release'),
  'myApps.themeChoices': method<{ id: number; name: string; version: string }[]>()(
    z.object({ companyId: idSchema }),
    "The acting shop's themes a theme listing can offer",
  ),

  'appStore.browse': method<StoreListing[]>()(storeBrowseSchema, 'Listings the acting company may see, with search and a kind filter'),
  'appStore.listing': method<StoreListing>()(storeListingSchema, 'One listing as the acting company sees it'),
  'appStore.quote': method<InstallQuote>()(installSchema, 'What installing a listing for a company would cost, and whether it is allowed'),
  'appStore.install': method<InstallResult>()(installSchema, 'Install for the acting company or, as a partner, for a client (buys it in Release)'),
  'appStore.uninstall': method<InstalledApp>()(installSchema, 'Uninstall: revokes the app’s access and tokens and fires app/uninstalled'),
  'appStore.installed': method<InstalledApp[]>()(installedListSchema, 'Apps installed for (or authorized by) a company, or by every company in reach'),

  'operator.status': method<OperatorStatus>()(empty, 'Whether the signed-in user is the platform operator, and the open approval requests'),
  'operator.apps': method<OperatorApp[]>()(operatorListSchema, 'Operator: every listing with its state, or only the open approval requests'),
  'operator.approve': method<OperatorApp>()(operatorApproveSchema, 'Operator: approve a pending listing into Beta or Release'),
  'operator.reject': method<OperatorApp>()(operatorRejectSchema, 'Operator: reject a pending listing with a reason'),
  'operator.setVisibility': method<OperatorApp>()(operatorVisibilitySchema, 'Operator: move an approved listing between Beta and Release'),
} as const;

export const appStoreEvents = {
  /** An app or theme was installed for a company (the company it is installed for). */
  'app.installed': event<{ companyId: number; appId: number; installId: number }>()('pushed'),
  /** An app was uninstalled for a company (webhook topic app/uninstalled). */
  'app.uninstalled': event<{ companyId: number; appId: number }>()('pushed'),
  /** The permissions of an app a company has changed (webhook topic app/update). */
  'app.updated': event<{ companyId: number; appId: number }>()('pushed'),
  /** A developer's listing changed: created, edited, secret rotated, approval requested or decided, visibility. */
  'app_listing.changed': event<{ appId: number; companyId: number }>()('pushed'),
} as const;

export const appStoreArea = defineSharedArea({
  name: 'appStore',
  methods: appStoreMethods,
  events: appStoreEvents,
  emailKinds: {
    /** The operator's decision on an App Store listing (to the developer company). */
    app_approval: ['apps'],
  },
});
