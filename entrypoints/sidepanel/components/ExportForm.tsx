import { useEffect, useRef, useState } from 'preact/hooks';
import type { SidebarKey } from '../../../src/i18n/sidebar/index.js';
import { usePanel, useT } from '../context.js';
import { checkBackupPassphrase, MIN_BACKUP_PASSPHRASE } from '../store/transfer.js';
import { ProgressBar } from './ProgressBar.js';
import { useSaving } from './useSaving.js';

/** A passphrase field's type: shown as text on request, so a typo can be seen. */
const shown = (show: boolean) => (show ? { type: 'text' as const } : { type: 'password' as const });

/** Props for {@link ExportForm}. */
export interface ExportFormProps {
  /** Called after the file was offered for download, or when the leader cancels. */
  onClose(): void;
}

type Field = 'export-passphrase' | 'export-repeat' | 'export-confirm';
type FieldError = { field: Field; key: SidebarKey; length?: number } | null;

/**
 * The JSON backup's form: encrypted with a passphrase typed here (the notes'
 * own or another; the panel never holds it), or plain by an explicit choice
 * that shows what that means and asks the leader to confirm it.
 */
export function ExportForm({ onClose }: ExportFormProps) {
  const t = useT();
  const { store, services } = usePanel();
  const { transfer } = store;
  const [plain, setPlain] = useState(false);
  const [show, setShow] = useState(false);
  const [error, setError] = useState<FieldError>(null);
  const [failure, setFailure] = useState('');
  const { saving, run } = useSaving();
  const firstRef = useRef<HTMLInputElement>(null);
  const failureRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    firstRef.current?.focus();
  }, []);
  useEffect(() => {
    // After each refusal, also when the same field is refused twice in a row.
    if (error) document.getElementById(error.field)?.focus();
  }, [error]);
  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);

  const errorFor = (field: Field) =>
    error?.field === field ? (
      <p id={`${field}-error`} class="error" role="alert">
        {t(error.key, { min: MIN_BACKUP_PASSPHRASE, length: error.length ?? 0 })}
      </p>
    ) : null;
  const described = (field: Field, hint?: string) => ({
    'aria-invalid': error?.field === field ? ('true' as const) : undefined,
    'aria-describedby':
      [hint, error?.field === field ? `${field}-error` : ''].filter(Boolean).join(' ') || undefined,
  });

  const submit = (e: Event) => {
    e.preventDefault();
    // Read now: `currentTarget` is gone once anything has been awaited.
    const form = new FormData(e.currentTarget as HTMLFormElement);
    return run(async () => {
      setFailure('');
      let passphrase = '';
      if (plain) {
        if (form.get('confirm') !== 'yes') {
          setError({ field: 'export-confirm', key: 'backup.export.confirmRequired' });
          return;
        }
      } else {
        passphrase = String(form.get('passphrase') ?? '');
        const wrong = checkBackupPassphrase(passphrase, String(form.get('repeat') ?? ''));
        if (wrong === 'tooShort') {
          setError({
            field: 'export-passphrase',
            key: 'backup.export.tooShort',
            length: [...passphrase.normalize('NFC')].length,
          });
          return;
        }
        if (wrong === 'mismatch') {
          setError({ field: 'export-repeat', key: 'backup.export.mismatch' });
          return;
        }
      }
      setError(null);
      try {
        const { text, fileName } = await transfer.exportJson(
          plain ? { plain: true } : { passphrase },
        );
        services.download(text, fileName, 'application/json');
        store.ui.announce(
          t(plain ? 'backup.export.savedPlain' : 'backup.export.savedEncrypted', {
            file: fileName,
          }),
        );
        onClose();
      } catch (err) {
        setFailure(
          t('backup.export.failed', { message: err instanceof Error ? err.message : String(err) }),
        );
      }
    });
  };

  const step = transfer.exportStep.value;
  return (
    <form
      id="export-form"
      class="form"
      noValidate
      aria-labelledby="export-choice"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !saving) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <fieldset>
        <legend id="export-choice">{t('backup.export.choice')}</legend>
        <label class="check">
          <input
            ref={firstRef}
            type="radio"
            name="mode"
            value="encrypted"
            checked={!plain}
            onChange={() => {
              setPlain(false);
              setError(null);
            }}
          />{' '}
          {t('backup.export.encrypted')}
        </label>
        <label class="check">
          <input
            type="radio"
            name="mode"
            value="plain"
            checked={plain}
            onChange={() => {
              setPlain(true);
              setError(null);
            }}
          />{' '}
          {t('backup.export.plain')}
        </label>
      </fieldset>

      {plain ? (
        <div class="notice" id="export-warning">
          <p>
            <strong>{t('backup.export.warningLabel')}</strong> {t('backup.export.plainWarning')}
          </p>
          <label class="check">
            <input
              id="export-confirm"
              type="checkbox"
              name="confirm"
              value="yes"
              {...described('export-confirm', 'export-warning')}
            />{' '}
            {t('backup.export.confirmPlain')}
          </label>
          {errorFor('export-confirm')}
        </div>
      ) : (
        <>
          <p id="export-passphrase-hint" class="muted">
            {t('backup.export.passphraseHint', { min: MIN_BACKUP_PASSPHRASE })}
          </p>
          <div class="field">
            <label for="export-passphrase">{t('backup.export.passphrase')}</label>
            <input
              id="export-passphrase"
              name="passphrase"
              {...shown(show)}
              autocomplete="new-password"
              spellcheck={false}
              {...described('export-passphrase', 'export-passphrase-hint')}
            />
            {errorFor('export-passphrase')}
          </div>
          <div class="field">
            <label for="export-repeat">{t('backup.export.repeat')}</label>
            <input
              id="export-repeat"
              name="repeat"
              {...shown(show)}
              autocomplete="new-password"
              spellcheck={false}
              {...described('export-repeat')}
            />
            {errorFor('export-repeat')}
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={show}
              onChange={(e) => setShow(e.currentTarget.checked)}
            />{' '}
            {t('backup.export.show')}
          </label>
        </>
      )}

      {step && (
        <>
          <ProgressBar value={transfer.progress.value} />
          <p>
            {t(step === 'encrypting' ? 'backup.export.encrypting' : 'backup.export.collecting')}
          </p>
        </>
      )}
      {failure && (
        <p ref={failureRef} tabIndex={-1} class="error-box" role="alert">
          {failure}
        </p>
      )}
      <div class="row">
        <button type="submit" aria-disabled={saving ? 'true' : undefined}>
          {saving
            ? t('backup.export.busy')
            : t(plain ? 'backup.export.savePlain' : 'backup.export.saveEncrypted')}
        </button>
        <button
          type="button"
          onClick={() => {
            if (!saving) onClose();
          }}
          aria-disabled={saving ? 'true' : undefined}
        >
          {t('dialog.cancel')}
        </button>
      </div>
    </form>
  );
}
