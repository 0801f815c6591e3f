/**
 * The demo site as a feature (see ../feature.ts): `/`, `/privatliv` and
 * `/demo.css`, each under the strict page CSP. Every server serves it, so a
 * webmaster can see the widgets at work. The demo data is each feature's own
 * (its `demo.ts`), seeded through its `seedDemo` when `SAMSKAB_DEMO=1`.
 */
import { Hono } from 'hono';
import type { FeatureFactory } from '../feature.js';
import type { AppEnv } from '../http/env.js';
import { PAGE_CSP } from '../http/security-headers.js';
import { stylesheet } from '../pages/layout.js';
import { demoPage, privacyPage } from './pages.js';

/** The demo pages; the snippets show the public origin, the notice the retention period. */
export const demoFeature: FeatureFactory = ({ publicOrigin, retentionMonths }) => {
  const page = { 'Content-Security-Policy': PAGE_CSP, 'Cache-Control': 'no-cache' };
  const pages = new Hono<AppEnv>()
    .get('/', (c) => c.html(demoPage(publicOrigin(c)), 200, page))
    .get('/privatliv', (c) => c.html(privacyPage(retentionMonths), 200, page))
    .route('/', stylesheet('/demo.css', new URL('./demo.css', import.meta.url)));
  return { pages };
};
