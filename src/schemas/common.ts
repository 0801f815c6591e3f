import * as z from 'zod/mini';

/** Server-made identifiers: UUIDs, or short slugs for seeded data. */
export const Id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'error.id'));

/**
 * The years a date or instant may fall in. Wider would let `0000` or `+275760`
 * through, which the server cannot write back as ISO 8601 in Copenhagen time;
 * nothing Samskab schedules or records lies outside these.
 */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** True when the year a date or instant is written with lies in `MIN_YEAR`–`MAX_YEAR`. */
const plausibleYear = (iso: string) => {
  const year = Number(iso.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
};

/**
 * An instant as ISO 8601 with an offset or Z, as every API field that holds
 * one, in 2000–2100. Marked pure, so a widget bundle that never parses one
 * leaves it out.
 */
export const IsoInstant = /* @__PURE__ */ (() =>
  z.iso
    .datetime({ offset: true, message: 'error.instant' })
    .check(z.refine(plausibleYear, 'error.year')))();

/** A calendar date, `2026-12-01`, that exists (no 31 April), in 2000–2100. */
export const IsoDate = /* @__PURE__ */ (() =>
  z.iso.date('error.date').check(z.refine(plausibleYear, 'error.year')))();

// With the `u` flag a surrogate range matches only a surrogate without its
// partner: a pair is one code point there. (String.prototype.isWellFormed says
// the same but is ES2024, newer than the extension's and Safari's floor.)
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
// C0 and C1 controls and DEL (NUL, ESC, …: category Cc), tab and line breaks apart.
const CONTROL = /[^\P{Cc}\t\n\r]/u;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;
// Bidi embeddings, overrides and isolates (Trojan Source, CVE-2021-42574): they
// make a name or a title read differently from what it holds. The marks
// U+200E/U+200F/U+061C, which a right-to-left keyboard may type, do not reorder
// the text around them and are kept.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
// Zero-width spaces and joiners, word joiner, BOM, soft hyphen, Hangul fillers,
// variation selectors: characters that draw nothing. They stay in the text (a
// joiner belongs in an emoji sequence or a Persian word) but count for nothing.
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/** How many characters of `s` a reader can see: no invisible ones, no spaces at either end. */
const visibleLength = (s: string) => s.replace(INVISIBLE, '').trim().length;

/** Whether `s` has something a reader can see, not only spaces and invisible characters. */
export const isVisible = (s: string) => visibleLength(s) > 0;

/**
 * What a text field may hold:
 * - `line`: one line, as a name or a title (no tab, no line break);
 * - `lines`: free text, where tabs and line breaks are the writer's;
 * - `private`: the leader's own notes on their own device, kept as typed (a
 *   quote copied from a right-to-left page may carry isolates, and backups
 *   made before these rules must still import). Nothing else reaches another
 *   person through it.
 */
export type TextKind = 'line' | 'lines' | 'private';

/** Why `s` may not be stored as a `kind` text, as a catalog key, or undefined when it may. */
export function textProblem(s: string, kind: Exclude<TextKind, 'private'>) {
  if (LONE_SURROGATE.test(s)) return 'error.text.illFormed';
  if (CONTROL.test(s)) return 'error.text.control';
  if (kind === 'line' && LINE_BREAK_OR_TAB.test(s)) return 'error.text.oneLine';
  if (BIDI_CONTROL.test(s)) return 'error.text.bidi';
  return undefined;
}

/**
 * The check every text that reaches another person passes. Ill-formed UTF-16
 * and bidi overrides are refused; so are control characters, rather than
 * stripped, so nothing is stored that the writer did not see they wrote. By
 * default a problem ends the field's checks, so the field says one thing;
 * `abort` false lets a union (see `Answer`) report the issue as its own.
 */
/* @__NO_SIDE_EFFECTS__ */
export function textCheck(kind: Exclude<TextKind, 'private'>, abort = true) {
  return z.refine<string>((s) => !textProblem(s, kind), {
    error: (issue) => textProblem(issue.input as string, kind),
    abort,
  });
}

/**
 * A trimmed string between `min` and `max` characters. Messages are catalog
 * keys (`<key>.required`, `<key>.tooLong`) so each side can localise them.
 * Unless `kind` is `private`, the text passes `textCheck(kind)`, and with
 * `min` above 0 it must hold something visible: a name of zero-width spaces is
 * as required as an empty one. Free of side effects, so a bundle drops the
 * fields of schemas it never uses.
 */
/* @__NO_SIDE_EFFECTS__ */
export function trimmed(min: number, max: number, key: string, kind: TextKind = 'private') {
  const required = `${key}.required`;
  return z
    .string(required)
    .check(
      z.trim(),
      ...(kind === 'private'
        ? [z.minLength(min, required)]
        : [textCheck(kind), z.refine<string>((s) => visibleLength(s) >= min, required)]),
      z.maxLength(max, `${key}.tooLong`),
    );
}

/** The header that makes a public write safe to repeat (the server's to check). */
export const IdempotencyKey = /* @__PURE__ */ (() =>
  z
    .string('error.idempotencyKey')
    .check(z.regex(/^[A-Za-z0-9_-]{16,100}$/, 'error.idempotencyKey')))();

/** One problem with a request, localised by the server after Accept-Language. */
export const ApiIssue = z.object({ path: z.string(), code: z.string(), message: z.string() });
export type ApiIssue = z.infer<typeof ApiIssue>;

/** The body of every 4xx answer. */
export const ApiErrorBody = z.object({ errors: z.array(ApiIssue) });
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
