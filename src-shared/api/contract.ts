// The one console API. Every method the renderer can call and every event it can receive is declared
// here, once. The Electron IPC handlers, the browser host's HTTP routes and the renderer client are all
// built from this map, so a method cannot exist on one side only.
import { z } from 'zod';
import {
  companyCreateSchema,
  companyListSchema,
  companyUpdateSchema,
  idSchema,
  partnerRequestCreateSchema,
  partnerSetupSchema,
  shopSettingsUpdateSchema,
  userCreateSchema,
  userUpdateSchema,
} from './inputs';
import type { PushedEvent } from './ipc';
import { method, type MethodDef } from './method';
import { embeddedAppsMethods } from './methods/embedded-apps';
import { billingMethods } from './methods/billing';
import { appStoreMethods } from './methods/app-store';
import { oauthMethods } from './methods/oauth';
import { webhookMethods } from './methods/webhooks';
import { salesMethods } from './methods/sales';
import { shopMethods } from './methods/shop';
import type {
  AppInfo,
  Company,
  CompanySummary,
  OutboxMessage,
  PartnerDirectoryEntry,
  PartnerRequest,
  SessionInfo,
  ShopSettings,
  SignInCandidate,
  SwitcherEntry,
  User,
} from './types';

const empty = z.object({}).strict();
const byCompany = z.object({ companyId: idSchema });

/** The console's own methods (session, companies, users, partner relation, shop settings, outbox). Other
 * areas declare theirs in ./methods/<area>.ts and are spread into `methods` below. */
const coreMethods = {
  'app.info': method<AppInfo>()(empty, 'Version, data folder, secret store and platform URL'),

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

  'users.list': method<User[]>()(byCompany, "A company's users"),
  'users.create': method<User>()(userCreateSchema, 'Add a user, optionally with a welcome email'),
  'users.update': method<User>()(userUpdateSchema, "Change a user's name or permissions"),
  'users.delete': method<{ deleted: true }>()(z.object({ userId: idSchema }), 'Remove a user'),

  'shop.getSettings': method<ShopSettings>()(byCompany, "A client's shop settings (store function)"),
  'shop.updateSettings': method<ShopSettings>()(shopSettingsUpdateSchema, 'Change shop settings (store function)'),

  'partners.directory': method<PartnerDirectoryEntry[]>()(
    z.object({ search: z.string().trim().max(200).default('') }),
    'Partners in the program a company can ask to manage it',
  ),
  'partnerRequests.list': method<PartnerRequest[]>()(empty, 'Requests to or from the acting company'),
  'partnerRequests.create': method<PartnerRequest>()(partnerRequestCreateSchema, 'A company asks a partner to manage it'),
  'partnerRequests.decide': method<PartnerRequest>()(
    z.object({ requestId: idSchema, decision: z.enum(['accept', 'decline']) }),
    'The partner accepts or declines a request',
  ),
  'partnerRequests.cancel': method<PartnerRequest>()(z.object({ requestId: idSchema }), 'The company withdraws its request'),

  'outbox.list': method<OutboxMessage[]>()(
    z.object({ limit: z.number().int().min(1).max(1000).default(200) }),
    'Emails the platform would have sent',
  ),
  'outbox.markRead': method<OutboxMessage>()(z.object({ messageId: idSchema }), 'Mark an outbox message read'),
} as const;

export const methods = {
  ...coreMethods,
  ...oauthMethods,
  ...webhookMethods,
  ...shopMethods,
  ...salesMethods,
  ...embeddedAppsMethods,
  ...billingMethods,
  ...appStoreMethods,
} as const satisfies Record<string, MethodDef<z.ZodTypeAny, unknown>>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = NonNullable<Methods[M]['output']>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

/** What the renderer calls; implemented by the preload bridge (Electron) and a fetch adapter (browser). */
export interface ConsoleClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Subscribes to pushed events; returns an unsubscribe function. */
  subscribe(listener: (event: PushedEvent) => void): () => void;
}

/** What a transport (IPC or HTTP) needs from the console service. */
export interface ConsoleTransportTarget {
  /** Validates `rawInput` against the method's schema and runs it. Throws ApiError. */
  invoke(method: string, rawInput: unknown): Promise<unknown>;
  onEvent(listener: (event: PushedEvent) => void): () => void;
}

export type { MethodDef } from './method';
export * from './ipc';
