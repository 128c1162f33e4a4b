// The foundation area: the console itself (app info, the session, signing in, first-start setup), companies,
// their users, the partner relation (requests, directory), a client's shop settings and the outbox.
import { z } from 'zod';
import { text } from '../text';
import { defineSharedArea } from '../area';
import { event } from '../event';
import {
  companyCreateSchema,
  companyListSchema,
  companyUpdateSchema,
  idSchema,
  logoUploadSchema,
  partnerRequestCreateSchema,
  partnerSetupSchema,
  shopSettingsUpdateSchema,
  userCreateSchema,
  userUpdateSchema,
} from '../inputs';
import { method } from '../method';
import { THEME_CHOICES, type ThemeChoice } from '../theme-choice';
import type {
  AppInfo,
  Company,
  CompanySummary,
  LogoUploadResult,
  OutboxMessage,
  PartnerDirectoryEntry,
  PartnerLogo,
  PartnerRequest,
  SessionInfo,
  ShopSettings,
  SignInCandidate,
  SwitcherEntry,
  User,
  WhiteLabel,
} from '../types';

const empty = z.object({}).strict();
const byCompany = z.object({ companyId: idSchema });

export const foundationMethods = {
  'app.info': method<AppInfo>()(empty, 'Version, data folder, secret store and platform URL'),

  'app.openWindow': method<{ opened: boolean }>()(
    z.object({ companyId: idSchema.nullable(), path: z.string().max(2000).regex(/^\/[^#\s]*$/).default('/') }).strict(),
    'Desktop app: open another console window acting as a company (null: Self) on a screen path; false elsewhere (a browser tab opens one itself)',
  ),
  'app.setTheme': method<{ theme: ThemeChoice }>()(
    z.object({ theme: z.enum(THEME_CHOICES) }).strict(),
    "Keep the console's theme (system, light or dark) in the profile's prefs.json: every window and the next start use it",
  ),
  'app.connectTeamServer': method<{ origin: string; restarting: boolean }>()(
    z.object({ url: z.string().max(2000) }).strict(),
    "Desktop app: point this profile at a team server's console (https://…, or http:// on this computer): the server is asked first, then the choice is kept in prefs.json and the app restarts on it",
  ),
  'session.get': method<SessionInfo>()(empty, 'Who is signed in and which company the console acts as'),
  'session.switch': method<SessionInfo>()(
    z.object({ companyId: idSchema.nullable() }),
    'Act as a client company, or as Self with null',
  ),
  'session.signInCandidates': method<SignInCandidate[]>()(empty, 'Local users the console can sign in as'),
  'session.signIn': method<SessionInfo>()(z.object({ userId: idSchema }), 'Sign in to the console as a local user'),
  'session.switcher': method<SwitcherEntry[]>()(empty, 'Companies for the selector: Self, then recent, then the rest'),
  'setup.createPartner': method<SessionInfo>()(partnerSetupSchema, 'First start: create the partner account and sign in'),

  'companies.list': method<CompanySummary[]>()(companyListSchema, "The signed-in partner's client companies"),
  'companies.get': method<Company>()(byCompany, 'One company the session may see'),
  'companies.create': method<Company>()(companyCreateSchema, 'Create a client company managed by the partner'),
  'companies.update': method<Company>()(companyUpdateSchema, 'Change company data, payment route or sample flag'),
  'companies.endRelation': method<Company>()(byCompany, 'End the partner relation (either side may)'),
  'companies.deletionCheck': method<{ reasons: string[] }>()(byCompany, 'Why a client company cannot be deleted now (empty: it can)'),
  'companies.delete': method<{ deleted: true; name: string }>()(byCompany, 'Delete a client company with its data (its partner or the operator)'),

  'users.list': method<User[]>()(byCompany, "A company's users"),
  'users.create': method<User>()(userCreateSchema, 'Add a user, optionally with a welcome email'),
  'users.update': method<User>()(userUpdateSchema, "Change a user's name or permissions"),
  'users.delete': method<{ deleted: true }>()(z.object({ userId: idSchema }), 'Remove a user'),

  'shop.getSettings': method<ShopSettings>()(byCompany, "A client's shop settings (store function)"),
  'shop.updateSettings': method<ShopSettings>()(shopSettingsUpdateSchema, 'Change shop settings (store function)'),

  'partners.directory': method<PartnerDirectoryEntry[]>()(
    z.object({ search: text(200).default('') }),
    'Partners in the program a company can ask to manage it',
  ),
  'partnerRequests.list': method<PartnerRequest[]>()(empty, 'Requests to or from the acting company'),
  'partnerRequests.create': method<PartnerRequest>()(partnerRequestCreateSchema, 'A company asks a partner to manage it'),
  'partnerRequests.decide': method<PartnerRequest>()(
    z.object({ requestId: idSchema, decision: z.enum(['accept', 'decline']) }),
    'The partner accepts or declines a request',
  ),
  'partnerRequests.cancel': method<PartnerRequest>()(z.object({ requestId: idSchema }), 'The company withdraws its request'),

  'branding.get': method<WhiteLabel>()(byCompany, "A partner's white label: admin domain, CNAME target, logo"),
  'branding.setLogo': method<LogoUploadResult>()(logoUploadSchema, "Upload the partner's logo (PNG, JPEG, WebP or SVG)"),
  'branding.removeLogo': method<WhiteLabel>()(byCompany, "Remove the partner's logo (back to the platform's)"),
  'branding.logo': method<{ logo: PartnerLogo | null }>()(empty, "The logo the signed-in user's brand shows (null: the platform's)"),
  'branding.cnameTarget': method<{ cnameTarget: string; isDefault: boolean }>()(empty, "Operator: the platform's admin host partners point their domain at"),
  'branding.setCnameTarget': method<{ cnameTarget: string; isDefault: boolean }>()(
    z.object({ cnameTarget: text(253).nullable() }),
    "Operator: set the platform's admin host partners point their domain at (null: the default)",
  ),

  'outbox.list': method<OutboxMessage[]>()(
    z.object({ limit: z.number().int().min(1).max(1000).default(200) }),
    'Emails the platform would have sent',
  ),
  'outbox.markRead': method<OutboxMessage>()(z.object({ messageId: idSchema }), 'Mark an outbox message read'),
} as const;

export const foundationEvents = {
  /** Who is signed in or which company the console acts as changed (pushed by the console itself). */
  'session.changed': event<SessionInfo>()('console'),
  /** The theme of the profile (prefs.json) was chosen in a window: every other open window shows it at once. */
  'app.themeChanged': event<{ theme: ThemeChoice }>()('console'),
  'company.created': event<{ companyId: number }>()('pushed'),
  'company.updated': event<{ companyId: number }>()('pushed'),
  /** The company and its data are gone (its partner's lists drop it; a window acting as it goes back to Self). */
  'company.deleted': event<{ companyId: number; partnerId: number | null }>()('pushed'),
  'user.changed': event<{ companyId: number; userId: number }>()('pushed'),
  'partner_request.changed': event<{ requestId: number }>()('pushed'),
  'outbox.added': event<{ messageId: number }>()('pushed'),
  'shop.updated': event<{ companyId: number }>()('pushed'),
  /** A partner's logo changed (companyId), or the platform's CNAME target (companyId null). */
  'branding.changed': event<{ companyId: number | null }>()('pushed'),
} as const;

export const foundationArea = defineSharedArea({
  name: 'foundation',
  methods: foundationMethods,
  events: foundationEvents,
  emailKinds: {
    /** Login data of a new user. */
    'user.welcome': ['users'],
    /** A company asks the partner to manage it (to the partner). */
    'partner_request.created': ['clients'],
    /** The partner's answer (to the asking company, whose partner relation is part of its settings). */
    'partner_request.accepted': ['settings'],
    'partner_request.declined': ['settings'],
    /** Either side ended the relation (to both: the partner's clients area, the client's settings). */
    'partner.relation_ended': ['clients', 'settings'],
    /** A client company was deleted with its data (to its partner). */
    'company.deleted': ['clients'],
  },
});
