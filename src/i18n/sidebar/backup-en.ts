import type { backupDa } from './backup-da.js';

/** Encrypted and plain backups in English; spread into ./en.ts. */
export const backupEn: Record<keyof typeof backupDa, string> = {
  'backup.export.choice': 'How should the backup be saved?',
  'backup.export.encrypted': 'Encrypted (recommended)',
  'backup.export.plain': 'Unencrypted',
  'backup.export.passphraseHint':
    'Choose a passphrase of at least {min} characters – the one for your notes or another. Samskab does not keep it. Without it no one can open the file, not even you, so write it down somewhere safe.',
  'backup.export.passphrase': 'Passphrase for the backup',
  'backup.export.repeat': 'Repeat the passphrase',
  'backup.export.show': 'Show the passphrase',
  'backup.export.tooShort': 'The passphrase must be at least {min} characters. It is {length} now.',
  'backup.export.mismatch': 'The two passphrases differ. Type the same one in both fields.',
  'backup.export.warningLabel': 'Warning:',
  'backup.export.plainWarning':
    'Anyone who gets hold of the file can read your notes – names, contact details and everything you have written about the volunteers. Keep it only where no one else can reach it, and delete it when you no longer need it.',
  'backup.export.confirmPlain': 'I understand that anyone with the file can read my notes',
  'backup.export.confirmRequired':
    'Tick “I understand that anyone with the file can read my notes” if you want to save the file unencrypted.',
  'backup.export.saveEncrypted': 'Save encrypted backup',
  'backup.export.savePlain': 'Save unencrypted backup',
  'backup.export.busy': 'Saving …',
  'backup.export.collecting': 'Collecting your data …',
  'backup.export.encrypting': 'Encrypting the backup – this takes a moment …',
  'backup.export.savedEncrypted':
    'The encrypted backup was saved as {file}. You need the passphrase to open it.',
  'backup.export.savedPlain':
    'The unencrypted backup was saved as {file}. Keep it where only you can reach it.',
  'backup.export.failed': 'The backup could not be saved: {message}',
  'backup.csvPlain':
    'The CSV file is not encrypted. It holds names, contact details, roles, tags and status, but no notes.',

  'backup.import.hint':
    'Both encrypted and unencrypted backups can be imported. You see what the import will do before anything changes.',
  'backup.import.locked': 'The backup is encrypted. Type the passphrase it was saved with.',
  'backup.import.passphrase': 'Passphrase for the backup',
  'backup.import.show': 'Show the passphrase',
  'backup.import.open': 'Open the backup',
  'backup.import.opening': 'Opening …',
  'backup.import.openingLong': 'Opening the backup – this takes a moment …',
  'backup.import.empty': 'Type the passphrase for the backup.',
  'backup.import.wrong': 'Wrong passphrase for the backup.',
  'backup.import.damaged':
    'The backup is damaged or incomplete and cannot be opened. Nothing was changed. Try another copy of the file.',
};
