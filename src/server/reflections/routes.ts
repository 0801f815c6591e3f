/**
 * The reflections API under /api/v1: volunteers post reflections and read
 * their activity's questions (public); coordinators set questions and
 * whether open reflections are taken, read the pulse and erase (admin).
 */
import { randomUUID } from 'node:crypto';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { Id } from '../../schemas/common.js';
import { PulseWeeks } from '../../schemas/pulse.js';
import { type Question, QuestionSetInput } from '../../schemas/question-set.js';
import {
  type Answer,
  checkAnswers,
  MAX_SET_VERSION,
  ReflectionInput,
  type ReflectionReceipt,
  ReflectionSettings,
} from '../../schemas/reflection.js';
import { toIsoCopenhagen } from '../../time/copenhagen.js';
import type { AuditLog } from '../audit/log.js';
import { parseWith, readJson } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { apiError, localeOf, validationError } from '../http/errors.js';
import { idempotencyKey, idempotentResponse, requestHash } from '../http/idempotency.js';
import { mayManage, principalOf, requireActivity, requireWrite } from '../http/principal.js';
import type { Invitations } from './invitations.js';
import { computePulse, type PublishedWeek, pulseStart } from './pulse.js';
import type { NewReflection, ReflectionStore } from './store.js';

/** What the reflection routes need from the feature. */
export interface ReflectionRouteDeps {
  store: ReflectionStore;
  /** Where an activity's invitations point (its reflection page). */
  invitations: Pick<Invitations, 'pageFor' | 'setPage'>;
  admin: MiddlewareHandler<AppEnv>;
  publicWrite: MiddlewareHandler<AppEnv>;
  clock: () => Date;
  /** Who read follow-ups' contacts or erased a reflection. */
  audit: Pick<AuditLog, 'record'>;
}

/**
 * The pulse a coordinator sees; shared by the API and the leader page. Two
 * passes over the same reflections: the first says what each finished week
 * would be published as now, the store keeps those not yet published, and
 * the second shows every week as the store has it.
 */
export async function pulseFor(
  store: ReflectionStore,
  activityId: string,
  weeks: number,
  now: Date,
  locale: 'da' | 'en',
) {
  const rows = await store.reflectionsSince(activityId, pulseStart(now, weeks));
  // The wording of the sets the rows were given, read up front: the pulse itself is pure.
  const versions = [...new Set(rows.map((r) => r.setVersion))];
  const sets = new Map(
    await Promise.all(
      versions.map(async (v) => [v, await store.setVersion(activityId, v)] as const),
    ),
  );
  const input = {
    activityId,
    weeks,
    now,
    rows,
    questionText: (version: number, id: string) => {
      const text = sets.get(version)?.questions.find((q) => q.id === id)?.text;
      return text ? (locale === 'en' ? (text.en ?? text.da) : text.da) : null;
    },
  };
  const candidates = new Map<string, PublishedWeek>();
  computePulse({
    ...input,
    published: (week, publish) => {
      const figures = publish();
      candidates.set(week, figures);
      return figures;
    },
  });
  const published = await store.publishWeeks(activityId, candidates, now);
  return computePulse({
    ...input,
    published: (week, publish) => published.get(week) ?? publish(),
  });
}

/**
 * The measured themes of `answers`, copied into columns for the pulse. Own
 * properties only: a question set saved before ids like `constructor` were
 * refused must not read `Object.prototype.constructor` as a skipped answer.
 */
function measures(questions: readonly Question[], answers: Record<string, Answer>) {
  let energy: number | null = null;
  let load: string | null = null;
  let meaningful: boolean | null = null;
  let note = '';
  let noteQuestion: string | null = null;
  const ratings: Record<string, Answer> = Object.create(null);
  for (const q of questions) {
    const a = Object.hasOwn(answers, q.id) ? answers[q.id] : undefined;
    if (a === undefined) continue;
    if (q.kind === 'text') {
      note = String(a);
      noteQuestion = q.id;
      continue;
    }
    ratings[q.id] = a;
    if (q.kind === 'load') load = String(a);
    else if (q.theme === 'energy') energy = Number(a);
    // Meaningful: "Ja" to an agree question, or 4–5 on a scale.
    else if (q.theme === 'meaning') meaningful = q.kind === 'agree' ? a === 'yes' : Number(a) >= 4;
  }
  return { energy, load, meaningful, note, noteQuestion, ratings };
}

