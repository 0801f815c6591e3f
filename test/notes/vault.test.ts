import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ARGON2_DEFAULTS,
  addPasskeyWrap,
  blind,
  changePassphrase,
  createVault,
  decryptBackup,
  encryptBackup,
  isEncryptedBackup,
  open,
  openMany,
  passkeyPrfSalt,
  recoveryKeyLooksRight,
  removePasskey,
  replaceRecoveryKey,
  resetPassphraseWithRecovery,
  seal,
  sealMany,
  unlockMaster,
  unlockWithPassphrase,
  unlockWithPrf,
  unlockWithRecoveryKey,
  type Vault,
  VaultError,
  vaultFromMaster,
} from '../../src/notes/vault.js';
import { EncryptedBackup, Keyring, Sealed } from '../../src/schemas/vault.js';

// Argon2 at 64 KiB and one pass: the same code path as the defaults, in milliseconds.
const FAST = { kdf: { memoryKiB: 64, iterations: 1 } };
const PASS = 'Lange dage i Ålborg';
const fresh = () => createVault(PASS, FAST);
const NOTE = { text: 'Virker træt, har mistet sin mand i foråret', tags: ['omsorg'] };
const CROCKFORD_GROUP = '[0-9A-HJKMNP-TV-Z]{4}';

const prfOutput = () => crypto.getRandomValues(new Uint8Array(32)).buffer;
const passkey = (prf: ArrayBuffer, credentialId = 'cred-1') => ({
  credentialId,
  prfOutput: prf,
  label: 'YubiKey',
  createdAt: '2026-12-01T10:00:00+01:00',
});

/** The recovery key with the character at `i` replaced by another valid one. */
const retyped = (key: string, i: number) =>
  key.slice(0, i) + (key[i] === 'X' ? 'Y' : 'X') + key.slice(i + 1);

describe('a vault', () => {
  it('unlocks with its passphrase and reads what it sealed', async () => {
    const { keyring, vault } = await fresh();
    const sealed = await seal(vault, NOTE, 'notes/n1');
    const again = await unlockWithPassphrase(keyring, PASS);
    expect(again).not.toBeNull();
    expect(await open(again!, sealed, 'notes/n1')).toEqual(NOTE);
  });

  it('refuses a wrong passphrase with null and leaves the keyring as it was', async () => {
    const { keyring } = await fresh();
    const before = structuredClone(keyring);
    expect(await unlockWithPassphrase(keyring, 'Lange dage i Aalborg')).toBeNull();
    expect(await unlockWithPassphrase(keyring, '')).toBeNull();
    expect(keyring).toEqual(before);
  });

  it('opens whether the passphrase is typed composed or decomposed', async () => {
    const composed = 'Søren Ågård';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const { keyring } = await createVault(composed, FAST);
    expect(await unlockWithPassphrase(keyring, decomposed)).not.toBeNull();
  });

  it('keeps its keyring and sealed values valid through IndexedDB', async () => {
    const { keyring, vault } = await fresh();
    const db = await openDB(`vault-${Math.random()}`, 1, {
      upgrade(d) {
        d.createObjectStore('keyring');
        d.createObjectStore('notes');
      },
    });
    await db.put('keyring', keyring, 'main');
    await db.put('notes', await seal(vault, NOTE, 'notes/n1'), 'n1');
    const storedKeyring = Keyring.parse(await db.get('keyring', 'main'));
    const storedNote = Sealed.parse(await db.get('notes', 'n1'));
    const again = await unlockWithPassphrase(storedKeyring, PASS);
    expect(await open(again!, storedNote, 'notes/n1')).toEqual(NOTE);
  });

  it('refuses an empty passphrase and Argon2 costs a keyring may not hold', async () => {
    await expect(createVault('', FAST)).rejects.toThrow(RangeError);
    await expect(createVault(PASS, { kdf: { memoryKiB: 4 } })).rejects.toThrow();
  });

  it('has types that say what is stored and what unlocking returns', () => {
    expectTypeOf<Keyring['passphrase']['salt']>().toEqualTypeOf<Uint8Array<ArrayBuffer>>();
    expectTypeOf<Sealed>().toEqualTypeOf<{ iv: Uint8Array<ArrayBuffer>; ct: ArrayBuffer }>();
    expectTypeOf(unlockWithPassphrase).returns.resolves.toEqualTypeOf<Vault | null>();
    expectTypeOf(unlockWithRecoveryKey).returns.resolves.toEqualTypeOf<
      { vault: Vault } | { error: 'mistyped' | 'wrong' }
    >();
  });
});

