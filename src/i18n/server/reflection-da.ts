/**
 * Danish messages only the reflections feature's server side says: question
 * set errors for the coordinator's admin calls, and the leader's pulse page.
 * Apart from the widget catalog, so residents never download them.
 */
export const reflectionServerDa = {
  'error.question.text': 'Skriv spørgsmålets tekst (da er påkrævet, en er frivillig).',
  'error.question.textTooLong': 'Teksten er for lang (højst 200 tegn).',
  'error.question.id':
    'Spørgsmålets id skal være 1–32 tegn: små bogstaver, tal og bindestreg, begyndende med et bogstav.',
  'error.question.kind': 'Ukendt spørgsmålstype. Brug "scale", "agree", "load" eller "text".',
  'error.question.theme':
    'Ukendt tema. Brug "energy", "meaning", "ownership", "belonging" eller "other".',
  'error.question.agreeTheme':
    'Et ja/delvist/nej-spørgsmål kan måle "meaning", "ownership", "belonging" eller "other"; energi kræver en skala ("scale").',
  'error.questions.count': 'Et spørgesæt skal have mellem 1 og 8 spørgsmål.',
  'error.question.idReserved':
    'Dette id kan ikke bruges, fordi JavaScript allerede bruger navnet (fx "constructor"). Vælg et andet.',
  'error.question.idTaken': 'Dette id er allerede brugt af et andet spørgsmål i sættet.',
  'error.question.oneText': 'Et spørgesæt kan have højst ét tekstspørgsmål.',
  'error.question.themeTaken':
    'Et andet spørgsmål måler allerede dette tema; hvert tema undtagen "other" må kun bruges én gang.',
  'error.questionSet.version': 'Spørgesættet findes ikke i den version for denne aktivitet.',
  'error.reflection.note.tooLong': 'Teksten er for lang (højst 2000 tegn).',
  'error.reflection.answer': 'Svaret passer ikke til spørgsmålet.',
  'error.reflection.invitation':
    'Invitationen er allerede brugt, er udløbet eller hører til en anden aktivitet. Bed din koordinator om et nyt link.',
  'error.reflection.invitation.required':
    'Denne aktivitet tager kun imod refleksioner via linket i din invitation. Brug linket fra din e-mail efter vagten.',
  'error.reflection.settings': 'openReflections skal være true eller false.',
  'error.reflection.url':
    'Refleksionssiden skal være en http- eller https-adresse på højst 500 tegn, uden #.',
  'error.pulse.weeks': 'weeks skal være et helt tal fra 1 til 52.',
  'leader.title': 'Frivilliges puls',
  'leader.titleFor': 'Puls: {activity}',
  'leader.intro':
    'Ugentlige tal fra de frivilliges anonyme refleksioner. En uge med færre end {min} svar viser ingen tal ("for få svar"), så ingen enkelt frivillig kan genkendes.',
  'leader.intro.finished':
    'Tallene vises først, når en uge (mandag–søndag) er slut. Den igangværende uge viser kun, hvor mange der har svaret: ellers kunne man se på pulsen før og efter ét svar og regne ud, hvad netop den frivillige svarede.',
  'leader.running': '{week} (igangværende uge)',
  'leader.running.pending': 'tal og bemærkninger vises, når ugen er slut',
  'leader.choose': 'Vælg en aktivitet',
  'leader.noActivities': 'Der er ingen aktiviteter endnu.',
  'leader.unknownActivity': 'Aktiviteten findes ikke.',
  'leader.weeks': 'Vis de seneste',
  'leader.weeksUnit': '{weeks} uger',
  'leader.show': 'Vis',
  'leader.back': 'Alle aktiviteter',
  'leader.chart.energy': 'Gennemsnitlig energi (1–5)',
  'leader.chart.tooMuch': 'Andel med for meget at lave',
  'leader.chart.meaningful': 'Andel der fandt mening',
  'leader.chart.desc':
    'Søjlediagram, én søjle pr. uge. Uger med for få svar har ingen søjle. Alle tal står i tabellen.',
  'leader.tooFew': 'for få svar',
  'leader.noAnswer': 'intet svar',
  'leader.table.caption': 'Pulsen uge for uge',
  'leader.table.week': 'Uge',
  'leader.table.answers': 'Svar',
  'leader.trend.heading': 'Udvikling mod de {weeks} uger før',
  'leader.trend.period': 'Seneste {weeks} uger',
  'leader.trend.previous': 'De {weeks} uger før',
  'leader.trend.change': 'Ændring',
  'leader.trend.none': 'kan ikke sammenlignes',
  'leader.trend.points': '{value} procentpoint',
  'leader.trend.measure': 'Mål',
  'leader.followUps': 'Ønsker at blive kontaktet',
  'leader.followUps.none': 'Ingen har bedt om at blive kontaktet i perioden.',
  'leader.followUps.lead':
    'Vises med det samme, også fra den igangværende uge: disse frivillige har selv bedt om at blive kontaktet og valgt at stå frem.',
  'leader.followUps.contact': 'Kontakt',
  'leader.followUps.received': 'Modtaget',
  'leader.followUps.shift': 'Vagt',
  'leader.table.open': 'Åbne svar',
  'leader.open.allowed':
    'Aktiviteten tager også imod åbne refleksioner (uden invitation). De står kun som et antal under "Åbne svar" og indgår aldrig i tallene, så ingen kan skubbe en uge over grænsen på {min} svar.',
  'leader.open.closed':
    'Kun refleksioner med en invitation fra en vagt tæller med. Aktiviteten tager ikke imod åbne refleksioner.',
  'leader.followUps.kind': 'Refleksion',
  'leader.followUps.open': 'Åben (uden invitation), tæller ikke med i tallene',
  'leader.notes': 'Anonyme bemærkninger',
  'leader.notes.none': 'Ingen bemærkninger i uger med nok svar.',
} as const;

export type ReflectionServerKey = keyof typeof reflectionServerDa;
