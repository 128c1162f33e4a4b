// The logistics area's store slice: the provider profile of the company signed in (as Self), the fulfillment queue
// and the shipments as server-paged lists (virtualized tables over a million rows), and `logistics(...)`, the one
// action through which the screens call the area's other console methods. `version` counts `logistics.changed`
// events: screens that load for themselves (useLatestLoad) list it among their inputs, so a change anywhere
// (another window, the CLI, a checkout) is on screen within a moment.
import type { MethodInput, MethodName, MethodOutput } from '../../../src-shared/api/contract';
import type { FulfillmentSummary, LogisticsProvider, ShipmentSummary } from '../../../src-shared/api/logistics-types';
import type { FulfillmentState, ShipmentStatus } from '../../../src-shared/domain/logistics';
import { createKeyedLoader } from '../../state/keyed-loader';
import { idle, type Loadable } from '../../state/loadable';
import { createPagedLoader, emptyList, type PagedList, type PagedLoader } from '../../state/paged-list';
import { fieldTarget, patch, type SliceContext } from '../../state/slice-context';

export type LogisticsMethod = Extract<MethodName, `logistics.${string}`>;

export interface QueueFilter {
  state: FulfillmentState | 'active' | '';
  search: string;
}

export interface ShipmentFilter {
  status: ShipmentStatus | '';
  search: string;
}

export interface LogisticsState {
  /** The provider profile of the user's own company (null: it has not applied). */
  provider: Loadable<{ provider: LogisticsProvider | null }>;
  queue: PagedList<FulfillmentSummary, QueueFilter>;
  shipments: PagedList<ShipmentSummary, ShipmentFilter>;
  version: number;
}

export interface LogisticsActions {
  loadProvider(companyId: number): Promise<void>;
  /** Calls a logistics console method (the screens' own loads and changes). */
  logistics<M extends LogisticsMethod>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  openQueue(providerId: number): void;
  setQueueFilter(change: Partial<QueueFilter>): void;
  loadQueueRows(from: number, to: number): void;
  openShipments(providerId: number): void;
  setShipmentFilter(change: Partial<ShipmentFilter>): void;
  loadShipmentRows(from: number, to: number): void;
  /** A logistics.changed event: reload what is on screen. */
  logisticsChanged(): void;
}

const QUEUE_FILTER: QueueFilter = { state: 'active', search: '' };
const SHIPMENT_FILTER: ShipmentFilter = { status: '', search: '' };

export function createLogisticsSlice(ctx: SliceContext): { state: LogisticsState; actions: LogisticsActions } {
  const loader = createKeyedLoader();
  // The lists are keyed by the provider id (the PagedList's "company").
  const queue: PagedLoader<QueueFilter> = createPagedLoader<FulfillmentSummary, QueueFilter>({
    get: () => ctx.get().logistics.queue,
    set: (list) => patch(ctx, 'logistics', { queue: list }),
    fetch: (filter, providerId, offset, limit) =>
      ctx.client.call('logistics.queue', { providerId: providerId!, state: filter.state || undefined, search: filter.search, offset, limit }),
  });
  const shipments: PagedLoader<ShipmentFilter> = createPagedLoader<ShipmentSummary, ShipmentFilter>({
    get: () => ctx.get().logistics.shipments,
    set: (list) => patch(ctx, 'logistics', { shipments: list }),
    fetch: (filter, providerId, offset, limit) =>
      ctx.client.call('logistics.shipments', { providerId: providerId!, status: filter.status || undefined, search: filter.search, offset, limit }),
  });

  const open = (list: PagedList<unknown, unknown>, loaderOf: PagedLoader<never>, providerId: number, filter: unknown) => {
    if (list.companyId !== providerId) loaderOf.reset(filter as never, providerId);
    loaderOf.open(providerId);
  };

  const actions: LogisticsActions = {
    loadProvider: (companyId) => loader.load('provider', fieldTarget(ctx, 'logistics', 'provider'), () => ctx.client.call('logistics.provider', { companyId })),
    logistics: (method, input) => ctx.client.call(method, input),
    openQueue: (providerId) => open(ctx.get().logistics.queue, queue as PagedLoader<never>, providerId, QUEUE_FILTER),
    setQueueFilter: (change) => queue.setFilter(change),
    loadQueueRows: (from, to) => queue.load(from, to),
    openShipments: (providerId) => open(ctx.get().logistics.shipments, shipments as PagedLoader<never>, providerId, SHIPMENT_FILTER),
    setShipmentFilter: (change) => shipments.setFilter(change),
    loadShipmentRows: (from, to) => shipments.load(from, to),
    logisticsChanged() {
      patch(ctx, 'logistics', (s) => ({ version: s.version + 1 }));
      const state = ctx.get().logistics;
      if (state.queue.status !== 'idle') ctx.schedule('logistics-queue', () => void queue.refresh());
      if (state.shipments.status !== 'idle') ctx.schedule('logistics-shipments', () => void shipments.refresh());
      const companyId = state.provider.data?.provider?.companyId;
      if (companyId !== undefined) ctx.schedule('logistics-provider', () => void actions.loadProvider(companyId));
    },
  };

  return {
    state: { provider: idle(), queue: emptyList(QUEUE_FILTER), shipments: emptyList(SHIPMENT_FILTER), version: 0 },
    actions,
  };
}
