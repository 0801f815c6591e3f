/**
 * What the configurator, the iframe pages and the papers for the municipality
 * need to know about each widget: its name, what it may be given, and what
 * personal data it collects (for the privacy notice).
 */
import type { Locale } from '../../i18n/index.js';
import type { WidgetSlug } from '../../schemas/embed.js';

type Text = Record<Locale, string>;

export interface EmbedWidget {
  slug: WidgetSlug;
  tag: `samskab-${WidgetSlug}`;
  name: Text;
  /** The iframe's title and the fallback link's text. */
  linkText: Text;
  /** Which of the configurator's options the widget takes as attributes. */
  takes: readonly ('activity' | 'shift' | 'view' | 'privacy-url')[];
  /** What personal data it collects, one item a line. */
  collects: Record<Locale, readonly string[]>;
  /** Why it collects it. */
  purpose: Text;
  /**
   * How tall it is while its data loads, in lines of its font size, at
   * 380–440 px wide: kept free before its code arrives (see `reserveCss`).
   * Zero when it shows nothing until its data is here. widgets/loader.ts
   * reserves the same.
   */
  reserve: number;
}

export const WIDGETS: readonly EmbedWidget[] = [
  {
    slug: 'signup-form',
    tag: 'samskab-signup-form',
    name: { da: 'Tilmeldingsformular', en: 'Sign-up form' },
    linkText: { da: 'Tilmeld dig som frivillig', en: 'Sign up as a volunteer' },
    takes: ['activity', 'privacy-url'],
    reserve: 51,
    collects: {
      da: [
        'navn og e-mailadresse',
        'telefonnummer, hvis borgeren selv oplyser det',
        'hvad borgeren gerne vil hjælpe med, og hvornår (fritekst, frivillig)',
        'aldersgruppe (under 15, 15–17, 18 eller derover) og, for mindreårige, at en forælder har givet samtykke',
        'tidspunktet for tilmeldingen',
      ],
      en: [
        'name and email address',
        'phone number, if the resident gives it',
        'what the resident would like to help with, and when (free text, optional)',
        'age band (under 15, 15–17, 18 or over) and, for minors, that a parent has agreed',
        'the time of the sign-up',
      ],
    },
    purpose: {
      da: 'at kommunen kan kontakte borgeren om frivilligt arbejde i den valgte aktivitet',
      en: 'so that the municipality can contact the resident about volunteering in the chosen activity',
    },
  },
  {
    slug: 'shift-calendar',
    tag: 'samskab-shift-calendar',
    name: { da: 'Vagtkalender', en: 'Shift calendar' },
    linkText: { da: 'Se ledige vagter', en: 'See open shifts' },
    takes: ['activity', 'view', 'privacy-url'],
    reserve: 12,
    collects: {
      da: [
        'navn og e-mailadresse på den, der tager en vagt',
        'telefonnummer, hvis den frivillige selv oplyser det',
        'aldersgruppe og, for mindreårige, at en forælder har givet samtykke',
        'hvilke vagter den frivillige har taget eller står på venteliste til, og et eventuelt loft over timer om ugen',
      ],
      en: [
        'name and email address of whoever takes a shift',
        'phone number, if the volunteer gives it',
        'age band and, for minors, that a parent has agreed',
        'which shifts the volunteer has taken or is waitlisted for, and any weekly hours cap they give',
      ],
    },
    purpose: {
      da: 'at planlægge vagterne, sende en bekræftelse med et afmeldingslink og undgå, at nogen bliver overbelastet',
      en: 'to plan the shifts, confirm with a cancellation link and make sure no one is overloaded',
    },
  },
  {
    slug: 'reflection-prompt',
    tag: 'samskab-reflection-prompt',
    name: { da: 'Refleksion efter en vagt', en: 'Reflection after a shift' },
    linkText: { da: 'Fortæl hvordan det gik', en: 'Tell us how it went' },
    takes: ['activity', 'shift'],
    reserve: 0,
    collects: {
      da: [
        'anonyme svar om mening, energi, belastning, medindflydelse og fællesskab',
        'fritekst, hvis den frivillige skriver noget',
        'navn og kontaktoplysning kun hvis den frivillige selv beder om at blive kontaktet',
      ],
      en: [
        'anonymous answers about meaning, energy, load, ownership and belonging',
        'free text, if the volunteer writes any',
        'name and contact details only if the volunteer asks to be contacted',
      ],
    },
    purpose: {
      da: 'at lederen kan følge de frivilliges trivsel og motivation over tid uden at udpege enkeltpersoner, og vende tilbage til dem, der beder om det',
      en: 'so that the leader can follow volunteers’ wellbeing and motivation over time without singling anyone out, and get back to those who ask',
    },
  },
];

/** The widget with this slug. */
export function widgetBySlug(slug: WidgetSlug): EmbedWidget {
  return WIDGETS.find((w) => w.slug === slug)!;
}