describe('the master secret kept for a browser session', () => {
  it('gives the same keys as unlocking, for this keyring only', async () => {
    const [mine, theirs] = await Promise.all([fresh(), fresh()]);
    const sealed = await seal(mine.vault, NOTE, 'notes/n1');
    const master = await unlockMaster(mine.keyring, { passphrase: PASS });
    if (typeof master === 'string') throw new Error(`not unlocked: ${master}`);
    expect(master.length).toBe(32);
    const vault = await vaultFromMaster(structuredClone(mine.keyring), master);
    expect(await open(vault!, sealed, 'notes/n1')).toEqual(NOTE);
    expect(await vaultFromMaster(theirs.keyring, master)).toBeNull();
  });

  it('says why there is none', async () => {
    const { keyring, recoveryKey } = await fresh();
    expect(await unlockMaster(keyring, { passphrase: 'gæt' })).toBe('wrong');
    expect(await unlockMaster(keyring, { recoveryKey: retyped(recoveryKey, 0) })).toBe('mistyped');
    expect(await unlockMaster(keyring, { credentialId: 'cred-1', prfOutput: prfOutput() })).toBe(
      'wrong',
    );
  });
});

describe('Argon2 cost', () => {
  it("has defaults at or above OWASP's minimum for Argon2id", () => {
    // https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id
    expect(ARGON2_DEFAULTS.algorithm).toBe('argon2id');
    expect(ARGON2_DEFAULTS.memoryKiB).toBeGreaterThanOrEqual(19456);
    expect(ARGON2_DEFAULTS.iterations).toBeGreaterThanOrEqual(2);
    expect(ARGON2_DEFAULTS.parallelism).toBeGreaterThanOrEqual(1);
  });

  it('wraps with the defaults when given no options, and unlocks with them', async () => {
    const { keyring, vault } = await createVault(PASS);
    expect(keyring.passphrase.kdf).toEqual(ARGON2_DEFAULTS);
    const sealed = await seal(vault, NOTE, 'notes/n1');
    const again = await unlockWithPassphrase(keyring, PASS);
    expect(await open(again!, sealed, 'notes/n1')).toEqual(NOTE);
  }, 120_000);

  it('raises the cost of a wrap when the passphrase is set again', async () => {
    const { keyring } = await fresh();
    const raised = await changePassphrase(keyring, { passphrase: PASS }, PASS, {
      kdf: { memoryKiB: 128, iterations: 2 },
    });
    expect(raised?.passphrase.kdf).toEqual({ ...ARGON2_DEFAULTS, memoryKiB: 128, iterations: 2 });
    expect(await unlockWithPassphrase(raised!, PASS)).not.toBeNull();
  });
});

