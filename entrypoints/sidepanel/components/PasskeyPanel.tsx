import { useEffect, useRef, useState } from 'preact/hooks';
import type { SidebarKey } from '../../../src/i18n/sidebar/index.js';
import { formatDateTime } from '../../../src/time/copenhagen.js';
import { usePanel, useT } from '../context.js';
import { PasskeyError, type PasskeyProblem } from '../passkey.js';
import { MAX_PASSKEY_LABEL } from '../store/lock.js';
import { useSaving } from './useSaving.js';

/** Props for {@link PasskeyPanel}. */
export type PasskeyPanelProps = Record<string, never>;

/** What the Data view says when making a passkey fails, by WebAuthn's reason. */
export const ADD_PROBLEMS: Record<PasskeyProblem, SidebarKey> = {
  cancelled: 'lock.passkey.error.cancelled',
  noPrf: 'lock.passkey.error.noPrf',
  exists: 'lock.passkey.error.exists',
  unsupported: 'lock.passkey.error.unsupported',
};

/**
 * The Data view's passkeys: the list with "Fjern", and "Tilføj adgangsnøgle"
 * behind the passphrase. Shown only while the notes are locked at rest in a
 * browser that can unlock with a passkey here.
 */
export function PasskeyPanel(_: PasskeyPanelProps) {
  const t = useT();
  const { store, lock, locale } = usePanel();
  const [fieldError, setFieldError] = useState(false);
  const [failure, setFailure] = useState('');
  const { saving, run } = useSaving();
  const failureRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (fieldError) document.getElementById('passkey-current')?.focus();
  }, [fieldError]);
  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);
  if (!lock?.sealed.value || !lock.passkeySupported.value) return null;
  const passkeys = lock.passkeys.value;
  const nextLabel = t('lock.passkey.defaultLabel', { n: passkeys.length + 1 });

  const add = (e: Event) => {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    const form = new FormData(formEl);
    const label = String(form.get('label') ?? '').trim() || nextLabel;
    return run(async () => {
      setFailure('');
      setFieldError(false);
      try {
        if (!(await lock.addPasskey(String(form.get('current') ?? ''), label)))
          return setFieldError(true);
        formEl.reset();
        store.ui.announce(t('lock.passkey.added', { label }));
      } catch (error) {
        setFailure(
          error instanceof PasskeyError
            ? t(ADD_PROBLEMS[error.code])
            : t('lock.error.failed', {
                message: error instanceof Error ? error.message : String(error),
              }),
        );
      }
    });
  };
  const remove = (credentialId: string, label: string) =>
    run(async () => {
      setFailure('');
      await lock.removePasskey(credentialId);
      // The button pressed is gone: the section's heading keeps the leader's place.
      document.getElementById('passkey-heading')?.focus();
      store.ui.announce(t('lock.passkey.removed', { label }));
    });

  return (
    <section aria-labelledby="passkey-heading">
      <h4 id="passkey-heading" tabIndex={-1}>
        {t('lock.passkey.section')}
      </h4>
      <p>{t('lock.passkey.intro')}</p>
      {passkeys.length === 0 ? (
        <p class="muted">{t('lock.passkey.none')}</p>
      ) : (
        <ul class="list plain" aria-labelledby="passkey-heading" data-testid="passkeys">
          {passkeys.map((p) => (
            <li key={p.credentialId} class="row">
              <span>
                <strong>{p.label}</strong>{' '}
                <span class="muted">
                  {t('lock.passkey.addedOn', {
                    date: formatDateTime(new Date(p.createdAt), locale),
                  })}
                </span>
              </span>
              <button
                type="button"
                aria-label={t('lock.passkey.removeNamed', { label: p.label })}
                aria-disabled={saving ? 'true' : undefined}
                onClick={() => remove(p.credentialId, p.label)}
              >
                {t('lock.passkey.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {failure && (
        <div class="error-box" role="alert" ref={failureRef} tabIndex={-1}>
          {failure}
        </div>
      )}
      <form class="form" onSubmit={add} noValidate>
        <p>{t('lock.passkey.addIntro')}</p>
        <div class="field">
          <label for="passkey-label">{t('lock.passkey.label')}</label>
          <input
            id="passkey-label"
            name="label"
            autocomplete="off"
            maxLength={MAX_PASSKEY_LABEL}
            placeholder={nextLabel}
            aria-describedby="passkey-label-hint"
          />
          <p id="passkey-label-hint" class="muted">
            {t('lock.passkey.labelHint')}
          </p>
        </div>
        <div class="field">
          <label for="passkey-current">{t('lock.current')}</label>
          <input
            id="passkey-current"
            name="current"
            type="password"
            autocomplete="current-password"
            aria-invalid={fieldError ? 'true' : undefined}
            aria-describedby={fieldError ? 'passkey-current-error' : undefined}
          />
          {fieldError && (
            <p id="passkey-current-error" class="error">
              {t('lock.error.wrong')}
            </p>
          )}
        </div>
        <button type="submit" aria-disabled={saving ? 'true' : undefined}>
          {saving ? t('lock.passkey.waiting') : t('lock.passkey.add')}
        </button>
      </form>
    </section>
  );
}
