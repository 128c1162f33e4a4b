// The form of a drawer that creates or edits one shop item: its values are checked by the entity's create
// schema while the item is new, else by its update schema with the item's id field added, and saved by the
// entity's create or update. The schemas and the id field come from the shop-entity table
// (src-shared/api/shop-entities.ts), so a drawer says only how its values become the entity's input.
import { SHOP_ENTITIES } from '../../../src-shared/api/shop-entities';
import { ENTITY_ID_KEYS, type EntityCreate, type EntityUpdate, type ShopEntity } from '../../state/shop-entities';
import { useActions } from '../../state/store-context';
import { useItemForm, type FormApi, type Validator } from '../../ui/use-form';

export interface ShopItemFormOptions<E extends ShopEntity, V, T> {
  /** Checks in the form's own units and words, over the schema's. */
  extra?: Validator<V>;
  /** The update input where it is more than the create input with the id (products keep their kind). */
  toUpdate?: (values: V, item: T) => EntityUpdate<E>;
}

export function useShopItemForm<E extends ShopEntity, V extends object, T extends { id: number }>(
  entity: E,
  item: T | null,
  initial: V,
  toInput: (values: V) => EntityCreate<E>,
  options: ShopItemFormOptions<E, V, T> = {},
): { form: FormApi<V>; save: (values: V) => Promise<{ id: number }> } {
  const actions = useActions();
  const { schemas } = SHOP_ENTITIES[entity];
  const idKey = ENTITY_ID_KEYS[entity];
  const toUpdate = options.toUpdate ?? ((values: V, edited: T) => Object.assign({}, toInput(values), { [idKey]: edited.id }) as unknown as EntityUpdate<E>);
  const form = useItemForm<V, T>(entity, item, initial, { create: schemas.create, update: schemas.update, toCreate: toInput, toUpdate, extra: options.extra });
  const save = (values: V) => (item ? actions.updateShopItem(entity, toUpdate(values, item)) : actions.createShopItem(entity, toInput(values)));
  return { form, save };
}
