/** The notes' lock in Danish; spread into ./da.ts. */
export const lockDa = {
  'lock.heading': 'Dine noter er låst',
  'lock.intro': 'Noterne er krypteret på denne enhed. Skriv din adgangsfrase for at åbne dem.',
  'lock.passphrase': 'Adgangsfrase',
  'lock.unlock': 'Lås op',
  'lock.unlocking': 'Låser op …',
  'lock.useRecovery': 'Jeg har glemt adgangsfrasen',
  'lock.usePassphrase': 'Brug adgangsfrasen i stedet',
  'lock.recoveryIntro':
    'Skriv din gendannelsesnøgle og vælg en ny adgangsfrase. Nøglen blev vist én gang, da du låste noterne.',
  'lock.recoveryKey': 'Gendannelsesnøgle',
  'lock.recoveryHint': 'F.eks. ABCD-EFGH-… Store og små bogstaver er lige gode.',
  'lock.newPassphrase': 'Ny adgangsfrase',
  'lock.repeatPassphrase': 'Gentag adgangsfrasen',
  'lock.passphraseHint':
    'Mindst {min} tegn. Flere almindelige ord i træk er lette at huske og svære at gætte.',
  'lock.recover': 'Åbn med gendannelsesnøglen',
  'lock.error.wrong': 'Forkert adgangsfrase. Intet er ændret; prøv igen.',
  'lock.error.short': 'Adgangsfrasen skal have mindst {min} tegn.',
  'lock.error.mismatch': 'De to adgangsfraser er ikke ens.',
  'lock.error.recoveryMistyped':
    'Gendannelsesnøglen er skrevet forkert et sted (dens kontroltegn passer ikke). Se efter en forbyttet eller manglende karakter.',
  'lock.error.recoveryWrong': 'Denne gendannelsesnøgle hører ikke til noterne her.',
  'lock.error.failed': 'Noget gik galt, og intet er ændret: {message}',
  'lock.lost':
    'Uden adgangsfrasen eller gendannelsesnøglen kan ingen åbne noterne – heller ikke Samskab eller kommunens IT.',

  'lock.now': 'Lås nu',
  'lock.locked': 'Noterne er låst.',

  'lock.section': 'Lås noterne',
  'lock.plainStatus':
    'Noterne ligger ukrypteret i browserens lager. Alle med adgang til denne computer eller dens filer kan læse dem.',
  'lock.sealedStatus':
    'Noterne er krypteret med din adgangsfrase (AES-256-GCM). Navne, kontakt, noter, mærker, opfølgninger og sidetitler kan ikke læses fra disken uden den.',
  'lock.setIntro':
    'Vælg en adgangsfrase. Du får derefter en gendannelsesnøgle, som du skal gemme et sikkert sted, f.eks. på papir.',
  'lock.set': 'Fortsæt',
  'lock.setting': 'Krypterer dine noter …',
  'lock.recoveryShown': 'Din gendannelsesnøgle',
  'lock.recoveryShownIntro':
    'Skriv nøglen ned nu, og gem den et andet sted end computeren. Den vises kun denne ene gang. Glemmer du adgangsfrasen, er nøglen den eneste vej til dine noter. Noterne låses, når du har gemt den.',
  'lock.recoveryKept': 'Lås noterne',
  'lock.recoveryKeptConfirm': 'Jeg har skrevet nøglen ned og gemt den sikkert',
  'lock.done': 'Noterne er låst med din adgangsfrase.',
  'lock.change': 'Skift adgangsfrase',
  'lock.current': 'Nuværende adgangsfrase',
  'lock.changed': 'Adgangsfrasen er skiftet. Gendannelsesnøglen virker stadig.',
  'lock.remove': 'Fjern adgangsfrasen',
  'lock.removeIntro': 'Noterne gemmes så ukrypteret igen. Skriv din adgangsfrase for at bekræfte.',
  'lock.removing': 'Dekrypterer dine noter …',
  'lock.removed': 'Adgangsfrasen er fjernet. Noterne er ikke længere krypteret.',
  'lock.idle': 'Lås automatisk efter (minutter uden brug)',
  'lock.idleSaved': 'Noterne låses efter {minutes} minutter uden brug.',

  'lock.passkey.section': 'Adgangsnøgler (passkeys)',
  'lock.passkey.intro':
    'Med en adgangsnøgle låser du noterne op med fingeraftryk, ansigt, computerens pinkode eller en sikkerhedsnøgle i stedet for adgangsfrasen. Adgangsfrasen og gendannelsesnøglen virker stadig.',
  'lock.passkey.none': 'Du har ingen adgangsnøgler endnu.',
  'lock.passkey.addedOn': 'tilføjet {date}',
  'lock.passkey.remove': 'Fjern',
  'lock.passkey.removeNamed': 'Fjern adgangsnøglen {label}',
  'lock.passkey.removed':
    'Adgangsnøglen {label} er fjernet og kan ikke længere låse noterne op. Du kan også slette den i din adgangskodeadministrator eller på sikkerhedsnøglen.',
  'lock.passkey.add': 'Tilføj adgangsnøgle (passkey)',
  'lock.passkey.addIntro':
    'Skriv din adgangsfrase for at bekræfte, at det er dig. Derefter beder browseren dig om at lave adgangsnøglen.',
  'lock.passkey.label': 'Navn på adgangsnøglen',
  'lock.passkey.labelHint': 'Så du kan kende den igen, f.eks. “Windows Hello” eller “YubiKey”.',
  'lock.passkey.defaultLabel': 'Adgangsnøgle {n}',
  'lock.passkey.waiting': 'Venter på adgangsnøglen …',
  'lock.passkey.added': 'Adgangsnøglen {label} kan nu låse noterne op.',
  'lock.passkey.unlock': 'Lås op med adgangsnøgle',
  'lock.passkey.orPassphrase': 'Eller skriv din adgangsfrase:',
  'lock.passkey.error.cancelled':
    'Adgangsnøglen blev ikke brugt: dialogen blev lukket, tiden løb ud, eller nøglen hører ikke til her. Intet er ændret; prøv igen, eller brug adgangsfrasen.',
  'lock.passkey.error.notRecognised':
    'Den adgangsnøgle hører ikke til noterne her. Vælg en anden, eller brug adgangsfrasen.',
  'lock.passkey.error.noPrf':
    'Denne adgangsnøgle kan ikke låse noter op: den giver ikke den hemmelighed (PRF), som noterne låses med. Intet er ændret. Brug en anden adgangsnøgle eller adgangsfrasen.',
  'lock.passkey.error.exists': 'Den adgangsnøgle er allerede tilføjet. Intet er ændret.',
  'lock.passkey.error.unsupported':
    'Browseren tillader ikke adgangsnøgler her. Intet er ændret; brug adgangsfrasen.',

  'lock.offer':
    'Dine noter er ikke låst. Med en adgangsfrase kan ingen læse dem fra computerens disk eller en sikkerhedskopi.',
  'lock.offerChoose': 'Vælg adgangsfrase',
  'lock.offerLater': 'Ikke nu',

  'lock.notify': 'Du har en opfølgning',
  'lock.notifyMessage': 'Lås dine noter op for at se den.',
  'lock.capturedLocked': 'Markeringen er gemt til dig og bliver til en note, når du låser op.',
} as const;
