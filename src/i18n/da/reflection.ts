/** <samskab-reflection-prompt>. */
export const reflectionDa = {
  'reflection.heading': 'Hvordan gik det i dag?',
  'reflection.intro':
    'Det tager under et minut, og alle spørgsmål er frivillige. Du er anonym, medmindre du selv giver dine kontaktoplysninger.',
  'reflection.scale.ends': '1 = {low}, 5 = {high}',
  'reflection.agree.yes': 'Ja',
  'reflection.agree.partly': 'Delvist',
  'reflection.agree.no': 'Nej',
  'reflection.load.too-little': 'For lidt',
  'reflection.load.right': 'Passende',
  'reflection.load.too-much': 'For meget',
  'reflection.contact.ask': 'Må vi kontakte dig?',
  'reflection.contact.hint':
    'Så er du ikke længere anonym. Kun din koordinator ser dine kontaktoplysninger.',
  'reflection.contact': 'Telefon eller e-mail',
  'reflection.submit': 'Send refleksion',
  'reflection.sending': 'Sender din refleksion …',
  'reflection.sent': 'Tak! Din refleksion er sendt.',
  'reflection.queued':
    'Din refleksion er gemt og bliver sendt, når forbindelsen er tilbage. Lykkes det ikke inden for 7 dage, får du den tilbage her.',
  'reflection.delivered': 'Din gemte refleksion er nu sendt.',
  'reflection.rejected': 'Refleksionen blev ikke modtaget: {reason}',
  'reflection.expired':
    'Din gemte refleksion blev ikke sendt: vi kunne ikke nå serveren i 7 dage. Dine svar står her igen.',
  'reflection.activity': 'Hvilken aktivitet var du frivillig i?',
  'reflection.activity.unknown': 'Aktiviteten på siden findes ikke.',
  'reflection.activity.choose': 'Vælg en aktivitet',
  'reflection.activity.loading': 'Henter aktiviteter …',
  'reflection.activity.failed':
    'Aktiviteterne kunne ikke hentes. Tjek din forbindelse og prøv igen.',
  'reflection.activity.none': 'Der er ingen aktiviteter at reflektere over lige nu.',
  'reflection.activity.retry': 'Prøv igen',
  'reflection.failed': 'Der skete en fejl. Prøv igen senere.',
  'reflection.q.meaning': 'Gav det mening for dig i dag?',
  'reflection.q.energy': 'Hvor meget energi har du efter i dag?',
  'reflection.q.energy.low': 'ingen energi',
  'reflection.q.energy.high': 'fuld af energi',
  'reflection.q.load': 'Hvordan var mængden af opgaver?',
  'reflection.q.ownership': 'Kunne du selv præge opgaven?',
  'reflection.q.belonging': 'Følte du dig som en del af fællesskabet?',
  'reflection.q.note': 'Er der noget, din koordinator bør vide?',
  'error.reflection.empty': 'Svar på mindst ét spørgsmål.',
  'error.reflection.contact.required': 'Skriv dit telefonnummer eller din e-mailadresse.',
  'error.reflection.contact.invalid':
    'Skriv et gyldigt telefonnummer eller en gyldig e-mailadresse.',
} as const;
