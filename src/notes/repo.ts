/**
 * The leader's records as small functions over the database: the only way
 * the sidebar, the service worker and the tests reach IndexedDB.
 */
import type { IDBPDatabase } from 'idb';
import type { Backup } from '../schemas/backup.js';
import { BACKUP_FORMAT, BACKUP_VERSION } from '../schemas/backup.js';
import type { FollowUp } from '../schemas/follow-up.js';
import type { LeaderWeek } from '../schemas/leader-week.js';
import type { Note } from '../schemas/note.js';
import type { LinkTarget, PageLink } from '../schemas/page-link.js';
import { defaultSettings, type Settings } from '../schemas/settings.js';
import type { Keyring } from '../schemas/vault.js';
import type { Volunteer } from '../schemas/volunteer.js';
import type { ImportPlan } from './backup.js';
import { isSealed, plainCodec, type RecordCodec, type Stored, vaultCodec } from './codec.js';
import { type NotesDB, type OpenHooks, openNotesDb } from './db.js';
import type { PageIdentity } from './url.js';
import type { Vault } from './vault.js';
import { openWeeks } from './weeks.js';

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
  /** The unlocked keys, when the notes are locked at rest; without them sealed records cannot be read. */
  vault?: Vault;
  /** A database already open (the panel's first read, ./first-read.ts); opened here otherwise. */
  db?: IDBPDatabase<NotesDB>;
}

/** The stores whose records say something about a person, and so are sealed when locked. */
const PERSONAL = ['volunteers', 'notes', 'follow-ups', 'page-links', 'leader-weeks'] as const;
type PersonalStore = (typeof PERSONAL)[number];

/**
 * What stays readable in a sealed record: ids and dates the indexes and the
 * service worker's alarms need. Everything else — names, contact, note texts,
 * lenses, tags, quotes, follow-up texts, page addresses and titles, the
 * leader's answers — is sealed.
 */
const CLEAR: Record<PersonalStore, readonly string[]> = {
  volunteers: ['id', 'createdAt', 'updatedAt'],
  notes: ['id', 'volunteerIds', 'createdAt', 'updatedAt', 'reviewedAt'],
  'follow-ups': ['id', 'volunteerId', 'noteId', 'due', 'done', 'createdAt', 'updatedAt'],
  'page-links': ['id', 'target', 'createdAt', 'updatedAt'],
  'leader-weeks': ['id', 'weekStart', 'createdAt', 'updatedAt'],
};
/** Page addresses and sites are indexed by a keyed hash, so "this page" is still one look-up. */
const BLIND: Partial<Record<PersonalStore, readonly string[]>> = {
  'page-links': ['pageKey', 'site'],
};

/** When a follow-up is due, readable while the notes are locked (for the alarms). */
export interface FollowUpTime {
  id: string;
  due: string;
  done: boolean;
}

