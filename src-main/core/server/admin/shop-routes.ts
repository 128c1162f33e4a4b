// The shop resources of the /admin REST API (spec §4): every entity of src-shared/api/shop-entities.ts that has
// a `rest` entry (products and categories under the products scope, customers, orders without delete, themes,
// files with list, get and create), each behind its scope with the verbs the scope grants. Every call goes to
// the shop services; nothing here reads or writes the database itself.
import { entityIdKey, entityWireNames, SHOP_ENTITIES, SHOP_ENTITY_KEYS } from '../../../../src-shared/api/shop-entities';
import { shopEntityServices } from '../../services/shop-entity-services';
import type { PlatformModule } from '../router';
import { readTransaction } from '../../db/transactions';
import { createListCache } from './list-cache';
import { shopResourceRoutes } from './shop-resource';

export const shopModule: PlatformModule = ({ platform, listCache: keepLists }) => {
  // Orders entered through the API are marked as such (source "api").
  const services = shopEntityServices(platform, 'api');
  // List answers kept while the SQLite database is unchanged (list-cache.ts); PostgreSQL has no such version: none.
  const sqlite = platform.data.dialect === 'sqlite';
  const listCache = keepLists && sqlite ? createListCache(platform.db) : null;
  // Read anew (no cache): one read transaction per list request instead of one per statement.
  const readSnapshot = sqlite ? <R>(work: () => R): R => readTransaction(platform.db, work) : undefined;
  return {
    routes: SHOP_ENTITY_KEYS.flatMap((entity) => {
      const { rest, schemas } = SHOP_ENTITIES[entity];
      if (!rest) return [];
      const service = services[entity];
      const verbs = new Set(rest.verbs);
      return shopResourceRoutes({
        scope: rest.scope,
        ...entityWireNames(entity),
        list: verbs.has('list') ? { schema: schemas.list, params: rest.params, run: service.list } : undefined,
        get: verbs.has('get') ? service.get : undefined,
        create: verbs.has('create') ? { schema: schemas.create, run: service.create } : undefined,
        update: verbs.has('update') ? { schema: schemas.update, idField: entityIdKey(entity), run: service.update } : undefined,
        remove: verbs.has('remove') ? service.delete : undefined,
        readOnly: 'readOnly' in rest ? rest.readOnly : undefined,
        listCache,
        readSnapshot,
      });
    }),
  };
};
