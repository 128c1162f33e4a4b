// The one list page every kind of shop object uses (products, orders, customers, ...): header with the row
// count and "New", a toolbar (search, the entity's own filters, clear, Export CSV), the virtualized table
// fed page by page from the server, and designed empty, loading and error states. Each screen passes its
// columns, filters and texts; the form or detail for a row is routed beside it.
import { useCallback, useEffect, type ReactNode } from 'react';
import { navigate } from '../../router/use-route';
import { href, STORE_TITLES, type StoreList } from '../../router/routes';
import { rowAt } from '../../state/paged-list';
import { ENTITY_NOUNS, isFiltered, type EntityFilter, type EntityRow, type ShopEntity } from '../../state/shop-entities';
import { useActions } from '../../state/store-context';
import { useActing, useShopList } from '../../state/use-shop';
import { KindBadge } from '../../ui/badges';
import { csvFileName, downloadCsv } from '../../ui/csv-download';
import { DataTable, type Column } from '../../ui/data-table';
import { formatCount } from '../../ui/format';
import { Icon, type IconName } from '../../ui/icons';
import { PageHeader, Tabs } from '../../ui/page';
import { SearchBox } from '../../ui/search-box';
import { BusyButton } from '../../ui/form-footer';
import { EmptyState, Spinner } from '../../ui/states';
import { useAction } from '../../ui/use-action';
import './entity-list.css';

export interface EntityListConfig<E extends ShopEntity> {
  /** The entity, which is also the route's list; the page's title is the list's (STORE_TITLES). */
  entity: E;
  /** "in the catalogue", "placed in this shop": follows the count in the subtitle. */
  countSuffix?: string;
  icon: IconName;
  columns: Column<EntityRow<E>>[];
  searchPlaceholder: string;
  /** The entity's own filters in the toolbar. */
  filters?: (filter: EntityFilter<E>, set: (change: Partial<EntityFilter<E>>) => void) => ReactNode;
  newLabel?: string;
  emptyTitle: string;
  emptyBody: ReactNode;
  /** Opens a row (default: its form in the drawer). */
  onOpen?: (row: EntityRow<E>) => void;
  /** Tabs above the toolbar (Audience, Content). */
  tabs?: ReactNode;
  headerActions?: ReactNode;
  testId: string;
  rowHeight?: number;
}

/** The tab bar of a page that shows several lists (Audience, Content): a [list, label, testId] for each tab. */
export function StoreTabs({ current, tabs }: { current: StoreList; tabs: readonly (readonly [StoreList, string, string])[] }) {
  return <Tabs tabs={tabs.map(([list, label, testId]) => ({ href: href({ name: 'store', list, item: null }), label, active: current === list, testId }))} />;
}

