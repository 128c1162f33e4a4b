// The common shape of a simple shop object's service (subscribers, access groups, group members,
// newsletter recipients, themes, files): list / get / create / update / delete with the shop checks,
// field-level validation before anything is written, one transaction per change, and the object's
// created / updated / deleted events emitted inside it.
import type { z } from 'zod';
import { entityNouns, shopEventName, SHOP_ENTITIES, type EntityIdKey, type ShopEntity } from '../../../src-shared/api/shop-entities';
import type { DeleteResult, Page } from '../../../src-shared/api/shop-types';
import { actorLabel, type Actor } from '../access';
import type { ListQuery, TableWriter } from '../repositories/table-access';
import type { Emit, ServiceContext } from './service-context';
import { createShopOpener, notFound, pageOf, type OpenShop, type PageRequest } from './shop-access';

export interface ShopEntitySpec<Row extends { id: number }, ListRow extends Row, Dto, Create, Patch, Filter> {
  /** Which of the shop's objects (src-shared/api/shop-entities.ts): its label, permission and event names. */
  entity: ShopEntity;
  writer: TableWriter<Row>;
  get(companyId: number, id: number): ListRow | undefined;
  query(companyId: number, filter: Filter): ListQuery;
  toDto(row: ListRow, shop: OpenShop): Dto;
  /** Throws field errors; runs before the transaction. */
  checkCreate(shop: OpenShop, input: Create): void;
  toRow(shop: OpenShop, input: Create, now: number): Omit<Row, 'id'>;
  checkPatch(shop: OpenShop, existing: ListRow, patch: Patch): void;
  toPatch(existing: ListRow, patch: Patch, now: number): Partial<Row>;
  /** Inside the transaction, after the insert or update (e.g. only one active theme). */
  afterWrite?(emit: Emit, shop: OpenShop, id: number, now: number, input: Create | Patch): void;
  /** Inside the transaction, before the row goes (e.g. a group's members, with their events). */
  beforeDelete?(emit: Emit, shop: OpenShop, row: ListRow): void;
  /** Throws when the row may not be deleted (runs before the transaction). */
  checkDelete?(shop: OpenShop, row: ListRow): void;
}

type Schemas<E extends ShopEntity> = (typeof SHOP_ENTITIES)[E]['schemas'];
/** A console method's input as the service takes it: without the company (an argument of its own), and for a change without the object's id. */
type Input<S extends z.ZodTypeAny, K extends string = never> = Omit<z.output<S>, 'companyId' | K>;
export type EntityCreate<E extends ShopEntity> = Input<Schemas<E>['create']>;
export type EntityPatch<E extends ShopEntity> = Input<Schemas<E>['update'], EntityIdKey<E>>;
export type EntityFilter<E extends ShopEntity> = Input<Schemas<E>['list']>;
/** The service of one of the shop's objects, its inputs those of its console methods (SHOP_ENTITIES' schemas). */
export type EntityServiceOf<E extends ShopEntity, Dto> = ShopEntityService<Dto, EntityCreate<E>, EntityPatch<E>, EntityFilter<E>>;

export interface ShopEntityService<Dto, Create, Patch, Filter> {
  list(actor: Actor, companyId: number, filter: Filter & PageRequest): Page<Dto>;
  get(actor: Actor, companyId: number, id: number): Dto;
  create(actor: Actor, companyId: number, input: Create): Dto;
  update(actor: Actor, companyId: number, id: number, patch: Patch): Dto;
  delete(actor: Actor, companyId: number, id: number): DeleteResult;
}

export function createShopEntityService<E extends ShopEntity, Row extends { id: number }, ListRow extends Row, Dto>(
  ctx: ServiceContext,
  spec: ShopEntitySpec<Row, ListRow, Dto, EntityCreate<E>, EntityPatch<E>, EntityFilter<E>> & { entity: E },
): EntityServiceOf<E, Dto> {
  const openShop = createShopOpener(ctx);
  const { permission } = SHOP_ENTITIES[spec.entity];
  const one = entityNouns(spec.entity).one;
  const label = `${one[0].toUpperCase()}${one.slice(1)}`;
  const event = (verb: 'created' | 'updated' | 'deleted') => shopEventName(spec.entity, verb);

  function requireRow(shop: OpenShop, id: number): ListRow {
    const row = spec.get(shop.company.id, id);
    if (!row) throw notFound(label, id);
    return row;
  }

  return {
    list(actor, companyId, filter) {
      const shop = openShop(actor, companyId, permission);
      return pageOf(ctx.repos.lists, spec.query(companyId, filter), filter, (rows: ListRow[]) => rows.map((row) => spec.toDto(row, shop)));
    },
    get(actor, companyId, id) {
      const shop = openShop(actor, companyId, permission);
      return spec.toDto(requireRow(shop, id), shop);
    },
    create(actor, companyId, input) {
      const shop = openShop(actor, companyId, permission);
      spec.checkCreate(shop, input);
      const now = ctx.clock.now();
      const id = ctx.transact((emit) => {
        const newId = spec.writer.insert(spec.toRow(shop, input, now));
        spec.afterWrite?.(emit, shop, newId, now, input);
        emit(event('created'), { companyId, id: newId });
        return newId;
      });
      return spec.toDto(spec.get(companyId, id)!, shop);
    },
    update(actor, companyId, id, patch) {
      const shop = openShop(actor, companyId, permission);
      const existing = requireRow(shop, id);
      spec.checkPatch(shop, existing, patch);
      const now = ctx.clock.now();
      ctx.transact((emit) => {
        spec.writer.update(id, { ...spec.toPatch(existing, patch, now), updated_at: now } as Partial<Omit<Row, 'id' | 'company_id'>>);
        spec.afterWrite?.(emit, shop, id, now, patch);
        emit(event('updated'), { companyId, id });
      });
      return spec.toDto(spec.get(companyId, id)!, shop);
    },
    delete(actor, companyId, id) {
      const shop = openShop(actor, companyId, permission);
      const row = requireRow(shop, id);
      spec.checkDelete?.(shop, row);
      ctx.transact((emit) => {
        spec.beforeDelete?.(emit, shop, row);
        spec.writer.remove(id);
        ctx.repos.audit.record({ company_id: companyId, actor: actorLabel(actor), action: event('deleted'), detail: { id }, created_at: ctx.clock.now() });
        emit(event('deleted'), { companyId, id });
      });
      return { deleted: true, id };
    },
  };
}