describe('sealing', () => {
  it('seals and opens many values at once', async () => {
    const { vault } = await fresh();
    const values = [NOTE, 'Søren Ågård', 42, null, ['a', { b: true }]];
    const sealed = await sealMany(
      vault,
      values.map((value, i) => ({ value, aad: `notes/${i}` })),
    );
    expect(sealed.map((s) => Sealed.safeParse(s).success)).toEqual(values.map(() => true));
    expect(
      await openMany(
        vault,
        sealed.map((s, i) => ({ sealed: s, aad: `notes/${i}` })),
      ),
    ).toEqual(values);
  });

  it('uses a new nonce for every seal of the same value', async () => {
    const { vault } = await fresh();
    const [a, b] = await sealMany(vault, [
      { value: NOTE, aad: 'notes/n1' },
      { value: NOTE, aad: 'notes/n1' },
    ]);
    expect(a!.iv).not.toEqual(b!.iv);
    expect(new Uint8Array(a!.ct)).not.toEqual(new Uint8Array(b!.ct));
  });

  it('refuses a ciphertext moved onto another record', async () => {
    const { vault } = await fresh();
    const sealed = await seal(vault, NOTE, 'notes/n1');
    expect(await open(vault, sealed, 'notes/n1')).toEqual(NOTE);
    await expect(open(vault, sealed, 'notes/n2')).rejects.toMatchObject({
      name: 'VaultError',
      code: 'unreadable',
    });
  });

  it('refuses a ciphertext changed on disk', async () => {
    const { vault } = await fresh();
    const sealed = await seal(vault, NOTE, 'notes/n1');
    expect(await open(vault, sealed, 'notes/n1')).toEqual(NOTE);
    const ct = sealed.ct.slice(0);
    const bytes = new Uint8Array(ct);
    bytes[3] = bytes[3]! ^ 1;
    await expect(open(vault, { ...sealed, ct }, 'notes/n1')).rejects.toBeInstanceOf(VaultError);
  });

  it("refuses another vault's ciphertext", async () => {
    const [mine, theirs] = await Promise.all([fresh(), fresh()]);
    const sealed = await seal(theirs.vault, NOTE, 'notes/n1');
    await expect(open(mine.vault, sealed, 'notes/n1')).rejects.toMatchObject({
      code: 'unreadable',
    });
  });

  it('refuses a value without a JSON form', async () => {
    const { vault } = await fresh();
    await expect(seal(vault, undefined, 'notes/n1')).rejects.toThrow(TypeError);
  });

  it('blinds index values: equal within a vault, unlike across vaults, and opaque', async () => {
    const [a, b] = await Promise.all([fresh(), fresh()]);
    const url = 'intra.dk/sag?id=1';
    const key = await blind(a.vault, url);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await blind(a.vault, url)).toBe(key);
    expect(await blind(a.vault, 'intra.dk/sag?id=2')).not.toBe(key);
    expect(await blind(b.vault, url)).not.toBe(key);
  });
});

describe('the recovery key', () => {
  it('is nine groups of four Crockford base32 characters', async () => {
    const { recoveryKey } = await fresh();
    expect(recoveryKey).toMatch(new RegExp(`^${CROCKFORD_GROUP}(?:-${CROCKFORD_GROUP}){8}$`));
    expect(recoveryKeyLooksRight(recoveryKey)).toBe(true);
  });

  it('unlocks the vault and reads what it sealed', async () => {
    const { keyring, vault, recoveryKey } = await fresh();
    const sealed = await seal(vault, NOTE, 'notes/n1');
    const result = await unlockWithRecoveryKey(keyring, recoveryKey);
    expect('vault' in result && (await open(result.vault, sealed, 'notes/n1'))).toEqual(NOTE);
  });

  it('forgives lower case, spaces for dashes and letters read as digits', async () => {
    // A key that has both a 0 and a 1, so both confusables are exercised.
    let made = await fresh();
    while (!/0/.test(made.recoveryKey) || !/1/.test(made.recoveryKey)) made = await fresh();
    const sloppy = ` ${made.recoveryKey
      .replace(/0/g, 'o')
      .replace(/1/, 'l')
      .replace(/1/g, 'I')
      .replace(/-/g, ' ')
      .toLowerCase()} `;
    expect(sloppy).not.toContain('0');
    expect(sloppy).not.toContain('1');
    expect(await unlockWithRecoveryKey(made.keyring, sloppy)).toHaveProperty('vault');
  });

  it("tells a mistyped key from another vault's key", async () => {
    const [mine, theirs] = await Promise.all([fresh(), fresh()]);
    const key = mine.recoveryKey;
    const swapAt = [...key].findIndex(
      (c, i) => c !== '-' && key[i + 1] !== '-' && c !== key[i + 1],
    );
    const swapped = key.slice(0, swapAt) + key[swapAt + 1] + key[swapAt] + key.slice(swapAt + 2);
    for (const typo of [
      retyped(key, 0),
      retyped(key, 12),
      retyped(key, 43),
      swapped,
      key.slice(1),
    ]) {
      expect(recoveryKeyLooksRight(typo)).toBe(false);
      expect(await unlockWithRecoveryKey(mine.keyring, typo)).toEqual({ error: 'mistyped' });
    }
    expect(await unlockWithRecoveryKey(mine.keyring, 'ABCD-EFGH-UUUU')).toEqual({
      error: 'mistyped',
    });
    expect(await unlockWithRecoveryKey(mine.keyring, theirs.recoveryKey)).toEqual({
      error: 'wrong',
    });
  });

  it('can be replaced by a new one while the passphrase is known', async () => {
    const { keyring, recoveryKey } = await fresh();
    const replaced = await replaceRecoveryKey(keyring, { passphrase: PASS });
    expect(replaced).not.toBeNull();
    expect(await unlockWithRecoveryKey(replaced!.keyring, replaced!.recoveryKey)).toHaveProperty(
      'vault',
    );
    expect(await unlockWithRecoveryKey(replaced!.keyring, recoveryKey)).toEqual({ error: 'wrong' });
    expect(await replaceRecoveryKey(keyring, { passphrase: 'forkert' })).toBeNull();
  });
});

