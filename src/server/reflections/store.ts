/**
 * Reflections and question sets. Callers get small functions, never the
 * handle. A reflection keeps no IP address, user agent or name: only what the
 * volunteer answered and, if they asked to be contacted, how to reach them.
 */
import { da } from '../../i18n/da.js';
import { en } from '../../i18n/en.js';
import { defaultQuestions, type Question, type QuestionSet } from '../../schemas/question-set.js';
import type { Answer } from '../../schemas/reflection.js';
import { toIsoCopenhagen } from '../../time/copenhagen.js';
import type { ActivityStore } from '../activities/store.js';
import { type Db, migrate } from '../database.js';
import {
  idempotencyRecords,
  type KeyReused,
  type Replay,
  type StoredResponse,
} from '../idempotency-records.js';
import type { PublishedWeek, PublishedWeeks } from './pulse.js';

/**
 * The feature's steps (see `migrate`). `energy`, `load` and `meaningful` are
 * the measured themes copied out of `answers` when stored, so the pulse reads
 * columns, whatever wording the set had. `note` is the free text, apart from
 * `answers` so erasing it is one column.
 */
const migrations: readonly string[] = [
  `
  CREATE TABLE reflection_question_sets (
    activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL CHECK (version > 0),
    questions   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (activity_id, version)
  ) STRICT;

  CREATE TABLE reflections (
    id            TEXT PRIMARY KEY,
    activity_id   TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    shift_id      TEXT,
    set_version   INTEGER NOT NULL,
    answers       TEXT NOT NULL,
    energy        INTEGER CHECK (energy BETWEEN 1 AND 5),
    load          TEXT CHECK (load IN ('too-little', 'right', 'too-much')),
    meaningful    INTEGER CHECK (meaningful IN (0, 1)),
    note          TEXT NOT NULL,
    note_question TEXT,
    contact       TEXT,
    created_at    TEXT NOT NULL
  ) STRICT;
  CREATE INDEX reflections_by_activity ON reflections (activity_id, created_at);

  -- reflection_id cascades: erasing a reflection erases the hash of its answers too.
  CREATE TABLE reflection_idempotency (
    key           TEXT PRIMARY KEY,
    request_hash  TEXT NOT NULL,
    status        INTEGER NOT NULL,
    body          TEXT NOT NULL,
    reflection_id TEXT REFERENCES reflections (id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL
  ) STRICT;
  CREATE INDEX reflection_idempotency_by_created ON reflection_idempotency (created_at);
  CREATE INDEX reflection_idempotency_by_reflection ON reflection_idempotency (reflection_id);
  `,
  // A finished week's pulse as first published (a \`PublishedWeek\` as JSON),
  // served from then on, so erasing a reflection never changes a week shown.
  `
  CREATE TABLE pulse_weeks (
    activity_id  TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    week         TEXT NOT NULL,
    figures      TEXT NOT NULL,
    published_at TEXT NOT NULL,
    PRIMARY KEY (activity_id, week)
  ) STRICT;
  `,
];

/** Version 0: Samskab's default, in the catalogs' Danish and English. */
function defaultSet(activityId: string): QuestionSet {
  return {
    activityId,
    version: 0,
    questions: defaultQuestions((key) => ({ da: da[key], en: en[key] })),
  };
}

/** A validated reflection with what the server derived from it. */
export interface NewReflection {
  id: string;
  activityId: string;
  shiftId: string | undefined;
  setVersion: number;
  /** Rating answers only; the free text is `note`. */
  answers: Record<string, Answer>;
  energy: number | null;
  load: string | null;
  meaningful: boolean | null;
  note: string;
  noteQuestion: string | null;
  contact: string | null;
  createdAt: Date;
}

/** A stored reflection as the pulse reads it. */
export interface ReflectionRow {
  id: string;
  shiftId: string | null;
  setVersion: number;
  energy: number | null;
  load: string | null;
  meaningful: boolean | null;
  note: string;
  noteQuestion: string | null;
  contact: string | null;
  createdAt: Date;
}

/** What `recordReflection` did, so the route answers without a second query. */
export type RecordOutcome = { kind: 'stored'; body: string } | Replay | KeyReused;

