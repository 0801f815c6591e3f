/**
 * The widget bundle, as webmasters embed it: `<script type="module"
 * src="https://<server>/samskab.js">`. Module scripts are fetched in CORS
 * mode, hence `Access-Control-Allow-Origin: *` (the file is public and
 * carries no credentials) and CORP cross-origin for sites that isolate.
 */
import { join } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { fileLoader, type LoadedFile, sendFile } from '../http/static-file.js';

const EMBEDDABLE = {
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

const NOT_BUILT =
  'Widget-bundlen er ikke bygget endnu. Kør `npm run build` og prøv igen.\n' +
  'The widget bundle has not been built yet. Run `npm run build` and try again.\n';

/** The bundle, the English messages and the .ics parser it loads when needed, with their source maps. */
const BUNDLE_FILES = ['samskab.js', 'samskab-en.js', 'samskab-ical.js'];

/** `GET /samskab.js`, `/samskab-en.js` and their `.map`s from `widgetsDir`; 503 with a hint when not built. */
export function bundleRoutes(widgetsDir: string) {
  const files: Record<string, [() => Promise<LoadedFile | undefined>, string]> = {};
  for (const name of BUNDLE_FILES) {
    files[`/${name}`] = [fileLoader(join(widgetsDir, name)), 'text/javascript; charset=utf-8'];
    files[`/${name}.map`] = [
      fileLoader(join(widgetsDir, `${name}.map`)),
      'application/json; charset=utf-8',
    ];
  }
  const app = new Hono<AppEnv>();
  for (const [path, [load, type]] of Object.entries(files)) {
    app.get(path, async (c) => {
      const file = await load();
      if (!file) {
        return c.text(NOT_BUILT, 503, { ...EMBEDDABLE, 'Cache-Control': 'no-store' });
      }
      return sendFile(c, file, type, EMBEDDABLE);
    });
  }
  return app;
}