/** The routes, mounted under /api/v1. */
export function reflectionRoutes({
  store,
  invitations,
  admin,
  publicWrite,
  clock,
  audit,
}: ReflectionRouteDeps) {
  const activityParam = async (raw: string) => {
    if (!Id.safeParse(raw).success || (await store.activityTitle(raw)) === undefined) {
      throw apiError(404, 'error.activity.unknown', 'id');
    }
    return raw;
  };
  /** An activity the principal runs; one they don't reads exactly as one that does not exist. */
  const ownActivity = async (c: Context<AppEnv>, raw: string) => {
    if (!mayManage(principalOf(c), raw)) throw apiError(404, 'error.activity.unknown', 'id');
    return activityParam(raw);
  };
  const settings = async (id: string) => ({
    activityId: id,
    openReflections: await store.openReflections(id),
    reflectionUrl: (await invitations.pageFor(undefined, id)) ?? null,
  });

  return new Hono<AppEnv>()
    .get('/activities/:id/reflection-questions', async (c) => {
      const id = await activityParam(c.req.param('id'));
      // no-cache: a coordinator's new set reaches the next volunteer at once.
      return c.json(await store.currentSet(id), 200, { 'Cache-Control': 'no-cache' });
    })
    .get('/activities/:id/reflection-questions/:version', async (c) => {
      const id = await activityParam(c.req.param('id'));
      const version = Number(c.req.param('version'));
      const set =
        Number.isInteger(version) && version >= 0 && version <= MAX_SET_VERSION
          ? await store.setVersion(id, version)
          : undefined;
      if (!set) throw apiError(404, 'error.questionSet.version', 'version');
      return c.json(set);
    })
    .put('/activities/:id/reflection-questions', admin, async (c) => {
      requireWrite(c);
      const id = await ownActivity(c, c.req.param('id'));
      const input = parseWith(QuestionSetInput, await readJson(c));
      const { set, created } = await store.saveSet(id, input.questions, clock());
      if (created) {
        await audit.record(c, {
          action: 'change',
          subject: 'activity',
          subjectId: id,
          activityId: id,
          detail: `API: question set version ${set.version}`,
        });
      }
      return c.json(set, created ? 201 : 200);
    })
    .get('/activities/:id/reflection-settings', admin, async (c) => {
      const id = await ownActivity(c, c.req.param('id'));
      return c.json(await settings(id), 200, { 'Cache-Control': 'no-store' });
    })
    .put('/activities/:id/reflection-settings', admin, async (c) => {
      requireWrite(c);
      const id = await ownActivity(c, c.req.param('id'));
      const input = parseWith(ReflectionSettings, await readJson(c));
      await store.setOpenReflections(id, input.openReflections);
      if (input.reflectionUrl !== undefined) await invitations.setPage(id, input.reflectionUrl);
      await audit.record(c, {
        action: 'change',
        subject: 'activity',
        subjectId: id,
        activityId: id,
        detail: 'API: reflection settings',
      });
      return c.json(await settings(id), 200, { 'Cache-Control': 'no-store' });
    })
    .get('/activities/:id/pulse', admin, async (c) => {
      const id = await ownActivity(c, c.req.param('id'));
      const weeks = parseWith(PulseWeeks, c.req.query('weeks'));
      const pulse = await pulseFor(store, id, weeks, clock(), localeOf(c));
      if (pulse.followUps.length > 0) {
        await audit.record(c, {
          action: 'view',
          subject: 'reflection',
          subjectId: pulse.followUps.map((f) => f.id).join(' '),
          activityId: id,
          detail: `API: ${pulse.followUps.length} follow-ups with contact`,
        });
      }
      return c.json(pulse, 200, {
        'Cache-Control': 'no-store',
      });
    })
    .post('/reflections', publicWrite, async (c) => {
      const key = idempotencyKey(c);
      const raw = await readJson(c);
      const data = parseWith(ReflectionInput, raw);
      const createdAt = clock();
      // A bot filled the field people cannot see: look successful, keep nothing.
      if (data.website.trim() !== '') {
        return c.json(receipt(randomUUID(), createdAt, true), 201);
      }
      if ((await store.activityTitle(data.activityId)) === undefined) {
        throw apiError(400, 'error.activity.unknown', 'activityId');
      }
      const set = await store.setVersion(data.activityId, data.questionSetVersion);
      if (!set) throw apiError(400, 'error.questionSet.version', 'questionSetVersion');
      const checked = checkAnswers(set.questions, data.answers);
      if (checked.issues.length > 0) throw validationError(checked.issues);
      if (Object.keys(checked.answers).length === 0) {
        throw validationError([{ path: ['answers'], message: 'error.reflection.empty' }]);
      }

      // The key's hash leaves the token out: it is kept with the reflection,
      // and a hash of answers and token together would tie the reflection to
      // the claim whose invitation mail holds the token.
      const { website: _, invitation, ...kept } = data;
      const id = randomUUID();
      const m = measures(set.questions, checked.answers);
      const reflection: Omit<NewReflection, 'origin'> = {
        id,
        activityId: data.activityId,
        shiftId: data.shiftId,
        setVersion: set.version,
        answers: m.ratings,
        energy: m.energy,
        load: m.load,
        meaningful: m.meaningful,
        note: m.note,
        noteQuestion: m.noteQuestion,
        contact: data.contact ?? null,
        createdAt,
      };
      const outcome = await store.recordReflection(
        key,
        requestHash(kept),
        reflection,
        invitation?.trim() || undefined,
        (invited) => ({ status: 201, body: JSON.stringify(receipt(id, createdAt, invited)) }),
      );
      if (outcome.kind === 'refused') {
        throw apiError(
          422,
          outcome.given ? 'error.reflection.invitation' : 'error.reflection.invitation.required',
          'invitation',
        );
      }
      return idempotentResponse(c, outcome);
    })
    .delete('/reflections/:id', admin, async (c) => {
      requireWrite(c);
      const id = c.req.param('id');
      const activityId = Id.safeParse(id).success ? await store.activityOf(id) : undefined;
      requireActivity(c, activityId);
      if (!(await store.deleteReflection(id))) throw apiError(404, 'error.notFound', 'id');
      await audit.record(c, { action: 'erase', subject: 'reflection', subjectId: id, activityId });
      return c.body(null, 204);
    })
    .delete('/reflections/:id/contact', admin, async (c) => {
      requireWrite(c);
      const id = c.req.param('id');
      const activityId = Id.safeParse(id).success ? await store.activityOf(id) : undefined;
      requireActivity(c, activityId);
      if (!(await store.forgetContact(id))) throw apiError(404, 'error.notFound', 'id');
      await audit.record(c, {
        action: 'erase',
        subject: 'reflection',
        subjectId: id,
        activityId,
        detail: 'contact',
      });
      return c.body(null, 204);
    });
}

function receipt(id: string, at: Date, invited: boolean): ReflectionReceipt {
  return { id, createdAt: toIsoCopenhagen(at), invited };
}
