/**
 * Reflections and question sets. Callers get small functions, never the
 * handle. A reflection keeps no IP address, user agent or name: only what the
 * volunteer answered and, if they asked to be contacted, how to reach them.
 */

import { sql } from 'kysely';
import { da } from '../../i18n/da.js';
import { en } from '../../i18n/en.js';
import { defaultQuestions, type Question, type QuestionSet } from '../../schemas/question-set.js';
import type { Answer } from '../../schemas/reflection.js';
import { toIsoCopenhagen } from '../../time/copenhagen.js';
import type { ActivityStore } from '../activities/store.js';
import { type Db, lock, migrate, portable, type Queries } from '../database.js';
import {
  idempotencyRecords,
  type KeyReused,
  type Replay,
  type StoredResponse,
} from '../idempotency-records.js';
import type { PublishedWeek } from './pulse.js';

/**
 * The feature's steps (see `migrate`). `energy`, `load` and `meaningful` are
 * the measured themes copied out of `answers` when stored, so the pulse reads
 * columns, whatever wording the set had. `note` is the free text, apart from
 * `answers` so erasing it is one column. The SQLite text of each step is as
 * databases in the field ran it; PostgreSQL gets `reflections` a `rowid`, as
 * they are read in insertion order.
 */
const migrations = [
  portable(
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
    ['reflections'],
  ),
  // A finished week's pulse as first published (a \`PublishedWeek\` as JSON),
  // served from then on, so erasing a reflection never changes a week shown.
  portable(`
  CREATE TABLE pulse_weeks (
    activity_id  TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    week         TEXT NOT NULL,
    figures      TEXT NOT NULL,
    published_at TEXT NOT NULL,
    PRIMARY KEY (activity_id, week)
  ) STRICT;
  `),
  // Reflections by invitation. `origin` says how a reflection came: with a
  // valid invitation ('invited'), without one on an activity that takes open
  // reflections ('open', never in the pulse's figures), or before invitations
  // existed ('legacy': counted as it always was, so the weeks published from
  // those answers and those still to be published from them stay as they
  // were). Activities that exist when this step runs keep taking reflections
  // without an invitation, so a widget already embedded without one goes on
  // working (its answers now counted apart); an activity made later takes
  // only invited ones until its coordinator opens it.
  portable(`
  ALTER TABLE reflections ADD COLUMN origin TEXT NOT NULL DEFAULT 'legacy'
    CHECK (origin IN ('invited', 'open', 'legacy'));

  CREATE TABLE reflection_settings (
    activity_id      TEXT PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
    open_reflections INTEGER NOT NULL CHECK (open_reflections IN (0, 1))
  ) STRICT;
  INSERT INTO reflection_settings (activity_id, open_reflections) SELECT id, 1 FROM activities;
  `),
];

/** How a reflection came (see the migration step that added it). */
export type ReflectionOrigin = 'invited' | 'open' | 'legacy';

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
  /** With a valid invitation, or open; the store decides it for a posted one (`recordReflection`). */
  origin: 'invited' | 'open';
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
  /** Only 'open' ones stay out of the pulse's figures. */
  origin: ReflectionOrigin;
}

/**
 * What `recordReflection` did, so the route answers without a second query.
 * `refused`: no valid invitation, on an activity that takes no open
 * reflections; `given` says whether a token came at all.
 */
export type RecordOutcome =
  | { kind: 'stored'; body: string }
  | Replay
  | KeyReused
  | { kind: 'refused'; given: boolean };

/** What a posted reflection is checked and used up against, inside its transaction. */
export interface InvitationCheck {
  consume(trx: Queries, token: string, activityId: string, now: Date): Promise<boolean>;
}

/** A question set the demo seeds, with the instant it was made. */
export interface SeededSet {
  activityId: string;
  questions: Question[];
  createdAt: Date;
}

