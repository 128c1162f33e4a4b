// Issue 16 L9: the one text helper (src-shared/api/text.ts) refuses control characters, lone surrogates and the
// bidirectional override/embedding/isolate controls with the field named, and accepts every other Unicode text
// (trimmed) — property-based with fast-check, and through the real schemas of the console API.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { companyCreateSchema } from '../../../../src-shared/api/inputs';
import { productCreateSchema } from '../../../../src-shared/api/shop-inputs';
import { required, text, TEXT_PROBLEMS, textProblemOf } from '../../../../src-shared/api/text';
import { parseInput } from '../../../../src-shared/api/validation';
import { ApiError } from '../../../../src-shared/api/errors';

const CONTROL = [...Array.from({ length: 32 }, (_, i) => i).filter((c) => c !== 9 && c !== 10 && c !== 13), ...Array.from({ length: 33 }, (_, i) => 0x7f + i), 0xfffe, 0xffff].map((c) => String.fromCharCode(c));
const BIDI = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069].map((c) => String.fromCharCode(c));

/** Any Unicode text text() accepts: every code point (astral ones as proper pairs) but the refused ones. */
const acceptable = fc.string({ unit: 'binary', maxLength: 60 }).filter((s) => textProblemOf(s) === null);
/** A lone half of a surrogate pair, put where no partner half touches it. */
const loneSurrogate = fc.oneof(fc.integer({ min: 0xd800, max: 0xdbff }), fc.integer({ min: 0xdc00, max: 0xdfff })).map((c) => String.fromCharCode(c));

const schema = z.object({ name: text(200) });
const problemsOf = (value: unknown) => {
  const result = schema.safeParse({ name: value });
  return result.success ? null : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};

describe('text fields (L9)', () => {
  it('accept any Unicode text without refused characters, trimmed (right-to-left text, emoji, combining marks, LRM/RLM included)', () => {
    fc.assert(
      fc.property(acceptable, (value) => {
        expect(schema.parse({ name: value }).name).toBe(value.trim());
      }),
      { numRuns: 500 },
    );
    for (const value of ['שלום עולם', 'مرحبا بالعالم', 'Café Lumière', 'e\u0301', '👩‍👩‍👧 😀', '\u200fشركة\u200e ABC', 'line one\nline two\ttab']) {
      expect(schema.parse({ name: value }).name).toBe(value.trim());
    }
  });

  it('refuse every control character anywhere, naming the field', () => {
    fc.assert(
      fc.property(acceptable, fc.constantFrom(...CONTROL), acceptable, (before, bad, after) => {
        expect(problemsOf(before + bad + after)).toContainEqual({ path: 'name', message: TEXT_PROBLEMS.control });
      }),
      { numRuns: 500 },
    );
  });

  it('refuse the bidirectional override, embedding and isolate controls, naming the field', () => {
    fc.assert(
      fc.property(acceptable, fc.constantFrom(...BIDI), acceptable, (before, bad, after) => {
        expect(problemsOf(before + bad + after)).toContainEqual({ path: 'name', message: TEXT_PROBLEMS.bidi });
      }),
      { numRuns: 300 },
    );
  });

  it('refuse a lone surrogate (what JSON "\\ud800" makes), but not a proper pair', () => {
    fc.assert(
      fc.property(acceptable, loneSurrogate, acceptable, (before, bad, after) => {
        // Spaces keep the lone half from pairing with a neighbour of the generated text.
        expect(problemsOf(`${before} ${bad} ${after}`)).toContainEqual({ path: 'name', message: TEXT_PROBLEMS.surrogate });
      }),
      { numRuns: 300 },
    );
    expect(problemsOf(JSON.parse('"\\ud83d\\ude00"'))).toBeNull();
    expect(problemsOf(JSON.parse('"\\ude00\\ud83d"'))?.[0].message).toBe(TEXT_PROBLEMS.surrogate);
    expect(problemsOf(JSON.parse('"x\\ud83d"'))?.[0].message).toBe(TEXT_PROBLEMS.surrogate);
  });

  it('textProblemOf says what the schema says', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 30 }), (value) => {
        const problems = problemsOf(value);
        const own = textProblemOf(value);
        if (own === null) expect(problems).toBeNull();
        else expect(problems?.map((p) => p.message)).toContain(own);
      }),
      { numRuns: 1000 },
    );
  });

  it('required() refuses empty and blank text; the length counts after trimming', () => {
    expect(required(5).safeParse('   ').success).toBe(false);
    expect(required(5).parse('  abcde  ')).toBe('abcde');
    expect(required(5).safeParse('abcdef').success).toBe(false);
  });

  it('hold in the real schemas: a console call with such text is a validation error naming the field', () => {
    const company = (name: string) => () => parseInput(companyCreateSchema, { name, country: 'DE', attestNotAffiliated: true });
    for (const [value, problem] of [
      ['Acme\u0000 GmbH', TEXT_PROBLEMS.control],
      ['Acme \u001b[31mGmbH', TEXT_PROBLEMS.control],
      ['\u202eHbmG emcA', TEXT_PROBLEMS.bidi],
      ['Acme \ud800 GmbH', TEXT_PROBLEMS.surrogate],
    ] as const) {
      const error = (() => {
        try {
          company(value)();
          return null;
        } catch (thrown) {
          return thrown as ApiError;
        }
      })();
      expect(error).toBeInstanceOf(ApiError);
      expect(error!.code).toBe('validation_failed');
      expect(error!.fields.name).toContain(problem);
    }
    const product = productCreateSchema.safeParse({ companyId: 1, kind: 'physical', name: 'Mug', description: 'Blue\u0007 mug', priceMinor: 100 });
    expect(product.success).toBe(false);
    expect(product.error!.issues.find((issue) => issue.path.join('.') === 'description')?.message).toBe(TEXT_PROBLEMS.control);
  });
});
