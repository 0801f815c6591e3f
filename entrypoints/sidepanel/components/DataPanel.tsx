import { useEffect, useRef, useState } from 'preact/hooks';
import { LINK_ENABLED } from '../../../src/link/origins.js';
import { describeProblem } from '../../../src/notes/backup.js';
import { volunteersToCsv } from '../../../src/notes/csv.js';
import { formatDateTime } from '../../../src/time/copenhagen.js';
import { usePanel, useT } from '../context.js';
import { ExportForm } from './ExportForm.js';
import { ImportUnlock } from './ImportUnlock.js';
import { LockPanel } from './LockPanel.js';
import { NoteItem } from './NoteItem.js';
import { NumberSettingForm } from './NumberSettingForm.js';
import { ProgressBar } from './ProgressBar.js';
import { useFocusRequest } from './useFocusRequest.js';

/** Props for {@link DataView}. */
export type DataPanelProps = Record<string, never>;

const SECTIONS = ['volunteers', 'notes', 'followUps', 'pageLinks', 'leaderWeeks'] as const;

/** Backup, import with a dry run, CSV export, retention review and the privacy statement. */
export function DataPanel(_: DataPanelProps) {
  const t = useT();
  const { store, locale, services, managed } = usePanel();
  const managedRetention = managed?.retentionMonths;
  const { transfer, records } = store;
  const phase = transfer.phase.value;
  const plan = transfer.plan.value;
  const problem = transfer.problem.value;
  const failure = transfer.failure.value;
  const damaged = transfer.unlockError.value === 'damaged';
  const settings = records.settings.value;
  const review = records.review.value;
  const busy =
    phase === 'exporting' || phase === 'reading' || phase === 'unlocking' || phase === 'importing';
  const [exportOpen, setExportOpen] = useState(false);
  const heading = useFocusRequest();
  const exportRef = useRef<HTMLButtonElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const summaryRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (problem || failure || damaged) errorRef.current?.focus();
  }, [problem, failure, damaged]);
  useEffect(() => {
    if (plan) summaryRef.current?.focus();
  }, [plan]);

  const closeExport = () => {
    setExportOpen(false);
    exportRef.current?.focus();
  };
  const exportCsv = () => {
    const csv = volunteersToCsv(
      records.sortedVolunteers.value,
      {
        name: t('data.csv.name'),
        contact: t('data.csv.contact'),
        roles: t('data.csv.roles'),
        tags: t('data.csv.tags'),
        status: t('data.csv.status'),
        lastNote: t('data.csv.lastNote'),
        createdAt: t('data.csv.createdAt'),
        statuses: {
          active: t('volunteer.status.active'),
          paused: t('volunteer.status.paused'),
          ended: t('volunteer.status.ended'),
        },
      },
      records.lastNote.value,
    );
    const fileName = `samskab-frivillige-${records.clock.value.toISOString().slice(0, 10)}.csv`;
    services.download(csv, fileName, 'text/csv;charset=utf-8');
    store.ui.announce(t('data.exportedCsv', { file: fileName }));
  };
  const chooseFile = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    await transfer.readFile(await file.text());
  };
  const apply = async () => {
    const p = transfer.plan.value;
    const nothing = p && p.writes.length === 0 && !p.settings;
    if (await transfer.apply()) {
      store.ui.announce(nothing ? t('data.importNothing') : t('data.imported'));
    }
  };

  return (
    <section aria-labelledby="data-heading">
      <h2 id="data-heading" ref={heading} tabIndex={-1}>
        {t('data.heading')}
      </h2>
      <p>{t(LINK_ENABLED ? 'data.privacyLinked' : 'data.privacy')}</p>
      <LockPanel />
      <p class="muted">
        {settings.lastBackupAt
          ? t('data.lastBackup', { date: formatDateTime(new Date(settings.lastBackupAt), locale) })
          : t('data.noBackup')}
      </p>
      <div class="stack">
        <button
          ref={exportRef}
          type="button"
          aria-expanded={exportOpen}
          aria-controls={exportOpen ? 'export-form' : undefined}
          onClick={() => {
            // Closing the form mid-export would hide its progress, not stop it.
            if (phase !== 'exporting') setExportOpen(!exportOpen);
          }}
          disabled={busy && !exportOpen}
          aria-disabled={phase === 'exporting' ? 'true' : undefined}
        >
          {t('data.export')}
        </button>
      </div>
      {exportOpen && <ExportForm onClose={closeExport} />}
      <div class="stack">
        <button
          type="button"
          onClick={exportCsv}
          disabled={busy}
          aria-describedby="export-csv-plain"
        >
          {t('data.exportCsv')}
        </button>
        <p id="export-csv-plain" class="muted">
          {t('backup.csvPlain')}
        </p>
      </div>

      <h3>{t('data.import')}</h3>
      <div class="field">
        <label for="import-file">{t('data.importFile')}</label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          onChange={chooseFile}
          disabled={busy}
          aria-describedby="import-file-hint"
        />
        <p id="import-file-hint" class="muted">
          {t('backup.import.hint')}
        </p>
      </div>
      {(phase === 'locked' || phase === 'unlocking') && <ImportUnlock />}
      {(phase === 'reading' || phase === 'importing') && (
        <ProgressBar value={transfer.progress.value} />
      )}
      {phase === 'reading' && <p>{t('data.importReading')}</p>}
      {(problem || failure || damaged) && (
        <div ref={errorRef} tabIndex={-1} class="error-box" role="alert">
          {problem
            ? describeProblem(problem, locale)
            : damaged
              ? t('backup.import.damaged')
              : t('data.importFailed', { message: failure ?? '' })}
        </div>
      )}
      {plan && (
        <section ref={summaryRef} tabIndex={-1} class="summary" aria-labelledby="summary-heading">
          <p id="summary-heading">
            <strong>{t('data.importSummary')}</strong>
          </p>
          <ul>
            {SECTIONS.map((s) => (
              <li key={s}>
                {t('data.summaryRow', { section: t(`data.section.${s}`), ...plan.summary[s] })}
              </li>
            ))}
          </ul>
          {SECTIONS.some((s) => plan.summary[s].conflicting > 0) && (
            <p class="muted">{t('data.conflictHint')}</p>
          )}
          <div class="row">
            <button type="button" onClick={apply} disabled={busy}>
              {t('data.importApply')}
            </button>
            <button
              type="button"
              onClick={() => {
                transfer.cancel();
                store.ui.announce(t('data.importCancelled'));
              }}
            >
              {t('data.importCancel')}
            </button>
          </div>
        </section>
      )}

      <h3>{t('data.review')}</h3>
      <NumberSettingForm
        setting="retentionMonths"
        id="retention"
        name="months"
        label={t('data.retention')}
        min={0}
        max={120}
        {...(managedRetention !== undefined
          ? { locked: t('link.managedRetention', { months: managedRetention }) }
          : {})}
      />
      {settings.retentionMonths > 0 &&
        (review.length === 0 ? (
          <p>{t('data.reviewNone')}</p>
        ) : (
          <>
            <p>{t('data.reviewHint', { months: settings.retentionMonths })}</p>
            <ul class="list plain">
              {review.slice(0, 50).map((n) => (
                <li key={n.id}>
                  <NoteItem note={n} reviewable />
                </li>
              ))}
            </ul>
          </>
        ))}
    </section>
  );
}
