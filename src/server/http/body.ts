/** Reading and checking request bodies for /api writes. */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod/mini';
import { apiError, validationError } from './errors.js';

/** The most any /api write may send: a sign-up is well under 4 KiB. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * 413 `error.bodyTooLarge` past `MAX_BODY_BYTES`. A body with only a
 * Content-Length is judged by it (Node's parser never reads past it); a
 * chunked one goes through Hono's bodyLimit, which counts the chunks as they
 * stream in, so it cannot slip past. Asking Hono for every body would make
 * the Node adapter build a whole Request per request: the largest avoidable
 * cost in a sign-up's profile.
 */
export function limitBody(): MiddlewareHandler {
  const tooLarge = () => {
    throw apiError(413, 'error.bodyTooLarge', '', { params: { limit: MAX_BODY_BYTES } });
  };
  const counted = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number.parseInt(length, 10) > MAX_BODY_BYTES ? tooLarge() : next();
    }
    return counted(c, next);
  };
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
