// Every kind of email the platform queues to the local outbox (spec §9), and the admin area each belongs to:
// a user sees a message when it holds one of those permissions, or when the message is addressed to it
// (administrators see every message of their companies). A new kind must be added here (the outbox service
// only takes these), which makes whoever adds it decide who may read it.
import type { Permission } from './permissions';

export const EMAIL_KIND_PERMISSIONS = {
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
  /** The operator's decision on an App Store listing (to the developer company). */
  app_approval: ['apps'],
  /** The last failed retry deactivated a webhook (to the app's developer company). */
  webhook_deactivated: ['apps'],
  'billing.documents': ['billing'],
  'billing.correction': ['billing'],
  'billing.partner_invoice': ['billing'],
  /** The operator's decision on a logistics provider's application (to the provider's contact). */
  'logistics.decision': ['settings'],
  /** A storefront order forwarded to the logistics provider for fulfillment (to the provider's contact). */
  'logistics.forward': ['orders'],
} as const satisfies Record<string, readonly Permission[]>;

export type EmailKind = keyof typeof EMAIL_KIND_PERMISSIONS;

/** The kinds a user with these permissions may read (besides mail addressed to it). */
export function readableEmailKinds(permissions: readonly Permission[]): EmailKind[] {
  return (Object.keys(EMAIL_KIND_PERMISSIONS) as EmailKind[]).filter((kind) => EMAIL_KIND_PERMISSIONS[kind].some((p) => permissions.includes(p)));
}
