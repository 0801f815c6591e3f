/**
 * The demo site as a feature (see ../feature.ts): `/`, `/privatliv` and
 * `/demo.css`, each under the strict page CSP. Every server serves it, so a
 * webmaster can see the widgets at work; the demo data itself is seeded by each
 * feature from `seed.ts` when `SAMSKAB_DEMO=1`.
 */
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { FeatureFactory } from '../feature.js';
import type { AppEnv } from '../http/env.js';
import { PAGE_CSP } from '../http/security-headers.js';
import { fileLoader, sendFile } from '../http/static-file.js';
import { demoPage, privacyPage } from './pages.js';

const CSS_PATH = fileURLToPath(new URL('./demo.css', import.meta.url));

/** The demo pages; the snippets show the public origin, the notice the retention period. */
export const demoFeature: FeatureFactory = ({ publicOrigin, retentionMonths }) => {
  const css = fileLoader(CSS_PATH);
  const page = { 'Content-Security-Policy': PAGE_CSP, 'Cache-Control': 'no-cache' };
  const pages = new Hono<AppEnv>()
    .get('/', (c) => c.html(demoPage(publicOrigin(c)), 200, page))
    .get('/privatliv', (c) => c.html(privacyPage(retentionMonths), 200, page))
    .get('/demo.css', async (c) => {
      const file = await css();
      // The stylesheet ships with the source; its absence is a broken install, not a 404.
      if (!file) throw new Error(`Missing ${CSS_PATH}`);
      return sendFile(c, file, 'text/css; charset=utf-8');
    });
  return { pages };
};
