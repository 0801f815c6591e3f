import type { lockDa } from './lock-da.js';

/** The notes' lock in English; spread into ./en.ts. */
export const lockEn: Record<keyof typeof lockDa, string> = {
  'lock.heading': 'Your notes are locked',
  'lock.intro': 'The notes are encrypted on this device. Enter your passphrase to open them.',
  'lock.passphrase': 'Passphrase',
  'lock.unlock': 'Unlock',
  'lock.unlocking': 'Unlocking …',
  'lock.useRecovery': 'I have forgotten the passphrase',
  'lock.usePassphrase': 'Use the passphrase instead',
  'lock.recoveryIntro':
    'Enter your recovery key and choose a new passphrase. The key was shown once, when you locked the notes.',
  'lock.recoveryKey': 'Recovery key',
  'lock.recoveryHint': 'E.g. ABCD-EFGH-… Upper and lower case are the same.',
  'lock.newPassphrase': 'New passphrase',
  'lock.repeatPassphrase': 'Repeat the passphrase',
  'lock.passphraseHint':
    'At least {min} characters. Several ordinary words in a row are easy to remember and hard to guess.',
  'lock.recover': 'Open with the recovery key',
  'lock.error.wrong': 'Wrong passphrase. Nothing has changed; try again.',
  'lock.error.short': 'The passphrase must have at least {min} characters.',
  'lock.error.mismatch': 'The two passphrases differ.',
  'lock.error.recoveryMistyped':
    'The recovery key is mistyped somewhere (its check characters do not match). Look for a swapped or missing character.',
  'lock.error.recoveryWrong': 'This recovery key does not belong to the notes here.',
  'lock.error.failed': 'Something went wrong, and nothing has changed: {message}',
  'lock.lost':
    'Without the passphrase or the recovery key nobody can open the notes – not Samskab, not the municipality’s IT.',

  'lock.now': 'Lock now',
  'lock.locked': 'The notes are locked.',

  'lock.section': 'Lock the notes',
  'lock.plainStatus':
    'The notes are stored unencrypted in the browser’s storage. Anyone with access to this computer or its files can read them.',
  'lock.sealedStatus':
    'The notes are encrypted with your passphrase (AES-256-GCM). Names, contact details, notes, tags, follow-ups and page titles cannot be read from the disk without it.',
  'lock.setIntro':
    'Choose a passphrase. You then get a recovery key to keep somewhere safe, for example on paper.',
  'lock.set': 'Continue',
  'lock.setting': 'Encrypting your notes …',
  'lock.recoveryShown': 'Your recovery key',
  'lock.recoveryShownIntro':
    'Write the key down now and keep it somewhere other than the computer. It is shown this once only. If you forget the passphrase, the key is the only way to your notes. The notes are locked once you have kept it.',
  'lock.recoveryKept': 'Lock the notes',
  'lock.recoveryKeptConfirm': 'I have written the key down and kept it safe',
  'lock.done': 'The notes are locked with your passphrase.',
  'lock.change': 'Change passphrase',
  'lock.current': 'Current passphrase',
  'lock.changed': 'The passphrase is changed. The recovery key still works.',
  'lock.remove': 'Remove the passphrase',
  'lock.removeIntro':
    'The notes are then stored unencrypted again. Enter your passphrase to confirm.',
  'lock.removing': 'Decrypting your notes …',
  'lock.removed': 'The passphrase is removed. The notes are no longer encrypted.',
  'lock.idle': 'Lock automatically after (minutes unused)',
  'lock.idleSaved': 'The notes lock after {minutes} minutes unused.',

  'lock.passkey.section': 'Passkeys',
  'lock.passkey.intro':
    'With a passkey you unlock the notes with your fingerprint, face, the computer’s PIN or a security key instead of the passphrase. The passphrase and the recovery key still work.',
  'lock.passkey.none': 'You have no passkeys yet.',
  'lock.passkey.addedOn': 'added {date}',
  'lock.passkey.remove': 'Remove',
  'lock.passkey.removeNamed': 'Remove the passkey {label}',
  'lock.passkey.removed':
    'The passkey {label} is removed and can no longer unlock the notes. You may also delete it in your password manager or on the security key.',
  'lock.passkey.add': 'Add a passkey',
  'lock.passkey.addIntro':
    'Enter your passphrase to confirm it is you. The browser then asks you to make the passkey.',
  'lock.passkey.label': 'Name of the passkey',
  'lock.passkey.labelHint': 'So you know it again, e.g. “Windows Hello” or “YubiKey”.',
  'lock.passkey.defaultLabel': 'Passkey {n}',
  'lock.passkey.waiting': 'Waiting for the passkey …',
  'lock.passkey.added': 'The passkey {label} can now unlock the notes.',
  'lock.passkey.unlock': 'Unlock with a passkey',
  'lock.passkey.orPassphrase': 'Or enter your passphrase:',
  'lock.passkey.error.cancelled':
    'The passkey was not used: the dialog was closed, it timed out, or the key does not belong here. Nothing has changed; try again, or use the passphrase.',
  'lock.passkey.error.notRecognised':
    'That passkey does not belong to the notes here. Choose another, or use the passphrase.',
  'lock.passkey.error.noPrf':
    'This passkey cannot unlock notes: it does not give the secret (PRF) the notes are locked with. Nothing has changed. Use another passkey or the passphrase.',
  'lock.passkey.error.exists': 'That passkey is already added. Nothing has changed.',
  'lock.passkey.error.unsupported':
    'The browser does not allow passkeys here. Nothing has changed; use the passphrase.',

  'lock.offer':
    'Your notes are not locked. With a passphrase nobody can read them from the computer’s disk or a backup.',
  'lock.offerChoose': 'Choose a passphrase',
  'lock.offerLater': 'Not now',

  'lock.notify': 'You have a follow-up',
  'lock.notifyMessage': 'Unlock your notes to see it.',
  'lock.capturedLocked': 'The selection is kept for you and becomes a note when you unlock.',
};
