/**
 * The webmaster's pages: the embed configurator, the minimal page each widget
 * has for iframes and links, and the reference docs built from
 * custom-elements.json. All markup goes through `html`, which escapes every
 * value; no inline style or script (the pages run under a strict CSP).
 */
import { html, raw } from 'hono/html';
import type { Activity } from '../../schemas/activity.js';
import type { EmbedOptions, EmbedPapers } from '../../schemas/embed.js';
import { type Markup, page } from '../pages/layout.js';
import { type EmbedWidget, WIDGETS, widgetBySlug } from './catalogue.js';
import { DEFAULT_COLOURS } from './contrast.js';
import type { ManifestElement } from './manifest.js';
import { embedQuery, widgetAttributes } from './snippet.js';

function layout(title: string, body: Markup, scripts: readonly string[] = []) {
  return page({
    lang: 'da',
    title: `${title} – Samskab`,
    stylesheets: ['/embed/embed.css'],
    scripts,
    body: html`<a class="skip-link" href="#indhold">Gå til sidens indhold</a>
<header class="masthead">
  <p class="masthead__name"><a href="/">Samskab</a> <span>for webmastere</span></p>
  <nav aria-label="Webmaster">
    <ul>
      <li><a href="/embed">Indlejring</a></li>
      <li><a href="/docs">Reference</a></li>
      <li><a href="/">Demo</a></li>
    </ul>
  </nav>
</header>
<main id="indhold" tabindex="-1">
${body}
</main>`,
  });
}

/** The widget element itself, with its attributes, as the preview, the hosted and demo pages show it. */
export function widgetMarkup(widget: EmbedWidget, options: EmbedOptions, id?: string) {
  // Tags and attribute names come from our own catalogue; values are escaped by `html`.
  const attributes = widgetAttributes(widget, options);
  const attrs = attributes.map(([name, value]) => html` ${name}="${value}"`);
  return html`${raw(`<${widget.tag}`)}${id ? html` id="${id}"` : ''}${attrs}>${raw(`</${widget.tag}>`)}`;
}

const radio = (name: string, value: string, label: string, checked: boolean) =>
  html`<label class="choice"><input type="radio" name="${name}" value="${value}"${checked ? html` checked` : ''}> ${label}</label>`;

/**
 * A snippet with its copy button. The label names the group, not the `<pre>`:
 * ARIA forbids naming a `<pre>` (its role is generic), and screen readers drop
 * such a name, while a group's name is read on entering it, for the code and
 * the button alike.
 */
function codeBox(id: string, label: string, code: string) {
  return html`<div class="code" role="group" aria-labelledby="${id}-label">
  <div class="code__bar">
    <span id="${id}-label">${label}</span>
    <button type="button" class="copy" data-copy="${id}" hidden>Kopiér</button>
  </div>
  <pre tabindex="0"><code id="${id}">${code}</code></pre>
</div>`;
}

