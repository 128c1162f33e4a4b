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
import type { IconName } from '../../ui/icons';
import { useShopItemForm } from './shop-item-form';
import { dateColumn, tileNameColumn } from './store-columns';

type NamedEntity = 'categories' | 'accessGroups';

interface NamedItem {
  id: number;
  name: string;
  description: string;
  isDemo: boolean;
}

/** A named item's list: its name (icon, description under it), what it holds (`holds`: a count, sorted by its id), when it was created. */
export function namedItemColumns<T extends NamedItem & { createdAt: string }>(
  name: { header: string; icon: IconName },
  holds: { id: string; header: string; cell: (item: T) => ReactNode },
): Column<T>[] {
  return [
    tileNameColumn<T>(name, (item) => ({ title: item.name, sub: item.description, demo: item.isDemo })),
    { ...holds, sort: holds.id, width: '110px', minWidth: 110, align: 'end', firstDirection: 'desc' },
    dateColumn<T>({ id: 'created', header: 'Created', sort: 'createdAt', width: 130, priority: 2, firstDirection: 'desc' }, (item) => item.createdAt),
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
