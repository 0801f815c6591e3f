/**
 * The lock on the leader's notes (issue 14). One random 32-byte master secret
 * per vault; HKDF turns it into the two keys the notes store uses, and it is
 * kept at rest only wrapped: by the passphrase (Argon2id), by the recovery key
 * shown once, and by any passkeys (WebAuthn PRF). Changing one of those
 * re-wraps the master secret; no note is encrypted again.
 *
 * Runs wherever WebCrypto and WebAssembly do: extension pages (their CSP
 * needs `'wasm-unsafe-eval'` for Argon2) and Node 20. What unlocking returns
 * are non-extractable `CryptoKey`s; the master secret leaves this module only
 * through `unlockMaster`, for the sidebar's browser session. Bytes of it, of
 * derived secrets and of the passphrase are zeroed here once used.
 */
import {
  Argon2Params,
  ENCRYPTED_BACKUP_FORMAT,
  ENCRYPTED_BACKUP_VERSION,
  EncryptedBackup,
  type Keyring,
  type PasskeyWrap,
  type Sealed,
} from '../schemas/vault.js';

/**
 * What a new passphrase wrap or encrypted backup costs a guesser: 64 MiB and
 * three passes, RFC 9106 §4's second recommended option, with one lane since
 * WebAssembly runs the lanes on one thread anyway. Above OWASP's floor (19 MiB,
 * two passes); about a second per unlock on a slow, busy machine.
 */
export const ARGON2_DEFAULTS: Readonly<Argon2Params> = Object.freeze({
  algorithm: 'argon2id',
  memoryKiB: 65536,
  iterations: 3,
  parallelism: 1,
});

/**
 * The two keys an unlocked vault works with: fields are sealed by one, index
 * values blinded by the other. Keep it in memory only: a non-extractable
 * `CryptoKey` still survives a structured clone, so one put into IndexedDB
 * would unlock the notes for anyone who reads the disk.
 */
export interface Vault {
  /** AES-256-GCM, for `seal` and `open`. */
  readonly encKey: CryptoKey;
  /** HMAC-SHA-256, for `blind`. */
  readonly indexKey: CryptoKey;
}

/** Tuning for new passphrase wraps; tests pass small Argon2 costs, the product passes nothing. */
export interface VaultOptions {
  kdf?: Partial<Omit<Argon2Params, 'algorithm'>>;
}

/** One way into a vault, for operations that need the master secret again. */
export type Unlock =
  | { passphrase: string }
  | { recoveryKey: string }
  | { credentialId: string; prfOutput: BufferSource };

/** Why a recovery key did not unlock: a typo (its checksum fails), or another vault's key. */
export type RecoveryError = 'mistyped' | 'wrong';

/**
 * A failure that is no one's typo: `damaged` for an encrypted backup that is
 * not whole, `unreadable` for a sealed value that fails authentication
 * (changed on disk, or moved to another record).
 */
export class VaultError extends Error {
  readonly code: 'damaged' | 'unreadable';
  constructor(code: 'damaged' | 'unreadable') {
    super(`vault: ${code}`);
    this.name = 'VaultError';
    this.code = code;
  }
}

const subtle = globalThis.crypto.subtle;
const utf8 = new TextEncoder();
const random = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));

// HKDF `info` strings: one per purpose, so no two keys are ever the same.
const INFO = {
  enc: 'samskab/vault/1/enc',
  index: 'samskab/vault/1/index',
  passphrase: 'samskab/vault/1/wrap/passphrase',
  recovery: 'samskab/vault/1/wrap/recovery',
  passkey: 'samskab/vault/1/wrap/passkey',
  check: 'samskab/vault/1/check',
  backup: 'samskab/backup/1/enc',
  backupCheck: 'samskab/backup/1/check',
};

// ---------------------------------------------------------------------------
// Key derivation

/** Imports input keying material for HKDF; `importKey` copies it, so the caller may zero its bytes. */
const hkdfBase = (ikm: BufferSource) =>
  subtle.importKey('raw', ikm, 'HKDF', false, ['deriveKey', 'deriveBits']);

/** HKDF-SHA-256 with an empty salt: every input here is already uniformly random (RFC 5869 §3.1). */
const hkdf = (info: string) => ({
  name: 'HKDF',
  hash: 'SHA-256',
  salt: new Uint8Array(0),
  info: utf8.encode(info),
});

const aesKey = (base: CryptoKey, info: string) =>
  subtle.deriveKey(hkdf(info), base, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);

