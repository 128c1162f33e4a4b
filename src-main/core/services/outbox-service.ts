// The local outbox (spec §9): every email the platform would send is stored here and shown in the console;
// nothing leaves the machine.
import type { OutboxMessage } from '../../../src-shared/api/types';
import { ApiError } from '../../../src-shared/api/errors';
import type { Actor } from '../access';
import { toOutboxMessage } from '../mappers';
import type { Emit, ServiceContext } from './service-context';

export interface Email {
  companyId: number | null;
  to: string;
  subject: string;
  body: string;
  kind: string;
  /** Platform time the mail is dated (default: now). A deactivation notice carries the failure it reports,
   * which during time travel lies before "now". */
  at?: number;
}

export interface OutboxService {
  /** Queues an email inside the caller's transaction. */
  queue(emit: Emit, email: Email): number;
  /** Messages the actor may see: of one company when `companyId` is given, else of every company it sees. */
  list(actor: Actor, limit: number, companyId?: number): OutboxMessage[];
  markRead(actor: Actor, messageId: number): OutboxMessage;
  /** The company a message belongs to, if the actor may see it (a console acting as one client narrows to it). */
  companyOf(actor: Actor, messageId: number): number | undefined;
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
      const rows =
        companyId !== undefined
          ? repos.outbox.listForCompanies([companyId], limit)
          : actor.kind === 'operator'
            ? repos.outbox.listAll(limit)
            : repos.outbox.listForCompanies(access.visibleCompanyIds(actor), limit);
      return rows.map(toOutboxMessage);
    },
    companyOf(actor, messageId) {
      const companyId = repos.outbox.get(messageId)?.company_id;
      return companyId != null && access.canSee(actor, companyId) ? companyId : undefined;
    },

    markRead(actor, messageId) {
      const row = repos.outbox.get(messageId);
      if (!row || row.company_id === null || !access.canSee(actor, row.company_id)) {
        throw new ApiError('not_found', `Message ${messageId} was not found.`);
      }
      repos.outbox.markRead(messageId, clock.now());
      return toOutboxMessage(repos.outbox.get(messageId)!);
    },
  };
}
