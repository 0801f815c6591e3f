import * as z from 'zod/mini';

/** Server-made identifiers: UUIDs, or short slugs for seeded data. */
export const Id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'error.id'));

/** An instant as ISO 8601 with an offset or Z, as every API field that holds one. */
export const IsoInstant = z.iso.datetime({ offset: true, message: 'error.instant' });

/**
 * A trimmed string between `min` and `max` characters. Messages are catalog
 * keys (`<key>.required`, `<key>.tooLong`) so each side can localise them.
 */
export function trimmed(min: number, max: number, key: string) {
  return z
    .string(`${key}.required`)
    .check(z.trim(), z.minLength(min, `${key}.required`), z.maxLength(max, `${key}.tooLong`));
}

/** The header that makes a public write safe to repeat. */
export const IdempotencyKey = z
  .string('error.idempotencyKey')
  .check(z.regex(/^[A-Za-z0-9_-]{16,100}$/, 'error.idempotencyKey'));

/** One problem with a request, localised by the server after Accept-Language. */
export const ApiIssue = z.object({ path: z.string(), code: z.string(), message: z.string() });
export type ApiIssue = z.infer<typeof ApiIssue>;

/** The body of every 4xx answer. */
export const ApiErrorBody = z.object({ errors: z.array(ApiIssue) });
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
