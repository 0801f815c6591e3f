import { useEffect, useRef, useState } from 'preact/hooks';
import { usePanel, useT } from '../context.js';

/** A passphrase field's type: shown as text on request, so a typo can be seen. */
const shown = (show: boolean) => (show ? { type: 'text' as const } : { type: 'password' as const });

/** Props for {@link ImportUnlock}. */
export type ImportUnlockProps = Record<string, never>;

/**
 * Asks for an encrypted backup's passphrase before its dry run. A wrong one
 * is said next to the field, which takes focus again with nothing changed.
 */
export function ImportUnlock(_: ImportUnlockProps) {
  const t = useT();
  const { store } = usePanel();
  const { transfer } = store;
  const phase = transfer.phase.value;
  const wrong = transfer.unlockError.value === 'wrong';
  const opening = phase === 'unlocking';
  const [empty, setEmpty] = useState(false);
  const [show, setShow] = useState(false);
  /** Bumped on each refusal, so a second wrong passphrase takes focus back too. */
  const [refusals, setRefusals] = useState(0);
  const fieldRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    fieldRef.current?.focus();
  }, [refusals]);

  const error = empty ? t('backup.import.empty') : wrong ? t('backup.import.wrong') : '';
  const submit = async (e: Event) => {
    e.preventDefault();
    if (opening) return;
    const field = fieldRef.current;
    const passphrase = field?.value ?? '';
    if (passphrase.length === 0) {
      setEmpty(true);
      setRefusals((n) => n + 1);
      return;
    }
    setEmpty(false);
    await transfer.unlockFile(passphrase);
    if (transfer.unlockError.value === 'wrong') {
      if (field) field.value = '';
      setRefusals((n) => n + 1);
    }
  };

  return (
    <form class="form notice" noValidate aria-labelledby="unlock-title" onSubmit={submit}>
      <p id="unlock-title">{t('backup.import.locked')}</p>
      <div class="field">
        <label for="unlock-passphrase">{t('backup.import.passphrase')}</label>
        <input
          ref={fieldRef}
          id="unlock-passphrase"
          name="passphrase"
          {...shown(show)}
          autocomplete="current-password"
          spellcheck={false}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'unlock-passphrase-error' : undefined}
        />
        {error && (
          <p id="unlock-passphrase-error" class="error" role="alert">
            {error}
          </p>
        )}
      </div>
      <label class="check">
        <input type="checkbox" checked={show} onChange={(e) => setShow(e.currentTarget.checked)} />{' '}
        {t('backup.import.show')}
      </label>
      {opening && <p>{t('backup.import.openingLong')}</p>}
      <div class="row">
        <button type="submit" aria-disabled={opening ? 'true' : undefined}>
          {opening ? t('backup.import.opening') : t('backup.import.open')}
        </button>
        <button
          type="button"
          aria-disabled={opening ? 'true' : undefined}
          onClick={() => {
            if (opening) return;
            transfer.cancel();
            document.getElementById('import-file')?.focus();
            store.ui.announce(t('data.importCancelled'));
          }}
        >
          {t('data.importCancel')}
        </button>
      </div>
    </form>
  );
}
