/**
 * Export and import: the progress of the long jobs, an encrypted file waiting
 * for its passphrase, the dry-run plan waiting for the leader's yes, and the
 * problem found in a bad file.
 *
 * Backups are encrypted unless the caller says `{ plain: true }`; the slice
 * never keeps a passphrase, only the encrypted text of a file until it is
 * opened or put aside.
 */
import { signal } from '@preact/signals';
import {
  type BackupProblem,
  type ImportPlan,
  MAX_BACKUP_BYTES,
  planImport,
  readBackup,
} from '../../../src/notes/backup.js';
import type { NotesRepo } from '../../../src/notes/repo.js';
import {
  decryptBackup,
  encryptBackup,
  isEncryptedBackup,
  VaultError,
  type VaultOptions,
} from '../../../src/notes/vault.js';
import { EncryptedBackup } from '../../../src/schemas/vault.js';
import type { Records } from './records.js';

/**
 * Where the transfer is. `locked`: an encrypted file was read and waits for
 * its passphrase; `unlocking`: Argon2id is deriving its key.
 */
export type TransferPhase =
  | 'idle'
  | 'exporting'
  | 'reading'
  | 'locked'
  | 'unlocking'
  | 'planned'
  | 'importing';

/** What `exportJson` is asked for: an encrypted backup, or a plain one by explicit choice. */
export type ExportChoice = { passphrase: string } | { plain: true };

/** What a long export is doing now, for the text beside its progress bar. */
export type ExportStep = 'collecting' | 'encrypting';

/** Why an encrypted file did not open: the passphrase is not its own, or the file is not whole. */
export type UnlockError = 'wrong' | 'damaged';

/**
 * The shortest passphrase a backup may have. A backup file can be copied and
 * guessed at offline for ever, so it needs more than a PIN; each guess costs
 * one Argon2id (64 MiB).
 */
export const MIN_BACKUP_PASSPHRASE = 10;

/** Length as the leader counts it: "Å" typed decomposed is still one character. */
const length = (text: string) => [...text.normalize('NFC')].length;

/** What is wrong with a new backup passphrase and its repetition, or null when nothing is. */
export function checkBackupPassphrase(
  passphrase: string,
  repeat: string,
): 'tooShort' | 'mismatch' | null {
  if (length(passphrase) < MIN_BACKUP_PASSPHRASE) return 'tooShort';
  if (passphrase.normalize('NFC') !== repeat.normalize('NFC')) return 'mismatch';
  return null;
}

