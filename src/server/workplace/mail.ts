/**
 * The workplace's two mails, Danish or English after the reader's language:
 * a sign-in link (15 minutes, once) and an invitation (72 hours, once).
 */
import type { Locale } from '../../i18n/index.js';
import { type Block, render } from '../mail/messages.js';
import type { OutgoingMail } from '../mail/outbox.js';

const sign = (site: string, locale: Locale) =>
  locale === 'en'
    ? `Best wishes\n${site || 'Samskab'}\n\nThis mail was sent automatically.`
    : `Venlig hilsen\n${site || 'Samskab'}\n\nDenne mail er sendt automatisk.`;

export function signInLinkMail(p: { to: string; locale: Locale; url: string; site: string }) {
  const blocks: Block[] =
    p.locale === 'en'
      ? [
          'You (or someone who typed your address) asked to sign in to the Samskab workplace.',
          { text: 'Sign in', href: p.url },
          'The link works once and for 15 minutes. If you did not ask for it, ignore this mail: nothing happens without the link.',
          sign(p.site, p.locale),
        ]
      : [
          'Du (eller en, der skrev din adresse) har bedt om at logge ind på Samskabs arbejdsplads.',
          { text: 'Log ind', href: p.url },
          'Linket virker én gang og i 15 minutter. Har du ikke bedt om det, så se bort fra denne mail: Der sker intet uden linket.',
          sign(p.site, p.locale),
        ];
  return {
    to: p.to,
    kind: 'workplace.link',
    subject: p.locale === 'en' ? 'Sign in to Samskab' : 'Log ind på Samskab',
    ...render(p.locale, blocks),
  } satisfies OutgoingMail;
}

export function invitationMail(p: {
  to: string;
  locale: Locale;
  url: string;
  site: string;
  by: string;
  role: string;
}) {
  const blocks: Block[] =
    p.locale === 'en'
      ? [
          `${p.by} invites you to the Samskab workplace as ${p.role}, where you run activities, shifts and sign-ups of volunteers.`,
          { text: 'Accept the invitation', href: p.url },
          'The invitation is valid for 72 hours and works once. If you did not expect it, ignore this mail.',
          sign(p.site, p.locale),
        ]
      : [
          `${p.by} inviterer dig til Samskabs arbejdsplads som ${p.role}. Her styrer du aktiviteter, vagter og tilmeldinger af frivillige.`,
          { text: 'Tag imod invitationen', href: p.url },
          'Invitationen gælder i 72 timer og virker én gang. Har du ikke ventet den, så se bort fra denne mail.',
          sign(p.site, p.locale),
        ];
  return {
    to: p.to,
    kind: 'workplace.invitation',
    subject:
      p.locale === 'en'
        ? 'Invitation to the Samskab workplace'
        : 'Invitation til Samskabs arbejdsplads',
    ...render(p.locale, blocks),
  } satisfies OutgoingMail;
}
