/**
 * The leader's records as signals: the one copy the panel renders from, and
 * the one the search index follows. Every action writes through the
 * repository first and only then updates the signals, so the screen never
 * shows something that was not saved.
 */
import { batch, computed, signal } from '@preact/signals';
import type { Stored } from '../../../src/notes/codec.js';
import { fold } from '../../../src/notes/fold.js';
import {
  lastNoteByVolunteer,
  notesForReview,
  overdueFollowUps,
  quietVolunteers,
  upcomingFollowUps,
} from '../../../src/notes/presence.js';
import type {
  FollowUpDraft,
  NoteDraft,
  NotesRepo,
  VolunteerDraft,
} from '../../../src/notes/repo.js';
import type { PageIdentity } from '../../../src/notes/url.js';
import type { FollowUp } from '../../../src/schemas/follow-up.js';
import type { Note } from '../../../src/schemas/note.js';
import type { LinkTarget, PageLink } from '../../../src/schemas/page-link.js';
import { defaultSettings, type Settings } from '../../../src/schemas/settings.js';
import type { Volunteer } from '../../../src/schemas/volunteer.js';

/** Marks a phase of the panel's start in the timeline (the bench reads it), the first time only. */
export function markOnce(name: string) {
  if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}

/** What the records slice needs from outside. */
export interface RecordsDeps {
  repo: NotesRepo;
  now: () => Date;
  /** Called after every write, so other panels and the service worker can refresh. */
  changed: (what: 'records' | 'follow-ups') => void;
}

