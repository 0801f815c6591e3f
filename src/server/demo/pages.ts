/**
 * The demo pages: a made-up municipal site in the spirit of DKFDS (Det
 * Fælles Designsystem), showing the widgets as a resident would meet them and
 * the snippet a webmaster pastes. Every value goes through `html`, which
 * escapes it; there is no inline style or script (the page runs under
 * `PAGE_CSP`).
 */
import { html } from 'hono/html';
import { EmbedOptions } from '../../schemas/embed.js';
import { widgetBySlug } from '../embed/catalogue.js';
import { widgetMarkup } from '../embed/pages.js';
import { scriptSnippet } from '../embed/snippet.js';
import { type Markup, page } from '../pages/layout.js';

interface LayoutProps {
  title: string;
  current: 'frivillig' | 'privatliv';
  crumbs: { label: string; href?: string }[];
  body: Markup;
}

function layout({ title, current, crumbs, body }: LayoutProps) {
  const here = (link: LayoutProps['current']) =>
    link === current ? html` aria-current="page"` : '';
  return page({
    lang: 'da',
    title: `${title} – Eksempel Kommune`,
    stylesheets: ['/demo.css'],
    scripts: ['/samskab.js'],
    body: html`<a class="skip-link" href="#indhold">Gå til sidens indhold</a>
<header class="portal-header">
  <div class="container portal-header__inner">
    <a class="logo" href="/">
      <span class="logo__mark" aria-hidden="true"></span>
      <span class="logo__name">Eksempel Kommune</span>
    </a>
    <p class="portal-header__service">Borgerservice <a href="tel:+4570101010">70 10 10 10</a></p>
  </div>
  <nav class="navigation" aria-label="Hovedmenu">
    <ul class="container navigation__list">
      <li><a href="/"${here('frivillig')}>Frivillighed</a></li>
      <li><a href="/privatliv"${here('privatliv')}>Privatliv</a></li>
    </ul>
  </nav>
</header>
<div class="container">
  <nav class="breadcrumbs" aria-label="Brødkrumme">
    <ol>
      ${crumbs.map((crumb) =>
        crumb.href
          ? html`<li><a href="${crumb.href}">${crumb.label}</a></li>`
          : html`<li aria-current="page">${crumb.label}</li>`,
      )}
    </ol>
  </nav>
  <main id="indhold" class="content" tabindex="-1">
    ${body}
  </main>
</div>
<footer class="footer">
  <div class="container footer__inner">
    <section aria-labelledby="footer-kontakt">
      <h2 id="footer-kontakt">Eksempel Kommune</h2>
      <p>Rådhustorvet 1<br>9999 Eksempelby<br>CVR 12 34 56 78</p>
    </section>
    <section aria-labelledby="footer-hjaelp">
      <h2 id="footer-hjaelp">Kontakt</h2>
      <p>Telefon <a href="tel:+4570101010">70 10 10 10</a><br>
      <a href="mailto:frivillig@eksempel.dk">frivillig@eksempel.dk</a></p>
    </section>
    <section aria-labelledby="footer-om">
      <h2 id="footer-om">Om siden</h2>
      <ul>
        <li><a href="/privatliv">Privatlivspolitik</a></li>
        <li>Siden bruger ingen cookies og ingen sporing.</li>
      </ul>
    </section>
  </div>
</footer>`,
  });
}

/** One widget on the demo page, beside the snippet a webmaster pastes to get it. */
function example(
  id: string,
  heading: string,
  intro: Markup,
  origin: string,
  options: EmbedOptions,
) {
  return html`<section class="example" aria-labelledby="${id}">
  <h2 id="${id}">${heading}</h2>
  <p>${intro}</p>
  <div class="example__grid">
    <div class="example__widget">${widgetMarkup(widgetBySlug(options.widget), options)}</div>
    <div class="example__code">
      <h3>Kode til jeres hjemmeside</h3>
      <p>Indsæt dette i jeres CMS, hvor widgetten skal stå:</p>
      <pre tabindex="0"><code>${scriptSnippet(origin, options)}</code></pre>
    </div>
  </div>
</section>`;
}

const demo = (options: Record<string, string>) =>
  EmbedOptions.parse({ 'privacy-url': '/privatliv', ...options });

