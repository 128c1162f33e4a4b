// Deleting a company with its data (issue 23 row 2; the `companies` scope's DELETE, the console's "Delete
// company…", `partnerdeck company delete`). The platform's rules: issued billing documents stay for billing,
// so a company that has any, or orders, or active clients, or apps of its own in use by other companies, is
// refused (409, every reason named); otherwise the company goes with everything that depends on it (users,
// shop data, apps, webhooks, authorizations and tokens, settings) in one transaction, and its partner hears of it.
import { ApiError } from '../../../src-shared/api/errors';
import { actorLabel, requirePermission, type Actor } from '../access';
import type { CompanyErasureBlockers } from '../repositories/company-erasure-repository';
import type { CompanyRow } from '../repositories/companies-repository';
import type { OutboxService } from './outbox-service';
import type { ServiceContext } from './service-context';

export interface CompanyDeleted {
  companyId: number;
  name: string;
  partnerId: number | null;
  /** Rows deleted per table (for the audit log and the CLI's --json). */
  deleted: Record<string, number>;
}

export interface CompanyDeletion {
  /** Why the company cannot be deleted now, in the user's words (empty: it can). The actor must see it. */
  deletionBlockers(actor: Actor, companyId: number): string[];
  /** Deletes the company with its data, or refuses with `conflict` naming every reason. */
  delete(actor: Actor, companyId: number): CompanyDeleted;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export function blockerReasons(b: CompanyErasureBlockers): string[] {
  const reasons: string[] = [];
  if (b.documents > 0) reasons.push(`it has ${plural(b.documents, 'billing document', 'billing documents')} (documents stay for billing)`);
  if (b.orders > 0) reasons.push(`it has ${plural(b.orders, 'order', 'orders')}`);
  if (b.activeClients > 0) reasons.push(`it manages ${plural(b.activeClients, 'client company', 'client companies')} (end those relations first)`);
  if (b.appsInUseElsewhere > 0) reasons.push(`its apps are installed in ${plural(b.appsInUseElsewhere, 'other company', 'other companies')} (they must be uninstalled there first)`);
  return reasons;
}

export function createCompanyDeletion(ctx: ServiceContext, outbox: OutboxService): CompanyDeletion {
  const { repos, access, clock } = ctx;

  /** Who may delete: the platform operator, or the managing partner's user with the "clients" permission. */
  function deletable(actor: Actor, companyId: number): CompanyRow {
    const company = access.company(actor, companyId);
    if (actor.kind === 'user') {
      if (!access.isManagingPartner(actor, company)) {
        throw new ApiError('forbidden', `${company.name} can be deleted by its managing partner or the platform operator, not by itself.`);
      }
      requirePermission(actor, 'clients');
    }
    return company;
  }

  return {
    deletionBlockers(actor, companyId) {
      access.company(actor, companyId);
      return blockerReasons(repos.companyErasure.blockers(companyId));
    },

    delete(actor, companyId) {
      const company = deletable(actor, companyId);
      return ctx.transact((emit) => {
        // Checked inside the write transaction: an order placed a moment ago is seen.
        const reasons = blockerReasons(repos.companyErasure.blockers(company.id));
        if (reasons.length > 0) {
          throw new ApiError('conflict', `${company.name} cannot be deleted: ${reasons.join('; ')}.`, { reasons });
        }
        const deleted = repos.companyErasure.erase(company.id);
        const now = clock.now();
        // The audit row keeps the company's id (the log has no foreign key): its history stays readable.
        repos.audit.record({ company_id: company.id, actor: actorLabel(actor), action: 'company.deleted', detail: { name: company.name, partnerId: company.partner_id, deleted }, created_at: now });
        if (company.partner_id !== null) {
          const partner = repos.companies.get(company.partner_id);
          if (partner) {
            const recipients = new Set<string>(repos.users.adminsOf(partner.id).map((u) => u.email));
            if (partner.email) recipients.add(partner.email);
            const body = `${company.name} (company ${company.id}) was deleted with its data by ${actorLabel(actor)}.\n\nIts users, shop data, apps, webhooks and app authorizations are gone.`;
            for (const to of recipients) outbox.queue(emit, { companyId: partner.id, to, subject: `${company.name} was deleted`, body, kind: 'company.deleted' });
          }
        }
        emit('company.deleted', { companyId: company.id, partnerId: company.partner_id });
        return { companyId: company.id, name: company.name, partnerId: company.partner_id, deleted };
      });
    },
  };
}