/** The store's whole surface. */
export interface ReflectionStore {
  /** Activities as the leader page lists them. */
  listActivities(): { id: string; title: string }[];
  activityTitle(id: string): string | undefined;
  /** The newest set of `activityId` (version 0, the default, until one is saved). */
  currentSet(activityId: string): QuestionSet;
  /** One version of `activityId`'s set; undefined when there is none. */
  setVersion(activityId: string, version: number): QuestionSet | undefined;
  /** Saves `questions` as a new version, unless they equal the current one. */
  saveSet(
    activityId: string,
    questions: Question[],
    now: Date,
  ): { set: QuestionSet; created: boolean };
  /** Stores a reflection and its idempotency record in one transaction, or finds the earlier answer. */
  recordReflection(
    key: string,
    requestHash: string,
    reflection: NewReflection,
    response: StoredResponse,
  ): RecordOutcome;
  /** `activityId`'s reflections since `from`, oldest first. */
  reflectionsSince(activityId: string, from: Date): ReflectionRow[];
  /**
   * Runs `read` in one transaction, giving it `activityId`'s finished weeks as
   * first published: a week already published comes back as stored; any
   * other is published now (at `now`) and stored.
   */
  withPublishedWeeks<T>(activityId: string, now: Date, read: (published: PublishedWeeks) => T): T;
  /** Erases one reflection entirely; false when there was none. A published week keeps its figures. */
  deleteReflection(id: string): boolean;
  /** Forgets how to contact its writer (the follow-up is done), keeping the anonymous answers. */
  forgetContact(id: string): boolean;
  /** Forgets idempotency records older than `before`; returns how many. */
  pruneIdempotency(before: Date): number;
  /** Forgets the contact details given before `before` (the retention period); returns how many. */
  forgetContactsBefore(before: Date): number;
}

interface SetRecord {
  activity_id: string;
  version: number;
  questions: string;
  created_at: string;
}

interface ReflectionRecord {
  id: string;
  activity_id: string;
  shift_id: string | null;
  set_version: number;
  answers: string;
  energy: number | null;
  load: string | null;
  meaningful: 0 | 1 | null;
  note: string;
  note_question: string | null;
  contact: string | null;
  created_at: string;
}

