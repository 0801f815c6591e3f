import { useEffect, useRef, useState } from 'preact/hooks';
import type { Locale } from '../../../src/i18n/index.js';
import { type SidebarKey, st } from '../../../src/i18n/sidebar/index.js';
import {
  passkeyPrfSalt,
  resetPassphraseWithRecovery,
  unlockMaster,
  type VaultOptions,
} from '../../../src/notes/vault.js';
import type { Keyring } from '../../../src/schemas/vault.js';
import { browserPasskeys, type PasskeyClient, PasskeyError } from '../passkey.js';
import { checkNewPassphrase, MIN_PASSPHRASE } from '../store/lock.js';
import { NewPassphraseFields, PassphraseField } from './PassphraseField.js';
import { useSaving } from './useSaving.js';

/** Props for {@link LockScreen}. */
export interface LockScreenProps {
  locale: Locale;
  keyring: Keyring;
  /** Stores the keyring re-wrapped with a new passphrase (the recovery path). */
  saveKeyring(keyring: Keyring): Promise<void>;
  /** The notes are open: the master secret, for this browser session. */
  onUnlocked(master: Uint8Array<ArrayBuffer>): Promise<void>;
  kdf?: VaultOptions;
  /** WebAuthn; the browser's unless a test passes its own. */
  passkeys?: PasskeyClient;
}

/** What the lock screen says when a passkey does not unlock, by WebAuthn's reason. */
const UNLOCK_PROBLEMS: Record<PasskeyError['code'], SidebarKey> = {
  cancelled: 'lock.passkey.error.cancelled',
  noPrf: 'lock.passkey.error.noPrf',
  // Only making a passkey can find one already there; kept for the type's sake.
  exists: 'lock.passkey.error.exists',
  unsupported: 'lock.passkey.error.unsupported',
};

/**
 * What the panel shows while the notes are locked: a passkey (where the
 * keyring has one and the browser allows it) or the passphrase, or the
 * recovery key with a new passphrase. Nothing of the notes is read before.
 */
