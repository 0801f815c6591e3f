/**
 * The texts of "Mine vagter", Danish first. Kept here rather than in the
 * server catalogues (src/i18n/server/), whose registration lives in a file
 * this feature does not own; they move there once it is registered.
 */
import type { Locale } from '../../i18n/index.js';

const da = {
  title: 'Mine vagter',
  intro:
    'Skriv den e-mailadresse, du brugte, da du meldte dig eller tog en vagt. Vi sender et link, der viser dine tilmeldinger og vagter. Der er ingen adgangskode og ingen cookies.',
  emailLabel: 'Din e-mailadresse',
  send: 'Send mig et link',
  emailInvalid: 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.',
  sent: 'Tjek din indbakke. Hvis vi har noget om adressen, har vi sendt et link til den. Linket virker én gang og i 15 minutter.',
  again: 'Bed om et nyt link',
  linkLead:
    'Tryk på knappen for at åbne dine tilmeldinger og vagter. Linket kan kun bruges én gang.',
  open: 'Åbn Mine vagter',
  linkGone:
    'Linket er brugt eller udløbet (det virker én gang og i 15 minutter). Du kan bede om et nyt.',
  sessionGone: 'Siden er udløbet (den virker i 30 minutter). Bed om et nyt link for at fortsætte.',
  crossSite: 'Formularen blev sendt fra en anden side og er afvist.',
  sessionNote:
    'Siden virker i 30 minutter. Brug knapperne her; et genindlæst link virker ikke igen.',
  claims: 'Dine vagter',
  noClaims: 'Du har ingen vagter.',
  placeHeld: 'Du har en plads.',
  waiting: (n: number) => `Du er nummer ${n} på ventelisten.`,
  begun: 'Vagten er begyndt eller forbi.',
  cancel: 'Meld afbud',
  leaveLine: 'Forlad ventelisten',
  signups: 'Dine tilmeldinger',
  noSignups: 'Du har ingen tilmeldinger.',
  signedUp: (when: string) => `Tilmeldt ${when}.`,
  data: 'Dine data',
  dataLead:
    'Hent alt, vi har om din adresse, som en fil (JSON), eller slet det hele. Sletter du dig, gives dine pladser videre til den næste på ventelisten.',
  export: 'Hent alle mine data (JSON)',
  erase: 'Slet mig',
  cancelled: (title: string) => `Du har meldt afbud til »${title}«.`,
  tooLate: (deadline: string) =>
    `Fristen for at melde afbud var ${deadline}. Kontakt koordinatoren, hvis du ikke kan komme.`,
  unknownClaim: 'Vagten findes ikke længere på din liste.',
  confirmTitle: 'Slet alt om dig?',
  confirmLead: (signups: number, claims: number) =>
    `Vi sletter ${signups} ${signups === 1 ? 'tilmelding' : 'tilmeldinger'} og ${claims} ${claims === 1 ? 'vagt' : 'vagter'}. Det kan ikke fortrydes. Pladser du har, går til den næste på ventelisten.`,
  confirm: 'Ja, slet alt',
  back: 'Nej, tilbage',
  erased: 'Du er slettet. Vi har slettet:',
  erasedSignups: (n: number) => `${n} ${n === 1 ? 'tilmelding' : 'tilmeldinger'}`,
  erasedClaims: (n: number) => `${n} ${n === 1 ? 'vagt' : 'vagter'}`,
  erasedNote:
    'Mails, der allerede er sendt til dig, slettes fra vores udbakke efter 7 dage. Linket til denne side virker ikke længere.',
  otherLanguage: 'English',
};

const en: typeof da = {
  title: 'My shifts',
  intro:
    'Type the e-mail address you used when you signed up or took a shift. We send a link that shows your sign-ups and shifts. There is no password and no cookie.',
  emailLabel: 'Your e-mail address',
  send: 'Send me a link',
  emailInvalid: 'Type a valid e-mail address, e.g. name@example.com.',
  sent: 'Check your inbox. If we hold anything about the address, we have sent a link to it. The link works once and for 15 minutes.',
  again: 'Ask for a new link',
  linkLead: 'Press the button to open your sign-ups and shifts. The link can be used only once.',
  open: 'Open My shifts',
  linkGone:
    'The link has been used or has expired (it works once and for 15 minutes). You can ask for a new one.',
  sessionGone: 'This page has expired (it works for 30 minutes). Ask for a new link to go on.',
  crossSite: 'The form was sent from another site and was refused.',
  sessionNote:
    'This page works for 30 minutes. Use the buttons here; a reloaded link does not work again.',
  claims: 'Your shifts',
  noClaims: 'You have no shifts.',
  placeHeld: 'You have a place.',
  waiting: (n: number) => `You are number ${n} on the waiting list.`,
  begun: 'The shift has begun or is over.',
  cancel: 'Give up my place',
  leaveLine: 'Leave the waiting list',
  signups: 'Your sign-ups',
  noSignups: 'You have no sign-ups.',
  signedUp: (when: string) => `Signed up ${when}.`,
  data: 'Your data',
  dataLead:
    'Download everything we hold about your address as a file (JSON), or erase all of it. If you erase yourself, your places go to the next on the waiting list.',
  export: 'Download all my data (JSON)',
  erase: 'Erase me',
  cancelled: (title: string) => `You have given up your place on “${title}”.`,
  tooLate: (deadline: string) =>
    `The deadline for giving the place up was ${deadline}. Contact the coordinator if you cannot come.`,
  unknownClaim: 'That shift is no longer on your list.',
  confirmTitle: 'Erase everything about you?',
  confirmLead: (signups: number, claims: number) =>
    `We erase ${signups} ${signups === 1 ? 'sign-up' : 'sign-ups'} and ${claims} ${claims === 1 ? 'shift' : 'shifts'}. This cannot be undone. Places you hold go to the next on the waiting list.`,
  confirm: 'Yes, erase everything',
  back: 'No, go back',
  erased: 'You are erased. We erased:',
  erasedSignups: (n: number) => `${n} ${n === 1 ? 'sign-up' : 'sign-ups'}`,
  erasedClaims: (n: number) => `${n} ${n === 1 ? 'shift' : 'shifts'}`,
  erasedNote:
    'Mails already sent to you are erased from our outbox after 7 days. The link to this page no longer works.',
  otherLanguage: 'Dansk',
};

/** The texts for `locale`. */
export const mineTexts = (locale: Locale) => (locale === 'en' ? en : da);
export type MineTexts = typeof da;
