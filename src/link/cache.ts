/**
 * The offline copy of the last snapshot, in an IndexedDB database of its own
 * (`samskab-link`), apart from the leader's notes: what the server said, kept
 * for reading offline, and erased whole when the device is unpaired.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { SidepanelSnapshot } from '../schemas/sidepanel.js';

/** The database name; never the notes' (`samskab-notes`). */
export const LINK_DB_NAME = 'samskab-link';

/** What is kept: the snapshot and the server it came from. */
export interface CachedSnapshot {
  server: string;
  snapshot: SidepanelSnapshot;
}

interface LinkDB extends DBSchema {
  snapshot: { key: 'current'; value: CachedSnapshot };
}

/** The cache's three operations; tests may pass another. */
export interface SnapshotCache {
  read(): Promise<CachedSnapshot | null>;
  write(entry: CachedSnapshot): Promise<void>;
  erase(): Promise<void>;
}

/** The cache over IndexedDB, opened on first use. */
export function idbSnapshotCache(name = LINK_DB_NAME): SnapshotCache {
  let db: Promise<IDBPDatabase<LinkDB>> | null = null;
  const open = () => {
    db ??= openDB<LinkDB>(name, 1, {
      upgrade(d) {
        d.createObjectStore('snapshot');
      },
      blocking(_c, _b, event) {
        (event.target as IDBDatabase).close();
        db = null;
      },
      terminated() {
        db = null;
      },
    });
    return db;
  };
  return {
    async read() {
      const entry = await (await open()).get('snapshot', 'current');
      if (!entry) return null;
      // A copy from an older build, or a damaged one, is dropped rather than shown wrong.
      const parsed = SidepanelSnapshot.safeParse(entry.snapshot);
      return parsed.success && typeof entry.server === 'string'
        ? { server: entry.server, snapshot: parsed.data }
        : null;
    },
    async write(entry) {
      await (await open()).put('snapshot', entry, 'current');
    },
    async erase() {
      await (await open()).clear('snapshot');
    },
  };
}