/** Whether `text` is a whole encrypted envelope, judged without the passphrase. */
function envelopeIsWhole(text: string): boolean {
  try {
    return EncryptedBackup.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

/** Tuning for tests: small Argon2 costs. The panel passes nothing. */
export interface TransferOptions {
  vault?: VaultOptions;
}

/** Creates the transfer slice. */
export function createTransfer(
  repo: NotesRepo,
  records: Records,
  now: () => Date,
  options: TransferOptions = {},
) {
  const phase = signal<TransferPhase>('idle');
  const progress = signal(0);
  const exportStep = signal<ExportStep | null>(null);
  const plan = signal<ImportPlan | null>(null);
  const problem = signal<BackupProblem | null>(null);
  const failure = signal<string | null>(null);
  const unlockError = signal<UnlockError | null>(null);
  /** The encrypted file's text while it waits for its passphrase. */
  let lockedText: string | null = null;

  const time =
    <T>(name: string, job: () => Promise<T>) =>
    async () => {
      const start = performance.now();
      try {
        return await job();
      } finally {
        performance.measure(name, { start, end: performance.now() });
      }
    };

  const clear = () => {
    plan.value = null;
    problem.value = null;
    failure.value = null;
    unlockError.value = null;
    lockedText = null;
  };

  /** Checks backup JSON and plans its import as a dry run; progress runs from `from` to 1. */
  const check = async (json: string, from: number) => {
    const read = await readBackup(json, (f) => {
      progress.value = from + f * (0.9 - from);
    });
    if (!read.ok) {
      problem.value = read.problem;
      phase.value = 'idle';
      return null;
    }
    const planned = planImport(read.value, await repo.snapshotIds());
    progress.value = 1;
    if (!planned.ok) {
      problem.value = planned.problem;
      phase.value = 'idle';
      return null;
    }
    plan.value = planned.value;
    phase.value = 'planned';
    return planned.value;
  };

  return {
    phase,
    progress,
    exportStep,
    plan,
    problem,
    failure,
    unlockError,

    /**
     * Serialises every record to backup JSON, encrypted with `choice.passphrase`
     * unless `choice.plain`, and notes the time of this backup. Throws a
     * RangeError on a passphrase shorter than {@link MIN_BACKUP_PASSPHRASE}.
     */
    exportJson: (choice: ExportChoice): Promise<{ text: string; fileName: string }> =>
      time('samskab:export', async () => {
        const passphrase = 'plain' in choice ? null : choice.passphrase;
        if (passphrase !== null && length(passphrase) < MIN_BACKUP_PASSPHRASE)
          throw new RangeError('transfer: the backup passphrase is too short');
        phase.value = 'exporting';
        exportStep.value = 'collecting';
        progress.value = 0;
        try {
          const encrypt = passphrase !== null;
          const share = encrypt ? 0.5 : 0.9;
          const backup = await repo.exportAll((f) => {
            progress.value = f * share;
          });
          const day = backup.exportedAt.slice(0, 10);
          let text: string;
          let fileName: string;
          if (encrypt) {
            exportStep.value = 'encrypting';
            progress.value = share;
            // Compact: no one reads the inner JSON, and gzip has less to do.
            text = await encryptBackup(JSON.stringify(backup), passphrase, options.vault);
            // `.json` last, so the import's file picker and the OS still take it;
            // `.samskab` before it says it is no JSON to open in an editor.
            fileName = `samskab-backup-${day}.samskab.json`;
          } else {
            text = JSON.stringify(backup, null, 1);
            fileName = `samskab-backup-${day}.json`;
          }
          progress.value = 1;
          await records.saveSettings({ lastBackupAt: now().toISOString() });
          return { text, fileName };
        } finally {
          phase.value = 'idle';
          exportStep.value = null;
        }
      })(),

    /**
     * Reads and checks a file, then plans the import as a dry run. An
     * encrypted file stops at `locked` (returns null) until `unlockFile`.
     * Nothing is written.
     */
    readFile: (text: string): Promise<ImportPlan | null> =>
      time('samskab:import-read', async () => {
        phase.value = 'reading';
        progress.value = 0;
        clear();
        if (text.length <= MAX_BACKUP_BYTES && isEncryptedBackup(text)) {
          if (!envelopeIsWhole(text)) {
            // Cut short or altered outside `data`: no passphrase can open it, so ask for none.
            unlockError.value = 'damaged';
            phase.value = 'idle';
            return null;
          }
          lockedText = text;
          phase.value = 'locked';
          return null;
        }
        return check(text, 0);
      })(),

    /**
     * Opens the waiting encrypted file with `passphrase`, then plans its
     * import as `readFile` does. A wrong passphrase leaves the file waiting
     * (`unlockError` 'wrong'); a damaged one puts it aside ('damaged').
     */
    unlockFile: (passphrase: string): Promise<ImportPlan | null> =>
      time('samskab:import-unlock', async () => {
        const text = lockedText;
        if (text === null || phase.value !== 'locked') return null;
        phase.value = 'unlocking';
        unlockError.value = null;
        failure.value = null;
        let json: string | null;
        try {
          // An empty passphrase opens no backup (and Argon2 refuses one).
          json = passphrase.length === 0 ? null : await decryptBackup(text, passphrase);
        } catch (error) {
          if (!(error instanceof VaultError)) {
            // Not the file's fault (out of memory, say): the leader may try again.
            failure.value = error instanceof Error ? error.message : String(error);
            phase.value = 'locked';
            return null;
          }
          lockedText = null;
          unlockError.value = 'damaged';
          phase.value = 'idle';
          return null;
        }
        if (json === null) {
          unlockError.value = 'wrong';
          phase.value = 'locked';
          return null;
        }
        lockedText = null;
        phase.value = 'reading';
        progress.value = 0.1;
        return check(json, 0.1);
      })(),

    /** Applies the planned import in one transaction, then reloads the records. */
    apply: (): Promise<boolean> =>
      time('samskab:import', async () => {
        const p = plan.value;
        if (!p) return false;
        phase.value = 'importing';
        progress.value = 0;
        try {
          await repo.applyImport(p, (f) => {
            progress.value = f;
          });
          await records.load();
          plan.value = null;
          return true;
        } catch (error) {
          failure.value = error instanceof Error ? error.message : String(error);
          return false;
        } finally {
          phase.value = 'idle';
        }
      })(),

    /** Puts aside the plan or the file waiting for its passphrase; nothing was written. */
    cancel() {
      clear();
      phase.value = 'idle';
    },
  };
}

/** The transfer slice. */
export type Transfer = ReturnType<typeof createTransfer>;
