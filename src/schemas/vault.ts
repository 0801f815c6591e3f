import * as z from 'zod/mini';
import { IsoInstant } from './common.js';

/**
 * Bytes as IndexedDB keeps them: a structured clone of a Uint8Array is a
 * Uint8Array of the reading page's own realm, so `instanceof` holds for
 * everything read back through `idb`.
 */
const bytes = (min: number, max = min) =>
  z
    .custom<Uint8Array<ArrayBuffer>>((b) => b instanceof Uint8Array)
    .check(z.refine((b) => b.length >= min && b.length <= max));

/** The 96-bit nonce of one AES-GCM encryption. */
const Iv = bytes(12);
/** A 32-byte master secret under AES-GCM: ciphertext and its 16-byte tag. */
const WrappedMaster = bytes(48);

/**
 * Argon2id's cost, stored beside each passphrase wrap so a later version can
 * raise the defaults and still open what was wrapped before. The bounds keep a
 * crafted keyring or backup from asking for gigabytes; the floor is the
 * algorithm's own (RFC 9106 §3.1: at least 8 KiB per lane), so tests may run
 * cheap. What a new wrap uses is `ARGON2_DEFAULTS` in `src/notes/vault.ts`.
 */
export const Argon2Params = z.object({
  algorithm: z.literal('argon2id'),
  /** Memory in KiB (hash-wasm's `memorySize`). */
  memoryKiB: z.number().check(z.int(), z.gte(8), z.lte(1024 * 1024)),
  iterations: z.number().check(z.int(), z.gte(1), z.lte(64)),
  parallelism: z.number().check(z.int(), z.gte(1), z.lte(16)),
});
export type Argon2Params = z.output<typeof Argon2Params>;

/** The master secret wrapped by a key derived from the leader's passphrase. */
export const PassphraseWrap = z.object({
  kdf: Argon2Params,
  salt: bytes(16, 64),
  iv: Iv,
  wrapped: WrappedMaster,
});
export type PassphraseWrap = z.output<typeof PassphraseWrap>;

/** The master secret wrapped by the recovery key shown once at setup. */
export const RecoveryWrap = z.object({ iv: Iv, wrapped: WrappedMaster });
export type RecoveryWrap = z.output<typeof RecoveryWrap>;

/** The master secret wrapped by a passkey's WebAuthn PRF output. */
export const PasskeyWrap = z.object({
  /** The credential's id, base64url as WebAuthn's JSON forms give it. */
  credentialId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,1400}$/)),
  /** The leader's name for it ("YubiKey", "Windows Hello"). */
  label: z.string().check(z.trim(), z.maxLength(100)),
  createdAt: IsoInstant,
  iv: Iv,
  wrapped: WrappedMaster,
});
export type PasskeyWrap = z.output<typeof PasskeyWrap>;

/**
 * Everything needed to unlock a vault, and nothing that opens it alone: one
 * random master secret, wrapped once per way in. Kept in IndexedDB beside the
 * notes it locks.
 */
export const Keyring = z.object({
  version: z.literal(1),
  passphrase: PassphraseWrap,
  recovery: RecoveryWrap,
  passkeys: z.array(PasskeyWrap),
  /** What the sidebar asks each passkey's PRF to evaluate (`eval.first`). */
  prfSalt: bytes(32),
  /**
   * 128 bits derived from the master secret (HKDF, a purpose of its own): tells
   * whether a master secret kept for the browser session is this keyring's.
   */
  check: bytes(16),
});
export type Keyring = z.output<typeof Keyring>;

/** One AES-256-GCM ciphertext (tag included) and its nonce, as stored in IndexedDB. */
export const Sealed = z.object({
  iv: Iv,
  ct: z.instanceof(ArrayBuffer).check(z.refine((b) => b.byteLength >= 16)),
});
export type Sealed = z.output<typeof Sealed>;

/** The format marker and the one version of the encrypted backup this code writes. */
export const ENCRYPTED_BACKUP_FORMAT = 'samskab-notes-encrypted';
export const ENCRYPTED_BACKUP_VERSION = 1;

/** Standard base64 (RFC 4648 §4), as `btoa` writes it; `atob` is what checks it. */
const Base64 = z.string();

/**
 * An encrypted backup file. The header says how to derive the key from the
 * passphrase; `check` tells a wrong passphrase from a damaged `data`, which
 * AES-GCM alone cannot (both fail the same tag check).
 */
export const EncryptedBackup = z.object({
  format: z.literal(ENCRYPTED_BACKUP_FORMAT, 'error.backup.format'),
  version: z.literal(ENCRYPTED_BACKUP_VERSION, 'error.backup.version'),
  kdf: z.extend(Argon2Params, { salt: Base64 }),
  /** How the JSON was packed before encryption. */
  compression: z.enum(['gzip', 'none']),
  check: Base64,
  iv: Base64,
  data: Base64,
});
export type EncryptedBackup = z.output<typeof EncryptedBackup>;
