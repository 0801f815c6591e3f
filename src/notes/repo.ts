/**
 * The leader's records as small functions over the database: the only way
 * the sidebar, the service worker and the tests reach IndexedDB.
 */
import type { IDBPDatabase } from 'idb';
import type { Backup } from '../schemas/backup.js';
import { BACKUP_FORMAT, BACKUP_VERSION } from '../schemas/backup.js';
import type { FollowUp } from '../schemas/follow-up.js';
import type { Note } from '../schemas/note.js';
import type { LinkTarget, PageLink } from '../schemas/page-link.js';
import { defaultSettings, type Settings } from '../schemas/settings.js';
import type { Volunteer } from '../schemas/volunteer.js';
import type { ImportPlan } from './backup.js';
import { type NotesDB, type OpenHooks, openNotesDb } from './db.js';
import type { PageIdentity } from './url.js';

/** Reports how far a long job is, 0–1. */
export type Progress = (fraction: number) => void;

/** What erasing a volunteer removed, so the caller can update lists and the search index. */
export interface ErasedVolunteer {
  volunteerId: string;
  deletedNoteIds: string[];
  unlinkedNotes: Note[];
  deletedFollowUpIds: string[];
  deletedLinkIds: string[];
}

/** Everything the repository can do; pass it to the sidebar store as a service. */
export type NotesRepo = Awaited<ReturnType<typeof openRepo>>;

/** Fields a caller supplies for a new or edited volunteer. */
export type VolunteerDraft = Omit<Volunteer, 'id' | 'createdAt' | 'updatedAt'> & { id?: string };
/** Fields a caller supplies for a new or edited note. */
export type NoteDraft = Omit<Note, 'id' | 'createdAt' | 'updatedAt'> & { id?: string };
/** Fields a caller supplies for a new or edited follow-up. */
export type FollowUpDraft = Omit<FollowUp, 'id' | 'createdAt' | 'updatedAt'> & { id?: string };

/** Options for {@link openRepo}. */
export interface RepoOptions extends OpenHooks {
  name?: string;
  now?: () => Date;
  newId?: () => string;
}

