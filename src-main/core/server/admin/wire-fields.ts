// The REST API speaks snake_case (`price_minor`, `category_ids`, `created_at`); the services take
// camelCase inputs and return camelCase objects. This module converts both ways, once for every resource:
// inputs with unknown properties refused by name, answers with times as ISO 8601 with offset, and field
// errors renamed back to what the developer sent (`lines.0.product_id`).
import type { z } from 'zod';
import { ApiError, type FieldErrors } from '../../../../src-shared/api/errors';
import { restTime } from './rest-kit';

/** Keys whose values are free-form maps (theme settings): passed through unchanged in both directions. */
const OPAQUE = new Set(['settings']);

/** Memoized: the same few dozen property names are converted for every object of every answer. */
function memo(convert: (name: string) => string): (name: string) => string {
  const cache = new Map<string, string>();
  return (name) => {
    let converted = cache.get(name);
    if (converted === undefined) {
      converted = convert(name);
      if (cache.size < 10_000) cache.set(name, converted);
    }
    return converted;
  };
}

export const toSnake = memo((name) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
export const toCamel = memo((name) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));

/** A service object as the REST API sends it: snake_case keys, times (`…At`) as ISO 8601 with offset. */
export function toWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toWire);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const inner = (value as Record<string, unknown>)[key];
    if (OPAQUE.has(key)) out[toSnake(key)] = inner;
    else if (key.endsWith('At') && typeof inner === 'string') out[toSnake(key)] = restTime(inner);
    else out[toSnake(key)] = toWire(inner);
  }
  return out;
}

/** A REST body as a service input: camelCase keys (nested objects and arrays too). */
export function fromWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromWire);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[toCamel(key)] = OPAQUE.has(key) ? inner : fromWire(inner);
  return out;
}

/** The property names an object schema accepts (through refinements). */
export function schemaKeys(schema: z.ZodTypeAny): string[] {
  let current: z.ZodTypeAny = schema;
  while (current._def.typeName === 'ZodEffects') current = current._def.schema;
  return current._def.typeName === 'ZodObject' ? Object.keys((current as z.AnyZodObject).shape) : [];
}

/**
 * Converts a REST body to a service input: properties the schema takes (except the ones the URL gives,
 * `fixed`) are kept; read-only properties a client may send back are dropped; anything else is an error
 * naming it.
 */
export function inputFromWire(body: Record<string, unknown>, schema: z.ZodTypeAny, fixed: readonly string[], readOnly: readonly string[]): Record<string, unknown> {
  const writable = schemaKeys(schema).filter((k) => !fixed.includes(k));
  const input: Record<string, unknown> = {};
  const unknown: FieldErrors = {};
  for (const [key, value] of Object.entries(body)) {
    const name = toCamel(key);
    if (writable.includes(name)) input[name] = OPAQUE.has(key) ? value : fromWire(value);
    else if (!readOnly.includes(key)) unknown[key] = [`is not a property you can set (${writable.map(toSnake).join(', ')})`];
  }
  if (Object.keys(unknown).length > 0) throw ApiError.validation(unknown);
  return input;
}

/** `lines.0.productId` -> `lines.0.product_id`. */
export function wireFieldName(field: string): string {
  return field.split('.').map(toSnake).join('.');
}

/** Runs a service call and renames the field errors it throws to wire names. */
export function withWireErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ApiError && error.code === 'validation_failed') {
      const fields: FieldErrors = {};
      for (const [name, problems] of Object.entries(error.fields)) (fields[wireFieldName(name)] ??= []).push(...problems);
      throw ApiError.validation(fields);
    }
    throw error;
  }
}