/** `/embed`: choose, preview, copy; everything works without script, and live with it. */
export function configuratorPage(
  options: EmbedOptions,
  papers: EmbedPapers,
  activities: Activity[],
) {
  const widget = widgetBySlug(options.widget);
  const colour = (name: 'primary' | 'text' | 'background', label: string) => html`
    <div class="field">
      <label for="${name}">${label}</label>
      <input type="color" id="${name}" name="${name}" value="${options[name] ?? DEFAULT_COLOURS[name]}">
    </div>`;
  const contrastNames = {
    text: 'Tekst på baggrund',
    button: 'Knaptekst på primærfarve',
    links: 'Links i primærfarve på baggrund',
    controls: 'Feltkanter på baggrund',
  };
  const body = html`
<h1>Indlejr Samskab på jeres hjemmeside</h1>
<p class="lead">Vælg widget, aktivitet og udseende. Kopiér koden til jeres CMS, og tag teksterne til
privatlivspolitikken og tilgængelighedserklæringen med. Widgetterne sætter ingen cookies og virker
under en streng Content Security Policy.</p>

<div class="configurator">
<form class="settings" method="get" action="/embed" id="settings" aria-labelledby="settings-heading">
  <h2 id="settings-heading">Indstillinger</h2>
  <fieldset class="field">
    <legend>Widget</legend>
    ${WIDGETS.map((w) => radio('widget', w.slug, w.name.da, w.slug === options.widget))}
  </fieldset>
  <div class="field">
    <label for="activity">Aktivitet</label>
    <select id="activity" name="activity">
      <option value=""${options.activity ? '' : html` selected`}>Lad borgeren vælge (kun tilmelding)</option>
      ${activities.map(
        (a) =>
          html`<option value="${a.id}"${a.id === options.activity ? html` selected` : ''}>${a.title}</option>`,
      )}
    </select>
  </div>
  <div class="field">
    <label for="view">Visning (vagtkalender)</label>
    <select id="view" name="view" aria-describedby="view-hint">
      <option value=""${options.view ? '' : html` selected`}>Automatisk</option>
      <option value="list"${options.view === 'list' ? html` selected` : ''}>Liste</option>
      <option value="week"${options.view === 'week' ? html` selected` : ''}>Uge</option>
      <option value="month"${options.view === 'month' ? html` selected` : ''}>Måned</option>
    </select>
    <p class="hint" id="view-hint">Automatisk viser en liste på smalle skærme.</p>
  </div>
  <fieldset class="field">
    <legend>Sprog</legend>
    ${radio('lang', 'da', 'Dansk', options.lang === 'da')}
    ${radio('lang', 'en', 'Engelsk', options.lang === 'en')}
  </fieldset>
  <fieldset class="field">
    <legend>Tema</legend>
    ${radio('theme', 'default', 'Samskabs eget (passer til DKFDS)', options.theme === 'default')}
    ${radio('theme', 'inherit', 'Arv sidens skrifttype og tekstfarve', options.theme === 'inherit')}
  </fieldset>
  ${colour('primary', 'Primærfarve (knapper og links)')}
  ${colour('text', 'Tekstfarve')}
  ${colour('background', 'Baggrundsfarve')}
  <div class="field">
    <label for="font">Skrifttype (valgfri)</label>
    <input id="font" name="font" value="${options.font ?? ''}" aria-describedby="font-hint" autocomplete="off">
    <p class="hint" id="font-hint">Fx <code>"IBM Plex Sans", Arial, sans-serif</code> – den skal være indlæst på jeres side.</p>
  </div>
  <div class="field">
    <label for="privacy-url">Link til jeres privatlivspolitik (tilmelding og vagter)</label>
    <input id="privacy-url" name="privacy-url" value="${options['privacy-url'] ?? ''}" aria-describedby="privacy-url-hint" autocomplete="url">
    <p class="hint" id="privacy-url-hint">Fx <code>/privatliv</code> eller <code>https://www.kommune.dk/privatliv</code>.</p>
  </div>
  <div class="field">
    <label for="processor">Databehandler (til privatlivsteksten, valgfri)</label>
    <input id="processor" name="processor" value="${options.processor ?? ''}" autocomplete="organization">
  </div>
  <button type="submit" class="button">Opdater</button>
</form>

<section class="preview" aria-labelledby="preview-heading">
  <h2 id="preview-heading">Forhåndsvisning</h2>
  <p class="hint">Widgetten er rigtig: tilmeldinger herfra gemmes på serveren.</p>
  <link rel="stylesheet" href="/embed/theme.css${embedQuery(options)}" id="preview-theme">
  <div class="preview__frame"${options.lang === 'en' ? html` lang="en"` : ''}>
    ${widgetMarkup(widget, options, 'preview')}
  </div>
  <h3>Kontrast (WCAG 2.1 AA)</h3>
  <ul class="contrast" id="contrast" aria-live="polite">
    ${papers.contrast.map(
      (c) => html`<li class="${c.ok ? 'ok' : 'warn'}">
        <span class="contrast__mark" aria-hidden="true">${c.ok ? '✓' : '!'}</span>
        ${contrastNames[c.pair]}: ${c.ratio.toFixed(2).replace('.', ',')}:1
        ${c.ok ? html`(kræver ${String(c.needs).replace('.', ',')}:1)` : html`<strong>– for lav kontrast, kræver ${String(c.needs).replace('.', ',')}:1</strong>`}
      </li>`,
    )}
  </ul>
</section>
</div>

<section aria-labelledby="snippet-heading">
  <h2 id="snippet-heading">1. Kode til siden</h2>
  <p>Indsæt på siden, hvor widgetten skal vises. Scriptet følger altid den nyeste version.</p>
  ${codeBox('snippet-script', 'Script og widget', papers.script)}
  <h3>Låst version med Subresource Integrity</h3>
  <p>Vil I godkende hver opdatering selv, så brug den versionerede adresse: browseren afviser filen,
  hvis den ikke er præcis den, I har godkendt.</p>
  ${codeBox('snippet-versioned', 'Låst version', papers.versioned)}
  <h3>Jeres farver og skrift</h3>
  <p>Læg reglen i jeres eget stylesheet – ikke i en <code>style</code>-attribut, som en streng CSP blokerer.</p>
  ${codeBox('snippet-css', 'CSS', papers.css)}
  <h3>Content Security Policy</h3>
  <table class="csp">
    <caption>Det skal jeres CSP tillade</caption>
    <thead><tr><th scope="col">Direktiv</th><th scope="col">Kilde</th><th scope="col">Hvorfor</th></tr></thead>
    <tbody id="csp">
      ${papers.csp.map((n) => html`<tr><td><code>${n.directive}</code></td><td><code>${n.sources}</code></td><td>${n.why.da}</td></tr>`)}
    </tbody>
  </table>
  <p>Serveren skal også kende jeres domæne: føj det til <code>SAMSKAB_ALLOWED_ORIGINS</code>.</p>
</section>

<section aria-labelledby="fallback-heading">
  <h2 id="fallback-heading">2. Hvis jeres CMS fjerner scripts</h2>
  <p>Brug en iframe. Det lille script tilpasser iframens højde til indholdet; uden det har den en fast højde.</p>
  ${codeBox('snippet-iframe', 'Iframe', papers.iframe)}
  <p>Som sidste udvej: et almindeligt link til den hostede side.</p>
  ${codeBox('snippet-link', 'Link', papers.link)}
</section>

<section aria-labelledby="papers-heading">
  <h2 id="papers-heading">3. Tekster til kommunens papirer</h2>
  ${codeBox('privacy-text', 'Til privatlivspolitikken', papers.privacy)}
  ${codeBox('a11y-text', 'Til tilgængelighedserklæringen', papers.accessibility)}
</section>

<p><a href="/docs/${widget.tag}">Referencen for &lt;${widget.tag}&gt;</a>: attributter, hændelser, dele og CSS-variabler.</p>
<div class="visually-hidden" role="status" id="copy-status"></div>`;
  return layout('Indlejring', body, ['/samskab.js', '/embed/configurator.js']);
}

