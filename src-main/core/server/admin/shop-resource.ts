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
import { listLink, parsePage, readResourceBody, resourceId, resourceRoutes, sendOne, type RestAuth } from './rest-kit';
import { etagOf, notModified, type ListAnswer, type ListCache } from './list-cache';
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
  /** The list answers' cache (list-cache.ts); null: every list is read anew. */
  listCache?: ListCache | null;
  /** Without the cache: runs a list request in one read transaction (SQLite; transactions.ts `readTransaction`). */
  readSnapshot?: <R>(work: () => R) => R;
}

/** The cache key's query part: the parameters in name order (repeated ones in their order), without the token. */
function queryKey(url: URL): string {
  const params = [...url.searchParams].filter(([name]) => name !== 'access_token');
  params.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return JSON.stringify(params);
}

/** A list answer: 304 when the client has it (If-None-Match), else the body with its ETag. */
function sendListAnswer(ctx: RouteContext, answer: ListAnswer): void {
  const headers: Record<string, string | number> = { ETag: answer.etag, 'Cache-Control': 'private, no-cache' };
  if (answer.link !== undefined) headers.Link = answer.link;
  if (notModified(ctx.req, answer.etag)) {
    ctx.res.writeHead(304, headers);
    ctx.res.end();
    return;
  }
  ctx.res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': answer.body.length, ...headers });
  ctx.res.end(answer.body);
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
          // The query is checked inside: a kept answer's key holds the whole query, so a query that was answered once
          // passed these checks (they read nothing but the query).
          const compute = () => {
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
            const body = Buffer.from(JSON.stringify({ [spec.plural]: result.items.map(toWire) }));
            return { body, link: listLink(ctx, page, result.offset + result.items.length < result.total) };
          };
          if (!spec.listCache) {
            const { body, link } = compute();
            sendListAnswer(ctx, { body, link, etag: etagOf(body) });
            return;
          }
          // Everything the answer depends on besides the database (whose version the cache checks).
          const key = JSON.stringify([spec.plural, auth.companyId, auth.user.id, [...auth.grant.scopes].sort().join(','), queryKey(ctx.url), ctx.deps.originOf(ctx.req)]);
          sendListAnswer(ctx, spec.listCache.answer(key, compute));
        }
      : undefined,
    listSnapshot: spec.listCache ? undefined : spec.readSnapshot,
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
