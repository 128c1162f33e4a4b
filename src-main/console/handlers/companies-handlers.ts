// Console methods for client companies, their users and the partner relation (requests, directory).
import { hashPassword } from '../../core/passwords';
import type { ConsoleContext, Handlers } from '../console-context';

type CompanyMethods =
  | 'companies.list' | 'companies.get' | 'companies.create' | 'companies.update' | 'companies.endRelation'
  | 'companies.deletionCheck' | 'companies.delete'
  | 'users.list' | 'users.create' | 'users.update' | 'users.delete'
  | 'partners.directory' | 'partnerRequests.list' | 'partnerRequests.create' | 'partnerRequests.decide' | 'partnerRequests.cancel';

export function companiesHandlers(ctx: ConsoleContext): Pick<Handlers, CompanyMethods> {
  const { platform } = ctx;
  return {
    'companies.list': (input) => {
      ctx.requireSelf('The list of client companies');
      return platform.companies.listClients(ctx.actor(), input);
    },
    'companies.get': ({ companyId }) => {
      ctx.requireInScope(companyId);
      return platform.companies.get(ctx.actor(), companyId);
    },
    'companies.create': (input) => {
      ctx.requireSelf('Creating a client company');
      return platform.companies.create(ctx.actor(), input);
    },
    'companies.update': (input) => {
      ctx.requireInScope(input.companyId);
      return platform.companies.update(ctx.actor(), input);
    },
    'companies.endRelation': async ({ companyId }) => {
      ctx.requireInScope(companyId);
      const actingBefore = ctx.actingCompanyId();
      const result = platform.companies.endRelation(ctx.actor(), companyId);
      // The partner no longer sees the company: if it was acting as it, it is back to Self.
      if (actingBefore === companyId && !platform.access.canSee(ctx.actor(), companyId)) await ctx.switchTo(null);
      return result;
    },
    'companies.deletionCheck': ({ companyId }) => {
      ctx.requireInScope(companyId);
      return { reasons: platform.companies.deletionBlockers(ctx.actor(), companyId) };
    },
    'companies.delete': ({ companyId }) => {
      ctx.requireInScope(companyId);
      const { name } = platform.companies.delete(ctx.actor(), companyId);
      // Acting as the company it just deleted, the console is back to Self.
      ctx.actingCompanyId();
      return { deleted: true as const, name };
    },

    'users.list': ({ companyId }) => {
      ctx.requireInScope(companyId);
      return platform.users.list(ctx.actor(), companyId);
    },
    'users.create': async (input) => {
      ctx.requireInScope(input.companyId);
      // Hashed on the thread pool (passwords.ts), not on the main thread of the app.
      const passwordHash = await hashPassword(input.password);
      return platform.users.create(ctx.actor(), input, { passwordHash });
    },
    'users.update': (input) => {
      ctx.requireInScope(platform.localUsers.actorOf(input.userId)?.companyId);
      return platform.users.update(ctx.actor(), input);
    },
    'users.delete': ({ userId }) => {
      ctx.requireInScope(platform.localUsers.actorOf(userId)?.companyId);
      platform.users.delete(ctx.actor(), userId);
      return { deleted: true as const };
    },

    'partners.directory': ({ search }) => platform.partnerRequests.directory(search),
    'partnerRequests.list': () => platform.partnerRequests.list(ctx.actor(), ctx.actingCompanyId()),
    'partnerRequests.create': (input) => platform.partnerRequests.create(ctx.actor(), input),
    'partnerRequests.decide': ({ requestId, decision }) => {
      ctx.requireSelf('Deciding on a partner request');
      return platform.partnerRequests.decide(ctx.actor(), requestId, decision);
    },
    'partnerRequests.cancel': ({ requestId }) => {
      ctx.requireInScope(platform.partnerRequests.companyOf(ctx.actor(), requestId));
      return platform.partnerRequests.cancel(ctx.actor(), requestId);
    },
  };
}
