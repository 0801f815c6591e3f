/** Small files served with a content hash as ETag, so browsers revalidate cheaply. */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { Context } from 'hono';

/** A file's bytes and their ETag. */
export interface LoadedFile {
  body: Uint8Array;
  etag: string;
}

/**
 * Reads `path`, reusing the last read while size and mtime are unchanged, so a
 * rebuild (`npm run build`) is served without a restart. `undefined` when missing.
 */
export function fileLoader(path: string): () => Promise<LoadedFile | undefined> {
  let cached: (LoadedFile & { stamp: string }) | undefined;
  return async () => {
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const stamp = `${info.size}:${info.mtimeMs}`;
    if (cached?.stamp !== stamp) {
      const body = new Uint8Array(await readFile(path));
      const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
      cached = { body, etag: `"${hash}"`, stamp };
    }
    return cached;
  };
}

/** True when the request's `If-None-Match` names `etag` (weak comparison, RFC 9110 §13.1.2). */
export function notModified(c: Context, etag: string): boolean {
  const header = c.req.header('If-None-Match');
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** Answers with `file` (or 304), `Cache-Control: no-cache` so an update is seen at once. */
export function sendFile(
  c: Context,
  file: LoadedFile,
  contentType: string,
  headers: Record<string, string> = {},
): Response {
  const common = { ETag: file.etag, 'Cache-Control': 'no-cache', ...headers };
  if (notModified(c, file.etag)) return c.body(null, 304, common);
  return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': contentType,
    ...common,
  });
}
