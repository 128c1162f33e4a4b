// The form of the shop's simple named objects — categories and access groups: a unique name and a
// description, with their own texts and what deleting takes with it; the id field and the create / update schemas
// come from the shop-entity table (src-shared/api/shop-entities.ts).
import { useMemo, type ReactNode } from 'react';
import { SHOP_ENTITIES } from '../../../src-shared/api/shop-entities';
import { ENTITY_ID_KEYS } from '../../state/shop-entities';
import { useActions } from '../../state/store-context';
import { useActing } from '../../state/use-shop';
import { DemoBadge } from '../../ui/badges';
import { TextAreaField, TextField } from '../../ui/fields';
import { FormDrawer } from '../../ui/form-drawer';
import { useForm, zodValidator } from '../../ui/use-form';

type NamedEntity = 'categories' | 'accessGroups';

interface NamedItem {
  id: number;
  name: string;
  description: string;
  isDemo: boolean;
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
  const idKey = ENTITY_ID_KEYS[entity];
  const schemas = SHOP_ENTITIES[entity].schemas;
  const input = (v: NamedValues) => (item ? { companyId, [idKey]: item.id, ...v } : { companyId, ...v });
  const validate = useMemo(() => zodValidator(item ? schemas.update : schemas.create, input), [item, companyId, schemas]);
  const form = useForm<NamedValues>(`${entity}-${item?.id ?? 'new'}`, { name: item?.name ?? '', description: item?.description ?? '' }, validate);
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
        // The schemas above checked the shape; the slice sends it as the entity's create / update.
        if (item) await actions.updateShopItem(entity, input(v) as never);
        else await actions.createShopItem(entity, input(v) as never);
      }}
      deleteAction={item ? { what, consequence: texts.consequence, run: () => actions.deleteShopItem(entity, item.id, what) } : undefined}
    >
      <TextField form={form} name="name" label="Name" required />
      <TextAreaField form={form} name="description" label="Description" rows={4} />
    </FormDrawer>
  );
}