export function EntityListPage<E extends ShopEntity>({ config, openItem }: { config: EntityListConfig<E>; openItem: number | 'new' | null }) {
  const { entity, columns } = config;
  const routeList: StoreList = entity;
  const title = STORE_TITLES[entity];
  const list = useShopList(entity);
  const acting = useActing();
  const actions = useActions();
  const exporting = useAction(async () => {
    const file = await actions.exportShopList(entity);
    const day = /(\d{4}-\d{2}-\d{2})\.csv$/.exec(file.fileName)?.[1] ?? new Date().toISOString().slice(0, 10);
    downloadCsv(file, csvFileName(acting?.name ?? 'shop', ENTITY_NOUNS[entity].many, day));
  });
  const filter = list.filter;
  const setFilter = useCallback((change: Partial<EntityFilter<E>>) => actions.setShopFilter(entity, change), [actions, entity]);

  useEffect(() => {
    actions.openShopList(entity);
  }, [actions, entity]);

  const onRange = useCallback((from: number, to: number) => actions.loadShopRows(entity, from, to), [actions, entity]);
  const open = useCallback(
    (row: EntityRow<E>) => (config.onOpen ? config.onOpen(row) : navigate({ name: 'store', list: routeList, item: row.id })),
    [config, routeList],
  );

  const filtered = isFiltered(entity, filter);
  // The count and the empty state speak of the rows on screen (the previous filter's, while a new one loads).
  const shownFiltered = isFiltered(entity, list.shownFilter ?? filter);
  const nouns = ENTITY_NOUNS[entity];
  const total = list.total;
  const f = filter as { search: string; sort: string; direction: 'asc' | 'desc' };

  const subtitle =
    total === null
      ? `Loading ${nouns.many}…`
      : shownFiltered
        ? `${formatCount(total)} matching ${total === 1 ? nouns.one : nouns.many}`
        : `${formatCount(total)} ${total === 1 ? nouns.one : nouns.many}${config.countSuffix ? ` ${config.countSuffix}` : ''}`;

  return (
    <div className="page page-fill page-store" data-testid={config.testId}>
      <PageHeader
        title={title}
        badges={acting && <KindBadge company={acting} />}
        subtitle={<span data-testid="list-count">{subtitle}</span>}
        actions={
          <>
            {config.headerActions}
            <BusyButton
              busy={exporting.busy}
              icon="download"
              onClick={() => void exporting.run()}
              disabled={exporting.busy || !total}
              title={filtered ? `Export the ${formatCount(total ?? 0)} ${nouns.many} this filter shows` : `Export all ${nouns.many}`}
              testId="export-csv"
            >
              Export CSV
            </BusyButton>
            {config.newLabel && (
              <a className="btn btn-primary" href={href({ name: 'store', list: routeList, item: 'new' })} data-testid="new-item">
                <Icon name="plus" /> {config.newLabel}
              </a>
            )}
          </>
        }
      />
      {config.tabs}

      <div className="toolbar">
        <SearchBox value={f.search} onSearch={(search) => setFilter({ search } as Partial<EntityFilter<E>>)} placeholder={config.searchPlaceholder} label={`Search ${nouns.many}`} testId="list-search" />
        {config.filters?.(filter, setFilter)}
        {filtered && (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => actions.clearShopFilter(entity)} data-testid="clear-filters">
            <Icon name="x" size={13} /> Clear
          </button>
        )}
        <span className="toolbar-spacer" />
        {list.refreshing && <Spinner size={14} label="Updating" />}
        {list.error && total !== null && (
          <span className="toolbar-error" role="alert" title={list.error}>
            <Icon name="alert" size={14} /> Not up to date
          </span>
        )}
      </div>

      <DataTable<EntityRow<E>>
        label={title}
        columns={columns}
        total={total}
        rowAt={(i) => rowAt(list, i)}
        rowKey={(row) => row.id}
        onRange={onRange}
        sort={{ key: f.sort, direction: f.direction }}
        onSort={(sort, direction) => setFilter({ sort, direction } as Partial<EntityFilter<E>>)}
        onOpen={open}
        status={list.status}
        error={list.error}
        onRetry={() => actions.openShopList(entity)}
        resetKey={list.key ?? ''}
        rowHeight={config.rowHeight}
        rowTestId={`${config.testId}-row`}
        activeKey={typeof openItem === 'number' ? openItem : null}
        empty={
          shownFiltered ? (
            <EmptyState
              icon="search"
              title={`No ${nouns.one} matches these filters`}
              testId="list-no-match"
              actions={
                <button type="button" className="btn" onClick={() => actions.clearShopFilter(entity)}>
                  Clear filters
                </button>
              }
            >
              <p>Try another search or widen the filters.</p>
            </EmptyState>
          ) : (
            <EmptyState
              icon={config.icon}
              title={config.emptyTitle}
              testId="list-empty"
              actions={
                config.newLabel && (
                  <a className="btn btn-primary" href={href({ name: 'store', list: routeList, item: 'new' })}>
                    <Icon name="plus" /> {config.newLabel}
                  </a>
                )
              }
            >
              {config.emptyBody}
            </EmptyState>
          )
        }
      />
    </div>
  );
}
