// The shop's ten kinds of objects (spec §2), declared once: ./shop-entity-table.ts (names, places, REST; no zod,
// re-exported here) and their input schemas here. Everything that lists them is derived from the two: the console methods `<key>.list/get/create/update/delete` (areas/shop.ts), their events
// `<event prefix>.created/updated/deleted`, the CSV export's tables, the console handlers and the /admin REST
// resources (src-main), the core's shop-entity service, and the renderer's lists, forms and store routes.
import { z } from 'zod';
import type { Merged, UnionToIntersection } from './area';
import { idSchema } from './inputs';
import { method, type MethodDef } from './method';
import {
  accessGroupCreateSchema,
  accessGroupListSchema,
  accessGroupUpdateSchema,
  categoryCreateSchema,
  categoryListSchema,
  categoryUpdateSchema,
  customerCreateSchema,
  customerListSchema,
  customerUpdateSchema,
  fileCreateSchema,
  fileListSchema,
  fileUpdateSchema,
  groupMemberCreateSchema,
  groupMemberListSchema,
  groupMemberUpdateSchema,
  newsletterRecipientCreateSchema,
  newsletterRecipientListSchema,
  newsletterRecipientUpdateSchema,
  orderCreateSchema,
  orderListSchema,
  orderUpdateSchema,
  productCreateSchema,
  productListSchema,
  productUpdateSchema,
  subscriberCreateSchema,
  subscriberListSchema,
  subscriberUpdateSchema,
  themeCreateSchema,
  themeListSchema,
  themeUpdateSchema,
} from './shop-inputs';
import type { DeleteResult, Page } from './shop-types';
import { entityIdKey, SHOP_ENTITY_KEYS, SHOP_ENTITY_TABLE, type EntityIdKey, type EntityInfo, type EntityVerb, type ShopEntity } from './shop-entity-table';

export * from './shop-entity-table';

/** Each entity's input schemas: its list filter, what create takes, what update takes. */
const SHOP_ENTITY_SCHEMAS = {
  products: { list: productListSchema, create: productCreateSchema, update: productUpdateSchema },
  categories: { list: categoryListSchema, create: categoryCreateSchema, update: categoryUpdateSchema },
  customers: { list: customerListSchema, create: customerCreateSchema, update: customerUpdateSchema },
  orders: { list: orderListSchema, create: orderCreateSchema, update: orderUpdateSchema },
  subscribers: { list: subscriberListSchema, create: subscriberCreateSchema, update: subscriberUpdateSchema },
  accessGroups: { list: accessGroupListSchema, create: accessGroupCreateSchema, update: accessGroupUpdateSchema },
  groupMembers: { list: groupMemberListSchema, create: groupMemberCreateSchema, update: groupMemberUpdateSchema },
  newsletterRecipients: { list: newsletterRecipientListSchema, create: newsletterRecipientCreateSchema, update: newsletterRecipientUpdateSchema },
  themes: { list: themeListSchema, create: themeCreateSchema, update: themeUpdateSchema },
  files: { list: fileListSchema, create: fileCreateSchema, update: fileUpdateSchema },
} as const;

type Table = typeof SHOP_ENTITY_TABLE;
type Schemas = typeof SHOP_ENTITY_SCHEMAS;
/** One entity's row of the table with its schemas. */
type EntityDef = EntityInfo<string, unknown, unknown, unknown> & { schemas: { list: z.ZodTypeAny; create: z.ZodTypeAny; update: z.ZodTypeAny } };
type Entities = { [E in ShopEntity]: Table[E] & { schemas: Schemas[E] } };

/** The table with each entity's schemas (what the core, the console handlers and the REST routes use). */
export const SHOP_ENTITIES = Object.fromEntries(SHOP_ENTITY_KEYS.map((key) => [key, { ...SHOP_ENTITY_TABLE[key], schemas: SHOP_ENTITY_SCHEMAS[key] }])) as unknown as Entities;

// ---- The console methods of every entity ------------------------------------------------------------

type OneSchema<K extends string> = z.ZodObject<{ companyId: typeof idSchema } & { [P in K]: typeof idSchema }>;
type Def<E extends ShopEntity> = Entities[E];
type Types<E extends ShopEntity> = NonNullable<Def<E>['types']>;

type EntityMethodsOf<E extends ShopEntity> = {
  [V in EntityVerb as `${E}.${V}`]: V extends 'list'
    ? MethodDef<Def<E>['schemas']['list'], Page<Types<E>['row']>>
    : V extends 'get'
      ? MethodDef<OneSchema<EntityIdKey<E>>, Types<E>['item']>
      : V extends 'create'
        ? MethodDef<Def<E>['schemas']['create'], Types<E>['saved']>
        : V extends 'update'
          ? MethodDef<Def<E>['schemas']['update'], Types<E>['saved']>
          : MethodDef<OneSchema<EntityIdKey<E>>, DeleteResult>;
};
export type ShopEntityMethods = Merged<UnionToIntersection<{ [E in ShopEntity]: EntityMethodsOf<E> }[ShopEntity]>>;

function entityMethods(): ShopEntityMethods {
  const out: Record<string, MethodDef<z.ZodTypeAny, unknown>> = {};
  for (const key of SHOP_ENTITY_KEYS) {
    const def: EntityDef = SHOP_ENTITIES[key];
    const one = z.object({ companyId: idSchema, [entityIdKey(key)]: idSchema });
    out[`${key}.list`] = method()(def.schemas.list, def.summaries.list);
    out[`${key}.get`] = method()(one, def.summaries.get);
    out[`${key}.create`] = method()(def.schemas.create, def.summaries.create);
    out[`${key}.update`] = method()(def.schemas.update, def.summaries.update);
    out[`${key}.delete`] = method()(one, def.summaries.delete);
  }
  // The loop builds exactly the map ShopEntityMethods describes (unit test: shop-entities.test.ts).
  return out as ShopEntityMethods;
}

/** `<key>.list/get/create/update/delete` of every entity. */
export const SHOP_ENTITY_METHODS = entityMethods();

type ExportOption<E extends ShopEntity> = z.ZodObject<{ table: z.ZodLiteral<E>; filter: Def<E>['schemas']['list'] }>;
type ExportOptions = { [E in ShopEntity]: ExportOption<E> }[ShopEntity];
// The map builds one option per entity, as ExportOptions describes.
const exportOptions = SHOP_ENTITY_KEYS.map((table) => z.object({ table: z.literal(table), filter: SHOP_ENTITIES[table].schemas.list })) as [ExportOptions, ...ExportOptions[]];

/** A CSV export of one list: every row its filter matches (offset and limit are ignored). */
export const shopExportSchema = z.discriminatedUnion('table', exportOptions);
export type ShopExportInput = z.input<typeof shopExportSchema>;
export type ShopExportTable = ShopExportInput['table'];