/** The store's whole surface. */
export interface ReflectionStore {
  /** Activities as the leader page lists them. */
  listActivities(): Promise<{ id: string; title: string }[]>;
  activityTitle(id: string): Promise<string | undefined>;
  /** The newest set of `activityId` (version 0, the default, until one is saved). */
  currentSet(activityId: string): Promise<QuestionSet>;
  /** One version of `activityId`'s set; undefined when there is none. */
  setVersion(activityId: string, version: number): Promise<QuestionSet | undefined>;
  /** Saves `questions` as a new version, unless they equal the current one. */
  saveSet(
    activityId: string,
    questions: Question[],
    now: Date,
  ): Promise<{ set: QuestionSet; created: boolean }>;
  /**
   * Stores a reflection and its idempotency record in one transaction, or
   * finds the earlier answer (before the invitation is looked at, so a
   * replay of an invited reflection replays). In that transaction
   * `invitation`, if any, is used up: valid, the reflection is stored as
   * invited; otherwise as open if the activity takes open reflections, or
   * not at all. `respond` makes the answer kept for the key.
   */
  recordReflection(
    key: string,
    requestHash: string,
    reflection: Omit<NewReflection, 'origin'>,
    invitation: string | undefined,
    respond: (invited: boolean) => StoredResponse,
  ): Promise<RecordOutcome>;
  /** Whether `activityId` takes reflections without a valid invitation (stored as open). */
  openReflections(activityId: string): Promise<boolean>;
  /** Sets what `openReflections` answers for `activityId`. */
  setOpenReflections(activityId: string, open: boolean): Promise<void>;
  /** `activityId`'s reflections since `from`, oldest first. */
  reflectionsSince(activityId: string, from: Date): Promise<ReflectionRow[]>;
  /**
   * `activityId`'s finished weeks (ISO weeks, `2026-W49`) as first published:
   * each week of `candidates` already stored comes back as stored; any other
   * is stored now (at `now`) as its candidate. When two servers publish one
   * week at once, one candidate is stored and both get that one.
   */
  publishWeeks(
    activityId: string,
    candidates: ReadonlyMap<string, PublishedWeek>,
    now: Date,
  ): Promise<Map<string, PublishedWeek>>;
  /** Erases one reflection entirely; false when there was none. A published week keeps its figures. */
  deleteReflection(id: string): Promise<boolean>;
  /** The activity a reflection belongs to; undefined when there is no such reflection. */
  activityOf(id: string): Promise<string | undefined>;
  /** Forgets how to contact its writer (the follow-up is done), keeping the anonymous answers. */
  forgetContact(id: string): Promise<boolean>;
  /** Forgets idempotency records older than `before`; returns how many. */
  pruneIdempotency(before: Date): Promise<number>;
  /** Forgets the contact details given before `before` (the retention period); returns how many. */
  forgetContactsBefore(before: Date): Promise<number>;
  /**
   * Stores the demo's `sets` (each as version 1) and `reflections` in one
   * transaction, only when none of their activities has a set or a
   * reflection yet, and lets those activities take open reflections unless
   * set otherwise; returns how many reflections went in (0 when touched).
   */
  seedDemo(sets: readonly SeededSet[], reflections: readonly NewReflection[]): Promise<number>;
}

// Types, not interfaces: Kysely's `withTables` needs their implicit index signature.
type SetRecord = {
  activity_id: string;
  version: number;
  questions: string;
  created_at: string;
};

type ReflectionRecord = {
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
  origin: ReflectionOrigin;
};

type PulseWeekRecord = {
  activity_id: string;
  week: string;
  figures: string;
  published_at: string;
};

type Tables = {
  reflection_question_sets: SetRecord;
  reflections: ReflectionRecord;
  reflection_idempotency: {
    key: string;
    request_hash: string;
    status: number;
    body: string;
    reflection_id: string | null;
    created_at: string;
  };
  pulse_weeks: PulseWeekRecord;
  reflection_settings: { activity_id: string; open_reflections: 0 | 1 };
};

/** What the pulse reads of a reflection: never `answers`, nor PostgreSQL's `rowid`. */
const ROW_COLUMNS = [
  'id',
  'shift_id',
  'set_version',
  'energy',
  'load',
  'meaningful',
  'note',
  'note_question',
  'contact',
  'created_at',
  'origin',
] as const;

const SET_COLUMNS = ['activity_id', 'version', 'questions', 'created_at'] as const;

/** For a store that only reads: no token is valid, so a posted reflection is open or refused. */
const NO_INVITATIONS: InvitationCheck = { consume: async () => false };

/**
 * The reflections store on `db`, its tables brought up to date; activities
 * are read through `activities`, posted reflections' invitations used up
 * through `invitations`.
 */