describe('changing the passphrase', () => {
  it('keeps what was sealed readable under the new passphrase', async () => {
    const { keyring, vault, recoveryKey } = await fresh();
    const sealed = await seal(vault, NOTE, 'notes/n1');
    const changed = await changePassphrase(
      keyring,
      { passphrase: PASS },
      'Ny sommer på Fanø',
      FAST,
    );
    expect(changed).not.toBeNull();
    const again = await unlockWithPassphrase(changed!, 'Ny sommer på Fanø');
    expect(await open(again!, sealed, 'notes/n1')).toEqual(NOTE);
    expect(await unlockWithPassphrase(changed!, PASS)).toBeNull();
    expect(await unlockWithRecoveryKey(changed!, recoveryKey)).toHaveProperty('vault');
  });

  it('refuses a wrong current passphrase with null', async () => {
    const { keyring } = await fresh();
    expect(await changePassphrase(keyring, { passphrase: 'gæt' }, 'Ny sommer på Fanø')).toBeNull();
  });

  it('sets a new passphrase with the recovery key when the old one is forgotten', async () => {
    const { keyring, vault, recoveryKey } = await fresh();
    const sealed = await seal(vault, NOTE, 'notes/n1');
    const reset = await resetPassphraseWithRecovery(
      keyring,
      recoveryKey,
      'Ny sommer på Fanø',
      FAST,
    );
    if (!('vault' in reset)) throw new Error(`not reset: ${reset.error}`);
    expect(await open(reset.vault, sealed, 'notes/n1')).toEqual(NOTE);
    const again = await unlockWithPassphrase(reset.keyring, 'Ny sommer på Fanø');
    expect(await open(again!, sealed, 'notes/n1')).toEqual(NOTE);
    expect(await unlockWithPassphrase(reset.keyring, PASS)).toBeNull();
    expect(await resetPassphraseWithRecovery(keyring, retyped(recoveryKey, 5), 'x')).toEqual({
      error: 'mistyped',
    });
  });

  it('also takes the recovery key as the current way in', async () => {
    const { keyring, recoveryKey } = await fresh();
    const changed = await changePassphrase(keyring, { recoveryKey }, 'Ny sommer på Fanø', FAST);
    expect(await unlockWithPassphrase(changed!, 'Ny sommer på Fanø')).not.toBeNull();
  });
});

