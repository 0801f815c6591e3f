/**
 * The leader's weekly reflections in IndexedDB, one record per Copenhagen
 * week. Every record passes the codec both ways: when the notes are locked
 * at rest, the answers and the load are sealed with them and only the id,
 * the week and the stamps stay clear (the `by-week` index needs the week).
 */
import type { IDBPDatabase } from 'idb';
import type { LeaderWeek, LeaderWeekDraft } from '../schemas/leader-week.js';
import type { RecordCodec } from './codec.js';
import type { NotesDB } from './db.js';

/** The fields a week keeps readable at rest. */
const CLEAR = ['id', 'weekStart', 'createdAt', 'updatedAt'] as const;

/** The weekly reflections over an open database; the repository hands it out as `weeks`. */
export function openWeeks(
  db: IDBPDatabase<NotesDB>,
  codec: RecordCodec,
  now: () => string,
  newId: () => string,
) {
  const decode = (stored: NotesDB['leader-weeks']['value']) =>
    codec.decode<LeaderWeek>('leader-weeks', stored);

  /** The newest record of a week (two panels saving a new week at once may leave two). */
  async function newestOf(weekStart: string): Promise<LeaderWeek | undefined> {
    const found = await Promise.all(
      (await db.getAllFromIndex('leader-weeks', 'by-week', weekStart)).map(decode),
    );
    return found.sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt))[0];
  }

  return {
    /** Every week, newest first. */
    async list(): Promise<LeaderWeek[]> {
      const all = await Promise.all((await db.getAll('leader-weeks')).map(decode));
      return all.sort((a, b) =>
        a.weekStart === b.weekStart
          ? Date.parse(b.updatedAt) - Date.parse(a.updatedAt)
          : a.weekStart < b.weekStart
            ? 1
            : -1,
      );
    },

    /** The reflection for the week starting `weekStart` (`YYYY-MM-DD`), if written. */
    forWeek: (weekStart: string) => newestOf(weekStart),

    /**
     * Creates or updates the week's reflection. Without an id it updates the
     * record that week already has, so a week is never written twice.
     */
    async save(draft: LeaderWeekDraft): Promise<LeaderWeek> {
      const existing = draft.id
        ? await db.get('leader-weeks', draft.id).then((s) => (s ? decode(s) : undefined))
        : await newestOf(draft.weekStart);
      const at = now();
      const record: LeaderWeek = {
        id: existing?.id ?? draft.id ?? newId(),
        weekStart: draft.weekStart,
        answers: draft.answers,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
      };
      if (draft.load !== undefined) record.load = draft.load;
      // Encode before the transaction: awaiting WebCrypto inside it would let it commit.
      await db.put('leader-weeks', await codec.encode('leader-weeks', record, CLEAR));
      return record;
    },

    /** Deletes a week's reflection. */
    remove: (id: string) => db.delete('leader-weeks', id),
  };
}

/** The weekly reflections, as `repo.weeks`. */
export type Weeks = ReturnType<typeof openWeeks>;
