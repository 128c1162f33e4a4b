// The one zod helper for text a user or an app types (issue 16 L9): every free-text field of the console API and
// the REST API is built from `text(max)` or `required(max)`, so each refuses, with the field named, what no person
// types and what makes text lie about itself:
// - control characters (U+0000–U+001F except tab, line feed and carriage return; DEL; the C1 range U+0080–U+009F):
//   NUL truncates text in C libraries and files, the others are invisible or move the cursor on a terminal
//   (`partnerdeck` prints names) and in CSV exports;
// - lone surrogates (half of a UTF-16 pair, which JSON's `\ud800` escape can carry): not Unicode at all, they
//   turn into U+FFFD or fail when written as UTF-8 (SQLite, files, HTTP);
// - the bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069): they reorder what
//   is shown ("Trojan Source"), so a name could read as another company's or an app's as a trusted one.
//   Right-to-left text itself (Arabic, Hebrew) and the invisible marks U+200E/U+200F need none of them and stay;
// - the noncharacters U+FFFE and U+FFFF.
// Text is refused rather than silently cleaned: a person sees what was wrong and nothing they typed changes
// behind their back. Leading and trailing white space is trimmed, as before. Passwords do not go through here
// (any character is allowed in a password: it is hashed, never shown).
import { z } from 'zod';

/** Characters refused anywhere in a text field (see the top of this file). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
export const REFUSED_CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/;
export const REFUSED_BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const TEXT_PROBLEMS = {
  control: 'must not contain control characters (such as NUL or escape)',
  bidi: 'must not contain text-direction override characters (U+202A–U+202E, U+2066–U+2069)',
  surrogate: 'is not valid Unicode text (it holds half of a surrogate pair)',
} as const;

/** Only characters `text` accepts, from start to end (zod's `regex` checks a match). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const withoutControls = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]*$/;
const withoutBidi = /^[^\u202a-\u202e\u2066-\u2069]*$/;
// (A lookahead for LONE_SURROGATE rather than a pattern of every allowed pair: 10x faster, no backtracking on long text.)
const withoutLoneSurrogates = new RegExp(`^(?![\\s\\S]*?(?:${LONE_SURROGATE.source}))`);

/** A text field of at most `max` characters (after trimming); empty is allowed (chain `.min(1, …)` or use `required`). */
export function text(max: number): z.ZodString {
  return z
    .string()
    .regex(withoutLoneSurrogates, TEXT_PROBLEMS.surrogate)
    .regex(withoutControls, TEXT_PROBLEMS.control)
    .regex(withoutBidi, TEXT_PROBLEMS.bidi)
    .trim()
    .max(max, `must be at most ${max} characters`);
}

/** A text field that must not be empty (after trimming). */
export function required(max: number): z.ZodString {
  return text(max).min(1, 'is required');
}

/** The first problem `text` would report for `value`, or null (for callers outside a schema: file names, headers). */
export function textProblemOf(value: string): string | null {
  if (LONE_SURROGATE.test(value)) return TEXT_PROBLEMS.surrogate;
  if (REFUSED_CONTROL_CHARACTERS.test(value)) return TEXT_PROBLEMS.control;
  if (REFUSED_BIDI_CONTROLS.test(value)) return TEXT_PROBLEMS.bidi;
  return null;
}