/** The vault's working keys, from the master secret. */
async function vaultFrom(master: Uint8Array<ArrayBuffer>): Promise<Vault> {
  const base = await hkdfBase(master);
  const [encKey, indexKey] = await Promise.all([
    aesKey(base, INFO.enc),
    subtle.deriveKey(
      hkdf(INFO.index),
      base,
      { name: 'HMAC', hash: 'SHA-256', length: 256 },
      false,
      ['sign'],
    ),
  ]);
  return Object.freeze({ encKey, indexKey });
}

/** The keyring's `check`: which master secret it wraps, without saying anything about it. */
async function masterCheck(master: Uint8Array<ArrayBuffer>) {
  return new Uint8Array(await subtle.deriveBits(hkdf(INFO.check), await hkdfBase(master), 128));
}

/** Merges options into the defaults, and refuses costs outside what a keyring may hold. */
const kdfParams = (opts?: VaultOptions): Argon2Params =>
  Argon2Params.parse({ ...ARGON2_DEFAULTS, ...opts?.kdf, algorithm: 'argon2id' });

/**
 * Argon2id over the passphrase, as an HKDF base. NFC first: the same "Å"
 * typed on macOS (decomposed) and on Windows (composed) must open the vault.
 */
async function stretch(
  passphrase: string,
  kdf: Argon2Params,
  salt: Uint8Array<ArrayBuffer>,
): Promise<CryptoKey> {
  const password = utf8.encode(passphrase.normalize('NFC'));
  let out: Uint8Array | undefined;
  try {
    // Argon2id (hash-wasm, 28 KB) is loaded the first time a passphrase is
    // stretched, not with every panel that only opens sealed records.
    const { argon2id } = await import('hash-wasm');
    out = await argon2id({
      password,
      salt,
      memorySize: kdf.memoryKiB,
      iterations: kdf.iterations,
      parallelism: kdf.parallelism,
      hashLength: 32,
      outputType: 'binary',
    });
    return await hkdfBase(new Uint8Array(out));
  } finally {
    password.fill(0);
    out?.fill(0);
  }
}

// ---------------------------------------------------------------------------
// Wrapping the master secret

/** AES-GCM's verdict on a wrong key or changed bytes; anything else is a bug and is thrown. */
const isAuthFailure = (e: unknown) => e instanceof Error && e.name === 'OperationError';

async function wrap(key: CryptoKey, master: Uint8Array<ArrayBuffer>, aad: string) {
  const iv = random(12);
  const ct = await subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8.encode(aad) },
    key,
    master,
  );
  return { iv, wrapped: new Uint8Array(ct) };
}

/** The master secret, or null when `key` is not the one that wrapped it. */
async function unwrap(
  key: CryptoKey,
  slot: { iv: Uint8Array<ArrayBuffer>; wrapped: Uint8Array<ArrayBuffer> },
  aad: string,
): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    const pt = await subtle.decrypt(
      { name: 'AES-GCM', iv: slot.iv, additionalData: utf8.encode(aad) },
      key,
      slot.wrapped,
    );
    return new Uint8Array(pt);
  } catch (e) {
    if (isAuthFailure(e)) return null;
    throw e;
  }
}

const passkeyAad = (credentialId: string) => `${INFO.passkey}/${credentialId}`;

async function passphraseWrap(
  master: Uint8Array<ArrayBuffer>,
  passphrase: string,
  kdf: Argon2Params,
) {
  if (passphrase.length === 0) throw new RangeError('vault: the passphrase is empty');
  const salt = random(16);
  const key = await aesKey(await stretch(passphrase, kdf, salt), INFO.passphrase);
  return { kdf, salt, ...(await wrap(key, master, INFO.passphrase)) };
}

async function recoveryWrap(master: Uint8Array<ArrayBuffer>, recovery: Uint8Array<ArrayBuffer>) {
  const key = await aesKey(await hkdfBase(recovery), INFO.recovery);
  return wrap(key, master, INFO.recovery);
}

/** The key a passkey's PRF output stands for. WebAuthn's PRF results are 32 bytes. */
async function prfKey(prfOutput: BufferSource) {
  if (prfOutput.byteLength !== 32) throw new RangeError('vault: a PRF output is 32 bytes');
  return aesKey(await hkdfBase(prfOutput), INFO.passkey);
}

/**
 * The master secret behind one way in, or why there is none (a string). For
 * keeping the notes unlocked in the browser's session storage between panel
 * opens; anything else should use the `unlockWith…` functions, which return
 * keys only. The caller zeroes the bytes (`fill(0)`) once they are kept.
 */
