/**
 * Danish messages only the server says (admin input, HTTP limits). Kept apart
 * from `../da.ts` so the widget bundle does not carry them.
 */
export const serverDa = {
  'error.title.required': 'Skriv en titel.',
  'error.title.tooLong': 'Titlen er for lang.',
  'error.description.required': 'Skriv en beskrivelse.',
  'error.description.tooLong': 'Beskrivelsen er for lang.',
  'error.coreIdea.required': 'Skriv den bærende idé.',
  'error.coreIdea.tooLong': 'Den bærende idé er for lang.',
  'error.id': 'Ugyldigt id.',
  'error.instant': 'Skriv tidspunktet som ISO 8601 med tidszone.',
  'error.idempotencyKey':
    'Headeren Idempotency-Key mangler eller er ugyldig (16–100 tegn: A–Z, a–z, 0–9, - og _).',
  'error.idempotencyKey.reused':
    'Denne Idempotency-Key er allerede brugt til en anden forespørgsel.',
  'error.json': 'Forespørgslen er ikke gyldig JSON.',
  'error.bodyTooLarge': 'Forespørgslen er for stor (højst {limit} bytes).',
  'error.unauthorized': 'Adgang nægtet: angiv en gyldig admin-token (Authorization: Bearer …).',
  'error.origin': 'Denne hjemmeside har ikke adgang til Samskab-serveren.',
  'error.rateLimited': 'For mange forespørgsler. Prøv igen om lidt.',
  'error.notFound': 'Ikke fundet.',
} as const;

export type ServerMessageKey = keyof typeof serverDa;