describe('passkeys', () => {
  it('unlock with the PRF output of a passkey once it is added', async () => {
    const { keyring, vault } = await fresh();
    const sealed = await seal(vault, NOTE, 'notes/n1');
    const prf = prfOutput();
    const withKey = await addPasskeyWrap(keyring, { passphrase: PASS }, passkey(prf));
    expect(withKey?.passkeys.map((p) => [p.credentialId, p.label])).toEqual([
      ['cred-1', 'YubiKey'],
    ]);
    expect(Keyring.safeParse(structuredClone(withKey)).success).toBe(true);
    const again = await unlockWithPrf(withKey!, 'cred-1', prf);
    expect(await open(again!, sealed, 'notes/n1')).toEqual(NOTE);
    expect(await unlockWithPrf(withKey!, 'cred-1', prfOutput())).toBeNull();
    expect(await unlockWithPrf(withKey!, 'cred-2', prf)).toBeNull();
    expect(await unlockWithPrf(removePasskey(withKey!, 'cred-1'), 'cred-1', prf)).toBeNull();
  });

  it('ask for an existing way in before one is added', async () => {
    const { keyring } = await fresh();
    expect(await addPasskeyWrap(keyring, { passphrase: 'gæt' }, passkey(prfOutput()))).toBeNull();
  });

  it('replace the wrap of a credential added again', async () => {
    const { keyring } = await fresh();
    const [first, second] = [prfOutput(), prfOutput()];
    const once = await addPasskeyWrap(keyring, { passphrase: PASS }, passkey(first));
    const twice = await addPasskeyWrap(
      once!,
      { credentialId: 'cred-1', prfOutput: first },
      {
        ...passkey(second),
        label: 'Windows Hello',
      },
    );
    expect(twice?.passkeys.map((p) => p.label)).toEqual(['Windows Hello']);
    expect(await unlockWithPrf(twice!, 'cred-1', second)).not.toBeNull();
    expect(await unlockWithPrf(twice!, 'cred-1', first)).toBeNull();
  });

  it('get one PRF salt per keyring, the same on every call', async () => {
    const [a, b] = await Promise.all([fresh(), fresh()]);
    const salt = passkeyPrfSalt(a.keyring);
    expect(salt.length).toBe(32);
    expect(passkeyPrfSalt(structuredClone(a.keyring))).toEqual(salt);
    expect(passkeyPrfSalt(b.keyring)).not.toEqual(salt);
  });
});

describe('encrypted backups', () => {
  const backupJson = JSON.stringify({
    format: 'samskab-notes',
    volunteers: [{ name: 'Søren Ågård' }],
    notes: [NOTE],
  });

  it('round-trip with the passphrase and show no name or note in the file', async () => {
    const file = await encryptBackup(backupJson, PASS, FAST);
    expect(isEncryptedBackup(file)).toBe(true);
    expect(EncryptedBackup.parse(JSON.parse(file)).compression).toBe('gzip');
    for (const secret of ['Søren', 'Ågård', 'S\\u00f8ren', 'træt', 'omsorg'])
      expect(file).not.toContain(secret);
    expect(await decryptBackup(file, PASS)).toBe(backupJson);
  });

  it('give null for a wrong passphrase', async () => {
    const file = await encryptBackup(backupJson, PASS, FAST);
    expect(await decryptBackup(file, 'Lange dage i Aalborg')).toBeNull();
  });

  it('tell a damaged file from a wrong passphrase', async () => {
    const file = await encryptBackup(backupJson, PASS, FAST);
    const envelope = JSON.parse(file);
    const at = envelope.data.length >> 1;
    const flipped = JSON.stringify({
      ...envelope,
      data:
        envelope.data.slice(0, at) +
        (envelope.data[at] === 'A' ? 'B' : 'A') +
        envelope.data.slice(at + 1),
    });
    const truncated = file.slice(0, file.length - 40);
    expect(isEncryptedBackup(truncated)).toBe(true);
    for (const damaged of [truncated, flipped, JSON.stringify({ ...envelope, iv: '***' })])
      await expect(decryptBackup(damaged, PASS)).rejects.toMatchObject({
        name: 'VaultError',
        code: 'damaged',
      });
  });

  it('are told apart from plain backups', () => {
    expect(isEncryptedBackup(backupJson)).toBe(false);
    expect(
      isEncryptedBackup(
        JSON.stringify({ format: 'samskab-notes', note: '"format":"samskab-notes-encrypted"' }),
      ),
    ).toBe(false);
  });
});