export async function unlockMaster(
  keyring: Keyring,
  how: Unlock,
): Promise<Uint8Array<ArrayBuffer> | RecoveryError> {
  if ('passphrase' in how) {
    // No wrap has an empty passphrase (and hash-wasm refuses one).
    if (how.passphrase.length === 0) return 'wrong';
    const slot = keyring.passphrase;
    const key = await aesKey(await stretch(how.passphrase, slot.kdf, slot.salt), INFO.passphrase);
    return (await unwrap(key, slot, INFO.passphrase)) ?? 'wrong';
  }
  if ('recoveryKey' in how) {
    const recovery = parseRecoveryKey(how.recoveryKey);
    if (!recovery) return 'mistyped';
    try {
      const key = await aesKey(await hkdfBase(recovery), INFO.recovery);
      return (await unwrap(key, keyring.recovery, INFO.recovery)) ?? 'wrong';
    } finally {
      recovery.fill(0);
    }
  }
  const slot = keyring.passkeys.find((p) => p.credentialId === how.credentialId);
  if (!slot) return 'wrong';
  return (
    (await unwrap(await prfKey(how.prfOutput), slot, passkeyAad(slot.credentialId))) ?? 'wrong'
  );
}

/** Runs `use` with the master secret behind `how`, zeroing it afterwards. */
async function withMaster<T>(
  keyring: Keyring,
  how: Unlock,
  use: (master: Uint8Array<ArrayBuffer>) => Promise<T>,
): Promise<T | RecoveryError> {
  const master = await unlockMaster(keyring, how);
  if (typeof master === 'string') return master;
  try {
    return await use(master);
  } finally {
    master.fill(0);
  }
}

// ---------------------------------------------------------------------------
// Recovery key: 20 random bytes as Crockford base32, with a 20-bit check.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DATA_CHARS = 32; // 160 bits
const CHECK_CHARS = 4; // 20 bits
/**
 * The check is the key's 160-bit value modulo this prime (2^20 − 3), as
 * Crockford's own check symbol is modulo 37: a prime that divides no power of
 * 32 and no difference of two symbols, so every single wrong character and
 * every swap of two neighbours changes it. Other typos slip through about
 * once in a million, and then read as "wrong key".
 */
const CHECK_PRIME = 1048573n;

const toBigInt = (bytes: Uint8Array) => bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);

function base32(n: bigint, chars: number) {
  let out = '';
  for (let i = chars - 1; i >= 0; i--) out += CROCKFORD[Number((n >> BigInt(5 * i)) & 31n)];
  return out;
}

/** `ABCD-EFGH-…`: nine groups of four, the last one the check. */
function formatRecoveryKey(bytes: Uint8Array) {
  const n = toBigInt(bytes);
  const text = base32(n, DATA_CHARS) + base32(n % CHECK_PRIME, CHECK_CHARS);
  return text.match(/.{4}/g)!.join('-');
}

/**
 * The recovery key's bytes, or null when the text is not one (wrong length,
 * a letter outside the alphabet, a failing check). Forgives case, spaces,
 * dashes of any kind, full-width forms and the confusables Crockford maps
 * (O→0, I and L→1).
 */
function parseRecoveryKey(text: string): Uint8Array<ArrayBuffer> | null {
  const clean = text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\u002D\u2010-\u2015\u2212_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (clean.length !== DATA_CHARS + CHECK_CHARS) return null;
  let n = 0n;
  for (const c of clean) {
    const v = CROCKFORD.indexOf(c);
    if (v < 0) return null;
    n = (n << 5n) | BigInt(v);
  }
  const check = n & ((1n << BigInt(5 * CHECK_CHARS)) - 1n);
  const value = n >> BigInt(5 * CHECK_CHARS);
  if (value % CHECK_PRIME !== check) return null;
  const bytes = new Uint8Array(20);
  for (let i = 19, v = value; i >= 0; i--, v >>= 8n) bytes[i] = Number(v & 255n);
  return bytes;
}

/** Whether `text` is shaped like a recovery key and its check holds: for telling a typo as it is typed. */
export function recoveryKeyLooksRight(text: string): boolean {
  const bytes = parseRecoveryKey(text);
  bytes?.fill(0);
  return bytes !== null;
}

// ---------------------------------------------------------------------------
// Creating, unlocking, re-wrapping

