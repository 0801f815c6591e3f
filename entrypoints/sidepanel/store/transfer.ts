/**
 * Export and import: the progress of the long jobs, the dry-run plan waiting
 * for the leader's yes, and the problem found in a bad file.
 */
import { signal } from '@preact/signals';
import {
  type BackupProblem,
  type ImportPlan,
  planImport,
  readBackup,
} from '../../../src/notes/backup.js';
import type { NotesRepo } from '../../../src/notes/repo.js';
import type { Records } from './records.js';

/** Where the transfer is. */
export type TransferPhase = 'idle' | 'exporting' | 'reading' | 'planned' | 'importing';

/** Creates the transfer slice. */
export function createTransfer(repo: NotesRepo, records: Records, now: () => Date) {
  const phase = signal<TransferPhase>('idle');
  const progress = signal(0);
  const plan = signal<ImportPlan | null>(null);
  const problem = signal<BackupProblem | null>(null);
  const failure = signal<string | null>(null);

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

  return {
    phase,
    progress,
    plan,
    problem,
    failure,

    /** Serialises every record to backup JSON and notes the time of this backup. */
    exportJson: (): Promise<{ text: string; fileName: string }> =>
      time('samskab:export', async () => {
        phase.value = 'exporting';
        progress.value = 0;
        try {
          const backup = await repo.exportAll((f) => {
            progress.value = f * 0.9;
          });
          const text = JSON.stringify(backup, null, 1);
          progress.value = 1;
          await records.saveSettings({ lastBackupAt: now().toISOString() });
          return { text, fileName: `samskab-backup-${backup.exportedAt.slice(0, 10)}.json` };
        } finally {
          phase.value = 'idle';
        }
      })(),

    /** Reads and checks a file, then plans the import as a dry run. Nothing is written. */
    readFile: (text: string): Promise<ImportPlan | null> =>
      time('samskab:import-read', async () => {
        phase.value = 'reading';
        progress.value = 0;
        plan.value = null;
        problem.value = null;
        failure.value = null;
        const read = await readBackup(text, (f) => {
          progress.value = f * 0.8;
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

    cancel() {
      plan.value = null;
      phase.value = 'idle';
    },
  };
}

/** The transfer slice. */
export type Transfer = ReturnType<typeof createTransfer>;
