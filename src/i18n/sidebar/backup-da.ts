/** Encrypted and plain backups in Danish; spread into ./da.ts. */
export const backupDa = {
  'backup.export.choice': 'Hvordan skal sikkerhedskopien gemmes?',
  'backup.export.encrypted': 'Krypteret (anbefalet)',
  'backup.export.plain': 'Ukrypteret',
  'backup.export.passphraseHint':
    'Vælg en adgangsfrase på mindst {min} tegn – den samme som til dine noter eller en anden. Samskab gemmer den ikke. Uden den kan ingen åbne filen, heller ikke du, så skriv den ned et sikkert sted.',
  'backup.export.passphrase': 'Adgangsfrase til sikkerhedskopien',
  'backup.export.repeat': 'Gentag adgangsfrasen',
  'backup.export.show': 'Vis adgangsfrasen',
  'backup.export.tooShort': 'Adgangsfrasen skal være mindst {min} tegn. Den er nu {length}.',
  'backup.export.mismatch': 'De to adgangsfraser er ikke ens. Skriv den samme i begge felter.',
  'backup.export.warningLabel': 'Advarsel:',
  'backup.export.plainWarning':
    'Alle, der får fat i filen, kan læse dine noter – navne, kontaktoplysninger og alt, hvad du har skrevet om de frivillige. Gem den kun, hvor ingen andre kan komme til den, og slet den, når du ikke skal bruge den mere.',
  'backup.export.confirmPlain': 'Jeg forstår, at alle med filen kan læse mine noter',
  'backup.export.confirmRequired':
    'Sæt flueben ved “Jeg forstår, at alle med filen kan læse mine noter”, hvis du vil gemme filen ukrypteret.',
  'backup.export.saveEncrypted': 'Gem krypteret sikkerhedskopi',
  'backup.export.savePlain': 'Gem ukrypteret sikkerhedskopi',
  'backup.export.busy': 'Gemmer …',
  'backup.export.collecting': 'Samler dine data …',
  'backup.export.encrypting': 'Krypterer sikkerhedskopien – det tager et øjeblik …',
  'backup.export.savedEncrypted':
    'Den krypterede sikkerhedskopi er gemt som {file}. Du skal bruge adgangsfrasen for at åbne den.',
  'backup.export.savedPlain':
    'Den ukrypterede sikkerhedskopi er gemt som {file}. Opbevar den, hvor kun du kan komme til den.',
  'backup.export.failed': 'Sikkerhedskopien kunne ikke gemmes: {message}',
  'backup.csvPlain':
    'CSV-filen er ikke krypteret. Den indeholder navne, kontaktoplysninger, roller, mærker og status, men ingen noter.',

  'backup.import.hint':
    'Både krypterede og ukrypterede sikkerhedskopier kan importeres. Du ser, hvad importen vil gøre, før noget ændres.',
  'backup.import.locked':
    'Sikkerhedskopien er krypteret. Skriv den adgangsfrase, den blev gemt med.',
  'backup.import.passphrase': 'Adgangsfrase til sikkerhedskopien',
  'backup.import.show': 'Vis adgangsfrasen',
  'backup.import.open': 'Åbn sikkerhedskopien',
  'backup.import.opening': 'Åbner …',
  'backup.import.openingLong': 'Åbner sikkerhedskopien – det tager et øjeblik …',
  'backup.import.empty': 'Skriv adgangsfrasen til sikkerhedskopien.',
  'backup.import.wrong': 'Forkert adgangsfrase til sikkerhedskopien.',
  'backup.import.damaged':
    'Sikkerhedskopien er beskadiget eller ufuldstændig og kan ikke åbnes. Intet er ændret. Prøv en anden kopi af filen.',
} as const;
