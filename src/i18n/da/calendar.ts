/** <samskab-shift-calendar>. */
export const calendarDa = {
  'calendar.heading': 'Ledige vagter',
  'calendar.loading': 'Henter vagter …',
  'calendar.failed': 'Vagterne kunne ikke hentes. Tjek din forbindelse og prøv igen.',
  'calendar.empty': 'Der er ingen vagter i denne periode.',
  'calendar.placesLeft': '{left} af {capacity} pladser ledige',
  'calendar.full': 'Fuldt booket',
  'calendar.waitlist': 'Skriv dig på ventelisten',
  'calendar.claim': 'Tag vagten',
  'calendar.cancel': 'Afmeld vagten',
  'calendar.addToCalendar': 'Tilføj til kalender',
} as const;
