// The kinds of column the shop's lists share: a row's name beside its icon tile (categories, access groups,
// themes, files), a date (created, updated, started, …) shown quietly, with a text where there is none, and a
// count that opens the list it counts (a category's products, an access group's members).
import { navigate } from '../../router/use-route';
import type { EntityFilter, ShopEntity } from '../../state/shop-entities';
import { useActions } from '../../state/store-context';
import type { Column } from '../../ui/data-table';
import { formatCount, formatDate } from '../../ui/format';
import { Icon, type IconName } from '../../ui/icons';
import { NameCell } from './store-ui';

/** What a name cell shows of a row: the name, a quieter line under it, whether it is demo data. */
export interface RowName {
  title: string;
  sub?: string;
  demo: boolean;
}

/** The first column of a list whose rows have no picture: the kind's icon on a tile (`accent`: the coloured tile). */
export function tileNameColumn<T>(column: { header: string; icon: IconName; accent?: boolean }, name: (row: T) => RowName): Column<T> {
  return {
    id: 'name',
    header: column.header,
    sort: 'name',
    width: 'minmax(240px, 3fr)',
    minWidth: 240,
    cell: (row) => {
      const { title, sub, demo } = name(row);
      return (
        <NameCell
          icon={
            <span className={`kind-icon icon-tile${column.accent ? ' icon-tile-accent' : ''}`} aria-hidden="true">
              <Icon name={column.icon} size={14} />
            </span>
          }
          title={title}
          sub={sub || undefined}
          demo={demo}
        />
      );
    },
  };
}

/** A date column (`width` in px, default 120); `none` stands where a row has no date. */
export function dateColumn<T>(
  column: Pick<Column<T>, 'id' | 'header' | 'sort' | 'priority' | 'firstDirection'> & { width?: number },
  date: (row: T) => string | null,
  none = '—',
): Column<T> {
  const { width = 120, ...rest } = column;
  return {
    ...rest,
    width: `${width}px`,
    minWidth: width,
    cell: (row) => {
      const iso = date(row);
      return <span className="muted">{iso ? formatDate(iso) : none}</span>;
    },
  };
}

/** A count that opens another list filtered to what it counts (a category's products, a group's members). */
export function CountLink<E extends ShopEntity>({ count, list, filter, testId }: { count: number; list: E; filter: Partial<EntityFilter<E>>; testId: string }) {
  const actions = useActions();
  return (
    <button
      type="button"
      className="link-btn"
      onClick={() => {
        actions.setShopFilter(list, filter);
        navigate({ name: 'store', list, item: null });
      }}
      data-testid={testId}
    >
      {formatCount(count)}
    </button>
  );
}