/** The reflections store on `db`, its tables brought up to date; activities are read through `activities`. */
export function openReflectionStore(
  db: Db,
  activities: Pick<ActivityStore, 'list' | 'get' | 'exists'>,
): ReflectionStore {
  migrate(db, 'reflections', migrations);

  const keys = idempotencyRecords(db, {
    table: 'reflection_idempotency',
    refColumn: 'reflection_id',
  });
  const q = {
    latestSet: db.prepare<[string], SetRecord>(
      'SELECT * FROM reflection_question_sets WHERE activity_id = ? ORDER BY version DESC LIMIT 1',
    ),
    set: db.prepare<[string, number], SetRecord>(
      'SELECT * FROM reflection_question_sets WHERE activity_id = ? AND version = ?',
    ),
    insertSet: db.prepare<[SetRecord]>(
      `INSERT INTO reflection_question_sets (activity_id, version, questions, created_at)
       VALUES (@activity_id, @version, @questions, @created_at)`,
    ),
    insert: db.prepare<[ReflectionRecord]>(
      `INSERT INTO reflections (id, activity_id, shift_id, set_version, answers, energy, load,
         meaningful, note, note_question, contact, created_at)
       VALUES (@id, @activity_id, @shift_id, @set_version, @answers, @energy, @load,
         @meaningful, @note, @note_question, @contact, @created_at)`,
    ),
    since: db.prepare<[string, string], ReflectionRecord>(
      `SELECT * FROM reflections WHERE activity_id = ? AND created_at >= ?
       ORDER BY created_at, rowid`,
    ),
    publishedWeek: db.prepare<[string, string], { figures: string }>(
      'SELECT figures FROM pulse_weeks WHERE activity_id = ? AND week = ?',
    ),
    publishWeek: db.prepare<[string, string, string, string]>(
      `INSERT INTO pulse_weeks (activity_id, week, figures, published_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (activity_id, week) DO NOTHING`,
    ),
    delete: db.prepare<[string]>('DELETE FROM reflections WHERE id = ?'),
    forgetContact: db.prepare<[string]>(
      'UPDATE reflections SET contact = NULL WHERE id = ? AND contact IS NOT NULL',
    ),
    // The hash was of a body that held the contact details; it goes with them.
    forgetKey: db.prepare<[string]>('DELETE FROM reflection_idempotency WHERE reflection_id = ?'),
    forgetContactsBefore: db.prepare<[string]>(
      'UPDATE reflections SET contact = NULL WHERE created_at < ? AND contact IS NOT NULL',
    ),
  };

  const toSet = (r: SetRecord): QuestionSet => ({
    activityId: r.activity_id,
    version: r.version,
    questions: JSON.parse(r.questions) as Question[],
    createdAt: toIsoCopenhagen(new Date(r.created_at)),
  });

  const currentSet = (activityId: string) => {
    const row = q.latestSet.get(activityId);
    return row ? toSet(row) : defaultSet(activityId);
  };

  const saveSet = db.transaction((activityId: string, questions: Question[], now: Date) => {
    const current = currentSet(activityId);
    if (JSON.stringify(current.questions) === JSON.stringify(questions)) {
      return { set: current, created: false };
    }
    const record: SetRecord = {
      activity_id: activityId,
      version: current.version + 1,
      questions: JSON.stringify(questions),
      created_at: now.toISOString(),
    };
    q.insertSet.run(record);
    return { set: toSet(record), created: true };
  });

  // IMMEDIATE takes the write lock before the first read, so two processes on
  // one file cannot both see "no such key" and both insert.
  const record = db.transaction(
    (key: string, hash: string, r: NewReflection, response: StoredResponse): RecordOutcome => {
      const earlier = keys.earlier(key, hash);
      if (earlier) return earlier;
      const createdAt = r.createdAt.toISOString();
      q.insert.run({
        id: r.id,
        activity_id: r.activityId,
        shift_id: r.shiftId ?? null,
        set_version: r.setVersion,
        answers: JSON.stringify(r.answers),
        energy: r.energy,
        load: r.load,
        meaningful: r.meaningful === null ? null : r.meaningful ? 1 : 0,
        note: r.note,
        note_question: r.noteQuestion,
        contact: r.contact,
        created_at: createdAt,
      });
      keys.save(key, hash, response, r.id, createdAt);
      return { kind: 'stored', body: response.body };
    },
  );

  // IMMEDIATE (below): two servers on one file publish a week once, and both
  // then serve the same snapshot.
  const withPublishedWeeks = db.transaction(
    <T>(activityId: string, now: Date, read: (published: PublishedWeeks) => T): T =>
      read((week, publish) => {
        const stored = q.publishedWeek.get(activityId, week);
        if (stored) return JSON.parse(stored.figures) as PublishedWeek;
        const fresh = publish();
        q.publishWeek.run(activityId, week, JSON.stringify(fresh), now.toISOString());
        return fresh;
      }),
  );

  const forgetContact = db.transaction((id: string) => {
    const changed = q.forgetContact.run(id).changes > 0;
    if (changed) q.forgetKey.run(id);
    return changed;
  });

  return {
    listActivities: () => activities.list().map(({ id, title }) => ({ id, title })),
    activityTitle: (id) => activities.get(id)?.title,
    currentSet,
    setVersion: (activityId, version) => {
      if (version === 0) return activities.exists(activityId) ? defaultSet(activityId) : undefined;
      const row = q.set.get(activityId, version);
      return row ? toSet(row) : undefined;
    },
    saveSet: (activityId, questions, now) => saveSet.immediate(activityId, questions, now),
    recordReflection: (key, hash, reflection, response) =>
      record.immediate(key, hash, reflection, response),
    reflectionsSince: (activityId, from) =>
      q.since.all(activityId, from.toISOString()).map((r) => ({
        id: r.id,
        shiftId: r.shift_id,
        setVersion: r.set_version,
        energy: r.energy,
        load: r.load,
        meaningful: r.meaningful === null ? null : r.meaningful === 1,
        note: r.note,
        noteQuestion: r.note_question,
        contact: r.contact,
        createdAt: new Date(r.created_at),
      })),
    withPublishedWeeks: (activityId, now, read) =>
      withPublishedWeeks.immediate(activityId, now, read) as ReturnType<typeof read>,
    deleteReflection: (id) => q.delete.run(id).changes > 0,
    forgetContact: (id) => forgetContact.immediate(id),
    pruneIdempotency: keys.prune,
    forgetContactsBefore: (before) => q.forgetContactsBefore.run(before.toISOString()).changes,
  };
}
