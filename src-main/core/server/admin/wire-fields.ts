// Converting between the REST API's snake_case fields and the services' camelCase inputs, with field
// errors renamed back to what the developer sent, and unknown fields refused by name.
import { ApiError, type FieldErrors } from '../../../../src-shared/api/errors';

/** wire name -> service name */
export type FieldMap = Record<string, string>;

/**
 * Picks the writable fields of a wire object into a service input; read-only fields are ignored (a client
 * may send back what it read), anything else is a field error.
 */
export function fromWire(body: Record<string, unknown>, writable: FieldMap, readOnly: readonly string[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const unknown: FieldErrors = {};
  for (const [key, value] of Object.entries(body)) {
    if (Object.prototype.hasOwnProperty.call(writable, key)) input[writable[key]] = value;
    else if (!readOnly.includes(key)) unknown[key] = [`is not a property you can set (${Object.keys(writable).join(', ')})`];
  }
  if (Object.keys(unknown).length > 0) throw ApiError.validation(unknown);
  return input;
}

/** Runs a service call and renames the field errors it throws back to wire names. */
export function withWireErrors<T>(writable: FieldMap, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ApiError && error.code === 'validation_failed') {
      const reverse = Object.fromEntries(Object.entries(writable).map(([wire, name]) => [name, wire]));
      const fields: FieldErrors = {};
      for (const [name, problems] of Object.entries(error.fields)) fields[reverse[name] ?? name] = problems;
      throw ApiError.validation(fields);
    }
    throw error;
  }
}