/**
 * A new vault: its keyring (to store), its keys (to use now) and its recovery
 * key (to show once, and never keep).
 */
export async function createVault(
  passphrase: string,
  opts?: VaultOptions,
): Promise<{ keyring: Keyring; vault: Vault; recoveryKey: string }> {
  const master = random(32);
  const recovery = random(20);
  try {
    const [passphraseSlot, recoverySlot, vault, check] = await Promise.all([
      passphraseWrap(master, passphrase, kdfParams(opts)),
      recoveryWrap(master, recovery),
      vaultFrom(master),
      masterCheck(master),
    ]);
    const keyring: Keyring = {
      version: 1,
      passphrase: passphraseSlot,
      recovery: recoverySlot,
      passkeys: [],
      prfSalt: random(32),
      check,
    };
    return { keyring, vault, recoveryKey: formatRecoveryKey(recovery) };
  } finally {
    master.fill(0);
    recovery.fill(0);
  }
}

/**
 * The vault's keys from a master secret kept by `unlockMaster`, or null when
 * it is not this keyring's (kept from a vault since removed or replaced).
 */
export async function vaultFromMaster(keyring: Keyring, master: Uint8Array<ArrayBuffer>) {
  const check = await masterCheck(master);
  if (check.length !== keyring.check.length || check.some((b, i) => b !== keyring.check[i]))
    return null;
  return vaultFrom(master);
}

/** The vault's keys, or null when the passphrase is not this vault's. */
export async function unlockWithPassphrase(keyring: Keyring, passphrase: string) {
  const vault = await withMaster(keyring, { passphrase }, vaultFrom);
  return typeof vault === 'string' ? null : vault;
}

/** The vault's keys, or whether the key was mistyped or belongs to no vault here. */
export async function unlockWithRecoveryKey(
  keyring: Keyring,
  recoveryKey: string,
): Promise<{ vault: Vault } | { error: RecoveryError }> {
  const vault = await withMaster(keyring, { recoveryKey }, vaultFrom);
  return typeof vault === 'string' ? { error: vault } : { vault };
}

/**
 * The vault's keys from a passkey's PRF output (32 bytes, or a RangeError),
 * or null when that passkey does not open it.
 */
export async function unlockWithPrf(
  keyring: Keyring,
  credentialId: string,
  prfOutput: BufferSource,
) {
  const vault = await withMaster(keyring, { credentialId, prfOutput }, vaultFrom);
  return typeof vault === 'string' ? null : vault;
}

/**
 * The keyring with `newPassphrase` in place of the old one, or null when
 * `current` does not open it. The same call with the same passphrase raises
 * an old wrap to today's `ARGON2_DEFAULTS`.
 */
export async function changePassphrase(
  keyring: Keyring,
  current: Unlock,
  newPassphrase: string,
  opts?: VaultOptions,
): Promise<Keyring | null> {
  const next = await withMaster(keyring, current, async (master) => ({
    ...keyring,
    passphrase: await passphraseWrap(master, newPassphrase, kdfParams(opts)),
  }));
  return typeof next === 'string' ? null : next;
}

/**
 * "Glemt adgangskode": the recovery key and a new passphrase in one step, so
 * the sidebar never holds the recovery key while the leader thinks of a new
 * passphrase. Returns the re-wrapped keyring and the unlocked vault.
 */
export async function resetPassphraseWithRecovery(
  keyring: Keyring,
  recoveryKey: string,
  newPassphrase: string,
  opts?: VaultOptions,
): Promise<{ keyring: Keyring; vault: Vault } | { error: RecoveryError }> {
  const next = await withMaster(keyring, { recoveryKey }, async (master) => ({
    keyring: {
      ...keyring,
      passphrase: await passphraseWrap(master, newPassphrase, kdfParams(opts)),
    },
    vault: await vaultFrom(master),
  }));
  return typeof next === 'string' ? { error: next } : next;
}

/**
 * A new recovery key for a leader who lost the old one but still knows the
 * passphrase; the old key stops working. Null when `current` does not open
 * the keyring.
 */
export async function replaceRecoveryKey(
  keyring: Keyring,
  current: Unlock,
): Promise<{ keyring: Keyring; recoveryKey: string } | null> {
  const recovery = random(20);
  try {
    const next = await withMaster(keyring, current, async (master) => ({
      keyring: { ...keyring, recovery: await recoveryWrap(master, recovery) },
      recoveryKey: formatRecoveryKey(recovery),
    }));
    return typeof next === 'string' ? null : next;
  } finally {
    recovery.fill(0);
  }
}

