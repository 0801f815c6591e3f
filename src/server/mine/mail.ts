/**
 * The one mail of "Mine vagter": the link to the resident's own page, in
 * Danish or English after the language of the request. Written as blocks and
 * rendered as plain text and simple escaped HTML, as mail/messages.ts does
 * (its renderer is not exported, so the few lines are repeated here).
 */
import { html, raw } from 'hono/html';
import type { Locale } from '../../i18n/index.js';
import type { OutgoingMail } from '../mail/outbox.js';

/** A paragraph, or a link on a line of its own. */
type Block = string | { text: string; href: string };

function render(locale: Locale, blocks: readonly Block[]): { text: string; html: string } {
  const text = blocks
    .map((b) => (typeof b === 'string' ? b : `${b.text}:\n${b.href}`))
    .join('\n\n');
  const body = blocks
    .map((b) =>
      typeof b === 'string' ? html`<p>${b}</p>` : html`<p><a href="${b.href}">${b.text}</a></p>`,
    )
    .join('\n');
  const page = html`<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
${raw(body)}
</body>
</html>`;
  return { text: `${text}\n`, html: page.toString() };
}

export interface MineLinkMailInput {
  to: string;
  locale: Locale;
  /** The single-use link to the page (`/mine/adgang/<token>`). */
  url: string;
  /** The municipality, or '' (see `Site`). */
  site: string;
}

/** "Your link to Mine vagter": valid 15 minutes, once; ignore it if you did not ask. */
export function mineLinkMail(p: MineLinkMailInput): OutgoingMail {
  const from = p.site || 'Samskab';
  const blocks: Block[] =
    p.locale === 'en'
      ? [
          'You (or someone who typed your address) asked for a link to “My shifts”, where you can see your sign-ups and shifts, give a shift up, download your data and erase yourself.',
          { text: 'Open My shifts', href: p.url },
          'The link works once and for 15 minutes. If you did not ask for it, ignore this mail: nothing happens without the link.',
          `Best wishes\n${from}\n\nThis mail was sent automatically. Reply to it if you have questions.`,
        ]
      : [
          'Du (eller en, der skrev din adresse) har bedt om et link til »Mine vagter«, hvor du kan se dine tilmeldinger og vagter, melde afbud, hente dine data og slette dig.',
          { text: 'Åbn Mine vagter', href: p.url },
          'Linket virker én gang og i 15 minutter. Har du ikke bedt om det, så se bort fra denne mail: Der sker intet uden linket.',
          `Venlig hilsen\n${from}\n\nDenne mail er sendt automatisk. Svar på den, hvis du har spørgsmål.`,
        ];
  return {
    to: p.to,
    kind: 'mine.link',
    subject: p.locale === 'en' ? 'Your link to My shifts' : 'Dit link til Mine vagter',
    ...render(p.locale, blocks),
  };
}