export async function openReflectionStore(
  db: Db,
  activities: Pick<ActivityStore, 'list' | 'get' | 'exists'>,
  invitations: InvitationCheck = NO_INVITATIONS,
): Promise<ReflectionStore> {
  await migrate(db, 'reflections', migrations);
  const q = db.kysely.withTables<Tables>();
  const keys = idempotencyRecords(db, {
    table: 'reflection_idempotency',
    refColumn: 'reflection_id',
  });

  /** The newest stored set of `activityId`, read with `on` (the database or a transaction). */
  const latestSet = (on: Queries, activityId: string) =>
    on
      .withTables<Tables>()
      .selectFrom('reflection_question_sets')
      .select(SET_COLUMNS)
      .where('activity_id', '=', activityId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();

  const toRecord = (r: NewReflection): ReflectionRecord => ({
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
    created_at: r.createdAt.toISOString(),
    origin: r.origin,
  });

  /** `activityId`'s setting, read with `on`; none stored means no (the default for new activities). */
  const openOn = async (on: Queries, activityId: string) =>
    (
      await on
        .withTables<Tables>()
        .selectFrom('reflection_settings')
        .select('open_reflections')
        .where('activity_id', '=', activityId)
        .executeTakeFirst()
    )?.open_reflections === 1;

  return {
    listActivities: async () => (await activities.list()).map(({ id, title }) => ({ id, title })),
    activityTitle: async (id) => (await activities.get(id))?.title,
    currentSet: async (activityId) => {
      const row = await latestSet(db.kysely, activityId);
      return row ? toSet(row) : defaultSet(activityId);
    },
    setVersion: async (activityId, version) => {
      if (version === 0) {
        return (await activities.exists(activityId)) ? defaultSet(activityId) : undefined;
      }
      const row = await q
        .selectFrom('reflection_question_sets')
        .select(SET_COLUMNS)
        .where('activity_id', '=', activityId)
        .where('version', '=', version)
        .executeTakeFirst();
      return row ? toSet(row) : undefined;
    },
    saveSet: (activityId, questions, now) =>
      db.write(async (trx) => {
        // Two coordinators saving at once, on two servers, must not both take
        // the next version number (nor both save the same set twice).
        await lock(db, trx, `reflections:set:${activityId}`);
        const latest = await latestSet(trx, activityId);
        const current = latest ? toSet(latest) : defaultSet(activityId);
        if (JSON.stringify(current.questions) === JSON.stringify(questions)) {
          return { set: current, created: false };
        }
        const record: SetRecord = {
          activity_id: activityId,
          version: current.version + 1,
          questions: JSON.stringify(questions),
          created_at: now.toISOString(),
        };
        await trx
          .withTables<Tables>()
          .insertInto('reflection_question_sets')
          .values(record)
          .execute();
        return { set: toSet(record), created: true };
      }),
    recordReflection: (key, hash, reflection, invitation, respond) =>
      db.write(async (trx): Promise<RecordOutcome> => {
        const earlier = await keys.earlier(trx, key, hash);
        if (earlier) return earlier;
        const invited =
          invitation !== undefined &&
          (await invitations.consume(trx, invitation, reflection.activityId, reflection.createdAt));
        if (!invited && !(await openOn(trx, reflection.activityId))) {
          return { kind: 'refused', given: invitation !== undefined };
        }
        const record = toRecord({ ...reflection, origin: invited ? 'invited' : 'open' });
        const response = respond(invited);
        await trx.withTables<Tables>().insertInto('reflections').values(record).execute();
        await keys.save(trx, key, hash, response, record.id, record.created_at);
        return { kind: 'stored', body: response.body };
      }),
    openReflections: (activityId) => openOn(db.kysely, activityId),
    setOpenReflections: async (activityId, open) => {
      const value = open ? 1 : 0;
      await q
        .insertInto('reflection_settings')
        .values({ activity_id: activityId, open_reflections: value })
        .onConflict((oc) => oc.column('activity_id').doUpdateSet({ open_reflections: value }))
        .execute();
    },
    reflectionsSince: async (activityId, from) =>
      (
        await q
          .selectFrom('reflections')
          .select(ROW_COLUMNS)
          .where('activity_id', '=', activityId)
          .where('created_at', '>=', from.toISOString())
          // Insertion order among reflections stored at the same instant (see `portable`).
          .orderBy('created_at')
          .orderBy(sql`rowid`)
          .execute()
      ).map((r) => ({
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
        origin: r.origin,
      })),
    publishWeeks: async (activityId, candidates, now) => {
      const stored = async (on: Queries, weeks: string[]) => {
        const found = new Map<string, PublishedWeek>();
        if (weeks.length === 0) return found;
        const rows = await on
          .withTables<Tables>()
          .selectFrom('pulse_weeks')
          .select(['week', 'figures'])
          .where('activity_id', '=', activityId)
          .where('week', 'in', weeks)
          .execute();
        for (const row of rows) found.set(row.week, JSON.parse(row.figures) as PublishedWeek);
        return found;
      };
      // A stored week never changes, so what is found here needs no transaction.
      const published = await stored(db.kysely, [...candidates.keys()]);
      const fresh = [...candidates].filter(([week]) => !published.has(week));
      if (fresh.length === 0) return published;
      const publishedAt = now.toISOString();
      // Another server may publish the same weeks meanwhile: the first to
      // insert wins (the primary key), and every server reads back its snapshot.
      const won = await db.write(async (trx) => {
        await trx
          .withTables<Tables>()
          .insertInto('pulse_weeks')
          .values(
            fresh.map(([week, figures]) => ({
              activity_id: activityId,
              week,
              figures: JSON.stringify(figures),
              published_at: publishedAt,
            })),
          )
          .onConflict((oc) => oc.columns(['activity_id', 'week']).doNothing())
          .execute();
        return stored(
          trx,
          fresh.map(([week]) => week),
        );
      });
      for (const [week, figures] of won) published.set(week, figures);
      return published;
    },
    activityOf: async (id) =>
      (
        await q
          .selectFrom('reflections')
          .select('activity_id')
          .where('id', '=', id)
          .executeTakeFirst()
      )?.activity_id,
    deleteReflection: async (id) => {
      const result = await q.deleteFrom('reflections').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    forgetContact: (id) =>
      db.write(async (trx) => {
        const t = trx.withTables<Tables>();
        const result = await t
          .updateTable('reflections')
          .set({ contact: null })
          .where('id', '=', id)
          .where('contact', 'is not', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        // The hash was of a body that held the contact details; it goes with them.
        await t.deleteFrom('reflection_idempotency').where('reflection_id', '=', id).execute();
        return true;
      }),
    pruneIdempotency: keys.prune,
    forgetContactsBefore: async (before) => {
      const result = await q
        .updateTable('reflections')
        .set({ contact: null })
        .where('created_at', '<', before.toISOString())
        .where('contact', 'is not', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    seedDemo: (sets, reflections) =>
      db.write(async (trx) => {
        // Two demo servers starting at once on one database seed it once.
        await lock(db, trx, 'reflections:demo');
        const t = trx.withTables<Tables>();
        const ids = [...new Set([...sets, ...reflections].map((r) => r.activityId))];
        if (ids.length === 0) return 0;
        const touched =
          (await t
            .selectFrom('reflection_question_sets')
            .select('activity_id')
            .where('activity_id', 'in', ids)
            .limit(1)
            .executeTakeFirst()) ??
          (await t
            .selectFrom('reflections')
            .select('activity_id')
            .where('activity_id', 'in', ids)
            .limit(1)
            .executeTakeFirst());
        if (touched) return 0;
        for (const set of sets) {
          await t
            .insertInto('reflection_question_sets')
            .values({
              activity_id: set.activityId,
              version: 1,
              questions: JSON.stringify(set.questions),
              created_at: set.createdAt.toISOString(),
            })
            .execute();
        }
        // The demo is for trying the prompt: its activities take open reflections too.
        await t
          .insertInto('reflection_settings')
          .values(ids.map((id) => ({ activity_id: id, open_reflections: 1 as const })))
          .onConflict((oc) => oc.column('activity_id').doNothing())
          .execute();
        // A hundred rows (1,300 values) per statement: far below either engine's limit on bound values.
        for (let i = 0; i < reflections.length; i += 100) {
          await t
            .insertInto('reflections')
            .values(reflections.slice(i, i + 100).map(toRecord))
            .execute();
        }
        return reflections.length;
      }),
  };
}

function toSet(r: SetRecord): QuestionSet {
  return {
    activityId: r.activity_id,
    version: r.version,
    questions: JSON.parse(r.questions) as Question[],
    createdAt: toIsoCopenhagen(new Date(r.created_at)),
  };
}
