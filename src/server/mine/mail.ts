/**
 * The one mail of "Mine vagter": the link to the resident's own page, in
 * Danish or English after the language of the request. Written as blocks and
 * rendered as plain text and simple escaped HTML by mail/messages.ts.
 */
import type { Locale } from '../../i18n/index.js';
import { type Block, render } from '../mail/messages.js';
import type { OutgoingMail } from '../mail/outbox.js';

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
