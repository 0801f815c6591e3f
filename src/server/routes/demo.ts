/** The demo site: `/`, `/privatliv` and `/demo.css`, each under the strict page CSP. */
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { demoPage, privacyPage } from '../demo/pages.js';
import type { AppEnv } from '../http/env.js';
import { ownOrigin } from '../http/origin.js';
import { PAGE_CSP } from '../http/security-headers.js';
import { fileLoader, sendFile } from '../http/static-file.js';

const CSS_PATH = fileURLToPath(new URL('../demo/demo.css', import.meta.url));

/**
 * Demo routes; `trustProxy` decides which origin the snippets show, and the
 * privacy notice states the server's `retentionMonths`.
 */
export function demoRoutes(trustProxy: boolean, retentionMonths: number) {
  const css = fileLoader(CSS_PATH);
  const page = { 'Content-Security-Policy': PAGE_CSP, 'Cache-Control': 'no-cache' };
  return new Hono<AppEnv>()
    .get('/', (c) => c.html(demoPage(ownOrigin(c, trustProxy)), 200, page))
    .get('/privatliv', (c) => c.html(privacyPage(retentionMonths), 200, page))
    .get('/demo.css', async (c) => {
      const file = await css();
      // The stylesheet ships with the source; its absence is a broken install, not a 404.
      if (!file) throw new Error(`Missing ${CSS_PATH}`);
      return sendFile(c, file, 'text/css; charset=utf-8');
    });
}
