import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { checkNewPassphrase, createLock } from '../../entrypoints/sidepanel/store/lock.js';
import { openRepo } from '../../src/notes/repo.js';
import { unlockWithPassphrase, unlockWithRecoveryKey } from '../../src/notes/vault.js';

const kdf = { kdf: { memoryKiB: 64, iterations: 1 } };
const PASS = 'fire ord i træk';

async function freshLock() {
  const repo = await openRepo({ name: `lock-${Math.random()}` });
  const session: { master: Uint8Array | null; forgotten: number; dismissed: boolean } = {
    master: null,
    forgotten: 0,
    dismissed: false,
  };
  const lock = createLock({
    repo,
    keep: async (m) => {
      session.master = m.slice();
    },
    forget: async () => {
      session.master = null;
      session.forgotten++;
    },
    offerDismissed: async () => session.dismissed,
    dismissOffer: async () => {
      session.dismissed = true;
    },
    kdf,
  });
  await lock.init();
  return { repo, lock, session };
}

describe('the notes’ lock', () => {
  it('refuses a short passphrase and two that differ', () => {
    expect(checkNewPassphrase('kort', 'kort')).toBe('lock.error.short');
    expect(checkNewPassphrase('lang nok frase', 'lang nok frasE')).toBe('lock.error.mismatch');
    expect(checkNewPassphrase('lang nok frase', 'lang nok frase')).toBeNull();
  });

  it('offers the lock at first start until the leader says not now', async () => {
    const { lock, session } = await freshLock();
    expect(lock.offer.value).toBe(true);
    await lock.dismissOffer();
    expect(lock.offer.value).toBe(false);
    expect(session.dismissed).toBe(true);
  });

  it('locks the notes, keeps the key for the session and shows the recovery key once', async () => {
    const { repo, lock, session } = await freshLock();
    await repo.saveVolunteer({ name: 'Mette', contact: '', roles: [], tags: [], status: 'active' });
    await lock.prepare(PASS);
    // The key is shown before anything is encrypted.
    const shown = lock.recoveryKey.value!;
    expect(shown).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){8}$/);
    expect(await repo.keyring()).toBeUndefined();
    expect(lock.sealed.value).toBe(false);

    await lock.lockNowKeyIsKept();
    expect(lock.sealed.value).toBe(true);
    expect(lock.offer.value).toBe(false);
    expect(lock.progress.value).toBe(1);
    expect(lock.recoveryKey.value).toBeNull();
    expect(session.master?.length).toBe(32);
    const keyring = (await repo.keyring())!;
    expect('vault' in (await unlockWithRecoveryKey(keyring, shown))).toBe(true);
    expect((await repo.listVolunteers())[0]?.name).toBe('Mette');
  });

  it('encrypts nothing when the leader cancels at the recovery key', async () => {
    const { repo, lock } = await freshLock();
    await lock.prepare(PASS);
    lock.cancel();
    expect(lock.recoveryKey.value).toBeNull();
    await lock.lockNowKeyIsKept();
    expect(await repo.keyring()).toBeUndefined();
    expect(lock.sealed.value).toBe(false);
  });

  it('changes the passphrase only with the current one, and keeps the notes readable', async () => {
    const { repo, lock } = await freshLock();
    await repo.saveNote({ volunteerIds: [], text: 'hemmelig', lenses: [], tags: [] });
    await lock.prepare(PASS);
    await lock.lockNowKeyIsKept();
    const before = await repo.keyring();
    expect(await lock.changePassphrase('forkert frase her', 'en helt ny frase')).toBe(false);
    expect(await repo.keyring()).toEqual(before);
    expect(await lock.changePassphrase(PASS, 'en helt ny frase')).toBe(true);
    const keyring = (await repo.keyring())!;
    expect(await unlockWithPassphrase(keyring, PASS)).toBeNull();
    repo.useVault((await unlockWithPassphrase(keyring, 'en helt ny frase'))!);
    expect((await repo.listNotes())[0]?.text).toBe('hemmelig');
  });

  it('removes the lock only with the passphrase, and then forgets the session', async () => {
    const { repo, lock, session } = await freshLock();
    await repo.saveNote({ volunteerIds: [], text: 'hemmelig', lenses: [], tags: [] });
    await lock.prepare(PASS);
    await lock.lockNowKeyIsKept();
    expect(await lock.removePassphrase('forkert frase her')).toBe(false);
    expect(lock.sealed.value).toBe(true);
    expect(await lock.removePassphrase(PASS)).toBe(true);
    expect(lock.sealed.value).toBe(false);
    expect(await repo.keyring()).toBeUndefined();
    expect(session.forgotten).toBe(1);
    expect((await repo.listNotes())[0]?.text).toBe('hemmelig');
  });
});
