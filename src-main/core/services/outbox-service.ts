// The local outbox (spec §9): every email the platform would send is stored here and shown in the console;
// nothing leaves the machine.
import type { OutboxMessage } from '../../../src-shared/api/types';
import { ApiError } from '../../../src-shared/api/errors';
import { readableEmailKinds, type EmailKind } from '../../../src-shared/domain/email-kinds';
import type { Actor } from '../access';
import type { OutboxRow } from '../repositories/outbox-repository';
import { toOutboxMessage } from '../mappers';
import type { Emit, ServiceContext } from './service-context';

export interface Email {
  companyId: number | null;
  to: string;
  subject: string;
  body: string;
  /** Which area the mail belongs to, and so who may read it (src-shared/domain/email-kinds.ts). */
  kind: EmailKind;
  /** Platform time the mail is dated (default: now). A deactivation notice carries the failure it reports,
   * which during time travel lies before "now". */
  at?: number;
}

export interface OutboxService {
  /** Queues an email inside the caller's transaction. */
  queue(emit: Emit, email: Email): number;
  /**
   * Messages the actor may see: of one company when `companyId` is given, else of every company it sees; of
   * those, an administrator (or the operator) reads all, another user the kinds of its permissions' areas and
   * what is addressed to it (I7: a welcome mail's login data is for the users area, an invoice for billing).
   */
  list(actor: Actor, limit: number, companyId?: number): OutboxMessage[];
  markRead(actor: Actor, messageId: number): OutboxMessage;
  /** The company a message belongs to, if the actor may see it (a console acting as one client narrows to it). */
  companyOf(actor: Actor, messageId: number): number | undefined;
}

/** What a user who is not an administrator may read; null: everything of its companies. */
function readerFilter(actor: Actor): { kinds: string[]; to: string } | null {
  if (actor.kind === 'operator' || actor.isAdmin) return null;
  return { kinds: readableEmailKinds(actor.permissions), to: actor.email };
}

function mayRead(actor: Actor, row: OutboxRow): boolean {
  const filter = readerFilter(actor);
  return !filter || filter.kinds.includes(row.kind) || row.to_address.toLowerCase() === filter.to.toLowerCase();
}

export function createOutboxService(ctx: ServiceContext): OutboxService {
  const { repos, access, clock } = ctx;
  return {
    queue(emit, email) {
      const id = repos.outbox.insert({
        company_id: email.companyId,
        to_address: email.to,
        subject: email.subject,
        body: email.body,
        kind: email.kind,
        created_at: email.at ?? clock.now(),
      });
      emit('outbox.added', { messageId: id });
      return id;
    },
    list(actor, limit, companyId) {
      if (companyId !== undefined) access.company(actor, companyId);
      if (actor.kind === 'operator' && companyId === undefined) return repos.outbox.listAll(limit).map(toOutboxMessage);
      const companyIds = companyId !== undefined ? [companyId] : access.visibleCompanyIds(actor);
      const filter = readerFilter(actor);
      const rows = filter ? repos.outbox.listReadable(companyIds, filter.kinds, filter.to, limit) : repos.outbox.listForCompanies(companyIds, limit);
      return rows.map(toOutboxMessage);
    },
    companyOf(actor, messageId) {
      const companyId = repos.outbox.get(messageId)?.company_id;
      return companyId != null && access.canSee(actor, companyId) ? companyId : undefined;
    },

    markRead(actor, messageId) {
      const row = repos.outbox.get(messageId);
      if (!row || row.company_id === null || !access.canSee(actor, row.company_id) || !mayRead(actor, row)) {
        throw new ApiError('not_found', `Message ${messageId} was not found.`);
      }
      repos.outbox.markRead(messageId, clock.now());
      return toOutboxMessage(repos.outbox.get(messageId)!);
    },
  };
}
