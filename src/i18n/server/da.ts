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
  'error.year': 'Årstallet skal være mellem 2000 og 2100.',
  'error.idempotencyKey':
    'Headeren Idempotency-Key mangler eller er ugyldig (16–100 tegn: A–Z, a–z, 0–9, - og _).',
  'error.idempotencyKey.reused':
    'Denne Idempotency-Key er allerede brugt til en anden forespørgsel.',
  'error.json': 'Forespørgslen er ikke gyldig JSON.',
  'error.utf8': 'Forespørgslen er ikke gyldig UTF-8: send teksten som UTF-8.',
  'error.bodyTooLarge': 'Forespørgslen er for stor (højst {limit} bytes).',
  'error.unauthorized': 'Adgang nægtet: angiv en gyldig admin-token (Authorization: Bearer …).',
  'error.auth.throttled': 'For mange forkerte forsøg på at logge ind. Vent lidt, og prøv igen.',
  'auth.basic.unauthorized':
    'Log ind med serverens admin-token som adgangskode. Brugernavnet er ligegyldigt.',
  'error.origin': 'Denne hjemmeside har ikke adgang til Samskab-serveren.',
  'error.rateLimited': 'For mange forespørgsler. Prøv igen om lidt.',
  'error.forbidden': 'Din rolle giver ikke adgang til dette.',
  'error.forbidden.readOnly': 'Denne API-nøgle må kun læse.',
  'error.device.revoked':
    'Forbindelsen til Samskab er afbrudt i arbejdspladsen. Forbind sidepanelet igen med en ny kode.',
  'error.pairing.code': 'Skriv koden fra arbejdspladsen: 8 bogstaver og tal.',
  'error.pairing.device': 'Giv enheden et navn (1–60 tegn).',
  'error.pairing.unknown':
    'Koden er forkert, brugt eller udløbet (den gælder i 10 minutter). Lav en ny under Min konto.',
  'error.signup.move': 'Tilmeldingen kan ikke flyttes dertil fra den status, den har nu.',
  'error.notFound': 'Ikke fundet.',
  'error.tenant.unknown': 'Denne adresse hører ikke til en kommune på serveren.',
  // Shifts (src/server/shifts).
  'error.location.required': 'Skriv et sted.',
  'error.location.tooLong': 'Stedet må højst være 200 tegn.',
  'error.date': 'Skriv datoen som ÅÅÅÅ-MM-DD.',
  'error.repeat': 'En gentagelse skal have enten "until" (en dato) eller "count" (1–104).',
  'error.repeat.untilBeforeStart':
    'Gentagelsen skal slutte ("until") samme dag som den første vagt eller senere.',
  'error.capacity': 'Antal pladser skal være et helt tal fra 1 til 500.',
  'error.cancelDeadline': 'Fristen skal være et helt antal timer fra 0 til 720.',
  'error.reminderHours': 'Påmindelsen skal være et helt antal timer fra 0 (ingen) til 336.',
  'error.shift.endBeforeStart': 'Vagten skal slutte efter, at den begynder.',
  'error.shift.tooLong': 'En vagt må højst vare 24 timer.',
  'error.shift.dstGap':
    'Klokkeslættet {time} findes ikke i Danmark: uret springer fra 02.00 til 03.00, når sommertiden begynder.',
  'error.shift.dstGapRepeat':
    'Gentagelsen rammer {date} på et klokkeslæt, der ikke findes, fordi sommertiden begynder. Vælg et andet tidspunkt.',
  'error.range': 'Perioden skal slutte efter, at den begynder, og højst vare {days} dage.',
  'error.shift.started': 'Vagten er allerede begyndt.',
  'error.shift.full': 'Alle pladser er taget. Du kan skrive dig på ventelisten.',
  'error.reason.required': 'Skriv en grund, som de frivillige på vagten får at vide.',
  'error.reason.tooLong': 'Grunden er for lang (højst 500 tegn).',
  'error.shift.capacityTaken':
    'Der er allerede {taken} på vagten; der skal være mindst så mange pladser.',
  'error.shift.over': 'Vagten er slut og kan ikke ændres.',
  'error.cancel.deadline':
    'Fristen for at afmelde er overskredet ({deadline}). Kontakt koordinatoren, hvis du ikke kan komme.',
  'cancel.title': 'Afmeld din vagt',
  'cancel.claimed': 'Du har en plads på denne vagt:',
  'cancel.waitlisted': 'Du står som nummer {position} på ventelisten til denne vagt:',
  'cancel.before': 'Du kan afmelde indtil {deadline}.',
  'cancel.confirm': 'Afmeld vagten',
  'cancel.done': 'Du er afmeldt. Tak fordi du gav besked – så kan en anden tage pladsen.',
  'cancel.gone': 'Vagten findes ikke, eller du er allerede afmeldt.',
  'cancel.ics': 'Tilføj til kalender (.ics)',
  'cancel.icsDescription': 'Afmeld',
} as const;

export type ServerMessageKey = keyof typeof serverDa;
