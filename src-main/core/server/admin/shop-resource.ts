// Builds the /admin routes of one kind of shop object on top of its service (the shop services own every
// rule and all SQL; this file only translates): list with the service's filters as snake_case query
// parameters plus limit/page and a Link header, read, create (201), change (PUT, `id` in the body must
// match) and delete, each only where the scope grants the verb. A token reaches only its company: the
// services answer "not found" for anything else, as they do for the console.
import type { z } from 'zod';
import { ApiError } from '../../../../src-shared/api/errors';
import type { QueryParamType } from '../../../../src-shared/api/shop-entities';
import type { Page } from '../../../../src-shared/api/shop-types';
import { parseInput } from '../../../../src-shared/api/validation';
import type { OAuthScope } from '../../../../src-shared/domain/oauth-scopes';
import type { Actor } from '../../access';
import { RestError } from '../http-error';
import { sendJson } from '../http-io';
import type { Route, RouteContext } from '../router';
import { parsePage, readResourceBody, resourceId, resourceRoutes, sendList, sendOne, type RestAuth } from './rest-kit';
import { inputFromWire, toCamel, toWire, withWireErrors, wireFieldName } from './wire-fields';

/** Read-only properties any shop object may carry back in a PUT. */
const COMMON_READ_ONLY = ['id', 'company_id', 'is_demo', 'created_at', 'updated_at'];

export interface ShopResourceSpec<T> {
  scope: OAuthScope;
  /** `products` -> /admin/products.json; the singular wraps one object: {"product": {...}}. */
  plural: string;
  singular: string;
  list?: {
    schema: z.ZodTypeAny;
    /** Snake-case query parameters and their types (besides limit and page). */
    params: Readonly<Record<string, QueryParamType>>;
    run(actor: Actor, companyId: number, filter: never): Page<T>;
  };
  get?(actor: Actor, companyId: number, id: number): unknown;
  create?: { schema: z.ZodTypeAny; run(actor: Actor, companyId: number, input: never): T };
  update?: { schema: z.ZodTypeAny; idField: string; run(actor: Actor, companyId: number, id: number, patch: never): T };
  remove?(actor: Actor, companyId: number, id: number): unknown;
  /** Output-only properties of this object a client may send back unchanged. */
  readOnly?: readonly string[];
}

/** Query parameters -> the service's list filter (camelCase, typed); problems are 400s naming the parameter. */
function filterFrom(url: URL, params: Readonly<Record<string, QueryParamType>>): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  const problems: Record<string, string[]> = {};
  for (const [name, type] of Object.entries(params)) {
    const raw = url.searchParams.get(name);
    if (raw === null) continue;
    if (type === 'number') {
      if (/^\d{1,15}$/.test(raw)) filter[toCamel(name)] = Number(raw);
      else problems[name] = ['must be a whole number'];
    } else if (type === 'boolean') {
      if (raw === 'true' || raw === 'false') filter[toCamel(name)] = raw === 'true';
      else problems[name] = ['must be true or false'];
    } else {
      // Sort keys are named like the properties: created_at -> createdAt.
      filter[toCamel(name)] = name === 'sort' ? toCamel(raw) : raw;
    }
  }
  if (Object.keys(problems).length > 0) throw new RestError(400, 'invalid_request', problems);
  return filter;
}

function without<T extends Record<string, unknown>>(value: T, keys: readonly string[]): T {
  const out = { ...value };
  for (const key of keys) delete out[key];
  return out;
}

export function shopResourceRoutes<T>(spec: ShopResourceSpec<T>): Route[] {
  const readOnly = [...COMMON_READ_ONLY, ...(spec.readOnly ?? [])];
  const what = spec.singular.replace(/_/g, ' ');
  const one = (ctx: RouteContext) => resourceId(ctx, what);
  return resourceRoutes(spec.scope, spec.plural, {
    list: spec.list
      ? (ctx: RouteContext, auth: RestAuth) => {
          const { list } = spec;
          const page = parsePage(ctx.url);
          if (page.sinceId > 0) throw new RestError(400, 'invalid_request', { since_id: ['is not supported on this resource: page through it with limit and page'] });
          let filter: Record<string, unknown>;
          try {
            filter = parseInput(list!.schema, { ...filterFrom(ctx.url, list!.params), companyId: auth.companyId, offset: page.offset, limit: page.limit });
          } catch (error) {
            if (error instanceof ApiError && error.code === 'validation_failed') {
              throw new RestError(400, 'invalid_request', Object.fromEntries(Object.entries(error.fields).map(([f, p]) => [wireFieldName(f), p])));
            }
            throw error;
          }
          const result = list!.run(auth.actor, auth.companyId, without(filter, ['companyId']) as never);
          sendList(ctx, spec.plural, result.items.map(toWire), page, result.offset + result.items.length < result.total);
        }
      : undefined,
    get: spec.get ? (ctx: RouteContext, auth: RestAuth) => sendOne(ctx, 200, spec.singular, toWire(spec.get!(auth.actor, auth.companyId, one(ctx)))) : undefined,
    create: spec.create
      ? async (ctx: RouteContext, auth: RestAuth) => {
          const body = await readResourceBody(ctx, spec.singular);
          const created = withWireErrors(() => {
            const input = parseInput(spec.create!.schema, { ...inputFromWire(body, spec.create!.schema, ['companyId'], readOnly), companyId: auth.companyId });
            return spec.create!.run(auth.actor, auth.companyId, without(input, ['companyId']) as never);
          });
          sendOne(ctx, 201, spec.singular, toWire(created));
        }
      : undefined,
    update: spec.update
      ? async (ctx: RouteContext, auth: RestAuth) => {
          const id = one(ctx);
          const body = await readResourceBody(ctx, spec.singular);
          if (body.id !== undefined && body.id !== id) throw new RestError(422, 'validation_failed', { id: [`does not match the ${what} in the URL (${id})`] });
          const { idField } = spec.update!;
          const updated = withWireErrors(() => {
            const input = parseInput(spec.update!.schema, { ...inputFromWire(body, spec.update!.schema, ['companyId', idField], readOnly), companyId: auth.companyId, [idField]: id });
            return spec.update!.run(auth.actor, auth.companyId, id, without(input, ['companyId', idField]) as never);
          });
          sendOne(ctx, 200, spec.singular, toWire(updated));
        }
      : undefined,
    remove: spec.remove
      ? (ctx: RouteContext, auth: RestAuth) => {
          spec.remove!(auth.actor, auth.companyId, one(ctx));
          sendJson(ctx.res, 200, {});
        }
      : undefined,
  });
}
