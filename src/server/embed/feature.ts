/**
 * Everything a webmaster needs in one place: the widget bundle itself
 * (`/samskab.js`), the configurator (`/embed`), the
 * hosted page per widget for iframes and links (`/embed/<widget>`), immutable
 * versioned bundles with SRI (`/v/<version>/…`) and the reference docs
 * (`/docs`).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Context, Hono } from 'hono';
import { fromAcceptLanguage } from '../../i18n/index.js';
import { EmbedOptions, type EmbedPapers, WidgetSlug } from '../../schemas/embed.js';
import type { FeatureFactory, Site } from '../feature.js';
import type { AppEnv } from '../http/env.js';
import { PAGE_CSP } from '../http/security-headers.js';
import { fileLoader, sendFile } from '../http/static-file.js';
import { localiseIssues } from '../i18n.js';
import { bundleRoutes, IMMUTABLE, sendBundleFile } from './bundle.js';
import { widgetBySlug } from './catalogue.js';
import { checkColours, DEFAULT_COLOURS } from './contrast.js';
import { readManifest } from './manifest.js';
import { badOptionsPage, configuratorPage, docsIndexPage, docsPage, hostedPage } from './pages.js';
import {
  type BundleVersion,
  cspNeeds,
  hostedUrl,
  iframeSnippet,
  linkSnippet,
  reserveCss,
  scriptSnippet,
  themeCss,
  widgetAttributes,
} from './snippet.js';
import { accessibilityText, privacyText } from './texts.js';
import { BundleVersions } from './versions.js';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const JS = 'text/javascript; charset=utf-8';
const EMBEDDABLE = {
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/**
 * Options from a query string. Empty values mean "not chosen", and a colour
 * equal to the widgets' own default is no choice either, so the CSS snippet
 * only carries what the webmaster changed.
 */
function parseOptions(c: Context) {
  const query: Record<string, string> = {};
  for (const [name, value] of new URL(c.req.url).searchParams) {
    if (value.trim() !== '') query[name] = value.trim();
  }
  const parsed = EmbedOptions.safeParse(query);
  if (!parsed.success) return parsed;
  const options = { ...parsed.data };
  for (const name of ['primary', 'text', 'background'] as const) {
    if (options[name]?.toLowerCase() === DEFAULT_COLOURS[name]) delete options[name];
  }
  return { success: true as const, data: options };
}

function papers(
  origin: string,
  options: EmbedOptions,
  version: BundleVersion | undefined,
  retentionMonths: number,
  site: Site,
): EmbedPapers {
  const widget = widgetBySlug(options.widget);
  return {
    element: { tag: widget.tag, attributes: widgetAttributes(widget, options) },
    script: scriptSnippet(origin, options),
    versioned: version ? scriptSnippet(origin, options, version) : '',
    css: [
      themeCss(options) || '/* Ingen egne farver valgt: widgetten bruger sine standardfarver. */',
      reserveCss(options) &&
        `/* Plads til widgetten, før dens kode er hentet, så siden ikke hopper. */\n${reserveCss(options)}`,
    ]
      .filter(Boolean)
      .join('\n\n'),
    iframe: iframeSnippet(origin, options),
    link: linkSnippet(origin, options),
    hostedUrl: hostedUrl(origin, options),
    csp: cspNeeds(origin, 'script'),
    contrast: checkColours({
      ...(options.primary && { primary: options.primary }),
      ...(options.text && { text: options.text }),
      ...(options.background && { background: options.background }),
    }),
    privacy: privacyText(
      widget,
      options.lang,
      retentionMonths,
      options.processor || site.processor,
    ),
    accessibility: accessibilityText(widget, options.lang),
  };
}

