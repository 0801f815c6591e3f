/**
 * The notes' lock as the Data view shows it: whether they are locked at rest,
 * setting, changing and removing the passphrase, the recovery key shown once,
 * the passkeys that may unlock instead of the passphrase, and "Lås nu". The
 * browser session (where the unlocked key waits between panel opens) and
 * WebAuthn come in as services, so tests pass their own.
 */
import { signal } from '@preact/signals';
import type { NotesRepo } from '../../../src/notes/repo.js';
import {
  addPasskeyWrap,
  changePassphrase,
  createVault,
  passkeyPrfSalt,
  removePasskey,
  unlockMaster,
  unlockWithPassphrase,
  type Vault,
  type VaultOptions,
} from '../../../src/notes/vault.js';
import type { Keyring, PasskeyWrap } from '../../../src/schemas/vault.js';
import { browserPasskeys, type PasskeyClient } from '../passkey.js';

/** What the lock needs from the browser. */
export interface LockServices {
  repo: NotesRepo;
  /** Keeps the unlocked master secret for this browser session. */
  keep(master: Uint8Array): Promise<void>;
  /** Drops it, and tells every panel to forget what it shows. */
  forget(): Promise<void>;
  /** Whether the leader said "Ikke nu" to the first-start offer, and remembering it. */
  offerDismissed(): Promise<boolean>;
  dismissOffer(): Promise<void>;
  /** Argon2 costs; tests pass small ones, the product nothing. */
  kdf?: VaultOptions;
  /** WebAuthn; the browser's unless a test passes its own. */
  passkeys?: PasskeyClient;
}

/** A passkey as the Data view lists it: nothing of its wrap. */
export type PasskeyInfo = Pick<PasskeyWrap, 'credentialId' | 'label' | 'createdAt'>;

/** The longest name the leader may give a passkey (the keyring's limit). */
export const MAX_PASSKEY_LABEL = 100;

const passkeyInfo = (keyring: Keyring | undefined): PasskeyInfo[] =>
  (keyring?.passkeys ?? []).map(({ credentialId, label, createdAt }) => ({
    credentialId,
    label,
    createdAt,
  }));

/** Why a passphrase was refused, as catalog keys. */
export type PassphraseProblem = 'lock.error.short' | 'lock.error.mismatch' | 'lock.error.wrong';

/** The shortest passphrase accepted: four or five ordinary words are better still. */
export const MIN_PASSPHRASE = 10;

/** Checks a new passphrase and its repetition. */
export function checkNewPassphrase(passphrase: string, repeat: string): PassphraseProblem | null {
  if ([...passphrase.normalize('NFC')].length < MIN_PASSPHRASE) return 'lock.error.short';
  if (passphrase !== repeat) return 'lock.error.mismatch';
  return null;
}

