import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  fromBase64url,
  type PasskeyClient,
  PasskeyError,
  prfOutputOf,
  problemOf,
  toBase64url,
} from '../../entrypoints/sidepanel/passkey.js';
import { checkNewPassphrase, createLock } from '../../entrypoints/sidepanel/store/lock.js';
import { openRepo } from '../../src/notes/repo.js';
import {
  unlockMaster,
  unlockWithPassphrase,
  unlockWithRecoveryKey,
  vaultFromMaster,
} from '../../src/notes/vault.js';

const kdf = { kdf: { memoryKiB: 64, iterations: 1 } };
const PASS = 'fire ord i træk';

/**
 * An authenticator in memory: one secret per credential, and HMAC-SHA-256 of
 * the salt under it as the PRF, as CTAP2's hmac-secret does. One
 * authenticator refuses a second passkey of the keyring; `several` stands
 * for a browser with more than one (a security key beside Windows Hello).
 */
function fakeAuthenticator({ several = false } = {}) {
  const secrets = new Map<string, Uint8Array<ArrayBuffer>>();
  const prf = async (id: string, salt: Uint8Array<ArrayBuffer>) => {
    const key = await crypto.subtle.importKey(
      'raw',
      secrets.get(id)!,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    return new Uint8Array(await crypto.subtle.sign('HMAC', key, salt));
  };
  const calls = { create: 0, get: 0 };
  let refuse: PasskeyError | null = null;
  const client: PasskeyClient = {
    supported: async () => true,
    async create({ prfSalt, exclude }) {
      calls.create++;
      if (refuse) throw refuse;
      if (!several && exclude.some((id) => secrets.has(id))) throw new PasskeyError('exists');
      const id = toBase64url(crypto.getRandomValues(new Uint8Array(16)));
      secrets.set(id, crypto.getRandomValues(new Uint8Array(32)));
      return { credentialId: id, prfOutput: await prf(id, prfSalt) };
    },
    async get({ prfSalt, allow }) {
      calls.get++;
      const id = allow.find((a) => secrets.has(a));
      if (!id) throw new PasskeyError('cancelled');
      return { credentialId: id, prfOutput: await prf(id, prfSalt) };
    },
  };
  return {
    client,
    calls,
    refuseWith(e: PasskeyError | null) {
      refuse = e;
    },
  };
}

async function freshLock(passkeys: PasskeyClient = fakeAuthenticator().client) {
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
    passkeys,
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

describe('passkeys for the lock', () => {
  it('writes and reads base64url as WebAuthn ids do, and refuses anything else', () => {
    const bytes = Uint8Array.from([0xfb, 0xff, 0xbf, 0x00, 0x01]);
    expect(toBase64url(bytes)).toBe('-_-_AAE');
    expect(fromBase64url('-_-_AAE')).toEqual(bytes);
    expect(fromBase64url('')).toEqual(new Uint8Array(0));
    for (const bad of ['+/+/AAE', '-_-_AAE=', 'A', 'ab c'])
      expect(() => fromBase64url(bad), bad).toThrow(SyntaxError);
  });

  it('tells cancelled, already added and not allowed apart, and nothing else', () => {
    const named = (name: string) => Object.assign(new Error('x'), { name });
    expect(problemOf(named('NotAllowedError'))).toBe('cancelled');
    expect(problemOf(named('AbortError'))).toBe('cancelled');
    expect(problemOf(named('InvalidStateError'))).toBe('exists');
    expect(problemOf(named('SecurityError'))).toBe('unsupported');
    expect(problemOf(named('NotSupportedError'))).toBe('unsupported');
    expect(problemOf(named('TypeError'))).toBeNull();
    expect(problemOf('NotAllowedError')).toBeNull();
  });

  it('takes a PRF output of 32 bytes only, as a copy', () => {
    const first = new Uint8Array(40).fill(7).subarray(4, 36);
    const out = prfOutputOf({ prf: { enabled: true, results: { first } } })!;
    expect(out).toEqual(new Uint8Array(32).fill(7));
    out.fill(0);
    expect(first[0]).toBe(7);
    expect(prfOutputOf({ prf: { results: { first: new ArrayBuffer(16) } } })).toBeNull();
    expect(prfOutputOf({ prf: { enabled: true } })).toBeNull();
    expect(prfOutputOf({})).toBeNull();
  });

  it('adds a passkey only with the passphrase, asking the authenticator nothing before', async () => {
    const auth = fakeAuthenticator();
    const { repo, lock } = await freshLock(auth.client);
    await lock.prepare(PASS);
    await lock.lockNowKeyIsKept();
    expect(lock.passkeySupported.value).toBe(true);
    expect(await lock.addPasskey('forkert frase her', 'YubiKey')).toBe(false);
    expect(auth.calls.create).toBe(0);
    expect((await repo.keyring())!.passkeys).toEqual([]);

    expect(await lock.addPasskey(PASS, '  YubiKey  ')).toBe(true);
    expect(lock.passkeys.value.map((p) => p.label)).toEqual(['YubiKey']);
    const keyring = (await repo.keyring())!;
    // The passkey's PRF output alone opens the same vault as the passphrase.
    const got = await auth.client.get({
      prfSalt: keyring.prfSalt,
      allow: keyring.passkeys.map((p) => p.credentialId),
    });
    const master = await unlockMaster(keyring, got);
    expect(typeof master).not.toBe('string');
    expect(await vaultFromMaster(keyring, master as Uint8Array<ArrayBuffer>)).not.toBeNull();
  });

  it('keeps the keyring as it was when the authenticator says no', async () => {
    const auth = fakeAuthenticator();
    const { repo, lock } = await freshLock(auth.client);
    await lock.prepare(PASS);
    await lock.lockNowKeyIsKept();
    const before = await repo.keyring();
    auth.refuseWith(new PasskeyError('noPrf'));
    await expect(lock.addPasskey(PASS, 'Gammel')).rejects.toMatchObject({ code: 'noPrf' });
    expect(await repo.keyring()).toEqual(before);
    expect(lock.passkeys.value).toEqual([]);
  });

  it('refuses a second passkey on the same authenticator', async () => {
    const { lock } = await freshLock();
    await lock.prepare(PASS);
    await lock.lockNowKeyIsKept();
    await lock.addPasskey(PASS, 'A');
    await expect(lock.addPasskey(PASS, 'B')).rejects.toMatchObject({ code: 'exists' });
    expect(lock.passkeys.value.map((p) => p.label)).toEqual(['A']);
  });

  it('removes a passkey, which then opens nothing, while the passphrase still does', async () => {
    const auth = fakeAuthenticator({ several: true });
    const { repo, lock } = await freshLock(auth.client);
    await lock.prepare(PASS);
    await lock.lockNowKeyIsKept();
    await lock.addPasskey(PASS, 'A');
    await lock.addPasskey(PASS, 'B');
    const [a, b] = lock.passkeys.value;
    await lock.removePasskey(a!.credentialId);
    expect(lock.passkeys.value.map((p) => p.label)).toEqual(['B']);
    const keyring = (await repo.keyring())!;
    const got = await auth.client.get({ prfSalt: keyring.prfSalt, allow: [a!.credentialId] });
    expect(await unlockMaster(keyring, got)).toBe('wrong');
    expect(keyring.passkeys.map((p) => p.credentialId)).toEqual([b!.credentialId]);
    expect(await unlockWithPassphrase(keyring, PASS)).not.toBeNull();
  });

  it('forgets the passkeys with the passphrase', async () => {
    const { lock } = await freshLock();
    await lock.prepare(PASS);
    await lock.lockNowKeyIsKept();
    await lock.addPasskey(PASS, 'A');
    expect(await lock.removePassphrase(PASS)).toBe(true);
    expect(lock.passkeys.value).toEqual([]);
  });

  it('is not offered outside a Chromium extension page', async () => {
    const { browserPasskeys } = await import('../../entrypoints/sidepanel/passkey.js');
    expect(await browserPasskeys.supported()).toBe(false);
  });
});
