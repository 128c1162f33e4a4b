// The partner's client companies: the filtered list the Companies screen shows, the unfiltered list the
// overview counts, and full records of single companies. Also creating, changing and un-partnering them.
import type { CompanyCreateInput, CompanyListInput, CompanyUpdateInput } from '../../src-shared/api/inputs';
import type { Company, CompanySummary } from '../../src-shared/api/types';
import { createKeyedLoader } from './keyed-loader';
import { idle, ready, type Loadable } from './loadable';
import { entryTarget, fieldTarget, mutate, patch, type SliceContext } from './slice-context';
import type { SliceParts } from '../area';

/** The screen's filter: every choice set; no limit (the screen shows every match, virtualized). */
export type CompanyQuery = Required<Omit<CompanyListInput, 'limit' | 'token'>>;

export const DEFAULT_COMPANY_QUERY: CompanyQuery = {
  search: '',
  route: 'any',
  sample: 'any',
  sort: 'name',
  direction: 'asc',
};

export interface CompaniesState {
  query: CompanyQuery;
  /** The list as filtered and sorted by `query`. */
  list: Loadable<CompanySummary[]>;
  /** All clients, unfiltered (overview counts). */
  all: Loadable<CompanySummary[]>;
  details: Record<number, Loadable<Company>>;
}

export interface CompaniesActions {
  setCompanyQuery(change: Partial<CompanyQuery>): void;
  loadCompanyList(): Promise<void>;
  loadAllCompanies(): Promise<void>;
  /** Reloads whichever of the two lists has been loaded before. */
  refreshCompanyLists(): void;
  loadCompany(companyId: number): Promise<void>;
  createCompany(input: CompanyCreateInput): Promise<Company>;
  updateCompany(input: CompanyUpdateInput): Promise<Company>;
  endRelation(companyId: number): Promise<Company>;
  /** Why the company cannot be deleted now, in the user's words (empty: it can). */
  companyDeletionBlockers(companyId: number): Promise<string[]>;
  /** Deletes a client with its data (the caller confirmed it); the company lists drop it. */
  deleteCompany(companyId: number): Promise<void>;
  /** A company was deleted (here or elsewhere): forget it, refresh the lists, leave it if acting as it. */
  companyDeleted(companyId: number): void;
}

export function createCompaniesSlice(ctx: SliceContext): SliceParts<CompaniesState, CompaniesActions> {
  const loader = createKeyedLoader();
  const detailOf = (companyId: number) => entryTarget(ctx, 'companies', 'details', companyId);

  function storeCompany(company: Company): void {
    detailOf(company.id).set(ready(company));
  }

  /** A change to a company can change the session (acting/home), lists and the selector. */
  function afterCompanyChange(company: Company): void {
    storeCompany(company);
    const info = ctx.get().session.info;
    if (info && (info.acting?.id === company.id || info.home?.id === company.id)) {
      ctx.schedule('session', () => void ctx.get().actions.loadSession());
    }
    ctx.schedule('company-lists', () => actions.refreshCompanyLists());
    ctx.schedule('switcher', () => void ctx.get().actions.loadSwitcher());
  }

  const actions: CompaniesActions = {
    setCompanyQuery(change) {
      patch(ctx, 'companies', (c) => ({ query: { ...c.query, ...change } }));
      void actions.loadCompanyList();
    },

    async loadCompanyList() {
      const query = ctx.get().companies.query;
      await loader.load('list', fieldTarget(ctx, 'companies', 'list'), () => ctx.client.call('companies.list', query));
    },

    loadAllCompanies: () => loader.load('all', fieldTarget(ctx, 'companies', 'all'), () => ctx.client.call('companies.list', DEFAULT_COMPANY_QUERY)),

    refreshCompanyLists() {
      // The client list is a partner function: only Self may load it.
      if (!ctx.get().session.info?.isSelf) return;
      const c = ctx.get().companies;
      if (c.list.status !== 'idle') void actions.loadCompanyList();
      if (c.all.status !== 'idle') void actions.loadAllCompanies();
    },

    loadCompany: (companyId) => loader.load(`company:${companyId}`, detailOf(companyId), () => ctx.client.call('companies.get', { companyId })),

    async createCompany(input) {
      const company = await mutate(ctx, () => ctx.client.call('companies.create', input), (c) => `${c.name} was created`);
      afterCompanyChange(company);
      return company;
    },

    async updateCompany(input) {
      const company = await mutate(ctx, () => ctx.client.call('companies.update', input), (c) => `${c.name} was saved`);
      afterCompanyChange(company);
      return company;
    },

    async endRelation(companyId) {
      const company = await mutate(
        ctx,
        () => ctx.client.call('companies.endRelation', { companyId }),
        (c) => `The partner relation of ${c.name} has ended`,
      );
      afterCompanyChange(company);
      ctx.schedule('session', () => void ctx.get().actions.loadSession());
      ctx.schedule('requests', () => void ctx.get().actions.loadRequests());
      return company;
    },

    async companyDeletionBlockers(companyId) {
      return (await ctx.client.call('companies.deletionCheck', { companyId })).reasons;
    },

    async deleteCompany(companyId) {
      await mutate(ctx, () => ctx.client.call('companies.delete', { companyId }), (r) => `${r.name} was deleted with its data`);
      actions.companyDeleted(companyId);
    },

    companyDeleted(companyId) {
      patch(ctx, 'companies', (c) => {
        const details = { ...c.details };
        delete details[companyId];
        return { details };
      });
      // The server already acts as Self when the deleted company was the acting one: the session says so.
      ctx.schedule('session', () => void ctx.get().actions.loadSession());
      ctx.schedule('company-lists', () => actions.refreshCompanyLists());
      ctx.schedule('switcher', () => void ctx.get().actions.loadSwitcher());
    },
  };

  const initial: CompaniesState = { query: DEFAULT_COMPANY_QUERY, list: idle(), all: idle(), details: {} };
  return {
    state: initial,
    actions,
    // Another user keeps the filter typed in the search box.
    forUser: (current) => ({ ...initial, query: current.query }),
    resync() {
      actions.refreshCompanyLists();
      for (const id of Object.keys(ctx.get().companies.details)) void actions.loadCompany(Number(id));
    },
  };
}
