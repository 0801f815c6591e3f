/**
 * Danish: the product's first language. Every key here must exist in `en.ts`
 * (the type and a test see to it). `{name}` marks a value filled in at runtime.
 */
export const da = {
  // Sign-up form
  'signup.heading': 'Bliv frivillig',
  'signup.intro': 'Felter markeret med * skal udfyldes.',
  'signup.activity': 'Aktivitet',
  'signup.activity.choose': 'Vælg en aktivitet',
  'signup.activity.loading': 'Henter aktiviteter …',
  'signup.activity.failed': 'Aktiviteterne kunne ikke hentes. Tjek din forbindelse og prøv igen.',
  'signup.activity.none': 'Der er ingen aktiviteter at melde sig til lige nu.',
  'signup.activity.retry': 'Prøv igen',
  'signup.name': 'Navn',
  'signup.email': 'E-mail',
  'signup.phone': 'Telefon (frivilligt)',
  'signup.help': 'Hvad vil du gerne hjælpe med, og hvornår kan du? (frivilligt)',
  'signup.ageBand': 'Alder',
  'signup.ageBand.under-15': 'Under 15 år',
  'signup.ageBand.15-17': '15–17 år',
  'signup.ageBand.18-plus': '18 år eller derover',
  'signup.guardianConsent':
    'Min forælder eller værge har givet samtykke til, at jeg melder mig som frivillig.',
  'signup.consent':
    'Jeg giver samtykke til, at kommunen gemmer mine oplysninger for at kunne kontakte mig om frivilligt arbejde.',
  'signup.privacy': 'Læs hvordan vi behandler dine oplysninger',
  'signup.honeypot': 'Lad dette felt være tomt',
  'signup.submit': 'Tilmeld',
  'signup.required': '(skal udfyldes)',
  'signup.summary': 'Der er {count} fejl i formularen:',
  'signup.sending': 'Sender din tilmelding …',
  'signup.sent.heading': 'Tak for din tilmelding!',
  'signup.sent.body': 'Vi har modtaget din tilmelding og kontakter dig snarest.',
  'signup.queued.heading': 'Din tilmelding er gemt',
  'signup.queued.body':
    'Vi kunne ikke nå serveren lige nu. Tilmeldingen er gemt på denne enhed og bliver sendt automatisk, når forbindelsen er tilbage.',
  'signup.delivered': 'Din gemte tilmelding er nu sendt.',
  'signup.again': 'Tilmeld en mere',
  'signup.rejected': 'Tilmeldingen blev afvist: {reason}',

  // Validation and server errors (keys used as zod messages)
  'error.name.required': 'Skriv dit navn.',
  'error.name.tooLong': 'Navnet må højst være 120 tegn.',
  'error.email.required': 'Skriv din e-mailadresse.',
  'error.email.invalid': 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.',
  'error.phone.invalid': 'Skriv et gyldigt telefonnummer, fx 12 34 56 78.',
  'error.help.required': 'Skriv hvad du vil hjælpe med.',
  'error.help.tooLong': 'Teksten må højst være 1000 tegn.',
  'error.ageBand.required': 'Vælg din alder.',
  'error.guardianConsent.required':
    'Når du er under 18, skal en forælder eller værge give samtykke.',
  'error.consent.required': 'Du skal give samtykke for at kunne tilmelde dig.',
  'error.activity.required': 'Vælg en aktivitet.',
  'error.activity.unknown': 'Aktiviteten findes ikke.',
  'error.invalid': 'Ugyldig værdi.',
  'error.server': 'Der skete en fejl på serveren. Prøv igen senere.',
  'error.network': 'Der er ingen forbindelse til serveren.',
} as const;

export type MessageKey = keyof typeof da;
