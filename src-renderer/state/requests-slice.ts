// Partner requests to or from the acting company, and the directory of partners a company can ask.
import type { PartnerDirectoryEntry, PartnerRequest } from '../../src-shared/api/types';
import { createKeyedLoader } from './keyed-loader';
import { idle, ready, type Loadable } from './loadable';
import { fieldTarget, mutate, patch, type SliceContext } from './slice-context';
import type { SliceParts } from '../area';

export interface RequestsState {
  list: Loadable<PartnerRequest[]>;
  directory: Loadable<PartnerDirectoryEntry[]>;
}

export interface RequestsActions {
  loadRequests(): Promise<void>;
  loadDirectory(search: string): Promise<void>;
  createRequest(input: { companyId: number; partnerId: number; message: string }): Promise<PartnerRequest>;
  decideRequest(request: PartnerRequest, decision: 'accept' | 'decline'): Promise<PartnerRequest>;
  cancelRequest(request: PartnerRequest): Promise<PartnerRequest>;
}

export function createRequestsSlice(ctx: SliceContext): SliceParts<RequestsState, RequestsActions> {
  const loader = createKeyedLoader();

  function storeRequest(request: PartnerRequest): void {
    patch(ctx, 'requests', (r) => {
      const items = r.list.data ?? [];
      const exists = items.some((x) => x.id === request.id);
      return { list: ready(exists ? items.map((x) => (x.id === request.id ? request : x)) : [request, ...items]) };
    });
    ctx.schedule('requests', () => void actions.loadRequests());
  }

  const actions: RequestsActions = {
    loadRequests: () => loader.load('requests', fieldTarget(ctx, 'requests', 'list'), () => ctx.client.call('partnerRequests.list', {})),

    loadDirectory: (search) => loader.load('directory', fieldTarget(ctx, 'requests', 'directory'), () => ctx.client.call('partners.directory', { search })),

    async createRequest(input) {
      const request = await mutate(
        ctx,
        () => ctx.client.call('partnerRequests.create', input),
        (r) => `Your request was sent to ${r.partnerName}`,
      );
      storeRequest(request);
      return request;
    },

    async decideRequest(request, decision) {
      const result = await mutate(
        ctx,
        () => ctx.client.call('partnerRequests.decide', { requestId: request.id, decision }),
        (r) => (decision === 'accept' ? `${r.companyName} is now your client` : `The request of ${r.companyName} was declined`),
      );
      storeRequest(result);
      if (decision === 'accept') {
        ctx.schedule('company-lists', () => ctx.get().actions.refreshCompanyLists());
        ctx.schedule('switcher', () => void ctx.get().actions.loadSwitcher());
      }
      return result;
    },

    async cancelRequest(request) {
      const result = await mutate(
        ctx,
        () => ctx.client.call('partnerRequests.cancel', { requestId: request.id }),
        `Your request to ${request.partnerName} was withdrawn`,
      );
      storeRequest(result);
      return result;
    },
  };

  return {
    state: { list: idle(), directory: idle() },
    actions,
    forActing: (current) => ({ ...current, list: idle(), directory: idle() }),
    resync() {
      if (ctx.get().requests.list.status !== 'idle') void actions.loadRequests();
    },
  };
}