/** `/`: every widget, each beside the snippet that produced it; `origin` is this server's. */
export function demoPage(origin: string) {
  return layout({
    title: 'Bliv frivillig',
    current: 'frivillig',
    crumbs: [{ label: 'Forside', href: '/' }, { label: 'Fællesskab og frivillighed' }],
    body: html`<h1>Bliv frivillig i Eksempel Kommune</h1>
<p class="lead">Der er brug for dig. Som frivillig skaber du fællesskab sammen med borgere,
foreninger og kommunens medarbejdere – i det omfang, der passer til dit liv.</p>
${example(
  'besoegsven-heading',
  'Bliv besøgsven',
  html`Formularen er knyttet til én aktivitet med attributten <code>activity</code>.`,
  origin,
  demo({ widget: 'signup-form', activity: 'besoegsven' }),
)}
${example(
  'alle-heading',
  'Vælg selv en aktivitet',
  html`Uden <code>activity</code> vælger borgeren selv blandt kommunens aktiviteter.`,
  origin,
  demo({ widget: 'signup-form' }),
)}
${example(
  'vagter-heading',
  'Tag en vagt i lektiecaféen',
  html`Vagtkalenderen viser ledige pladser i dansk tid. Du kan tage en vagt, skrive dig på
  ventelisten, lægge vagten i din egen kalender og melde fra med et link.`,
  origin,
  demo({ widget: 'shift-calendar', activity: 'lektiecafe' }),
)}
${example(
  'refleksion-heading',
  'Hvordan gik din vagt?',
  html`Efter en vagt tager refleksionen under et minut. Den er anonym, medmindre du selv beder
  om at blive kontaktet.`,
  origin,
  EmbedOptions.parse({ widget: 'reflection-prompt', activity: 'besoegsven' }),
)}
<section class="note" aria-labelledby="webmaster-heading">
  <h2 id="webmaster-heading">Til webmasteren</h2>
  <ul>
    <li><a href="/embed">Lav jeres egen kode i konfiguratoren</a>: vælg widget, aktivitet, sprog og
    farver, og få CSP-direktiver, en låst version med SRI, en iframe-løsning og tekster til
    privatlivspolitikken og tilgængelighedserklæringen.</li>
    <li><a href="/docs">Reference for widgetterne</a>: attributter, hændelser, dele og CSS-variabler.</li>
    <li>Scriptet er ét lille ES-modul. Det sætter ingen cookies og virker under en streng
    Content Security Policy med <code>trusted-types lit-html 'allow-duplicates'</code>
    (så det også virker, hvis scriptet indlæses to gange).</li>
    <li>Tilføj jeres domæne til serverens <code>SAMSKAB_ALLOWED_ORIGINS</code>.</li>
  </ul>
</section>
<section class="note" aria-labelledby="leder-heading">
  <h2 id="leder-heading">Til lederen</h2>
  <p><a href="/leder/puls">Se pulsen for jeres frivillige</a> – ugentlige tal for mening, energi
  og belastning, aldrig for færre end tre svar. Log ind med serverens admin-token som adgangskode.</p>
</section>`,
  });
}

/** `/privatliv`: a short privacy notice for the sign-up, in plain Danish. */
export function privacyPage(retentionMonths: number) {
  const months = `${retentionMonths} ${retentionMonths === 1 ? 'måned' : 'måneder'}`;
  return layout({
    title: 'Privatlivspolitik for frivilligtilmelding',
    current: 'privatliv',
    crumbs: [{ label: 'Forside', href: '/' }, { label: 'Privatlivspolitik' }],
    body: html`<h1>Sådan behandler vi dine oplysninger, når du melder dig som frivillig</h1>
<p class="lead">Eksempel Kommune er dataansvarlig for de oplysninger, du giver os i
tilmeldingsformularen.</p>

<h2>Hvad vi gemmer</h2>
<ul>
  <li>dit navn og din e-mailadresse</li>
  <li>dit telefonnummer, hvis du skriver det</li>
  <li>hvad du gerne vil hjælpe med, og hvornår du kan, hvis du skriver det</li>
  <li>din aldersgruppe (under 15, 15–17 eller 18+) – ikke din fødselsdato</li>
  <li>om en forælder eller værge har givet samtykke, hvis du er under 18</li>
  <li>hvilken aktivitet du har meldt dig til, og hvornår</li>
</ul>
<p>Vi gemmer ikke din IP-adresse, og vi bruger hverken cookies eller sporing – heller ikke
i formularen på andre hjemmesider.</p>

<h2>Hvorfor</h2>
<p>Vi bruger oplysningerne til at kontakte dig om frivilligt arbejde og til at finde en
opgave, der passer til dig. Grundlaget er dit samtykke (databeskyttelsesforordningens
artikel 6, stk. 1, litra a). Vi giver ikke oplysningerne videre til andre.</p>

<h2>Hvor og hvor længe</h2>
<p>Oplysningerne ligger på kommunens egen server. Kun de medarbejdere, der koordinerer
frivillige, kan se dem. Vi sletter din tilmelding, når du beder om det, når du
trækker dit samtykke tilbage, og senest ${months} efter, at du meldte dig. Tager du en vagt,
sletter vi dit navn og dine kontaktoplysninger på vagten senest ${months} efter vagten.</p>

<h2>Dine rettigheder</h2>
<p>Du har ret til at se de oplysninger, vi har om dig, og til at få dem rettet eller slettet.
Du kan til enhver tid trække dit samtykke tilbage. Skriv til
<a href="mailto:frivillig@eksempel.dk">frivillig@eksempel.dk</a>. Er du utilfreds med, hvordan
vi behandler dine oplysninger, kan du klage til Datatilsynet
(<a href="https://www.datatilsynet.dk">datatilsynet.dk</a>).</p>`,
  });
}