/** Creates the records slice. */
export function createRecords({ repo, now, changed }: RecordsDeps) {
  const volunteers = signal<ReadonlyMap<string, Volunteer>>(new Map());
  const notes = signal<ReadonlyMap<string, Note>>(new Map());
  const followUps = signal<ReadonlyMap<string, FollowUp>>(new Map());
  const pageLinks = signal<ReadonlyMap<string, PageLink>>(new Map());
  const settings = signal<Settings>(defaultSettings());
  const loaded = signal(false);
  /** Bumped once a minute by the panel so "overdue" and "quiet" move with time. */
  const clock = signal(now());

  const byId = <T extends { id: string }>(list: readonly T[]) =>
    new Map(list.map((r) => [r.id, r]));
  const put = <T extends { id: string }>(s: { value: ReadonlyMap<string, T> }, r: T) => {
    s.value = new Map(s.value).set(r.id, r);
  };
  const drop = <T>(s: { value: ReadonlyMap<string, T> }, ids: readonly string[]) => {
    const next = new Map(s.value);
    for (const id of ids) next.delete(id);
    s.value = next;
  };

  const sortedVolunteers = computed(() =>
    [...volunteers.value.values()]
      .map((v) => ({ v, key: fold(v.name) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ v }) => v),
  );
  const lastNote = computed(() => lastNoteByVolunteer([...notes.value.values()]));
  const notesByVolunteer = computed(() => {
    const map = new Map<string, Note[]>();
    for (const n of notes.value.values()) {
      for (const v of n.volunteerIds) {
        const list = map.get(v);
        if (list) list.push(n);
        else map.set(v, [n]);
      }
    }
    for (const list of map.values())
      list.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    return map;
  });
  const inbox = computed(() =>
    [...notes.value.values()]
      .filter((n) => n.volunteerIds.length === 0)
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)),
  );
  const allFollowUps = computed(() => [...followUps.value.values()]);
  const overdue = computed(() => overdueFollowUps(allFollowUps.value, clock.value));
  const upcoming = computed(() => upcomingFollowUps(allFollowUps.value, clock.value));
  const quiet = computed(() =>
    quietVolunteers(sortedVolunteers.value, lastNote.value, settings.value.quietWeeks, clock.value),
  );
  const review = computed(() =>
    notesForReview([...notes.value.values()], settings.value.retentionMonths, clock.value),
  );
  const backupDue = computed(() => {
    const last = settings.value.lastBackupAt;
    if (!last) return volunteers.value.size > 0 || notes.value.size > 0 ? 'never' : null;
    return clock.value.getTime() - Date.parse(last) > 30 * 86_400_000 ? 'old' : null;
  });

  return {
    volunteers,
    notes,
    followUps,
    pageLinks,
    settings,
    loaded,
    clock,
    sortedVolunteers,
    lastNote,
    notesByVolunteer,
    inbox,
    overdue,
    upcoming,
    quiet,
    review,
    backupDue,

    /**
     * Reads everything from the database (on open, after an import, after
     * another panel wrote). Opening sealed records waits for `before`.
     */
    async load(before?: Promise<unknown>) {
      const r = await repo.readRecords(before);
      batch(() => {
        volunteers.value = byId(r.volunteers);
        notes.value = byId(r.notes);
        followUps.value = byId(r.followUps);
        pageLinks.value = byId(r.pageLinks);
        settings.value = r.settings;
        loaded.value = true;
      });
      markOnce('samskab:notes');
    },

    /**
     * Only the volunteer list, so the first screen can show before 20,000
     * notes arrive; from the panel's first read when it has one. Plain
     * volunteers from that read are set before this returns (nothing to
     * open), so the panel's first render already holds the list.
     */
    async loadVolunteers(first?: {
      volunteers: Stored<Volunteer>[];
      settings?: Partial<Settings>;
    }) {
      const [v, s] = first
        ? [
            // Read in one transaction with the keyring: no keyring, nothing sealed.
            repo.isSealed()
              ? await repo.decodeVolunteers(first.volunteers)
              : (first.volunteers as Volunteer[]),
            { ...defaultSettings(), ...first.settings } as Settings,
          ]
        : await Promise.all([repo.listVolunteers(), repo.getSettings()]);
      batch(() => {
        volunteers.value = byId(v);
        settings.value = s;
      });
      markOnce('samskab:volunteers');
    },

    tick() {
      clock.value = now();
    },

    async saveVolunteer(draft: VolunteerDraft) {
      const saved = await repo.saveVolunteer(draft);
      put(volunteers, saved);
      changed('records');
      return saved;
    },

    async saveNote(draft: NoteDraft) {
      const saved = await repo.saveNote(draft);
      put(notes, saved);
      changed('records');
      return saved;
    },

    async keepNote(id: string) {
      const kept = await repo.keepNote(id);
      if (kept) put(notes, kept);
      changed('records');
    },

    async deleteNote(id: string) {
      const { deletedFollowUpIds, deletedLinkIds } = await repo.deleteNote(id);
      batch(() => {
        drop(notes, [id]);
        drop(followUps, deletedFollowUpIds);
        drop(pageLinks, deletedLinkIds);
      });
      changed('follow-ups');
    },

    async saveFollowUp(draft: FollowUpDraft) {
      const saved = await repo.saveFollowUp(draft);
      put(followUps, saved);
      changed('follow-ups');
      return saved;
    },

    async markDone(id: string) {
      const f = followUps.value.get(id);
      if (!f) return;
      const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = f;
      put(followUps, await repo.saveFollowUp({ ...rest, id, done: true }));
      changed('follow-ups');
    },

    async linkPage(page: PageIdentity, target: LinkTarget, title: string) {
      const link = await repo.linkPage(page, target, title);
      put(pageLinks, link);
      changed('records');
      return link;
    },

    async unlinkPage(id: string) {
      await repo.unlinkPage(id);
      drop(pageLinks, [id]);
      changed('records');
    },

    async saveSettings(patch: Partial<Settings>) {
      settings.value = await repo.saveSettings(patch);
      changed('records');
    },

    /** "Slet alt om denne frivillige", then the lists (and so the search index) forget them. */
    async eraseVolunteer(id: string) {
      const erased = await repo.eraseVolunteer(id);
      batch(() => {
        drop(volunteers, [id]);
        drop(notes, erased.deletedNoteIds);
        for (const n of erased.unlinkedNotes) put(notes, n);
        drop(followUps, erased.deletedFollowUpIds);
        drop(pageLinks, erased.deletedLinkIds);
      });
      changed('follow-ups');
      return erased;
    },
  };
}

/** The records slice. */
export type Records = ReturnType<typeof createRecords>;