export function LockScreen({
  locale,
  keyring,
  saveKeyring,
  onUnlocked,
  kdf,
  passkeys = browserPasskeys,
}: LockScreenProps) {
  const t = (key: SidebarKey, params?: Record<string, string | number>) => st(locale, key, params);
  const [recovering, setRecovering] = useState(false);
  const [error, setError] = useState<{ text: string; field: string } | null>(null);
  const [passkeyReady, setPasskeyReady] = useState(false);
  const [usingPasskey, setUsingPasskey] = useState(false);
  const { saving, run } = useSaving();
  const hasPasskeys = keyring.passkeys.length > 0;
  useEffect(() => {
    if (!hasPasskeys) return;
    let live = true;
    void passkeys.supported().then((ok) => {
      if (live) setPasskeyReady(ok);
    });
    return () => {
      live = false;
    };
  }, [passkeys, hasPasskeys]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.getElementById(recovering ? 'recovery-key' : 'unlock-passphrase')?.focus();
  }, [recovering]);
  useEffect(() => {
    if (error) document.getElementById(error.field)?.focus();
  }, [error]);

  const fail = (key: SidebarKey, field: string) =>
    setError({ text: t(key, { min: MIN_PASSPHRASE }), field });

  const unlock = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    // The bench's "unlock → first list" starts here.
    performance.mark('samskab:unlock');
    return run(async () => {
      const passphrase = String(form.get('passphrase') ?? '');
      const master = await unlockMaster(keyring, { passphrase });
      if (typeof master === 'string') return fail('lock.error.wrong', 'unlock-passphrase');
      setError(null);
      await onUnlocked(master);
    });
  };

  const unlockWithPasskey = () =>
    run(async () => {
      performance.mark('samskab:unlock');
      setUsingPasskey(true);
      try {
        const got = await passkeys.get({
          prfSalt: passkeyPrfSalt(keyring),
          allow: keyring.passkeys.map((p) => p.credentialId),
        });
        try {
          const master = await unlockMaster(keyring, got);
          if (typeof master === 'string')
            return fail('lock.passkey.error.notRecognised', 'unlock-passkey');
          setError(null);
          await onUnlocked(master);
        } finally {
          got.prfOutput.fill(0);
        }
      } catch (e) {
        if (e instanceof PasskeyError) return fail(UNLOCK_PROBLEMS[e.code], 'unlock-passkey');
        setError({
          text: t('lock.error.failed', { message: e instanceof Error ? e.message : String(e) }),
          field: 'unlock-passkey',
        });
      } finally {
        setUsingPasskey(false);
      }
    });

  const recover = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    return run(async () => {
      const key = String(form.get('recovery') ?? '');
      const next = String(form.get('passphrase') ?? '');
      const problem = checkNewPassphrase(next, String(form.get('repeat') ?? ''));
      if (problem) return fail(problem, 'recovery-new');
      const reset = await resetPassphraseWithRecovery(keyring, key, next, kdf);
      if ('error' in reset)
        return fail(
          reset.error === 'mistyped' ? 'lock.error.recoveryMistyped' : 'lock.error.recoveryWrong',
          'recovery-key',
        );
      await saveKeyring(reset.keyring);
      const master = await unlockMaster(reset.keyring, { passphrase: next });
      if (typeof master === 'string') return fail('lock.error.wrong', 'recovery-new');
      setError(null);
      await onUnlocked(master);
    });
  };

  const errorFor = (field: string) => (error?.field === field ? error.text : null);

  return (
    <main class="lock">
      <h1>Samskab</h1>
      <h2 ref={heading} tabIndex={-1}>
        {t('lock.heading')}
      </h2>
      {recovering ? (
        <form class="form" onSubmit={recover} noValidate>
          <p>{t('lock.recoveryIntro')}</p>
          <PassphraseField
            id="recovery-key"
            name="recovery"
            label={t('lock.recoveryKey')}
            autocomplete="off"
            visible
            hint={t('lock.recoveryHint')}
            error={errorFor('recovery-key')}
          />
          <NewPassphraseFields
            prefix="recovery"
            label={t('lock.newPassphrase')}
            repeatLabel={t('lock.repeatPassphrase')}
            hint={t('lock.passphraseHint', { min: MIN_PASSPHRASE })}
            errorFor={errorFor}
          />
          <button type="submit" aria-disabled={saving ? 'true' : undefined}>
            {saving ? t('lock.unlocking') : t('lock.recover')}
          </button>
          <button
            type="button"
            class="link-button"
            onClick={() => {
              setError(null);
              setRecovering(false);
            }}
          >
            {t('lock.usePassphrase')}
          </button>
        </form>
      ) : (
        <form class="form" onSubmit={unlock} noValidate>
          <p>{t('lock.intro')}</p>
          {passkeyReady && (
            <div class="stack">
              <button
                id="unlock-passkey"
                type="button"
                aria-disabled={saving ? 'true' : undefined}
                aria-describedby={
                  error?.field === 'unlock-passkey' ? 'unlock-passkey-error' : undefined
                }
                onClick={unlockWithPasskey}
              >
                {usingPasskey ? t('lock.passkey.waiting') : t('lock.passkey.unlock')}
              </button>
              {error?.field === 'unlock-passkey' && (
                <p id="unlock-passkey-error" class="error" role="alert">
                  {error.text}
                </p>
              )}
              <p>{t('lock.passkey.orPassphrase')}</p>
            </div>
          )}
          <PassphraseField
            id="unlock-passphrase"
            name="passphrase"
            label={t('lock.passphrase')}
            autocomplete="current-password"
            error={errorFor('unlock-passphrase')}
          />
          <button type="submit" aria-disabled={saving ? 'true' : undefined}>
            {saving && !usingPasskey ? t('lock.unlocking') : t('lock.unlock')}
          </button>
          <button
            type="button"
            class="link-button"
            onClick={() => {
              setError(null);
              setRecovering(true);
            }}
          >
            {t('lock.useRecovery')}
          </button>
        </form>
      )}
      <p class="muted">{t('lock.lost')}</p>
      <p class="visually-hidden" role="status" aria-live="polite">
        {usingPasskey ? t('lock.passkey.waiting') : saving ? t('lock.unlocking') : ''}
      </p>
    </main>
  );
}
