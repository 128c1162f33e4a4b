// The shop's simple named objects — categories and access groups: their lists' columns (name, what each holds,
// created) and their form: a unique name and a description, with their own texts and what deleting takes with
// it; checked and saved as either entity by useShopItemForm (shop-item-form.ts).
import type { ReactNode } from 'react';
import { useActions } from '../../state/store-context';
import { useActing } from '../../state/use-shop';
import { DemoBadge } from '../../ui/badges';
import type { Column } from '../../ui/data-table';
import { TextAreaField, TextField } from '../../ui/fields';
import { FormDrawer } from '../../ui/form-drawer';
import { formatDate } from '../../ui/format';
import { Icon, type IconName } from '../../ui/icons';
import { useShopItemForm } from './shop-item-form';
import { NameCell } from './store-ui';

type NamedEntity = 'categories' | 'accessGroups';

interface NamedItem {
  id: number;
  name: string;
  description: string;
  isDemo: boolean;
}

/** A named item's list: its name (icon, description under it), what it holds (`holds`), when it was created. */
export function namedItemColumns<T extends NamedItem & { createdAt: string }>(name: { header: string; icon: IconName }, holds: Column<T>): Column<T>[] {
  return [
    {
      id: 'name',
      header: name.header,
      sort: 'name',
      width: 'minmax(240px, 3fr)',
      minWidth: 240,
      cell: (item) => (
        <NameCell
          icon={
            <span className="kind-icon icon-tile" aria-hidden="true">
              <Icon name={name.icon} size={14} />
            </span>
          }
          title={item.name}
          sub={item.description || undefined}
          demo={item.isDemo}
        />
      ),
    },
    holds,
    { id: 'created', header: 'Created', sort: 'createdAt', width: '130px', minWidth: 130, priority: 2, firstDirection: 'desc', cell: (item) => <span className="muted">{formatDate(item.createdAt)}</span> },
  ];
}

interface NamedValues {
  name: string;
  description: string;
}

export function NamedItemDrawer<E extends NamedEntity>({
  entity,
  item,
  texts,
  onClose,
}: {
  entity: E;
  item: NamedItem | null;
  texts: {
    /** "category", "access group" */
    noun: string;
    subtitle: ReactNode;
    /** What else deleting does ("Its 3 members are removed too."). */
    consequence?: string;
    testId: string;
  };
  onClose: () => void;
}) {
  const acting = useActing();
  const actions = useActions();
  const companyId = acting?.id ?? 0;
  // Both entities' create input is this shape (`never`: TypeScript cannot see that through E); the schemas check it.
  const { form, save } = useShopItemForm(entity, item, { name: item?.name ?? '', description: item?.description ?? '' }, (v: NamedValues) => ({ companyId, ...v }) as never);
  const what = item ? `the ${texts.noun} “${item.name}”` : '';
  return (
    <FormDrawer
      form={form}
      testId={texts.testId}
      isNew={!item}
      title={item ? item.name : `New ${texts.noun}`}
      subtitle={texts.subtitle}
      badges={item?.isDemo && <DemoBadge />}
      submitLabel={item ? undefined : `Add ${texts.noun}`}
      onClose={onClose}
      onSubmit={async (v) => {
        await save(v);
      }}
      deleteAction={item ? { what, consequence: texts.consequence, run: () => actions.deleteShopItem(entity, item.id, what) } : undefined}
    >
      <TextField form={form} name="name" label="Name" required />
      <TextAreaField form={form} name="description" label="Description" rows={4} />
    </FormDrawer>
  );
}
