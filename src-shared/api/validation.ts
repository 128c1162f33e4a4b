// Turns a zod failure into the console's field-error shape: {field: [problem, ...]}.
import type { z } from 'zod';
import { ApiError, type FieldErrors } from './errors';

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : 'input';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export function parseInput<S extends z.ZodTypeAny>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw ?? {});
  if (!result.success) throw ApiError.validation(fieldErrorsOf(result.error));
  return result.data;
}
