// How a console method is declared: its zod input schema, its result type (phantom) and a summary.
// contract.ts and the per-area files in ./methods/ use `method<Result>()(schema, summary)`.
import type { z } from 'zod';

/** A method: its input schema and (as a phantom type) its result. */
export interface MethodDef<I extends z.ZodTypeAny, O> {
  input: I;
  /** Never read at run time; carries the result type. */
  output?: O;
  /** Human summary, shown in the CLI's and the docs' method lists. */
  summary: string;
}

export function method<O>() {
  return <I extends z.ZodTypeAny>(input: I, summary: string): MethodDef<I, O> => ({ input, summary });
}
