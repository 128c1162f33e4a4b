// A custom date range checked with the console's own rule (dayRangeSchema), for the range picker. Apart from
// date-range-presets.ts, which the start-up screens use: this one brings the shop's zod schemas with it, and they
// load with the screens that pick a range, not at start (issue 18, cold start).
import { fieldErrorsOf } from '../../src-shared/api/validation';
import { dayRangeSchema } from '../../src-shared/api/shop-inputs';
import type { FieldErrors } from '../../src-shared/api/errors';

/** Problems of a custom range as field errors on `from` / `to` (empty when it is fine). */
export function rangeProblems(range: { from: string; to: string }): FieldErrors {
  const result = dayRangeSchema.safeParse(range);
  return result.success ? {} : fieldErrorsOf(result.error);
}
