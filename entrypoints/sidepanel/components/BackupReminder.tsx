import { usePanel, useT } from '../context.js';

/** Props for {@link BackupReminder}. */
export type BackupReminderProps = Record<string, never>;

/** A reminder when there is no backup, or the latest is more than 30 days old. */
export function BackupReminder(_: BackupReminderProps) {
  const t = useT();
  const { store } = usePanel();
  const due = store.records.backupDue.value;
  if (!due) return null;
  return (
    <div class="notice" role="note">
      <p>{due === 'never' ? t('backup.reminderNever') : t('backup.reminder')}</p>
      <button type="button" onClick={() => store.ui.show('data')}>
        {t('backup.reminderAction')}
      </button>
    </div>
  );
}
