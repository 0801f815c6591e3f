/**
 * Text a municipality can paste into its privacy notice (privatlivspolitik)
 * and its accessibility statement (tilgængelighedserklæring) for one widget.
 * Plain text: the webmaster pastes it into their CMS, which does the markup.
 */
import type { Locale } from '../../i18n/index.js';
import type { EmbedWidget } from './catalogue.js';

/** The privacy notice section for `widget`; `processor` names who runs the server. */
export function privacyText(
  widget: EmbedWidget,
  locale: Locale,
  retentionMonths: number,
  processor: string | undefined,
) {
  const items = widget.collects[locale].map((item) => `• ${item}`).join('\n');
  // A shift claim is needed until the shift is over, so its clock starts then.
  const shifts = widget.tag === 'samskab-shift-calendar';
  if (locale === 'en') {
    const who =
      processor ||
      '[name of the supplier who runs the Samskab server on the municipality’s behalf]';
    return `${widget.name.en} on this website

What we collect
${items}

Why
We use the information ${widget.purpose.en}. The legal basis is your consent (GDPR art. 6(1)(a)); you can withdraw it at any time by writing to us.

Where it is stored and for how long
The information is sent directly to the municipality’s Samskab server and stored there in the EU. It is erased ${retentionMonths} months after ${shifts ? 'the shift' : 'it was given'}, or sooner if you ask. The form sets no cookies and uses no tracking or third-party services. If your connection drops, what you typed is kept in your own browser until it has been sent, and then removed.

Who handles it
The municipality is the data controller. ${who} runs the server as our data processor under a data processing agreement.

Your rights
You may see, correct and have erased the information we hold about you, and you may complain to Datatilsynet.`;
  }
  const who = processor || '[navn på den leverandør, der driver Samskab-serveren for kommunen]';
  return `${widget.name.da} på hjemmesiden

Hvad vi indsamler
${items}

Hvorfor
Vi bruger oplysningerne til ${widget.purpose.da}. Behandlingen sker på grundlag af dit samtykke (databeskyttelsesforordningens art. 6, stk. 1, litra a). Du kan altid trække samtykket tilbage ved at skrive til os.

Hvor og hvor længe
Oplysningerne sendes direkte til kommunens Samskab-server og opbevares der i EU. De slettes ${retentionMonths} måneder efter${shifts ? ' vagten' : ', at du gav dem'}, eller før, hvis du beder om det. Formularen sætter ingen cookies og bruger ingen sporing eller tredjepartstjenester. Hvis forbindelsen afbrydes, gemmes det, du har skrevet, i din egen browser, indtil det er sendt, og slettes derefter.

Hvem behandler oplysningerne
Kommunen er dataansvarlig. ${who} driver serveren som vores databehandler efter en databehandleraftale.

Dine rettigheder
Du har ret til at se, rette og få slettet de oplysninger, vi har om dig, og du kan klage til Datatilsynet.`;
}

/**
 * The accessibility statement section for `widget`: what was tested and the
 * limitations we know of, so the statement stays true.
 */
export function accessibilityText(widget: EmbedWidget, locale: Locale) {
  if (locale === 'en') {
    return `${widget.name.en} (Samskab)

The widget is made to meet WCAG 2.1 level AA. Every state is checked with axe-core in Chromium, every task can be done with the keyboard alone, it reflows at 320 px, follows the page’s zoom and text size, respects forced colours (Windows high contrast) and reduced motion, and announces progress and errors to screen readers.

Known limitations
• The widget needs JavaScript. Without it, a link leads to the same form on the municipality’s Samskab server.
• If you change its colours, check the contrast: the configurator warns below 4.5:1 for text and 3:1 for controls.
• The widget has not yet been tested by users of every screen reader; please tell us about any barrier you meet.`;
  }
  return `${widget.name.da} (Samskab)

Widgetten er lavet til at overholde WCAG 2.1 niveau AA. Alle tilstande er tjekket med axe-core i Chromium, alt kan gøres med tastaturet alene, den kan vises i 320 px bredde, følger sidens zoom og tekststørrelse, respekterer tvungne farver (Windows høj kontrast) og reduceret bevægelse og læser fremdrift og fejl op for skærmlæsere.

Kendte begrænsninger
• Widgetten kræver JavaScript. Uden JavaScript fører et link til den samme formular på kommunens Samskab-server.
• Hvis I ændrer farverne, så tjek kontrasten: konfiguratoren advarer under 4,5:1 for tekst og 3:1 for kontroller.
• Widgetten er endnu ikke testet af brugere af alle skærmlæsere; fortæl os gerne om barrierer, I møder.`;
}
