/** Danish messages of the embed configurator's input checks. */
export const embedDa = {
  'error.embed.colour': 'Skriv farven som #rrggbb, fx #004993.',
  'error.embed.view': 'Visningen skal være list, week eller month.',
  'error.embed.lang': 'Sproget skal være da eller en.',
  'error.embed.theme': 'Temaet skal være default eller inherit.',
  'error.embed.privacyUrl': 'Skriv adressen på privatlivspolitikken som /sti eller https://…',
  'error.embed.font': 'Skrifttypen må kun indeholde navne, mellemrum, kommaer og bindestreger.',
} as const;
