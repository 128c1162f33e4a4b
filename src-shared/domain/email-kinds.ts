// Every kind of email the platform queues to the local outbox (spec §9), and the admin area each belongs to:
// a user sees a message when it holds one of those permissions, or when the message is addressed to it
// (administrators see every message of their companies). Each feature area declares its kinds beside its methods
// (`emailKinds` in src-shared/api/areas/<area>.ts); the outbox service only takes declared kinds, which makes
// whoever adds one decide who may read it.
import { mergeParts } from '../api/area';
import { SHARED_AREAS } from '../api/areas';
import type { Permission } from './permissions';

export const EMAIL_KIND_PERMISSIONS = mergeParts(SHARED_AREAS, 'emailKinds');

export type EmailKind = keyof typeof EMAIL_KIND_PERMISSIONS;

/** The kinds a user with these permissions may read (besides mail addressed to it). */
export function readableEmailKinds(permissions: readonly Permission[]): EmailKind[] {
  return (Object.keys(EMAIL_KIND_PERMISSIONS) as EmailKind[]).filter((kind) => EMAIL_KIND_PERMISSIONS[kind].some((p) => permissions.includes(p)));
}
