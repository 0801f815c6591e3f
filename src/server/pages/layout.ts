/**
 * The one layout of every server-rendered page: language, viewport, title,
 * no favicon request, the base stylesheet and then the feature's own. Every
 * value goes through `html`, which escapes it.
 */
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Locale } from '../../i18n/index.js';
import type { AppEnv } from '../http/env.js';
import { fileLoader, sendFile } from '../http/static-file.js';

/** Markup made with `html`. */
export type Markup = ReturnType<typeof html>;

/** What a page puts in the layout. */
export interface PageProps {
  lang: Locale;
  /** The whole `<title>`. */
  title: string;
  /** The feature's own stylesheets, after `/base.css`. */
  stylesheets?: readonly string[];
  /** Module scripts to load (same-origin paths, under the strict page CSP). */
  scripts?: readonly string[];
  /** Keep search engines away (pages behind a secret link or a password). */
  noindex?: boolean;
  /** Everything inside `<body>`. */
  body: Markup;
}

/** A whole HTML document around `body`. */
export function page({ lang, title, stylesheets = [], scripts = [], noindex, body }: PageProps) {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${noindex ? html`<meta name="robots" content="noindex">\n` : ''}<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/base.css">
${stylesheets.map((href) => html`<link rel="stylesheet" href="${href}">\n`)}${scripts.map((src) => html`<script type="module" src="${src}"></script>\n`)}</head>
<body>
${body}
</body>
</html>`;
}

/** `GET path` serving the stylesheet `file` (a URL beside the caller: `new URL('./x.css', import.meta.url)`). */
export function stylesheet(path: string, file: URL) {
  const filePath = fileURLToPath(file);
  const css = fileLoader(filePath);
  return new Hono<AppEnv>().get(path, async (c) => {
    const loaded = await css();
    // The stylesheet ships with the source; its absence is a broken install, not a 404.
    if (!loaded) throw new Error(`Missing ${filePath}`);
    return sendFile(c, loaded, 'text/css; charset=utf-8');
  });
}

/** `GET /base.css`, which every page links. */
export const baseStylesheet = () => stylesheet('/base.css', new URL('./base.css', import.meta.url));
