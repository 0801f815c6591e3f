/**
 * The mails residents get, in Danish or English after the language they used.
 * Each is written once as blocks (paragraphs and links) and rendered both as
 * plain text and as simple HTML, escaped, with no images, tracking pixels or
 * rewritten links: what the resident reads is all there is.
 */
import { html, raw } from 'hono/html';
import type { Locale } from '../../i18n/index.js';
import { formatDateTime, formatRange } from '../../time/copenhagen.js';
import type { OutgoingMail } from './outbox.js';

/** A paragraph, or a link on a line of its own. */
export type Block = string | { text: string; href: string };

/** `blocks` as a mail's plain text and its simple, escaped HTML. */
export function render(locale: Locale, blocks: readonly Block[]): { text: string; html: string } {
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

/** Who writes: the municipality when the server knows it, otherwise Samskab. */
const signature = (site: string) => site || 'Samskab';

/** What every resident's mail ends with. */
function footer(locale: Locale, site: string): string {
  return locale === 'en'
    ? `Best wishes\n${signature(site)}\n\nThis mail was sent automatically because you used a form on the municipality’s website. Reply to it if you have questions.`
    : `Venlig hilsen\n${signature(site)}\n\nDenne mail er sendt automatisk, fordi du har brugt en formular på kommunens hjemmeside. Svar på den, hvis du har spørgsmål.`;
}

export interface SignupMailInput {
  to: string;
  locale: Locale;
  name: string;
  activityTitle: string;
  /** The municipality, or '' (see `Site`). */
  site: string;
  retentionMonths: number;
}

/** "We have your sign-up": what happens next, how to withdraw, and the privacy notice. */
export function signupReceivedMail(p: SignupMailInput): OutgoingMail {
  const blocks: Block[] =
    p.locale === 'en'
      ? [
          `Dear ${p.name}`,
          `Thank you for signing up as a volunteer for “${p.activityTitle}”. We have received your sign-up.`,
          'What happens next: a coordinator will contact you, usually within a week, to tell you more and agree how you start. You do not need to do anything until then.',
          'Changed your mind? Reply to this mail and say so, and we will erase your sign-up. You can withdraw your consent at any time.',
          `Your information: we keep what you gave in the form (name, contact details, what you would like to help with and your age group) to contact you about volunteering. It is erased ${p.retentionMonths} months after you gave it, or sooner if you ask. You may see, correct and have erased what we hold about you, and you may complain to Datatilsynet, the Danish Data Protection Agency.`,
          footer('en', p.site),
        ]
      : [
          `Kære ${p.name}`,
          `Tak, fordi du har meldt dig som frivillig til »${p.activityTitle}«. Vi har fået din tilmelding.`,
          'Hvad sker der nu: En koordinator kontakter dig, som regel inden for en uge, fortæller mere og aftaler med dig, hvordan du kommer i gang. Du skal ikke gøre noget imens.',
          'Har du fortrudt? Svar på denne mail og sig det, så sletter vi din tilmelding. Du kan altid trække dit samtykke tilbage.',
          `Dine oplysninger: Vi gemmer det, du skrev i formularen (navn, kontaktoplysninger, hvad du gerne vil hjælpe med og din aldersgruppe), for at kunne kontakte dig om frivilligt arbejde. Det slettes ${p.retentionMonths} måneder efter, at du gav os det, eller før, hvis du beder om det. Du har ret til at se, rette og få slettet det, vi har om dig, og du kan klage til Datatilsynet.`,
          footer('da', p.site),
        ];
  const subject =
    p.locale === 'en'
      ? `We have your sign-up: ${p.activityTitle}`
      : `Vi har fået din tilmelding: ${p.activityTitle}`;
  return { to: p.to, kind: 'signup.received', subject, ...render(p.locale, blocks) };
}

/** What a claim's mails say about its shift. */
export interface ShiftFacts {
  title: string;
  location: string;
  start: Date;
  end: Date;
}

/** What the resident should know about their own week, told to them alone. */
export interface ClaimWarnings {
  /** They already hold a shift at an overlapping time. */
  overlaps?: boolean;
  /** With this shift, their hours that week pass the cap they set themselves. */
  overCap?: { hours: number; cap: number };
}

export interface ClaimMailInput {
  to: string;
  locale: Locale;
  name: string;
  shift: ShiftFacts;
  /** The link that gives the place up (the resident's alone). */
  cancelUrl: string;
  /** Until when a place can be given up. */
  cancelBefore: Date;
  /** The shift as an iCalendar file, attached to a mail that gives a place. */
  ics: string;
  site: string;
  warnings?: ClaimWarnings;
}

const decimal = (n: number, locale: Locale) =>
  n.toLocaleString(locale === 'en' ? 'en-GB' : 'da-DK', { maximumFractionDigits: 2 });

/** The warnings as paragraphs, for the owner of the address only. */
function warningBlocks(locale: Locale, w: ClaimWarnings | undefined): string[] {
  const out: string[] = [];
  if (w?.overlaps) {
    out.push(
      locale === 'en'
        ? 'Please note: you already have a shift at the same time. You cannot be in two places at once, so give one of them up.'
        : 'Bemærk: Du har allerede en vagt på samme tid. Du kan ikke være to steder på én gang, så meld afbud til den ene.',
    );
  }
  if (w?.overCap) {
    const hours = decimal(w.overCap.hours, locale);
    out.push(
      locale === 'en'
        ? `Please note: with this shift you have ${hours} hours that week – more than the ${w.overCap.cap} hours you set as your limit. That is allowed, but look after yourself; the coordinator can see it too.`
        : `Bemærk: Med denne vagt har du ${hours} timer i den uge – mere end de ${w.overCap.cap} timer, du selv har sat som grænse. Det er i orden, men pas på dig selv; koordinatoren kan også se det.`,
    );
  }
  return out;
}

const when = (s: ShiftFacts, locale: Locale) =>
  s.location
    ? `${formatRange(s.start, s.end, locale)}, ${s.location}`
    : formatRange(s.start, s.end, locale);

/** "Your place on the shift is yours": the shift, the calendar file, how to give it up. */
export function claimConfirmedMail(p: ClaimMailInput, movedUp = false): OutgoingMail {
  const en = p.locale === 'en';
  const deadline = formatDateTime(p.cancelBefore, p.locale);
  const blocks: Block[] = en
    ? [
        `Dear ${p.name}`,
        movedUp
          ? `Good news: a place on “${p.shift.title}” became free, and as the first on the waiting list you have it now.`
          : `Your place on “${p.shift.title}” is confirmed.`,
        `When and where: ${when(p.shift, 'en')}.`,
        ...warningBlocks('en', p.warnings),
        'The shift is attached as a calendar file (vagt.ics): open it to put it in your calendar.',
        `If you cannot come, please give the place up by ${deadline}, so someone else can take it:`,
        { text: 'Give up my place', href: p.cancelUrl },
        footer('en', p.site),
      ]
    : [
        `Kære ${p.name}`,
        movedUp
          ? `Godt nyt: Der er blevet en plads fri på »${p.shift.title}«, og som den første på ventelisten har du den nu.`
          : `Din plads på »${p.shift.title}« er bekræftet.`,
        `Hvornår og hvor: ${when(p.shift, 'da')}.`,
        ...warningBlocks('da', p.warnings),
        'Vagten er vedhæftet som kalenderfil (vagt.ics): Åbn den for at lægge den i din kalender.',
        `Kan du ikke komme, så meld afbud senest ${deadline}, så en anden kan tage pladsen:`,
        { text: 'Meld afbud', href: p.cancelUrl },
        footer('da', p.site),
      ];
  const subject = en
    ? `${movedUp ? 'You have a place' : 'Your place is confirmed'}: ${p.shift.title}, ${formatRange(p.shift.start, p.shift.end, 'en')}`
    : `${movedUp ? 'Du har fået en plads' : 'Din plads er bekræftet'}: ${p.shift.title}, ${formatRange(p.shift.start, p.shift.end, 'da')}`;
  return {
    to: p.to,
    kind: movedUp ? 'claim.movedUp' : 'claim.confirmed',
    subject,
    ...render(p.locale, blocks),
    attachments: [
      {
        filename: 'vagt.ics',
        contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
        content: p.ics,
      },
    ],
  };
}

/** "You are on the waiting list, number n": no calendar file, since no place is held yet. */
export function claimWaitlistedMail(p: ClaimMailInput & { position: number }): OutgoingMail {
  const en = p.locale === 'en';
  const blocks: Block[] = en
    ? [
        `Dear ${p.name}`,
        `“${p.shift.title}” is full, so you are on its waiting list as number ${p.position}.`,
        `When and where: ${when(p.shift, 'en')}.`,
        ...warningBlocks('en', p.warnings),
        'If a place becomes free, it goes to the first on the list, and we write to you at once if that is you.',
        'If you no longer want to wait, leave the waiting list here:',
        { text: 'Leave the waiting list', href: p.cancelUrl },
        footer('en', p.site),
      ]
    : [
        `Kære ${p.name}`,
        `»${p.shift.title}« er fuld, så du står på ventelisten som nummer ${p.position}.`,
        `Hvornår og hvor: ${when(p.shift, 'da')}.`,
        ...warningBlocks('da', p.warnings),
        'Bliver en plads fri, går den til den første på listen, og vi skriver til dig med det samme, hvis det er dig.',
        'Vil du ikke længere vente, kan du gå af ventelisten her:',
        { text: 'Gå af ventelisten', href: p.cancelUrl },
        footer('da', p.site),
      ];
  const subject = en
    ? `Waiting list, number ${p.position}: ${p.shift.title}`
    : `Venteliste, nummer ${p.position}: ${p.shift.title}`;
  return { to: p.to, kind: 'claim.waitlisted', subject, ...render(p.locale, blocks) };
}

/** "Your shift is soon": sent once, the reminder time before the start, to those holding a place. */
export function reminderMail(p: ClaimMailInput): OutgoingMail {
  const en = p.locale === 'en';
  const deadline = formatDateTime(p.cancelBefore, p.locale);
  const blocks: Block[] = en
    ? [
        `Dear ${p.name}`,
        `A reminder that you have a place on “${p.shift.title}”.`,
        `When and where: ${when(p.shift, 'en')}.`,
        `If you cannot come after all, please give the place up by ${deadline}, so someone else can take it:`,
        { text: 'Give up my place', href: p.cancelUrl },
        'Thank you for your time. It makes a difference.',
        footer('en', p.site),
      ]
    : [
        `Kære ${p.name}`,
        `En påmindelse om, at du har en plads på »${p.shift.title}«.`,
        `Hvornår og hvor: ${when(p.shift, 'da')}.`,
        `Kan du alligevel ikke komme, så meld afbud senest ${deadline}, så en anden kan tage pladsen:`,
        { text: 'Meld afbud', href: p.cancelUrl },
        'Tak for din tid. Den gør en forskel.',
        footer('da', p.site),
      ];
  const subject = en
    ? `Reminder: ${p.shift.title}, ${formatRange(p.shift.start, p.shift.end, 'en')}`
    : `Påmindelse: ${p.shift.title}, ${formatRange(p.shift.start, p.shift.end, 'da')}`;
  return { to: p.to, kind: 'claim.reminder', subject, ...render(p.locale, blocks) };
}

/** What a coordinator's change does to one resident's place. */
export interface ShiftChangeInput extends ClaimMailInput {
  /** The shift as it was, for "was: …". */
  before: ShiftFacts;
  /** The coordinator's words. */
  reason: string;
  /** Their place now: holding one (with a new calendar file), or waiting as number n. */
  place: { status: 'claimed' } | { status: 'waitlisted'; position: number };
  /** A larger capacity gave them a place from the waiting list. */
  movedUp?: boolean;
}

/** "Your shift has changed": the reason, what it was, what it is, and the place they hold. */
export function shiftChangedMail(p: ShiftChangeInput): OutgoingMail {
  const en = p.locale === 'en';
  const holds = p.place.status === 'claimed';
  const deadline = formatDateTime(p.cancelBefore, p.locale);
  const blocks: Block[] = en
    ? [
        `Dear ${p.name}`,
        `The coordinator has changed “${p.before.title}”, which you are on.`,
        `Why: ${p.reason}`,
        `Was: ${p.before.title}, ${when(p.before, 'en')}.`,
        `Now: ${p.shift.title}, ${when(p.shift, 'en')}.`,
        p.movedUp
          ? 'There are more places now, and as the first on the waiting list you have one.'
          : holds
            ? 'Your place is kept. The updated shift is attached as a calendar file (vagt.ics).'
            : `You are still on the waiting list, as number ${p.place.status === 'waitlisted' ? p.place.position : 1}.`,
        holds
          ? `If the change means you cannot come, please give the place up by ${deadline}:`
          : 'If you no longer want to wait, leave the waiting list here:',
        { text: holds ? 'Give up my place' : 'Leave the waiting list', href: p.cancelUrl },
        footer('en', p.site),
      ]
    : [
        `Kære ${p.name}`,
        `Koordinatoren har ændret »${p.before.title}«, som du er på.`,
        `Hvorfor: ${p.reason}`,
        `Før: ${p.before.title}, ${when(p.before, 'da')}.`,
        `Nu: ${p.shift.title}, ${when(p.shift, 'da')}.`,
        p.movedUp
          ? 'Der er kommet flere pladser, og som den første på ventelisten har du fået en.'
          : holds
            ? 'Du har stadig din plads. Den ændrede vagt er vedhæftet som kalenderfil (vagt.ics).'
            : `Du står stadig på ventelisten som nummer ${p.place.status === 'waitlisted' ? p.place.position : 1}.`,
        holds
          ? `Kan du ikke komme efter ændringen, så meld afbud senest ${deadline}:`
          : 'Vil du ikke længere vente, kan du gå af ventelisten her:',
        { text: holds ? 'Meld afbud' : 'Gå af ventelisten', href: p.cancelUrl },
        footer('da', p.site),
      ];
  const subject = en
    ? `Changed: ${p.shift.title}, ${formatRange(p.shift.start, p.shift.end, 'en')}`
    : `Ændret: ${p.shift.title}, ${formatRange(p.shift.start, p.shift.end, 'da')}`;
  return {
    to: p.to,
    kind: 'shift.changed',
    subject,
    ...render(p.locale, blocks),
    ...(holds
      ? {
          attachments: [
            {
              filename: 'vagt.ics',
              contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
              content: p.ics,
            },
          ],
        }
      : {}),
  };
}

/** "Your shift is cancelled", with the coordinator's reason when they gave one. */
export function shiftCancelledMail(
  p: Pick<ClaimMailInput, 'to' | 'locale' | 'name' | 'shift' | 'site'> & { reason: string },
): OutgoingMail {
  const en = p.locale === 'en';
  const blocks: Block[] = en
    ? [
        `Dear ${p.name}`,
        `“${p.shift.title}”, ${when(p.shift, 'en')}, is cancelled, so your place on it is gone. You do not need to do anything.`,
        ...(p.reason ? [`Why: ${p.reason}`] : []),
        'If you had put it in your calendar, please remove it there.',
        footer('en', p.site),
      ]
    : [
        `Kære ${p.name}`,
        `»${p.shift.title}«, ${when(p.shift, 'da')}, er aflyst, så din plads på den er væk. Du skal ikke gøre noget.`,
        ...(p.reason ? [`Hvorfor: ${p.reason}`] : []),
        'Har du lagt den i din kalender, så slet den dér.',
        footer('da', p.site),
      ];
  const subject = en
    ? `Cancelled: ${p.shift.title}, ${formatRange(p.shift.start, p.shift.end, 'en')}`
    : `Aflyst: ${p.shift.title}, ${formatRange(p.shift.start, p.shift.end, 'da')}`;
  return { to: p.to, kind: 'shift.cancelled', subject, ...render(p.locale, blocks) };
}

/** "How did it go?": after the shift, a link to reflect that counts in the pulse, used once. */
export function invitationMail(
  p: Pick<ClaimMailInput, 'to' | 'locale' | 'name' | 'shift' | 'site'> & {
    /** The reflection page with the invitation in it. */
    reflectUrl: string;
  },
): OutgoingMail {
  const en = p.locale === 'en';
  const blocks: Block[] = en
    ? [
        `Dear ${p.name}`,
        `Thank you for your shift on “${p.shift.title}”. How did it go?`,
        'Take a minute to reflect: what gave meaning, how your energy was, whether it was too much. Your answer is anonymous: the coordinator sees only what at least three people said, unless you ask to be contacted.',
        { text: 'Reflect on the shift', href: p.reflectUrl },
        'The link works once, for 30 days.',
        footer('en', p.site),
      ]
    : [
        `Kære ${p.name}`,
        `Tak for din vagt på »${p.shift.title}«. Hvordan gik det?`,
        'Brug et minut på at reflektere: hvad gav mening, hvordan din energi var, om det var for meget. Dit svar er anonymt: Koordinatoren ser kun det, mindst tre har svaret, medmindre du beder om at blive kontaktet.',
        { text: 'Reflektér over vagten', href: p.reflectUrl },
        'Linket virker én gang, i 30 dage.',
        footer('da', p.site),
      ];
  const subject = en ? `How did it go? ${p.shift.title}` : `Hvordan gik det? ${p.shift.title}`;
  return { to: p.to, kind: 'claim.invitation', subject, ...render(p.locale, blocks) };
}
