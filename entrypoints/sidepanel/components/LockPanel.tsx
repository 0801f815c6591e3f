import { useEffect, useRef, useState } from 'preact/hooks';
import type { SidebarKey } from '../../../src/i18n/sidebar/index.js';
import { usePanel, useT } from '../context.js';
import { checkNewPassphrase, MIN_PASSPHRASE } from '../store/lock.js';
import { NumberSettingForm } from './NumberSettingForm.js';
import { PasskeyPanel } from './PasskeyPanel.js';
import { NewPassphraseFields, PassphraseField } from './PassphraseField.js';
import { ProgressBar } from './ProgressBar.js';
import { useSaving } from './useSaving.js';

/** Props for {@link LockPanel}. */
export type LockPanelProps = Record<string, never>;

type FieldError = { key: SidebarKey; field: string } | null;

/** The Data view's "Lås noterne": set, change or remove the passphrase, passkeys, the idle time, and "Lås nu". */
export function LockPanel(_: LockPanelProps) {
  const t = useT();
  const { store, lock } = usePanel();
  const [error, setError] = useState<FieldError>(null);
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState<'' | 'setting' | 'removing'>('');
  const { saving, run } = useSaving();
  const keyRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (error) document.getElementById(error.field)?.focus();
  }, [error]);
  const sealed = lock?.sealed.value ?? false;
  const recoveryKey = lock?.recoveryKey.value ?? null;
  useEffect(() => {
    if (recoveryKey) keyRef.current?.focus();
  }, [recoveryKey]);
  if (!lock) return null;

  const errorFor = (field: string) =>
    error?.field === field ? t(error.key, { min: MIN_PASSPHRASE }) : null;
  /** Runs a job that may fail for reasons nobody typed: say so, change nothing else. */
  const guarded = (job: () => Promise<void>) =>
    run(async () => {
      setFailure('');
      try {
        await job();
      } catch (e) {
        setFailure(t('lock.error.failed', { message: e instanceof Error ? e.message : String(e) }));
      } finally {
        setBusy('');
      }
    });

  const set = (e: Event) => {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    const form = new FormData(formEl);
    const passphrase = String(form.get('passphrase') ?? '');
    const problem = checkNewPassphrase(passphrase, String(form.get('repeat') ?? ''));
    if (problem) return setError({ key: problem, field: 'lock-new' });
    setError(null);
    return guarded(async () => {
      await lock.prepare(passphrase);
      formEl.reset();
    });
  };
  const keptAndLock = (e: Event) => {
    e.preventDefault();
    return guarded(async () => {
      setBusy('setting');
      await lock.lockNowKeyIsKept();
      store.ui.announce(t('lock.done'));
      document.getElementById('lock-heading')?.focus();
    });
  };
  const change = (e: Event) => {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    const form = new FormData(formEl);
    const next = String(form.get('passphrase') ?? '');
    const problem = checkNewPassphrase(next, String(form.get('repeat') ?? ''));
    if (problem) return setError({ key: problem, field: 'change-new' });
    return guarded(async () => {
      if (!(await lock.changePassphrase(String(form.get('current') ?? ''), next)))
        return setError({ key: 'lock.error.wrong', field: 'change-current' });
      setError(null);
      formEl.reset();
      store.ui.announce(t('lock.changed'));
    });
  };
  const remove = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    return guarded(async () => {
      setBusy('removing');
      if (!(await lock.removePassphrase(String(form.get('current') ?? ''))))
        return setError({ key: 'lock.error.wrong', field: 'remove-current' });
      setError(null);
      store.ui.announce(t('lock.removed'));
    });
  };

  return (
    <section aria-labelledby="lock-heading">
      <h3 id="lock-heading" tabIndex={-1}>
        {t('lock.section')}
      </h3>
      <p>{t(sealed ? 'lock.sealedStatus' : 'lock.plainStatus')}</p>
      {failure && (
        <div class="error-box" role="alert">
          {failure}
        </div>
      )}
      {busy && (
        <>
          <p role="status">{t(busy === 'setting' ? 'lock.setting' : 'lock.removing')}</p>
          <ProgressBar value={lock.progress.value} />
        </>
      )}
      {recoveryKey ? (
        <section class="summary" aria-labelledby="recovery-heading" ref={keyRef} tabIndex={-1}>
          <h4 id="recovery-heading">{t('lock.recoveryShown')}</h4>
          <p>{t('lock.recoveryShownIntro')}</p>
          <p class="code recovery-key" data-testid="recovery-key">
            {recoveryKey}
          </p>
          <p class="muted">{t('lock.lost')}</p>
          <form class="form" onSubmit={keptAndLock}>
            <label class="check">
              <input type="checkbox" required /> {t('lock.recoveryKeptConfirm')}
            </label>
            <div class="row">
              <button type="submit" aria-disabled={saving ? 'true' : undefined}>
                {saving ? t('lock.setting') : t('lock.recoveryKept')}
              </button>
              {!saving && (
                <button type="button" onClick={() => lock.cancel()}>
                  {t('dialog.cancel')}
                </button>
              )}
            </div>
          </form>
        </section>
      ) : sealed ? (
        <>
          <NumberSettingForm
            setting="lockAfterMinutes"
            id="lock-idle"
            name="minutes"
            label={t('lock.idle')}
            min={1}
            max={240}
          />
          <h4>{t('lock.change')}</h4>
          <form class="form" onSubmit={change} noValidate>
            <PassphraseField
              id="change-current"
              name="current"
              label={t('lock.current')}
              autocomplete="current-password"
              error={errorFor('change-current')}
            />
            <NewPassphraseFields
              prefix="change"
              label={t('lock.newPassphrase')}
              repeatLabel={t('lock.repeatPassphrase')}
              hint={t('lock.passphraseHint', { min: MIN_PASSPHRASE })}
              errorFor={errorFor}
            />
            <button type="submit" aria-disabled={saving ? 'true' : undefined}>
              {saving ? t('common.saving') : t('lock.change')}
            </button>
          </form>
          <PasskeyPanel />
          <h4>{t('lock.remove')}</h4>
          <form class="form" onSubmit={remove} noValidate>
            <p>{t('lock.removeIntro')}</p>
            <PassphraseField
              id="remove-current"
              name="current"
              label={t('lock.current')}
              autocomplete="current-password"
              error={errorFor('remove-current')}
            />
            <button type="submit" aria-disabled={saving ? 'true' : undefined}>
              {t('lock.remove')}
            </button>
          </form>
        </>
      ) : (
        <form class="form" onSubmit={set} noValidate>
          <p>{t('lock.setIntro')}</p>
          <NewPassphraseFields
            prefix="lock"
            label={t('lock.passphrase')}
            repeatLabel={t('lock.repeatPassphrase')}
            hint={t('lock.passphraseHint', { min: MIN_PASSPHRASE })}
            errorFor={errorFor}
          />
          <p class="muted">{t('lock.lost')}</p>
          <button type="submit" aria-disabled={saving ? 'true' : undefined}>
            {saving ? t('common.saving') : t('lock.set')}
          </button>
        </form>
      )}
    </section>
  );
}