/** Creates the lock slice. */
export function createLock(services: LockServices) {
  const { repo } = services;
  const webauthn = services.passkeys ?? browserPasskeys;
  /** True when the notes are locked at rest. */
  const sealed = signal(false);
  const progress = signal(0);
  /** The recovery key, from the moment it is made until the notes are locked with it. */
  const recoveryKey = signal<string | null>(null);
  /** The vault made by `prepare`, waiting for the leader to keep its recovery key. */
  let pending: { keyring: Keyring; vault: Vault; master: Uint8Array } | null = null;
  /** The first-start offer to lock the notes, until the leader does or says "Ikke nu". */
  const offer = signal(false);
  /** Whether this browser can unlock with a passkey here (feature-detected once). */
  const passkeySupported = signal(false);
  /** The keyring's passkeys. */
  const passkeys = signal<PasskeyInfo[]>([]);

  return {
    sealed,
    progress,
    recoveryKey,
    offer,
    passkeySupported,
    passkeys,

    async init() {
      const keyring = await repo.keyring();
      sealed.value = keyring !== undefined;
      passkeys.value = passkeyInfo(keyring);
      offer.value = !sealed.value && !(await services.offerDismissed());
      passkeySupported.value = await webauthn.supported();
    },

    /** "Ikke nu": the offer goes, for good; the Data view still has the lock. */
    async dismissOffer() {
      offer.value = false;
      await services.dismissOffer();
    },

    /**
     * First step of locking: makes the vault for `passphrase` and shows its
     * recovery key. Nothing is encrypted until the leader says the key is
     * kept, so a browser that dies while encrypting never leaves notes
     * locked by a key the leader has not seen.
     */
    async prepare(passphrase: string): Promise<void> {
      const made = await createVault(passphrase, services.kdf);
      const master = await unlockMaster(made.keyring, { passphrase });
      if (typeof master === 'string') throw new Error('the new vault did not open');
      pending?.master.fill(0);
      pending = { keyring: made.keyring, vault: made.vault, master };
      recoveryKey.value = made.recoveryKey;
    },

    /** The leader changed their mind before anything was encrypted. */
    cancel() {
      pending?.master.fill(0);
      pending = null;
      recoveryKey.value = null;
    },

    /**
     * The leader has kept the recovery key: every record is sealed in one
     * transaction, the key is kept for this session, and the recovery key
     * leaves memory and the screen.
     */
    async lockNowKeyIsKept(): Promise<void> {
      const p = pending;
      if (!p) return;
      progress.value = 0;
      const start = performance.now();
      await repo.lockAtRest(p.keyring, p.vault, (f) => {
        progress.value = f;
      });
      performance.measure('samskab:lock-at-rest', { start, end: performance.now() });
      pending = null;
      await services.keep(p.master);
      p.master.fill(0);
      sealed.value = true;
      offer.value = false;
      recoveryKey.value = null;
    },

    /** Re-wraps the one data key with a new passphrase; false when `current` is wrong. */
    async changePassphrase(current: string, next: string): Promise<boolean> {
      const keyring = await repo.keyring();
      if (!keyring) return false;
      const changed = await changePassphrase(keyring, { passphrase: current }, next, services.kdf);
      if (!changed) return false;
      await repo.saveKeyring(changed);
      return true;
    },

    /** Writes every record plain again and drops the keyring; false when `current` is wrong. */
    async removePassphrase(current: string): Promise<boolean> {
      const keyring = await repo.keyring();
      if (!keyring || !(await unlockWithPassphrase(keyring, current))) return false;
      progress.value = 0;
      await repo.openAtRest((f) => {
        progress.value = f;
      });
      await services.forget();
      sealed.value = false;
      passkeys.value = [];
      return true;
    },

    /**
     * Adds a passkey as a way in. The passphrase is checked first, so the
     * leader is never asked for a passkey that is then thrown away; then the
     * browser makes the passkey and the master secret is wrapped with its PRF
     * output. False when `current` is wrong; throws `PasskeyError` when
     * WebAuthn says no, with the keyring unchanged.
     */
    async addPasskey(current: string, label: string): Promise<boolean> {
      const keyring = await repo.keyring();
      if (!keyring || !(await unlockWithPassphrase(keyring, current))) return false;
      const name = label.trim().slice(0, MAX_PASSKEY_LABEL);
      const made = await webauthn.create({
        prfSalt: passkeyPrfSalt(keyring),
        exclude: keyring.passkeys.map((p) => p.credentialId),
        name,
      });
      try {
        const next = await addPasskeyWrap(
          keyring,
          { passphrase: current },
          {
            credentialId: made.credentialId,
            prfOutput: made.prfOutput,
            label: name,
            createdAt: new Date().toISOString(),
          },
        );
        if (!next) return false;
        await repo.saveKeyring(next);
        passkeys.value = passkeyInfo(next);
        return true;
      } finally {
        made.prfOutput.fill(0);
      }
    },

    /** Takes a passkey's way in away; the credential stays on its authenticator, useless here. */
    async removePasskey(credentialId: string): Promise<void> {
      const keyring = await repo.keyring();
      if (!keyring) return;
      const next = removePasskey(keyring, credentialId);
      await repo.saveKeyring(next);
      passkeys.value = passkeyInfo(next);
    },

    /** "Lås nu": the key leaves the session, and every panel shows the lock screen. */
    lockNow: () => services.forget(),
  };
}

/** The lock slice. */
export type Lock = ReturnType<typeof createLock>;
