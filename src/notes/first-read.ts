/**
 * The panel's first read, started before its interface is even loaded: the
 * database is opened and, in one transaction, the keyring, the settings and
 * the volunteers are asked for, while the browser fetches and compiles the
 * rest of the panel. Nothing here decodes: a sealed volunteer stays sealed
 * until the repository has the key (see ./repo.ts, `decodeVolunteers`).
 *
 * Small on purpose (idb and the schema's upgrade steps only), so it runs a
 * few milliseconds after the panel's script starts.
 */
import type { IDBPDatabase } from 'idb';
import type { Settings } from '../schemas/settings.js';
import type { Keyring } from '../schemas/vault.js';
import type { Volunteer } from '../schemas/volunteer.js';
import type { Stored } from './codec.js';
import { DB_NAME, type NotesDB, type OpenHooks, openNotesDb } from './db.js';

/** What the first read found. */
export interface FirstRead {
  /** The open database, for `openRepo({ db })`. */
  db: IDBPDatabase<NotesDB>;
  /** The keyring when the notes are locked at rest. */
  keyring: Keyring | undefined;
  /** The settings as stored (missing fields are filled by the repository). */
  settings: Partial<Settings> | undefined;
  /** Every volunteer as stored: plain, or sealed. */
  volunteers: Stored<Volunteer>[];
}

/**
 * Opens the database and reads what the first screen needs. Rejects when the
 * browser refuses IndexedDB (Firefox's "never remember history").
 */
export async function firstRead(hooks: OpenHooks = {}, name = DB_NAME): Promise<FirstRead> {
  const db = await openNotesDb(name, hooks);
  performance.mark('samskab:db-open');
  const tx = db.transaction(['vault', 'meta', 'volunteers']);
  const [keyring, settings, volunteers] = await Promise.all([
    tx.objectStore('vault').get('keyring'),
    tx.objectStore('meta').get('settings'),
    tx.objectStore('volunteers').getAll(),
    tx.done,
  ]);
  performance.mark('samskab:first-read');
  return { db, keyring, settings, volunteers };
}