/** Opens the database and returns the repository over it. */
export async function openRepo(options: RepoOptions = {}) {
  const db: IDBPDatabase<NotesDB> = options.db ?? (await openNotesDb(options.name, options));
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const newId = options.newId ?? (() => crypto.randomUUID());
  let codec: RecordCodec = options.vault ? vaultCodec(options.vault) : plainCodec;
  /** The current codec, for helpers that keep it (it changes when the notes are locked or opened). */
  const live: RecordCodec = {
    get sealed() {
      return codec.sealed;
    },
    encode: (store, record, clear, blinded) => codec.encode(store, record, clear, blinded),
    decode: (store, stored) => codec.decode(store, stored),
    blind: (value) => codec.blind(value),
  };

  const encode = <T extends { id: string }>(store: PersonalStore, record: T) =>
    codec.encode(
      store,
      record,
      CLEAR[store] as readonly (keyof T)[],
      (BLIND[store] ?? []) as readonly (keyof T)[],
    );
  /**
   * Stores in which a plain record was met while the notes are locked (one a
   * panel wrote before it heard of the lock): `sweep` seals them.
   */
  const plainSeen = new Set<PersonalStore>();
  const notePlain = (store: PersonalStore, rows: readonly object[]) => {
    if (codec.sealed && !plainSeen.has(store) && rows.some((r) => !isSealed(r)))
      plainSeen.add(store);
  };
  const decodeAll = <T extends { id: string }>(store: PersonalStore, rows: Stored<T>[]) => {
    notePlain(store, rows);
    return Promise.all(rows.map((r) => codec.decode<T>(store, r)));
  };
  const decodeOne = async <T extends { id: string }>(
    store: PersonalStore,
    stored: Stored<T> | undefined,
  ) => (stored === undefined ? undefined : codec.decode<T>(store, stored));

  /** Keeps `createdAt` of an existing record and stamps `updatedAt`. */
  async function stamp<S extends 'volunteers' | 'notes' | 'follow-ups'>(store: S, id?: string) {
    const at = now();
    if (!id) return { id: newId(), createdAt: at, updatedAt: at };
    const old = await db.get(store, id);
    return { id, createdAt: old?.createdAt ?? at, updatedAt: at };
  }

  const repo = {
    close: () => db.close(),

    listVolunteers: async () => decodeAll<Volunteer>('volunteers', await db.getAll('volunteers')),
    /** Volunteers as read beforehand (./first-read.ts), decoded with the current key. */
    decodeVolunteers: (rows: Stored<Volunteer>[]) => decodeAll<Volunteer>('volunteers', rows),
    /**
     * What the panel lists — volunteers, notes, follow-ups, page links and the
     * settings — read in one transaction. Decoding waits for `before` (the
     * panel lets its first list paint before 20,000 notes are opened), and
     * goes in slices of `slice` records of a sealed store, so the panel
     * answers the leader in between.
     */
    async readRecords(before?: Promise<unknown>, slice = 2000) {
      const tx = db.transaction(['volunteers', 'notes', 'follow-ups', 'page-links', 'meta']);
      const [v, n, f, l, s] = await Promise.all([
        tx.objectStore('volunteers').getAll(),
        tx.objectStore('notes').getAll(),
        tx.objectStore('follow-ups').getAll(),
        tx.objectStore('page-links').getAll(),
        tx.objectStore('meta').get('settings'),
        tx.done,
      ]);
      await before;
      const inSlices = async <T extends { id: string }>(
        store: PersonalStore,
        rows: Stored<T>[],
      ) => {
        if (!codec.sealed || rows.length <= slice) return decodeAll<T>(store, rows);
        const out: T[] = [];
        for (let i = 0; i < rows.length; i += slice) {
          if (i > 0) await new Promise((r) => setTimeout(r, 0));
          out.push(...(await decodeAll<T>(store, rows.slice(i, i + slice))));
        }
        return out;
      };
      return {
        volunteers: await decodeAll<Volunteer>('volunteers', v),
        notes: await inSlices<Note>('notes', n),
        followUps: await inSlices<FollowUp>('follow-ups', f),
        pageLinks: await inSlices<PageLink>('page-links', l),
        settings: { ...defaultSettings(), ...s } as Settings,
      };
    },
    getVolunteer: async (id: string) =>
      decodeOne<Volunteer>('volunteers', await db.get('volunteers', id)),
    /** Creates the volunteer, or updates it when `draft.id` names one. */
    async saveVolunteer(draft: VolunteerDraft): Promise<Volunteer> {
      const record: Volunteer = { ...draft, ...(await stamp('volunteers', draft.id)) };
      await db.put('volunteers', await encode('volunteers', record));
      return record;
    },

    listNotes: async () => decodeAll<Note>('notes', await db.getAll('notes')),
    notesFor: async (volunteerId: string) =>
      decodeAll<Note>('notes', await db.getAllFromIndex('notes', 'by-volunteer', volunteerId)),
    /** Creates the note, or updates it when `draft.id` names one. */
    async saveNote(draft: NoteDraft): Promise<Note> {
      const record: Note = { ...draft, ...(await stamp('notes', draft.id)) };
      if (record.quote === undefined) delete record.quote;
      if (record.reviewedAt === undefined) delete record.reviewedAt;
      await db.put('notes', await encode('notes', record));
      return record;
    },
    /** Marks an old note as reviewed and kept (the retention review). */
    async keepNote(id: string): Promise<Note | undefined> {
      const note = await decodeOne<Note>('notes', await db.get('notes', id));
      if (!note) return undefined;
      const kept = { ...note, reviewedAt: now() };
      await db.put('notes', await encode('notes', kept));
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

    listFollowUps: async () => decodeAll<FollowUp>('follow-ups', await db.getAll('follow-ups')),
    getFollowUp: async (id: string) =>
      decodeOne<FollowUp>('follow-ups', await db.get('follow-ups', id)),
    /** Each follow-up's id, due time and whether it is done: readable while locked. */
    async followUpTimes(): Promise<FollowUpTime[]> {
      return (await db.getAll('follow-ups')).map((f) => ({
        id: String(f.id),
        due: String(f.due),
        done: f.done === true,
      }));
    },
    async saveFollowUp(draft: FollowUpDraft): Promise<FollowUp> {
      const record: FollowUp = { ...draft, ...(await stamp('follow-ups', draft.id)) };
      for (const k of ['volunteerId', 'noteId'] as const)
        if (record[k] === undefined) delete record[k];
      await db.put('follow-ups', await encode('follow-ups', record));
      return record;
    },
    deleteFollowUp: (id: string) => db.delete('follow-ups', id),

    listPageLinks: async () => decodeAll<PageLink>('page-links', await db.getAll('page-links')),
    linksForPage: async (pageKey: string) =>
      decodeAll<PageLink>(
        'page-links',
        await db.getAllFromIndex('page-links', 'by-page', await codec.blind(pageKey)),
      ),
    linksForSite: async (site: string) =>
      decodeAll<PageLink>(
        'page-links',
        await db.getAllFromIndex('page-links', 'by-site', await codec.blind(site)),
      ),
    /** Links a page to a volunteer or note; linking twice returns the existing link. */
    async linkPage(page: PageIdentity, target: LinkTarget, title = ''): Promise<PageLink> {
      const here = await db.getAllFromIndex('page-links', 'by-page', await codec.blind(page.key));
      const existing = (await decodeAll<PageLink>('page-links', here)).find(
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
      await db.put('page-links', await encode('page-links', link));
      return link;
    },
    unlinkPage: (id: string) => db.delete('page-links', id),

    /** The settings, with today's defaults for anything an older version did not store. */
    async getSettings(): Promise<Settings> {
      return { ...defaultSettings(), ...(await db.get('meta', 'settings')) };
    },
    async saveSettings(patch: Partial<Settings>): Promise<Settings> {
      const current = { ...defaultSettings(), ...(await db.get('meta', 'settings')) };
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
      // Read and re-seal first: a transaction ends at an await that is not its own request.
      const theirNotes = await decodeAll<Note>(
        'notes',
        await db.getAllFromIndex('notes', 'by-volunteer', volunteerId),
      );
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
      const unlinkedStored = await Promise.all(unlinkedNotes.map((n) => encode('notes', n)));
      const tx = db.transaction(['volunteers', 'notes', 'follow-ups', 'page-links'], 'readwrite');
      const notes = tx.objectStore('notes');
      const followUps = tx.objectStore('follow-ups');
      const links = tx.objectStore('page-links');
      const followUpKeys = new Set(await followUps.index('by-volunteer').getAllKeys(volunteerId));
      const linkKeys = new Set(await links.index('by-target').getAllKeys(volunteerId));
      for (const id of deletedNoteIds) {
        for (const k of await followUps.index('by-note').getAllKeys(id)) followUpKeys.add(k);
        for (const k of await links.index('by-target').getAllKeys(id)) linkKeys.add(k);
      }
      await Promise.all([
        tx.objectStore('volunteers').delete(volunteerId),
        ...deletedNoteIds.map((id) => notes.delete(id)),
        ...unlinkedStored.map((n) => notes.put(n)),
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
      const tx = db.transaction([
        'volunteers',
        'notes',
        'follow-ups',
        'page-links',
        'leader-weeks',
        'meta',
      ]);
      onProgress(0.05);
      const [volunteers, notes, followUps, pageLinks, weeks, settings] = await Promise.all([
        tx.objectStore('volunteers').getAll().then(tick(onProgress, 0.2)),
        tx.objectStore('notes').getAll().then(tick(onProgress, 0.6)),
        tx.objectStore('follow-ups').getAll().then(tick(onProgress, 0.7)),
        tx.objectStore('page-links').getAll().then(tick(onProgress, 0.8)),
        tx.objectStore('leader-weeks').getAll(),
        tx.objectStore('meta').get('settings'),
      ]);
      await tx.done;
      const [v, n, f, p, w] = await Promise.all([
        decodeAll<Volunteer>('volunteers', volunteers),
        decodeAll<Note>('notes', notes),
        decodeAll<FollowUp>('follow-ups', followUps),
        decodeAll<PageLink>('page-links', pageLinks),
        decodeAll<LeaderWeek>('leader-weeks', weeks),
      ]);
      const backup: Backup = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        exportedAt: now(),
        volunteers: v,
        notes: n,
        followUps: f,
        pageLinks: p,
        leaderWeeks: w,
      };
      if (settings) backup.settings = settings;
      return backup;
    },

    /** Current records keyed by id, for planning an import. */
    async snapshotIds() {
      const tx = db.transaction([
        'volunteers',
        'notes',
        'follow-ups',
        'page-links',
        'leader-weeks',
      ]);
      const [volunteers, notes, followUps, pageLinks, weeks] = await Promise.all([
        tx.objectStore('volunteers').getAll(),
        tx.objectStore('notes').getAll(),
        tx.objectStore('follow-ups').getAll(),
        tx.objectStore('page-links').getAll(),
        tx.objectStore('leader-weeks').getAll(),
      ]);
      await tx.done;
      return {
        volunteers: await decodeAll<Volunteer>('volunteers', volunteers),
        notes: await decodeAll<Note>('notes', notes),
        followUps: await decodeAll<FollowUp>('follow-ups', followUps),
        pageLinks: await decodeAll<PageLink>('page-links', pageLinks),
        leaderWeeks: await decodeAll<LeaderWeek>('leader-weeks', weeks),
      };
    },

    /**
     * Writes a planned import in one transaction: either every new and newer
     * record lands or, on any failure, none does.
     */
    async applyImport(plan: ImportPlan, onProgress: Progress = () => {}): Promise<void> {
      // Sealed before the transaction opens: it must not wait on anything but its own writes.
      const stored = await Promise.all(
        plan.writes.map(async (w) => ({
          store: w.store,
          value: await encode(w.store, w.value as { id: string }),
        })),
      );
      const tx = db.transaction(
        ['volunteers', 'notes', 'follow-ups', 'page-links', 'leader-weeks', 'meta'],
        'readwrite',
      );
      const total = plan.writes.length || 1;
      let done = 0;
      let reported = 0;
      await allOrNothing(tx, async (writes) => {
        for (const w of stored) {
          writes.push(
            tx
              .objectStore(w.store)
              .put(w.value as never)
              .then(() => {
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
      });
      onProgress(1);
    },

    /** The leader's weekly reflection, sealed like the notes. */
    weeks: openWeeks(db, live, now, newId),

    /** The keyring when the notes are locked at rest; undefined when they are plain. */
    keyring: () => db.get('vault', 'keyring'),
    /** Stores a re-wrapped keyring (a new passphrase, passkey or recovery key); the data stay as they are. */
    async saveKeyring(keyring: Keyring) {
      await db.put('vault', keyring, 'keyring');
    },
    /** True while this repository reads and writes sealed records. */
    isSealed: () => codec.sealed,
    /** Reads and writes with the unlocked keys from now on. */
    useVault(vault: Vault) {
      codec = vaultCodec(vault);
    },

    /**
     * Locks the notes at rest with `vault`, whose `keyring` is stored with
     * them: every personal record is sealed. All or nothing: the records are
     * sealed in memory, then written with the keyring in one transaction, so
     * a browser killed halfway leaves the plain notes as they were.
     */
    async lockAtRest(keyring: Keyring, vault: Vault, onProgress: Progress = () => {}) {
      await transcode(vaultCodec(vault), keyring, onProgress);
    },

    /** Removes the lock: every record is written plain again and the keyring goes, in one transaction. */
    async openAtRest(onProgress: Progress = () => {}) {
      await transcode(plainCodec, null, onProgress);
    },

    /**
     * Seals any record still stored plain in locked notes (one written by a
     * panel that had not yet heard the notes were locked). Returns how many.
     * `seen` looks only in the stores where reading met a plain record (and
     * in `also`), so the panel need not read every store twice.
     */
    async sweep(scope?: { seen: true; also?: readonly PersonalStore[] }): Promise<number> {
      if (!codec.sealed) return 0;
      let count = 0;
      const stores = scope
        ? PERSONAL.filter((s) => plainSeen.has(s) || scope.also?.includes(s))
        : PERSONAL;
      for (const store of stores) {
        plainSeen.delete(store);
        const plain = (await db.getAll(store)).filter((r) => !('sealed' in r)) as {
          id: string;
        }[];
        if (plain.length === 0) continue;
        const sealed = await Promise.all(plain.map((r) => encode(store, r)));
        const tx = db.transaction(store, 'readwrite', { durability: 'strict' });
        await Promise.all([...sealed.map((r) => tx.store.put(r as never)), tx.done]);
        count += plain.length;
      }
      return count;
    },
  };
  return repo;

  /**
   * Rewrites every personal record with `next`, and stores or deletes the
   * keyring, in one durable transaction after all the crypto is done (a
   * transaction cannot wait for WebCrypto). Reading 0–50 %, sealing or
   * opening 50–90 %, writing 90–100 %.
   */
  async function transcode(next: RecordCodec, keyring: Keyring | null, onProgress: Progress) {
    onProgress(0);
    const read = db.transaction(PERSONAL);
    const rows = await Promise.all(PERSONAL.map((store) => read.objectStore(store).getAll()));
    await read.done;
    onProgress(0.5);
    const total = rows.reduce((n, r) => n + r.length, 0) || 1;
    let done = 0;
    const rewritten = await Promise.all(
      PERSONAL.map((store, i) =>
        Promise.all(
          (rows[i] as Stored<{ id: string }>[]).map(async (row) => {
            const record = await codec.decode<{ id: string }>(store, row);
            const out = await next.encode(
              store,
              record,
              CLEAR[store] as readonly 'id'[],
              (BLIND[store] ?? []) as readonly 'id'[],
            );
            if (++done % 500 === 0) onProgress(0.5 + (0.4 * done) / total);
            return out;
          }),
        ),
      ),
    );
    onProgress(0.9);
    const tx = db.transaction([...PERSONAL, 'vault' as const], 'readwrite', {
      durability: 'strict',
    });
    await allOrNothing(tx, (writes) => {
      PERSONAL.forEach((store, i) => {
        const target = tx.objectStore(store);
        writes.push(target.clear());
        for (const r of rewritten[i]!) writes.push(target.put(r as never));
      });
      writes.push(
        keyring ? tx.objectStore('vault').put(keyring, 'keyring') : tx.objectStore('vault').clear(),
      );
    });
    codec = next;
    onProgress(1);
  }
}

function tick<T>(onProgress: Progress, at: number) {
  return (value: T) => {
    onProgress(at);
    return value;
  };
}

/**
 * Queues a readwrite transaction's requests through `queue` and waits for all
 * of them. On any failure — a request refused, or a put that throws at once (a
 * value IndexedDB cannot store) — the transaction is aborted, so none of its
 * writes holds, and the error is rethrown.
 */
async function allOrNothing(
  tx: { abort(): void; done: Promise<void> },
  queue: (writes: Promise<unknown>[]) => void | Promise<void>,
) {
  const writes: Promise<unknown>[] = [];
  try {
    await queue(writes);
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
}