/** Opens the database and returns the repository over it. */
export async function openRepo(options: RepoOptions = {}) {
  const db: IDBPDatabase<NotesDB> = await openNotesDb(options.name, options);
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const newId = options.newId ?? (() => crypto.randomUUID());

  /** Keeps `createdAt` of an existing record and stamps `updatedAt`. */
  async function stamp<S extends 'volunteers' | 'notes' | 'follow-ups'>(store: S, id?: string) {
    const at = now();
    if (!id) return { id: newId(), createdAt: at, updatedAt: at };
    const old = await db.get(store, id);
    return { id, createdAt: old?.createdAt ?? at, updatedAt: at };
  }

  return {
    close: () => db.close(),

    listVolunteers: () => db.getAll('volunteers'),
    getVolunteer: (id: string) => db.get('volunteers', id),
    /** Creates the volunteer, or updates it when `draft.id` names one. */
    async saveVolunteer(draft: VolunteerDraft): Promise<Volunteer> {
      const record: Volunteer = { ...draft, ...(await stamp('volunteers', draft.id)) };
      await db.put('volunteers', record);
      return record;
    },

    listNotes: () => db.getAll('notes'),
    notesFor: (volunteerId: string) => db.getAllFromIndex('notes', 'by-volunteer', volunteerId),
    /** Creates the note, or updates it when `draft.id` names one. */
    async saveNote(draft: NoteDraft): Promise<Note> {
      const record: Note = { ...draft, ...(await stamp('notes', draft.id)) };
      if (record.quote === undefined) delete record.quote;
      if (record.reviewedAt === undefined) delete record.reviewedAt;
      await db.put('notes', record);
      return record;
    },
    /** Marks an old note as reviewed and kept (the retention review). */
    async keepNote(id: string): Promise<Note | undefined> {
      const note = await db.get('notes', id);
      if (!note) return undefined;
      const kept = { ...note, reviewedAt: now() };
      await db.put('notes', kept);
      return kept;
    },
    /** Deletes a note with its follow-ups and page links. */
    async deleteNote(id: string) {
      const tx = db.transaction(['notes', 'follow-ups', 'page-links'], 'readwrite');
      const followUps = await tx.objectStore('follow-ups').index('by-note').getAllKeys(id);
      const links = await tx.objectStore('page-links').index('by-target').getAllKeys(id);
      await Promise.all([
        tx.objectStore('notes').delete(id),
        ...followUps.map((k) => tx.objectStore('follow-ups').delete(k)),
        ...links.map((k) => tx.objectStore('page-links').delete(k)),
      ]);
      await tx.done;
      return { deletedFollowUpIds: followUps, deletedLinkIds: links };
    },

    listFollowUps: () => db.getAll('follow-ups'),
    getFollowUp: (id: string) => db.get('follow-ups', id),
    async saveFollowUp(draft: FollowUpDraft): Promise<FollowUp> {
      const record: FollowUp = { ...draft, ...(await stamp('follow-ups', draft.id)) };
      for (const k of ['volunteerId', 'noteId'] as const)
        if (record[k] === undefined) delete record[k];
      await db.put('follow-ups', record);
      return record;
    },
    deleteFollowUp: (id: string) => db.delete('follow-ups', id),

    listPageLinks: () => db.getAll('page-links'),
    linksForPage: (pageKey: string) => db.getAllFromIndex('page-links', 'by-page', pageKey),
    linksForSite: (site: string) => db.getAllFromIndex('page-links', 'by-site', site),
    /** Links a page to a volunteer or note; linking twice returns the existing link. */
    async linkPage(page: PageIdentity, target: LinkTarget, title = ''): Promise<PageLink> {
      const existing = (await db.getAllFromIndex('page-links', 'by-page', page.key)).find(
        (l) => l.target.id === target.id && l.target.kind === target.kind,
      );
      if (existing) return existing;
      const at = now();
      const link: PageLink = {
        id: newId(),
        pageKey: page.key,
        site: page.site,
        title: title.slice(0, 300),
        target,
        createdAt: at,
        updatedAt: at,
      };
      await db.put('page-links', link);
      return link;
    },
    unlinkPage: (id: string) => db.delete('page-links', id),

    async getSettings(): Promise<Settings> {
      return (await db.get('meta', 'settings')) ?? defaultSettings();
    },
    async saveSettings(patch: Partial<Settings>): Promise<Settings> {
      const current = (await db.get('meta', 'settings')) ?? defaultSettings();
      const next: Settings = { ...current, ...patch, updatedAt: now() };
      await db.put('meta', next, 'settings');
      return next;
    },

    /**
     * "Slet alt om denne frivillige": in one transaction, the volunteer, the
     * notes only about them, their follow-ups and page links go; notes shared
     * with others lose this volunteer but stay.
     */
    async eraseVolunteer(volunteerId: string): Promise<ErasedVolunteer> {
      const tx = db.transaction(['volunteers', 'notes', 'follow-ups', 'page-links'], 'readwrite');
      const notes = tx.objectStore('notes');
      const followUps = tx.objectStore('follow-ups');
      const links = tx.objectStore('page-links');
      const theirNotes = await notes.index('by-volunteer').getAll(volunteerId);
      const deletedNoteIds: string[] = [];
      const unlinkedNotes: Note[] = [];
      const at = now();
      for (const note of theirNotes) {
        if (note.volunteerIds.length <= 1) {
          deletedNoteIds.push(note.id);
        } else {
          const kept = {
            ...note,
            volunteerIds: note.volunteerIds.filter((v) => v !== volunteerId),
            updatedAt: at,
          };
          unlinkedNotes.push(kept);
        }
      }
      const followUpKeys = new Set(await followUps.index('by-volunteer').getAllKeys(volunteerId));
      const linkKeys = new Set(await links.index('by-target').getAllKeys(volunteerId));
      for (const id of deletedNoteIds) {
        for (const k of await followUps.index('by-note').getAllKeys(id)) followUpKeys.add(k);
        for (const k of await links.index('by-target').getAllKeys(id)) linkKeys.add(k);
      }
      await Promise.all([
        tx.objectStore('volunteers').delete(volunteerId),
        ...deletedNoteIds.map((id) => notes.delete(id)),
        ...unlinkedNotes.map((n) => notes.put(n)),
        ...[...followUpKeys].map((k) => followUps.delete(k)),
        ...[...linkKeys].map((k) => links.delete(k)),
      ]);
      await tx.done;
      return {
        volunteerId,
        deletedNoteIds,
        unlinkedNotes,
        deletedFollowUpIds: [...followUpKeys],
        deletedLinkIds: [...linkKeys],
      };
    },

    /** Reads everything into a backup object in one consistent snapshot. */
    async exportAll(onProgress: Progress = () => {}): Promise<Backup> {
      const tx = db.transaction(['volunteers', 'notes', 'follow-ups', 'page-links', 'meta']);
      onProgress(0.05);
      const [volunteers, notes, followUps, pageLinks, settings] = await Promise.all([
        tx.objectStore('volunteers').getAll().then(tick(onProgress, 0.2)),
        tx.objectStore('notes').getAll().then(tick(onProgress, 0.6)),
        tx.objectStore('follow-ups').getAll().then(tick(onProgress, 0.7)),
        tx.objectStore('page-links').getAll().then(tick(onProgress, 0.8)),
        tx.objectStore('meta').get('settings'),
      ]);
      await tx.done;
      const backup: Backup = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        exportedAt: now(),
        volunteers,
        notes,
        followUps,
        pageLinks,
      };
      if (settings) backup.settings = settings;
      return backup;
    },

    /** Current records keyed by id, for planning an import. */
    async snapshotIds() {
      const tx = db.transaction(['volunteers', 'notes', 'follow-ups', 'page-links']);
      const [volunteers, notes, followUps, pageLinks] = await Promise.all([
        tx.objectStore('volunteers').getAll(),
        tx.objectStore('notes').getAll(),
        tx.objectStore('follow-ups').getAll(),
        tx.objectStore('page-links').getAll(),
      ]);
      await tx.done;
      return { volunteers, notes, followUps, pageLinks };
    },

    /**
     * Writes a planned import in one transaction: either every new and newer
     * record lands or, on any failure, none does.
     */
    async applyImport(plan: ImportPlan, onProgress: Progress = () => {}): Promise<void> {
      const tx = db.transaction(
        ['volunteers', 'notes', 'follow-ups', 'page-links', 'meta'],
        'readwrite',
      );
      const total = plan.writes.length || 1;
      let done = 0;
      let reported = 0;
      const writes: Promise<unknown>[] = [];
      try {
        for (const w of plan.writes) {
          // A put can throw synchronously (a record IndexedDB cannot store):
          // that too must abort the whole transaction, not leave half an import.
          const request =
            w.store === 'volunteers'
              ? tx.objectStore('volunteers').put(w.value as Volunteer)
              : w.store === 'notes'
                ? tx.objectStore('notes').put(w.value as Note)
                : w.store === 'follow-ups'
                  ? tx.objectStore('follow-ups').put(w.value as FollowUp)
                  : tx.objectStore('page-links').put(w.value as PageLink);
          writes.push(
            request.then(() => {
              done++;
              // Report in 1 % steps: thousands of signal updates would slow the write.
              if (done / total - reported >= 0.01) {
                reported = done / total;
                onProgress(reported);
              }
            }),
          );
        }
        if (plan.settings) {
          const current = (await tx.objectStore('meta').get('settings')) ?? defaultSettings();
          writes.push(
            tx.objectStore('meta').put({ ...current, ...plan.settings(current) }, 'settings'),
          );
        }
        await Promise.all(writes);
        await tx.done;
      } catch (error) {
        // Abort undoes every put of this transaction; ignore "already aborted".
        try {
          tx.abort();
        } catch {}
        // Settle the abandoned requests so none reports an unhandled rejection.
        await Promise.allSettled([...writes, tx.done]);
        throw error;
      }
      onProgress(1);
    },
  };
}

function tick<T>(onProgress: Progress, at: number) {
  return (value: T) => {
    onProgress(at);
    return value;
  };
}
