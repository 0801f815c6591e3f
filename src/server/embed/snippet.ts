/**
 * The text a webmaster pastes: the script-and-tag snippet, the iframe fallback,
 * the CSS for their colours, and the CSP directives their site must allow.
 * Values were narrowed by `EmbedOptions`; they are escaped here all the same,
 * because this text ends up in someone else's HTML.
 */
import type { EmbedOptions } from '../../schemas/embed.js';
import { type EmbedWidget, widgetBySlug } from './catalogue.js';

/** A published bundle: its immutable URL path and Subresource Integrity hash. */
export interface BundleVersion {
  version: string;
  integrity: string;
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The widget's attributes for these options, in a stable order. */
export function widgetAttributes(widget: EmbedWidget, options: EmbedOptions): [string, string][] {
  const attributes: [string, string][] = [];
  for (const name of widget.takes) {
    const value = options[name];
    if (value) attributes.push([name, value]);
  }
  if (options.theme === 'inherit') attributes.push(['theme', 'inherit']);
  if (options.lang === 'en') attributes.push(['lang', 'en']);
  return attributes;
}

/** Values a query string leaves out, because they are what an absent one means. */
const IMPLIED: Record<string, string> = { lang: 'da', theme: 'default' };

/** The query string that gives an iframe page (or the hosted page) the same options. */
export function embedQuery(options: EmbedOptions): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(options)) {
    if (name === 'widget' || name === 'processor' || value === undefined || value === '') continue;
    if (IMPLIED[name] !== value) query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** `https://server/embed/<widget>?…`: the hosted page, the iframe's source and the last fallback. */
export function hostedUrl(origin: string, options: EmbedOptions) {
  return `${origin}/embed/${options.widget}${embedQuery(options)}`;
}

/**
 * The script and the tag, with a `<noscript>` link to the hosted page. With a
 * `version`, the script is the immutable bundle with its integrity hash.
 */
export function scriptSnippet(origin: string, options: EmbedOptions, version?: BundleVersion) {
  const widget = widgetBySlug(options.widget);
  const script = version
    ? `<script type="module" src="${escapeHtml(`${origin}/v/${version.version}/samskab.js`)}" integrity="${escapeHtml(version.integrity)}" crossorigin="anonymous"></script>`
    : `<script type="module" src="${escapeHtml(`${origin}/samskab.js`)}"></script>`;
  const attributes = widgetAttributes(widget, options)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
  return [
    script,
    `<${widget.tag}${attributes}></${widget.tag}>`,
    `<noscript><a href="${escapeHtml(hostedUrl(origin, options))}">${escapeHtml(widget.linkText[options.lang])}</a></noscript>`,
  ].join('\n');
}

/**
 * For a CMS that strips scripts: an iframe of the hosted page, and the optional
 * helper that sizes it to its content (the iframe works without it).
 */
export function iframeSnippet(origin: string, options: EmbedOptions) {
  const widget = widgetBySlug(options.widget);
  const title = widget.linkText[options.lang];
  return [
    `<iframe src="${escapeHtml(hostedUrl(origin, options))}" title="${escapeHtml(title)}" data-samskab-frame width="100%" height="900" loading="lazy"></iframe>`,
    `<script src="${escapeHtml(`${origin}/embed/resize.js`)}" async></script>`,
  ].join('\n');
}

/** The last fallback: a plain link to the hosted page. */
export function linkSnippet(origin: string, options: EmbedOptions) {
  const widget = widgetBySlug(options.widget);
  return `<a href="${escapeHtml(hostedUrl(origin, options))}">${escapeHtml(widget.linkText[options.lang])}</a>`;
}

/**
 * The rule for the site's own stylesheet that gives the widget the chosen
 * look. A stylesheet rule, not a `style` attribute: a strict CSP blocks those.
 */
export function themeCss(options: EmbedOptions) {
  const declarations = [
    options.primary && `--samskab-color-primary: ${options.primary};`,
    options.text && `--samskab-color-text: ${options.text};`,
    options.background && `--samskab-color-background: ${options.background};`,
    options.font && `--samskab-font-family: ${options.font};`,
  ].filter(Boolean);
  if (declarations.length === 0) return '';
  const tag = widgetBySlug(options.widget).tag;
  return `${tag} {\n${declarations.map((d) => `  ${d}`).join('\n')}\n}`;
}

/**
 * The rule that keeps the widget's place on the page before its code has
 * arrived, for the site's own stylesheet: the loader reserves the same, but
 * only once it runs, which may be after the browser first paints the page.
 * `:not(:defined)` stops matching the moment the widget is there.
 */
export function reserveCss(options: EmbedOptions) {
  const widget = widgetBySlug(options.widget);
  if (!widget.reserve) return '';
  return [
    `${widget.tag}:not(:defined) {`,
    '  display: block;',
    `  min-block-size: calc(${widget.reserve} * var(--samskab-font-size, max(16px, 1rem)));`,
    '}',
  ].join('\n');
}

/** One Content-Security-Policy directive the host page needs, and why. */
export interface CspNeed {
  directive: string;
  sources: string;
  why: Record<'da' | 'en', string>;
}

/** The directives a site's CSP must allow for the script snippet, or for the iframe. */
export function cspNeeds(origin: string, kind: 'script' | 'iframe'): CspNeed[] {
  if (kind === 'iframe') {
    return [
      {
        directive: 'frame-src',
        sources: origin,
        why: { da: 'siden i iframen', en: 'the page in the iframe' },
      },
      {
        directive: 'script-src',
        sources: origin,
        why: {
          da: 'kun hvis I bruger resize.js, der tilpasser iframens højde',
          en: 'only if you use resize.js, which sizes the iframe',
        },
      },
    ];
  }
  return [
    {
      directive: 'script-src',
      sources: origin,
      why: { da: 'widget-bundlen samskab.js', en: 'the widget bundle samskab.js' },
    },
    {
      directive: 'connect-src',
      sources: origin,
      why: {
        da: 'widgetten henter og sender data til Samskab-serveren',
        en: 'the widget reads from and sends to the Samskab server',
      },
    },
    {
      directive: 'trusted-types',
      // Each copy of the bundle (the evergreen and a pinned URL are two
      // modules) makes its own lit-html policy, and the browser refuses a
      // second createPolicy with a used name unless 'allow-duplicates' is given:
      // https://w3c.github.io/trusted-types/dist/spec/#should-block-create-policy
      sources: "lit-html 'allow-duplicates'",
      why: {
        da: "kun hvis jeres politik har et trusted-types-direktiv: widgetterne bruger Lits politik lit-html. 'allow-duplicates' skal med, fordi hver kopi af bundlen opretter politikken: indlæses den to gange (fx både /samskab.js og en fastlåst /v/<version>/samskab.js), afviser browseren ellers den anden kopi",
        en: "only if your policy has a trusted-types directive: the widgets use Lit’s policy lit-html. 'allow-duplicates' is needed because each copy of the bundle creates the policy: loaded twice (say both /samskab.js and a pinned /v/<version>/samskab.js), the browser would otherwise refuse the second copy",
      },
    },
  ];
}
