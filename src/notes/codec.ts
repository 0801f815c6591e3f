/**
 * How a record is stored: as it is, or — when the leader has set a
 * passphrase — with every field that says something about a person sealed
 * (AES-GCM, see ./vault.ts) and only the ids and dates its indexes need left
 * clear. The repository encodes on every write and decodes on every read.
 */
import type { Sealed } from '../schemas/vault.js';
import { blind, open, seal, type Vault } from './vault.js';

/** A record as stored: plain, or its clear index fields beside the sealed rest. */
export type Stored<T> = T | (Partial<T> & { sealed: Sealed });

/** True when `value` was stored sealed. */
export const isSealed = (value: object): value is { sealed: Sealed } => 'sealed' in value;

/** Encodes records for one store and decodes them again. */
export interface RecordCodec {
  /** False when the notes are plain; then encode and decode return what they are given. */
  readonly sealed: boolean;
  /**
   * What to store for `record` in `store`: `clear` names the fields left
   * readable (ids and dates the indexes need); `blind` those stored as a keyed
   * hash, so an index can find them without the value being readable.
   */
  encode<T extends { id: string }>(
    store: string,
    record: T,
    clear: readonly (keyof T)[],
    blind?: readonly (keyof T)[],
  ): Promise<Stored<T>>;
  /** The record again; throws when a sealed record cannot be opened with this key. */
  decode<T extends { id: string }>(store: string, stored: Stored<T>): Promise<T>;
  /** The index value to look up a blinded field by (the value itself when plain). */
  blind(value: string): Promise<string>;
}

/** The codec of notes kept plain (no passphrase set). */
export const plainCodec: RecordCodec = {
  sealed: false,
  encode: async (_store, record) => record,
  decode: async (_store, stored) => {
    if (isSealed(stored)) throw new Error('This record is sealed and the notes are not unlocked.');
    return stored;
  },
  blind: async (value) => value,
};

/**
 * The codec of notes locked at rest. A sealed record's associated data is its
 * store and id, so a ciphertext moved onto another record does not open.
 * A plain record met here (written before the notes were locked, by a panel
 * that had not heard yet) is read as it is; the repository's sweep seals it.
 */
export function vaultCodec(vault: Vault): RecordCodec {
  return {
    sealed: true,
    async encode<T extends { id: string }>(
      store: string,
      record: T,
      clear: readonly (keyof T)[],
      blinded: readonly (keyof T)[] = [],
    ): Promise<Stored<T>> {
      const out: Partial<T> = {};
      for (const k of clear) if (record[k] !== undefined) out[k] = record[k];
      await Promise.all(
        blinded.map(async (k) => {
          out[k] = (await blind(vault, String(record[k]))) as T[keyof T];
        }),
      );
      return { ...out, sealed: await seal(vault, record, `${store}:${record.id}`) };
    },
    async decode<T extends { id: string }>(store: string, stored: Stored<T>): Promise<T> {
      if (!isSealed(stored)) return stored;
      return (await open(vault, stored.sealed, `${store}:${stored.id}`)) as T;
    },
    blind: (value) => blind(vault, value),
  };
}
