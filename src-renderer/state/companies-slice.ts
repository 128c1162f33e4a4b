// The partner's client companies: the filtered list the Companies screen shows, the unfiltered list the
// overview counts, and full records of single companies. Also creating, changing and un-partnering them.
import type { CompanyCreateInput, CompanyListInput, CompanyUpdateInput } from '../../src-shared/api/inputs';
import type { Company, CompanySummary } from '../../src-shared/api/types';
import { failed, idle, loading, ready, type Loadable } from './loadable';
import { mutate, patch, type SliceContext } from './slice-context';

/** The screen's filter: every choice set; no limit (the screen shows every match, virtualized). */
export type CompanyQuery = Required<Omit<CompanyListInput, 'limit'>>;

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
}

export function createCompaniesSlice(ctx: SliceContext): { state: CompaniesState; actions: CompaniesActions } {
  let listSeq = 0;
  let allSeq = 0;
  const detailSeq = new Map<number, number>();

  function storeCompany(company: Company): void {
    patch(ctx, 'companies', (c) => ({ details: { ...c.details, [company.id]: ready(company) } }));
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
      const seq = ++listSeq;
      const query = ctx.get().companies.query;
      patch(ctx, 'companies', (c) => ({ list: loading(c.list) }));
      try {
        const items = await ctx.client.call('companies.list', query);
        if (seq === listSeq) patch(ctx, 'companies', { list: ready(items) });
      } catch (error) {
        if (seq === listSeq) patch(ctx, 'companies', (c) => ({ list: failed(c.list, error) }));
      }
    },

    async loadAllCompanies() {
      const seq = ++allSeq;
      patch(ctx, 'companies', (c) => ({ all: loading(c.all) }));
      try {
        const items = await ctx.client.call('companies.list', DEFAULT_COMPANY_QUERY);
        if (seq === allSeq) patch(ctx, 'companies', { all: ready(items) });
      } catch (error) {
        if (seq === allSeq) patch(ctx, 'companies', (c) => ({ all: failed(c.all, error) }));
      }
    },

    refreshCompanyLists() {
      // The client list is a partner function: only Self may load it.
      if (!ctx.get().session.info?.isSelf) return;
      const c = ctx.get().companies;
      if (c.list.status !== 'idle') void actions.loadCompanyList();
      if (c.all.status !== 'idle') void actions.loadAllCompanies();
    },

    async loadCompany(companyId) {
      const seq = (detailSeq.get(companyId) ?? 0) + 1;
      detailSeq.set(companyId, seq);
      patch(ctx, 'companies', (c) => ({ details: { ...c.details, [companyId]: loading(c.details[companyId]) } }));
      try {
        const company = await ctx.client.call('companies.get', { companyId });
        if (detailSeq.get(companyId) === seq) storeCompany(company);
      } catch (error) {
        if (detailSeq.get(companyId) !== seq) return;
        patch(ctx, 'companies', (c) => ({ details: { ...c.details, [companyId]: failed(c.details[companyId], error) } }));
      }
    },

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
  };

  return { state: { query: DEFAULT_COMPANY_QUERY, list: idle(), all: idle(), details: {} }, actions };
}