/** The embed feature; see the file header. */
export const embedFeature: FeatureFactory = (context) => {
  const versions = new BundleVersions(
    context.widgetsDir,
    context.dataDir ? join(context.dataDir, 'bundles') : undefined,
  );
  const page = { 'Content-Security-Policy': PAGE_CSP, 'Cache-Control': 'no-cache' };
  // Hosted pages may be framed by the municipal sites that use the API, and by nobody else.
  const framed = {
    'Content-Security-Policy': PAGE_CSP.replace(
      "frame-ancestors 'none'",
      `frame-ancestors 'self' ${context.allowedOrigins.join(' ')}`.trim(),
    ),
    'Cache-Control': 'no-cache',
  };
  const files = {
    '/embed/embed.css': [fileLoader(here('./embed.css')), 'text/css; charset=utf-8', {}],
    '/embed/frame.css': [fileLoader(here('./frame.css')), 'text/css; charset=utf-8', {}],
    '/embed/configurator.js': [
      fileLoader(join(context.widgetsDir, 'embed-configurator.js')),
      JS,
      {},
    ],
    '/embed/frame.js': [fileLoader(join(context.widgetsDir, 'embed-frame.js')), JS, {}],
    // The one file a host page loads from here besides the bundle.
    '/embed/resize.js': [fileLoader(join(context.widgetsDir, 'embed-resize.js')), JS, EMBEDDABLE],
  } as const;

  const pages = new Hono<AppEnv>();
  pages.route('/', bundleRoutes(context.widgetsDir, versions));
  for (const [path, [load, type, headers]] of Object.entries(files)) {
    pages.get(path, async (c) => {
      const file = await load();
      if (!file)
        return c.text('Ikke bygget: kør `npm run build`. / Not built: run `npm run build`.', 503);
      return sendFile(c, file, type, headers);
    });
  }

  const badOptions = (c: Context, issues: Parameters<typeof localiseIssues>[0]) =>
    c.html(badOptionsPage(localiseIssues(issues, 'da')), 400, page);

  pages.get('/embed', async (c) => {
    const options = parseOptions(c);
    if (!options.success) return badOptions(c, options.error.issues);
    const origin = context.publicOrigin(c);
    const result = papers(
      origin,
      options.data,
      await versions.current(),
      context.retentionMonths,
      context.site,
    );
    return c.html(
      configuratorPage(options.data, result, await context.activities.list()),
      200,
      page,
    );
  });

  pages.get('/embed/papers', async (c) => {
    const options = parseOptions(c);
    if (!options.success) {
      const locale = fromAcceptLanguage(c.req.header('Accept-Language'));
      return c.json({ errors: localiseIssues(options.error.issues, locale) }, 400);
    }
    const origin = context.publicOrigin(c);
    return c.json(
      papers(origin, options.data, await versions.current(), context.retentionMonths, context.site),
    );
  });

  pages.get('/embed/theme.css', (c) => {
    const options = parseOptions(c);
    // A bad colour in a stylesheet URL: an empty stylesheet, so the widget keeps its own look.
    const css = options.success ? themeCss(options.data) : '';
    return c.body(css, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'no-cache',
    });
  });

  pages.get('/embed/:widget', (c) => {
    const slug = WidgetSlug.safeParse(c.req.param('widget'));
    if (!slug.success) return c.notFound();
    const options = parseOptions(c);
    if (!options.success) return badOptions(c, options.error.issues);
    const chosen = { ...options.data, widget: slug.data };
    return c.html(hostedPage(widgetBySlug(slug.data), chosen, context.site.name), 200, framed);
  });

  pages.get('/v/:version/:file', async (c) => {
    const file = await versions.file(c.req.param('version'), c.req.param('file'));
    if (!file) return c.text('Ukendt version. / Unknown version.', 404);
    return sendBundleFile(c, file, IMMUTABLE);
  });

  pages.get('/custom-elements.json', async (c) => {
    const { raw } = await readManifest();
    return c.body(raw, 200, { 'Content-Type': 'application/json; charset=utf-8', ...EMBEDDABLE });
  });

  pages.get('/docs', async (c) =>
    c.html(docsIndexPage((await readManifest()).elements), 200, page),
  );

  pages.get('/docs/:tag', async (c) => {
    const element = (await readManifest()).elements.find((e) => e.tagName === c.req.param('tag'));
    if (!element) return c.notFound();
    const slug = WidgetSlug.parse(element.tagName.replace(/^samskab-/, ''));
    const example = scriptSnippet(context.publicOrigin(c), EmbedOptions.parse({ widget: slug }));
    return c.html(docsPage(element, example), 200, page);
  });

  return { pages };
};
