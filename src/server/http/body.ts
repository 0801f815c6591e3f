/** Reading and checking request bodies for /api writes. */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod/mini';
import { apiError, validationError } from './errors.js';

/** The most any /api write may send: a sign-up is well under 4 KiB. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * 413 `error.bodyTooLarge` past `MAX_BODY_BYTES`. Hono's bodyLimit trusts
 * Content-Length when it is the only length given and otherwise counts the
 * chunks as they stream in, so a chunked body cannot slip past.
 */
export function limitBody(): MiddlewareHandler {
  return bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw apiError(413, 'error.bodyTooLarge', '', { params: { limit: MAX_BODY_BYTES } });
    },
  });
}

// Fatal: a lenient decoder turns bytes that are not UTF-8 into U+FFFD, and
// the text would be stored changed without anyone being told.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The parsed JSON body, or 400: `error.utf8` when its bytes are not UTF-8,
 * `error.json` when they are not JSON. A lone surrogate escaped in the JSON
 * (`"\ud800"`) is valid JSON; it reaches the schema as itself, and the text
 * check there refuses it at its field.
 */
export async function readJson(c: Context): Promise<unknown> {
  let bytes: ArrayBuffer;
  try {
    bytes = await c.req.arrayBuffer();
  } catch {
    throw apiError(400, 'error.json');
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw apiError(400, 'error.utf8');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw apiError(400, 'error.json');
  }
}

/** `value` checked against a shared schema, or 400 with its localised issues. */
export function parseWith<S extends z.core.$ZodType>(schema: S, value: unknown): z.output<S> {
  const result = z.safeParse(schema, value);
  if (!result.success) throw validationError(result.error.issues);
  return result.data;
}
