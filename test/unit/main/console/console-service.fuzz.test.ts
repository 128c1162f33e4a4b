// Issue 16 (tests in the suite): every console method, fed random and hostile input (fast-check: any JSON-ish
// value, objects with the method's own field names holding wrong types, control characters, huge or negative
// numbers, prototype keys), answers either a result or an ApiError the renderer can show — never `internal` — and a
// refused call writes nothing (the connection's total_changes() does not move).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createConsoleService } from '../../../../src-main/areas';
import { createMemoryPrefs } from '../../../../src-main/console/prefs';
import { METHOD_NAMES, methods } from '../../../../src-shared/api/contract';
import { ApiError } from '../../../../src-shared/api/errors';
import { openTestPlatform } from '../../../helpers/platform';

let platform: ReturnType<typeof openTestPlatform>;
let service: ReturnType<typeof createConsoleService>;

beforeAll(async () => {
  platform = openTestPlatform('demo');
  service = createConsoleService({ platform, prefs: createMemoryPrefs(), host: 'browser', platformUrl: null });
  const dana = platform.repos.users.findByEmail('dana@northwind-partners.example')!;
  await service.call('session.signIn', { userId: dana.id });
}, 60_000);

afterAll(() => {
  service?.close();
  platform?.dispose();
});

/** The top-level field names of a method's input schema (so hostile values land on real fields). */
function fieldsOf(schema: z.ZodTypeAny): string[] {
  let current: z.ZodTypeAny = schema;
  for (let i = 0; i < 5; i++) {
    if (current instanceof z.ZodEffects) current = current.innerType();
    else if (current instanceof z.ZodDefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current._def.innerType;
    else break;
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

const hostileScalar = fc.oneof(
  fc.constantFrom('', '\u0000', 'x\u001b[2J', '\u202eevil', '\ud800', 'a'.repeat(10_000), '-1', '1e309', 'null', '__proto__', '<script>alert(1)</script>', "'; DROP TABLE companies; --"),
  fc.constantFrom(0, -1, -0, 1.5, Number.MAX_SAFE_INTEGER + 2, Number.MIN_SAFE_INTEGER, 2 ** 31, 1e308),
  fc.constantFrom(null, true, false),
  fc.string(),
  fc.integer(),
  fc.double(),
);
const hostileValue = fc.oneof(hostileScalar, fc.array(hostileScalar, { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), hostileScalar, { maxKeys: 3 }));

function inputFor(fields: string[]): fc.Arbitrary<unknown> {
  const onFields = fields.length > 0 ? fc.dictionary(fc.constantFrom(...fields), hostileValue, { maxKeys: fields.length }) : fc.constant({});
  return fc.oneof(fc.anything({ maxDepth: 2 }), onFields, onFields.map((o) => JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(o).slice(1)}`.replace(', }', '}'))));
}

const totalChanges = () => platform.db.prepare('SELECT total_changes()').pluck().get() as number;

describe('console API fuzz', () => {
  it('every method answers random and hostile input with a result or a showable ApiError (never internal); a refusal writes nothing', async () => {
    const skipped = new Set(['session.signIn', 'session.signOut']);
    const findings: string[] = [];
    for (const method of METHOD_NAMES) {
      if (skipped.has(method)) continue;
      const fields = fieldsOf(methods[method].input as z.ZodTypeAny);
      await fc.assert(
        fc.asyncProperty(inputFor(fields), async (input) => {
          const before = totalChanges();
          const outcome = await service.invoke(method, input).then(
            () => null,
            (error: unknown) => error,
          );
          if (outcome === null) return;
          if (!(outcome instanceof ApiError)) findings.push(`${method}: threw ${String(outcome)} for ${JSON.stringify(input)}`);
          else if (outcome.code === 'internal') findings.push(`${method}: internal for ${JSON.stringify(input).slice(0, 200)}`);
          else if (outcome.code === 'validation_failed' && Object.keys(outcome.fields).length === 0 && !outcome.message) findings.push(`${method}: a validation error naming nothing`);
          if (totalChanges() !== before) findings.push(`${method}: refused (${(outcome as ApiError).code}) but wrote ${totalChanges() - before} rows`);
        }),
        { numRuns: 12, seed: 16 },
      );
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(findings).toEqual([]);
  }, 240_000);
});
