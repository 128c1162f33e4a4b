// Console methods of Extensions / Manage Apps (spec §6): the apps a company has, opening one embedded (a native
// view in the desktop app, a sandboxed frame in a browser tab), the view's place on screen, and the embed checker.
import { z } from 'zod';
import type { EmbedCheckCandidates, EmbedCheckReport, EmbedOpenResult, EmbedTarget, ManagedApp } from '../embedded-app-types';
import { EMBED_CHECK_VARIANTS } from '../../domain/embedded-apps';
import { idSchema } from '../inputs';
import { defineSharedArea } from '../area';
import { method } from '../method';

/** Where a view sits in the console window, in CSS pixels of the page (the main side applies the zoom). */
export const embedBoundsSchema = z.object({
  x: z.number().finite().min(0).max(100_000),
  y: z.number().finite().min(0).max(100_000),
  width: z.number().finite().min(0).max(100_000),
  height: z.number().finite().min(0).max(100_000),
});

/** The renderer's name for a place an app is shown (Manage Apps' main view, the checker's previews). */
export const embedSlotSchema = z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be 1 to 40 lowercase letters, digits or dashes');

/** A checker variant: load the app as this user, with this variant of the signature. */
export const embedCheckVariantSchema = z.object({
  userId: idSchema,
  variant: z.enum(EMBED_CHECK_VARIANTS),
  otherCompanyId: idSchema.nullable().default(null),
});

const appInCompany = z.object({ appId: idSchema, companyId: idSchema });

export const embedOpenSchema = appInCompany.extend({
  slot: embedSlotSchema,
  bounds: embedBoundsSchema.nullable(),
  /** Absent: open as the signed-in user, correctly signed. */
  check: embedCheckVariantSchema.nullable().default(null),
});

export const embedCheckSchema = appInCompany.extend({ userId: idSchema, otherCompanyId: idSchema.nullable().default(null) });

export const embeddedAppsMethods = {
  'embeddedApps.list': method<ManagedApp[]>()(z.object({ companyId: idSchema }), 'Manage Apps: the apps of a company (its own, installed, authorized)'),
  'embeddedApps.get': method<ManagedApp>()(appInCompany, 'One app under Manage Apps'),
  'embeddedApps.signedUrl': method<EmbedTarget>()(
    appInCompany.extend({ check: embedCheckVariantSchema.nullable().default(null) }),
    "An app's Start URL with UserID, CompanyID and hmac (or a checker variant)",
  ),
  'embeddedApps.open': method<EmbedOpenResult>()(embedOpenSchema, 'Show an embedded app: a native view in the desktop app, a sandboxed frame in a browser'),
  'embeddedApps.setBounds': method<{ shown: boolean }>()(
    z.object({ slot: embedSlotSchema, bounds: embedBoundsSchema.nullable() }),
    "Move or hide (null) an app's native view",
  ),
  'embeddedApps.close': method<{ closed: number }>()(z.object({ slot: embedSlotSchema.nullable() }), "Remove an app's native view (null: all of them)"),
  'embeddedApps.check': method<EmbedCheckReport>()(embedCheckSchema, 'The embed checker: correct, wrong hmac, swapped CompanyID and missing hmac, with how the app answered'),
  'embeddedApps.checkCandidates': method<EmbedCheckCandidates>()(z.object({}).strict(), 'Companies and users the embed checker can load an app as'),
} as const;

export const embeddedAppsArea = defineSharedArea({ name: 'embeddedApps', methods: embeddedAppsMethods, events: {} });
