/**
 * The leader's database: one typed schema, one `openDB`, cumulative upgrade
 * steps. Nothing outside src/notes sees the handle; the repository in
 * ./repo.ts exposes small functions instead.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { FollowUp } from '../schemas/follow-up.js';
import type { LeaderWeek } from '../schemas/leader-week.js';
import type { Note } from '../schemas/note.js';
import type { PageLink } from '../schemas/page-link.js';
import type { Settings } from '../schemas/settings.js';
import type { Keyring } from '../schemas/vault.js';
import type { Volunteer } from '../schemas/volunteer.js';
import type { Stored } from './codec.js';

/** The database name the extension uses. */
export const DB_NAME = 'samskab-notes';
/** The schema version this code writes. Raise it with a new `if (oldVersion < n)` step. */
export const DB_VERSION = 4;

/** The current shape of every store and index. */
export interface NotesDB extends DBSchema {
  volunteers: { key: string; value: Stored<Volunteer>; indexes: { 'by-updatedAt': string } };
  notes: {
    key: string;
    value: Stored<Note>;
    indexes: { 'by-volunteer': string; 'by-updatedAt': string };
  };
  'follow-ups': {
    key: string;
    value: Stored<FollowUp>;
    indexes: { 'by-due': string; 'by-volunteer': string; 'by-note': string };
  };
  'page-links': {
    key: string;
    value: Stored<PageLink>;
    indexes: { 'by-page': string; 'by-site': string; 'by-target': string };
  };
  /** The leader's own weekly reflection ("Min uge som leder"), one record per week. */
  'leader-weeks': { key: string; value: Stored<LeaderWeek>; indexes: { 'by-week': string } };
  meta: { key: 'settings'; value: Settings };
  /** The notes' keyring when they are locked at rest: the data key, wrapped. */
  vault: { key: 'keyring'; value: Keyring };
}

/** What the open database tells its owner about other windows. */
export interface OpenHooks {
  /** Another panel holds an older version open, so our upgrade waits. */
  onBlocked?: () => void;
  /** A newer version wants to upgrade: we have closed our connection. */
  onClosedForUpgrade?: () => void;
  /** The browser closed the connection abnormally (storage cleared, disk error). */
  onTerminated?: () => void;
}

/** Notes as the first schema wrote them: one volunteer per note. */
interface NoteV1 {
  id: string;
  volunteerId?: string;
  volunteerIds?: string[];
  lenses?: string[];
  tags?: string[];
}

/** Opens (and if needed upgrades) the database. */
export function openNotesDb(name = DB_NAME, hooks: OpenHooks = {}): Promise<IDBPDatabase<NotesDB>> {
  return openDB<NotesDB>(name, DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        db.createObjectStore('volunteers', { keyPath: 'id' });
        // v1 indexed notes by a single `volunteerId`; v2 replaces it.
        const notes = db.createObjectStore('notes', { keyPath: 'id' });
        notes.createIndex('by-volunteer', 'volunteerId' as never);
        const followUps = db.createObjectStore('follow-ups', { keyPath: 'id' });
        followUps.createIndex('by-due', 'due');
      }
      if (oldVersion < 2) {
        // A note may concern several volunteers: volunteerId → volunteerIds (multiEntry).
        const notes = tx.objectStore('notes');
        notes.deleteIndex('by-volunteer');
        notes.createIndex('by-volunteer', 'volunteerIds', { multiEntry: true });
        notes.createIndex('by-updatedAt', 'updatedAt');
        for (let c = await notes.openCursor(); c; c = await c.continue()) {
          const old = c.value as unknown as NoteV1;
          const { volunteerId, ...rest } = old;
          const volunteerIds = old.volunteerIds ?? (volunteerId ? [volunteerId] : []);
          await c.update({
            ...rest,
            volunteerIds,
            lenses: old.lenses ?? [],
            tags: old.tags ?? [],
          } as unknown as Note);
        }
        const followUps = tx.objectStore('follow-ups');
        followUps.createIndex('by-volunteer', 'volunteerId');
        followUps.createIndex('by-note', 'noteId');
        const links = db.createObjectStore('page-links', { keyPath: 'id' });
        links.createIndex('by-page', 'pageKey');
        links.createIndex('by-target', 'target.id');
      }
      if (oldVersion < 3) {
        // The site view and the leader's settings arrived together.
        tx.objectStore('page-links').createIndex('by-site', 'site');
        tx.objectStore('volunteers').createIndex('by-updatedAt', 'updatedAt');
        db.createObjectStore('meta');
      }
      if (oldVersion < 4) {
        // The leader's own week, and the keyring for notes locked at rest.
        db.createObjectStore('leader-weeks', { keyPath: 'id' }).createIndex('by-week', 'weekStart');
        db.createObjectStore('vault');
      }
    },
    blocked() {
      hooks.onBlocked?.();
    },
    blocking(_current, _blocked, event) {
      // Another panel runs newer code: step aside so its upgrade can finish.
      // https://developer.mozilla.org/docs/Web/API/IDBDatabase/versionchange_event
      (event.target as IDBDatabase).close();
      hooks.onClosedForUpgrade?.();
    },
    terminated() {
      hooks.onTerminated?.();
    },
  });
}