/**
 * What to pass as the WebAuthn PRF extension's `eval.first` for this vault:
 * one random value per keyring, so a passkey's output here is useless to any
 * other site or vault.
 */
export const passkeyPrfSalt = (keyring: Keyring): Uint8Array<ArrayBuffer> =>
  keyring.prfSalt.slice();

/**
 * The keyring with a passkey added (or replaced, for the same credential),
 * or null when `current` does not open it. Adding a way in asks for an
 * existing one first, as adding a sign-in method does anywhere.
 */
export async function addPasskeyWrap(
  keyring: Keyring,
  current: Unlock,
  passkey: { credentialId: string; prfOutput: BufferSource; label: string; createdAt: string },
): Promise<Keyring | null> {
  const next = await withMaster(keyring, current, async (master) => {
    const key = await prfKey(passkey.prfOutput);
    const slot: PasskeyWrap = {
      credentialId: passkey.credentialId,
      label: passkey.label,
      createdAt: passkey.createdAt,
      ...(await wrap(key, master, passkeyAad(passkey.credentialId))),
    };
    const others = keyring.passkeys.filter((p) => p.credentialId !== passkey.credentialId);
    return { ...keyring, passkeys: [...others, slot] };
  });
  return typeof next === 'string' ? null : next;
}

/** The keyring without the passkey `credentialId`; needs no secret, as it only takes a way in away. */
export const removePasskey = (keyring: Keyring, credentialId: string): Keyring => ({
  ...keyring,
  passkeys: keyring.passkeys.filter((p) => p.credentialId !== credentialId),
});

// ---------------------------------------------------------------------------
// Sealing values

/**
 * Encrypts `value`'s JSON. `aad` names where it belongs (store, record id,
 * field): `open` with any other `aad` fails, so a ciphertext cannot be moved
 * onto another record. Random 96-bit nonces stay safe for 2^32 seals under one
 * key (NIST SP 800-38D §8.3), far beyond any leader's notes and their edits.
 */
export async function seal(vault: Vault, value: unknown, aad: string): Promise<Sealed> {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('vault: the value has no JSON form');
  const iv = random(12);
  const ct = await subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8.encode(aad) },
    vault.encKey,
    utf8.encode(json),
  );
  return { iv, ct };
}

/** The value `seal` was given; throws `VaultError('unreadable')` when `sealed` or `aad` is not what was sealed. */
export async function open(vault: Vault, sealed: Sealed, aad: string): Promise<unknown> {
  let pt: ArrayBuffer;
  try {
    pt = await subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.iv, additionalData: utf8.encode(aad) },
      vault.encKey,
      sealed.ct,
    );
  } catch (e) {
    if (isAuthFailure(e)) throw new VaultError('unreadable');
    throw e;
  }
  return JSON.parse(new TextDecoder().decode(pt));
}

/**
 * `seal` for many values at once. Convenience, not speed: 20,000 seals took
 * about as long side by side as one after another (Node 20, Chromium 156), as
 * each WebCrypto call costs the same. Fewer calls (one seal per record, not
 * per field) is what saves time.
 */
export const sealMany = (vault: Vault, items: readonly { value: unknown; aad: string }[]) =>
  Promise.all(items.map((item) => seal(vault, item.value, item.aad)));

/** `open` for many values at once; fails as a whole on the first that does not open. */
export const openMany = (vault: Vault, items: readonly { sealed: Sealed; aad: string }[]) =>
  Promise.all(items.map((item) => open(vault, item.sealed, item.aad)));

/**
 * A value as an index key that says nothing about it: HMAC-SHA-256, base64url.
 * Equal values give equal keys within a vault, so exact look-ups (a page's
 * URL) still work; range and prefix queries do not.
 */
