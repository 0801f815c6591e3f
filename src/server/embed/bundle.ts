/**
 * The widget bundle, as webmasters embed it: `<script type="module"
 * src="https://<server>/samskab.js">`, the loader, and the files it fetches:
 * a chunk per widget and the chunks they share (named by their content), the
 * English messages and the iCalendar parser. Module scripts are fetched in
 * CORS mode, hence `Access-Control-Allow-Origin: *` (the files are public and
 * carry no credentials) and CORP cross-origin for sites that isolate. Sent
 * compressed (Brotli or gzip) when the browser takes it: residents on weak
 * connections download a third of the bytes.
 */

import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { fileLoader, type LoadedFile, notModified } from '../http/static-file.js';
import type { BundleVersions } from './versions.js';

const EMBEDDABLE = {
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

const NOT_BUILT =
  'Widget-bundlen er ikke bygget endnu. Kør `npm run build` og prøv igen.\n' +
  'The widget bundle has not been built yet. Run `npm run build` and try again.\n';

/** A file of the bundle: the loader, a chunk, the English messages, the parser, or a source map. */
export const BUNDLE_FILE = /^samskab[\w-]*\.js(\.map)?$/;

/**
 * Files with the same name in every build: the loader a page names, and the
 * two files widgets import by name. Every other file's name holds a hash of
 * its bytes, so it may be cached for ever.
 */
const FIXED = /^samskab(-en|-ical)?\.js(\.map)?$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Compressed bodies by ETag and encoding; a build has a dozen files, a few builds fit. */
const compressed = new Map<string, Promise<Uint8Array>>();

/** The encoding to send: Brotli, else gzip, when `Accept-Encoding` takes it (RFC 9110 §12.5.3). */
function encodingFor(c: Context): 'br' | 'gzip' | undefined {
  const accepted = new Map<string, number>();
  for (const part of (c.req.header('Accept-Encoding') ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const takes = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return takes('br') ? 'br' : takes('gzip') ? 'gzip' : undefined;
}

function compress(file: LoadedFile, encoding: 'br' | 'gzip') {
  const key = `${file.etag}:${encoding}`;
  let body = compressed.get(key);
  if (!body) {
    if (compressed.size >= 64) compressed.clear();
    body =
      encoding === 'br'
        ? brotli(file.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
        : gzipped(file.body, { level: 9 });
    compressed.set(key, body);
  }
  return body;
}

/**
 * Answers with `file` (or 304), compressed when the browser takes it; each
 * encoding has an ETag of its own, as it is another representation.
 */
export async function sendBundleFile(
  c: Context,
  file: LoadedFile,
  cacheControl: string,
): Promise<Response> {
  const type = c.req.path.endsWith('.map')
    ? 'application/json; charset=utf-8'
    : 'text/javascript; charset=utf-8';
  const encoding = encodingFor(c);
  const etag = encoding ? `${file.etag.slice(0, -1)}-${encoding}"` : file.etag;
  const headers = {
    ETag: etag,
    'Cache-Control': cacheControl,
    Vary: 'Accept-Encoding',
    ...EMBEDDABLE,
  };
  if (notModified(c, etag)) return c.body(null, 304, headers);
  const body = encoding ? await compress(file, encoding) : file.body;
  return c.body(body as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': type,
    ...(encoding ? { 'Content-Encoding': encoding } : {}),
    ...headers,
  });
}

/**
 * `GET /samskab.js`, its chunks, `/samskab-en.js`, `/samskab-ical.js` and
 * their `.map`s from `widgetsDir`; 503 with a hint when not built. A chunk a
 * build no longer has is still served from the archive of earlier builds, so
 * a page whose loader came just before a deploy gets the chunks it names.
 */
export function bundleRoutes(widgetsDir: string, versions: BundleVersions) {
  const loaders = new Map<string, () => Promise<LoadedFile | undefined>>();
  const app = new Hono<AppEnv>();
  app.get('/:file{samskab[\\w-]*\\.js(?:\\.map)?}', async (c) => {
    const name = c.req.param('file');
    if (!BUNDLE_FILE.test(name)) return c.notFound();
    let load = loaders.get(name);
    if (!load) {
      load = fileLoader(join(widgetsDir, name));
      // Chunk names are many over the builds; the fixed ones are a handful.
      if (loaders.size < 256) loaders.set(name, load);
    }
    const fixed = FIXED.test(name);
    const file = (await load()) ?? (fixed ? undefined : await versions.archived(name));
    if (!file) {
      if (!fixed) return c.text('Ukendt fil. / Unknown file.', 404, EMBEDDABLE);
      return c.text(NOT_BUILT, 503, { ...EMBEDDABLE, 'Cache-Control': 'no-store' });
    }
    // `no-cache` for the fixed names, so an update is seen at once.
    return sendBundleFile(c, file, fixed ? 'no-cache' : IMMUTABLE);
  });
  return app;
}