/**
 * `/embed/<widget>`: the widget alone, for an iframe or as the hosted page a
 * link leads to; its title names the municipality when the server knows it.
 */
export function hostedPage(widget: EmbedWidget, options: EmbedOptions, siteName = '') {
  const title = widget.linkText[options.lang];
  return page({
    lang: options.lang,
    title: siteName ? `${title} – ${siteName}` : title,
    stylesheets: ['/embed/frame.css', `/embed/theme.css${embedQuery(options)}`],
    scripts: ['/samskab.js', '/embed/frame.js'],
    body: html`<main>
${widgetMarkup(widget, options)}
</main>`,
  });
}

/** A 400 page for an iframe or hosted page given options it cannot use. */
export function badOptionsPage(issues: { path: string; message: string }[]) {
  return layout(
    'Ugyldige indstillinger',
    html`<h1>Ugyldige indstillinger</h1>
<p>Adressen har indstillinger, som widgetten ikke kan bruge:</p>
<ul>${issues.map((i) => html`<li><code>${i.path}</code>: ${i.message}</li>`)}</ul>
<p><a href="/embed">Lav en ny kode i konfiguratoren</a>.</p>`,
  );
}

/** `/docs`: one line per widget. */
export function docsIndexPage(elements: ManifestElement[]) {
  return layout(
    'Reference',
    html`<h1>Reference for Samskabs widgets</h1>
<p>Bygget fra <a href="/custom-elements.json">custom-elements.json</a>, som genereres fra komponenternes kode.</p>
<ul class="docs-index">
  ${elements.map((e) => html`<li><a href="/docs/${e.tagName}"><code>&lt;${e.tagName}&gt;</code></a> – ${e.summary ?? ''}</li>`)}
</ul>`,
  );
}

/** `/docs/<tag>`: attributes, events, parts and custom properties of one widget, with an example. */
export function docsPage(element: ManifestElement, example: string) {
  const table = (caption: string, columns: string[], rows: Markup[]) =>
    rows.length === 0
      ? ''
      : html`<table>
  <caption>${caption}</caption>
  <thead><tr>${columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
  <tbody>${rows}</tbody>
</table>`;
  return layout(
    `<${element.tagName}>`,
    html`<h1><code>&lt;${element.tagName}&gt;</code></h1>
<p class="lead">${element.summary ?? ''}</p>
<h2>Eksempel</h2>
<pre tabindex="0"><code>${example}</code></pre>
${table(
  'Attributter',
  ['Navn', 'Type', 'Beskrivelse'],
  (element.attributes ?? []).map(
    (a) =>
      html`<tr><td><code>${a.name}</code></td><td><code>${a.type?.text ?? ''}</code></td><td>${a.description ?? ''}</td></tr>`,
  ),
)}
${table(
  'Hændelser',
  ['Navn', 'Beskrivelse'],
  (element.events ?? []).map(
    (e) => html`<tr><td><code>${e.name}</code></td><td>${e.description ?? ''}</td></tr>`,
  ),
)}
${table(
  'Dele (::part)',
  ['Navn', 'Beskrivelse'],
  (element.cssParts ?? []).map(
    (p) => html`<tr><td><code>${p.name}</code></td><td>${p.description ?? ''}</td></tr>`,
  ),
)}
${table(
  'CSS-variabler',
  ['Navn', 'Beskrivelse'],
  (element.cssProperties ?? []).map(
    (p) => html`<tr><td><code>${p.name}</code></td><td>${p.description ?? ''}</td></tr>`,
  ),
)}
<p><a href="/embed?widget=${element.tagName.replace(/^samskab-/, '')}">Lav en kode til jeres side i konfiguratoren</a>.</p>`,
  );
}