export async function blind(vault: Vault, value: string): Promise<string> {
  const mac = await subtle.sign('HMAC', vault.indexKey, utf8.encode(value));
  return toBase64(new Uint8Array(mac)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// ---------------------------------------------------------------------------
// Encrypted backup files

/** Encrypted backups unpack to no more than this; beyond it the file is taken as damaged. */
const MAX_BACKUP_JSON_BYTES = 512 * 1024 * 1024;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  // Chunks keep `String.fromCharCode`'s argument list under engines' limits.
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Throws (a DOMException) on anything that is not base64. */
function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Runs bytes through a (de)compression stream, refusing output beyond `max` bytes. */
async function transform(
  bytes: Uint8Array<ArrayBuffer>,
  stream: CompressionStream | DecompressionStream,
  max = Number.POSITIVE_INFINITY,
): Promise<Uint8Array<ArrayBuffer>> {
  const reader = new Blob([bytes]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      throw new VaultError('damaged');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The envelope's fields that say how to read `data`, bound to it as AES-GCM's associated data. */
const headerAad = (h: Omit<EncryptedBackup, 'iv' | 'data'>) =>
  [
    h.format,
    h.version,
    h.kdf.algorithm,
    h.kdf.memoryKiB,
    h.kdf.iterations,
    h.kdf.parallelism,
    h.kdf.salt,
    h.compression,
    h.check,
  ].join('\n');

/** The backup's key, and a value that tells a wrong passphrase from damaged data. */
async function backupKeys(passphrase: string, kdf: Argon2Params, salt: Uint8Array<ArrayBuffer>) {
  const base = await stretch(passphrase, kdf, salt);
  const [key, check] = await Promise.all([
    aesKey(base, INFO.backup),
    subtle.deriveBits(hkdf(INFO.backupCheck), base, 128),
  ]);
  return { key, check: toBase64(new Uint8Array(check)) };
}

/**
 * A backup's JSON as an encrypted file (gzip, then AES-256-GCM under an
 * Argon2id key from `passphrase`). The file needs nothing but the passphrase
 * to read, on any device. Its `check` lets a guesser test a passphrase no
 * faster than the tag would: each guess still costs one Argon2id.
 */
export async function encryptBackup(
  json: string,
  passphrase: string,
  opts?: VaultOptions,
): Promise<string> {
  if (passphrase.length === 0) throw new RangeError('vault: the passphrase is empty');
  const kdf = kdfParams(opts);
  const salt = random(16);
  const { key, check } = await backupKeys(passphrase, kdf, salt);
  const header = {
    format: ENCRYPTED_BACKUP_FORMAT,
    version: ENCRYPTED_BACKUP_VERSION,
    kdf: { ...kdf, salt: toBase64(salt) },
    compression: 'gzip',
    check,
  } as const;
  const iv = random(12);
  const packed = await transform(utf8.encode(json), new CompressionStream('gzip'));
  const data = await subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8.encode(headerAad(header)) },
    key,
    packed,
  );
  return JSON.stringify({ ...header, iv: toBase64(iv), data: toBase64(new Uint8Array(data)) });
}

/**
 * Whether a file's text is an encrypted backup, judged by its first 4 KB
 * so even a truncated one is recognised (and then reported as damaged rather
 * than as a plain backup with bad JSON). A quote inside a JSON string is
 * always escaped, so no note text can fake the marker.
 */
export const isEncryptedBackup = (text: string): boolean =>
  new RegExp(`"format"\\s*:\\s*"${ENCRYPTED_BACKUP_FORMAT}"`).test(text.slice(0, 4096));

/**
 * The backup's JSON, or null when the passphrase is not the file's. Throws
 * `VaultError('damaged')` when the file is not a whole encrypted backup.
 */
export async function decryptBackup(text: string, passphrase: string): Promise<string | null> {
  let envelope: EncryptedBackup;
  let salt: Uint8Array<ArrayBuffer>;
  let iv: Uint8Array<ArrayBuffer>;
  let data: Uint8Array<ArrayBuffer>;
  try {
    envelope = EncryptedBackup.parse(JSON.parse(text));
    salt = fromBase64(envelope.kdf.salt);
    iv = fromBase64(envelope.iv);
    data = fromBase64(envelope.data);
  } catch {
    throw new VaultError('damaged');
  }
  if (salt.length < 16 || iv.length !== 12 || data.length < 16) throw new VaultError('damaged');
  const { salt: _salt, ...kdf } = envelope.kdf;
  const { key, check } = await backupKeys(passphrase, kdf, salt);
  if (check !== envelope.check) return null;
  let packed: ArrayBuffer;
  try {
    packed = await subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: utf8.encode(headerAad(envelope)) },
      key,
      data,
    );
  } catch (e) {
    if (isAuthFailure(e)) throw new VaultError('damaged');
    throw e;
  }
  const bytes =
    envelope.compression === 'gzip'
      ? await transform(
          new Uint8Array(packed),
          new DecompressionStream('gzip'),
          MAX_BACKUP_JSON_BYTES,
        ).catch(() => {
          throw new VaultError('damaged');
        })
      : new Uint8Array(packed);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new VaultError('damaged');
  }
}
