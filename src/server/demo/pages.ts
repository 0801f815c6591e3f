/**
 * The demo pages: a made-up municipal site in the spirit of DKFDS (Det
 * Fælles Designsystem), showing the widgets as a resident would meet them and
 * the snippet a webmaster pastes. Every value goes through `html`, which
 * escapes it; there is no inline style or script (the page runs under
 * `PAGE_CSP`).
 */
import { html } from 'hono/html';

type Markup = ReturnType<typeof html>;

interface LayoutProps {
  title: string;
  current: 'frivillig' | 'privatliv';
  crumbs: { label: string; href?: string }[];
  body: Markup;
}

function layout({ title, current, crumbs, body }: LayoutProps) {
  const here = (page: LayoutProps['current']) =>
    page === current ? html` aria-current="page"` : '';
  return html`<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Eksempel Kommune</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/demo.css">
<script type="module" src="/samskab.js"></script>
</head>
<body>
<a class="skip-link" href="#indhold">Gå til sidens indhold</a>
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
</footer>
</body>
</html>`;
}

function snippet(origin: string, activity?: string) {
  const attributes = activity
    ? `activity="${activity}" privacy-url="/privatliv"`
    : 'privacy-url="/privatliv"';
  return `<script type="module" src="${origin}/samskab.js"></script>\n<samskab-signup-form ${attributes}></samskab-signup-form>`;
}

function example(id: string, heading: string, intro: string, widget: Markup, code: string) {
  return html`<section class="example" aria-labelledby="${id}">
  <h2 id="${id}">${heading}</h2>
  <p>${intro}</p>
  <div class="example__grid">
    <div class="example__widget">${widget}</div>
    <div class="example__code">
      <h3>Kode til jeres hjemmeside</h3>
      <p>Indsæt dette i jeres CMS, hvor formularen skal stå:</p>
      <pre><code>${code}</code></pre>
    </div>
  </div>
</section>`;
}

/** `/`: the sign-up widget twice, each beside the snippet that produced it; `origin` is this server's. */
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
  'Formularen er knyttet til én bestemt aktivitet med attributten activity.',
  html`<samskab-signup-form activity="besoegsven" privacy-url="/privatliv"></samskab-signup-form>`,
  snippet(origin, 'besoegsven'),
)}
${example(
  'alle-heading',
  'Vælg selv en aktivitet',
  'Uden activity vælger borgeren selv blandt kommunens aktiviteter.',
  html`<samskab-signup-form privacy-url="/privatliv"></samskab-signup-form>`,
  snippet(origin),
)}
<section class="note" aria-labelledby="webmaster-heading">
  <h2 id="webmaster-heading">Til webmasteren</h2>
  <ul>
    <li>Scriptet er ét lille ES-modul. Det sætter ingen cookies og virker under en streng
    Content Security Policy med <code>trusted-types lit-html</code>.</li>
    <li>Tilføj jeres domæne til serverens <code>SAMSKAB_ALLOWED_ORIGINS</code>, så formularen
    må sende tilmeldinger hertil.</li>
    <li>Ret <code>privacy-url</code>, så den peger på jeres egen privatlivspolitik.</li>
  </ul>
</section>`,
  });
}

/** `/privatliv`: a short privacy notice for the sign-up, in plain Danish. */
export function privacyPage() {
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
trækker dit samtykke tilbage, eller når vi ikke længere har brug for den – senest 12 måneder
efter, at du sidst har været aktiv som frivillig.</p>

<h2>Dine rettigheder</h2>
<p>Du har ret til at se de oplysninger, vi har om dig, og til at få dem rettet eller slettet.
Du kan til enhver tid trække dit samtykke tilbage. Skriv til
<a href="mailto:frivillig@eksempel.dk">frivillig@eksempel.dk</a>. Er du utilfreds med, hvordan
vi behandler dine oplysninger, kan du klage til Datatilsynet
(<a href="https://www.datatilsynet.dk">datatilsynet.dk</a>).</p>`,
  });
}
