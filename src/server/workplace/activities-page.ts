/**
 * Aktiviteter: a coordinator's activities, a new one (a coordinator who makes
 * one is assigned to it), and one activity's facts, cancellation rule,
 * reflection settings and questions, each its own form. Every form is checked
 * with the schema the API checks the same data with, so both refuse the same
 * input in the same words. Also the small form helpers the Vagter page shares.
 */
import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { html } from 'hono/html';
import * as z from 'zod/mini';
import type { Locale } from '../../i18n/index.js';
import { NewActivity } from '../../schemas/activity.js';
import { MAX_QUESTIONS, type Question, QuestionSetInput } from '../../schemas/question-set.js';
import { ReflectionSettings } from '../../schemas/reflection.js';
import { DEFAULT_REMINDER_HOURS, ShiftPolicy } from '../../schemas/shift.js';
import type { AppEnv } from '../http/env.js';
import { type ApiError, localeOf } from '../http/errors.js';
import { activityScope, mayManage, principalOf } from '../http/principal.js';
import { type IssueLike, localiseIssues } from '../i18n.js';
import type { Markup } from '../pages/layout.js';
import type { WorkplaceDeps } from './deps.js';
import { csrfField, workplacePage } from './layout.js';

const da = {
  activities: 'Aktiviteter',
  yours: 'Dine aktiviteter',
  none: 'Du har ingen aktiviteter endnu.',
  newActivity: 'Ny aktivitet',
  create: 'Opret aktivitet',
  created: 'Aktiviteten er oprettet.',
  saved: 'Ændringerne er gemt.',
  title: 'Titel',
  description: 'Beskrivelse',
  coreIdea: 'Kerneidé',
  coreIdeaHint: 'Den bærende idé, som de frivillige ser.',
  facts: 'Om aktiviteten',
  save: 'Gem',
  policy: 'Afmelding og påmindelse',
  cancelDeadline: 'Frist for afmelding (timer før vagten)',
  cancelDeadlineHint: '0: de frivillige kan afmelde sig, indtil vagten begynder.',
  reminderHours: 'Påmindelse (timer før vagten)',
  reminderHint: '0: ingen påmindelse.',
  reflection: 'Refleksion',
  reflectionUrl: 'Adresse på jeres egen refleksionsside',
  reflectionUrlHint:
    'Siden på kommunens hjemmeside med refleksionswidgetten. Tom: Samskabs egen side.',
  openReflections: 'Tag imod refleksioner uden invitation',
  questions: 'Spørgsmål efter en vagt',
  questionsLead: 'Højst 8 spørgsmål. Ryd id og tekst på et spørgsmål for at fjerne det.',
  question: (n: number) => `Spørgsmål ${n}`,
  newQuestion: 'Nyt spørgsmål',
  qId: 'Id (små bogstaver, tal og bindestreg)',
  qKind: 'Type',
  kinds: {
    agree: 'Ja / Delvist / Nej',
    scale: 'Skala 1–5',
    load: 'Belastning (for lidt / passende / for meget)',
    text: 'Fritekst',
  },
  qTheme: 'Tema (ja/nej og skala)',
  themes: {
    meaning: 'Mening',
    energy: 'Energi (kun skala)',
    ownership: 'Ejerskab',
    belonging: 'Fællesskab',
    other: 'Andet',
  },
  textDa: 'Tekst på dansk',
  textEn: 'Tekst på engelsk (frivillig)',
  lowDa: 'Skalaens lave ende, dansk (kun skala)',
  lowEn: 'Skalaens lave ende, engelsk',
  highDa: 'Skalaens høje ende, dansk (kun skala)',
  highEn: 'Skalaens høje ende, engelsk',
  saveQuestions: 'Gem spørgsmålene',
  version: (v: number) => (v === 0 ? 'Samskabs standardspørgsmål' : `Version ${v}`),
  preview: 'Sådan ser de frivillige spørgsmålene',
  previewFrame: 'Forhåndsvisning af refleksionen',
  previewLink: 'Åbn refleksionssiden i et nyt vindue',
  errorsTitle: 'Ret venligst dette:',
  notFound: 'Aktiviteten findes ikke, eller du har ikke adgang til den.',
  back: 'Tilbage til aktiviteterne',
  shifts: 'Vagter',
  integer: 'Skriv et helt tal.',
};

const en: typeof da = {
  activities: 'Activities',
  yours: 'Your activities',
  none: 'You have no activities yet.',
  newActivity: 'New activity',
  create: 'Create activity',
  created: 'The activity has been created.',
  saved: 'Your changes have been saved.',
  title: 'Title',
  description: 'Description',
  coreIdea: 'Core idea',
  coreIdeaHint: 'The idea behind it, which volunteers see.',
  facts: 'About the activity',
  save: 'Save',
  policy: 'Cancelling and reminders',
  cancelDeadline: 'Cancellation deadline (hours before the shift)',
  cancelDeadlineHint: '0: volunteers can cancel until the shift starts.',
  reminderHours: 'Reminder (hours before the shift)',
  reminderHint: '0: no reminder.',
  reflection: 'Reflection',
  reflectionUrl: 'Address of your own reflection page',
  reflectionUrlHint:
    "The page on the municipality's website with the reflection widget. Empty: Samskab's own page.",
  openReflections: 'Accept reflections without an invitation',
  questions: 'Questions after a shift',
  questionsLead: 'At most 8 questions. Clear a question’s id and text to remove it.',
  question: (n: number) => `Question ${n}`,
  newQuestion: 'New question',
  qId: 'Id (lower-case letters, digits and hyphens)',
  qKind: 'Kind',
  kinds: {
    agree: 'Yes / Partly / No',
    scale: 'Scale 1–5',
    load: 'Load (too little / right / too much)',
    text: 'Free text',
  },
  qTheme: 'Theme (yes/no and scale)',
  themes: {
    meaning: 'Meaning',
    energy: 'Energy (scale only)',
    ownership: 'Ownership',
    belonging: 'Belonging',
    other: 'Other',
  },
  textDa: 'Text in Danish',
  textEn: 'Text in English (optional)',
  lowDa: 'Low end of the scale, Danish (scale only)',
  lowEn: 'Low end of the scale, English',
  highDa: 'High end of the scale, Danish (scale only)',
  highEn: 'High end of the scale, English',
  saveQuestions: 'Save the questions',
  version: (v: number) => (v === 0 ? 'Samskab’s default questions' : `Version ${v}`),
  preview: 'How volunteers see the questions',
  previewFrame: 'Preview of the reflection',
  previewLink: 'Open the reflection page in a new window',
  errorsTitle: 'Please correct this:',
  notFound: 'The activity does not exist, or you do not have access to it.',
  back: 'Back to the activities',
  shifts: 'Shifts',
  integer: 'Write a whole number.',
};

const texts = (l: Locale) => (l === 'en' ? en : da);

// ---------------------------------------------------------------------------
// Form helpers, shared with the Vagter page.

/** What a form sent: `one(name)` is a trimmed field ('' when absent), `has` says whether it came. */
export async function formOf(c: Context) {
  const body = (await c.req.parseBody({ all: true }).catch(() => ({}))) as Record<string, unknown>;
  const one = (name: string) => {
    const v = body[name];
    const first = Array.isArray(v) ? v[0] : v;
    return typeof first === 'string' ? first.trim() : '';
  };
  return { one, has: (name: string) => body[name] !== undefined };
}

/** A form's problems: field id → message, in the order they are shown in the summary. */
export type FieldErrors = Map<string, string>;

/**
 * The localised problems of a failed schema check (or an `ApiError`'s),
 * keyed by form field: `fieldOf` maps a schema path (`repeat.until`) to the
 * id of the field that holds it. The first problem of a field is kept.
 */
export function fieldErrors(
  issues: readonly { path: string; message: string }[],
  fieldOf: (path: string) => string,
): FieldErrors {
  const errors: FieldErrors = new Map();
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (!errors.has(field)) errors.set(field, issue.message);
  }
  return errors;
}

/** The problems zod found, localised and keyed by field. */
export function schemaErrors(
  issues: readonly IssueLike[],
  locale: Locale,
  fieldOf: (path: string) => string,
): FieldErrors {
  return fieldErrors(localiseIssues(issues, locale), fieldOf);
}

/** An `ApiError` thrown by a shared check, localised and keyed by field. */
export function apiErrors(
  error: ApiError,
  locale: Locale,
  fieldOf: (path: string) => string,
): FieldErrors {
  return fieldErrors(error.issues(locale), fieldOf);
}

/** A whole number as typed, or the text itself, so the schema refuses it with its own message. */
export const integerOf = (s: string): number | string => (/^-?\d{1,9}$/.test(s) ? Number(s) : s);

/** The summary that opens a refused form: each problem links to its field, in `order` when given. */
export function errorSummary(
  errors: FieldErrors,
  title: string,
  order: readonly string[] = [],
): Markup {
  if (errors.size === 0) return html``;
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const sorted = [...errors].sort(([a], [b]) => rank(a) - rank(b));
  return html`<div class="wp-error-summary" role="alert"><h2>${title}</h2><ul class="wp-list">${sorted.map(
    ([id, message]) => html`<li><a href="#${id}">${message}</a></li>`,
  )}</ul></div>`;
}

interface FieldProps {
  id: string;
  name: string;
  label: string;
  value: string;
  errors: FieldErrors;
  type?: string;
  hint?: string;
  required?: boolean;
  /** Extra attributes as `[name, value]`. */
  attrs?: readonly (readonly [string, string])[];
  multiline?: boolean;
}

/** A labelled input (or textarea), its hint and its error tied to it. */
export function field(p: FieldProps): Markup {
  const error = p.errors.get(p.id);
  const described = [p.hint ? `${p.id}-hint` : '', error ? `${p.id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const common = html` id="${p.id}" name="${p.name}"${p.required ? html` required` : ''}${
    error ? html` aria-invalid="true"` : ''
  }${described ? html` aria-describedby="${described}"` : ''}${(p.attrs ?? []).map(
    ([k, v]) => html` ${k}="${v}"`,
  )}`;
  return html`<label for="${p.id}">${p.label}</label>
${p.hint ? html`<p id="${p.id}-hint" class="wp-hint">${p.hint}</p>` : ''}
${error ? html`<p id="${p.id}-error" class="wp-error">${error}</p>` : ''}
${
  p.multiline
    ? html`<textarea${common} rows="4">${p.value}</textarea>`
    : html`<input${common} type="${p.type ?? 'text'}" value="${p.value}">`
}`;
}

/** A select with its label and error. */
export function select(p: {
  id: string;
  name: string;
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  errors: FieldErrors;
}): Markup {
  const error = p.errors.get(p.id);
  return html`<label for="${p.id}">${p.label}</label>
${error ? html`<p id="${p.id}-error" class="wp-error">${error}</p>` : ''}
<select id="${p.id}" name="${p.name}"${error ? html` aria-invalid="true" aria-describedby="${p.id}-error"` : ''}>${p.options.map(
    ([v, label]) =>
      html`<option value="${v}"${v === p.value ? html` selected` : ''}>${label}</option>`,
  )}</select>`;
}

/** The page for a record that does not exist or lies outside the principal's activities. */
export function notFoundPage(c: Context<AppEnv>, title: string, message: string, back: string) {
  return workplacePage(c, {
    title,
    section: 'none',
    status: 404,
    body: html`<p role="alert">${message}</p><p><a href="${back}">${back === '/leder/vagter' ? texts(localeOf(c)).shifts : texts(localeOf(c)).back}</a></p>`,
  });
}

// ---------------------------------------------------------------------------
// The activity forms.

const activityField = (path: string) =>
  ({ title: 'a-title', description: 'a-description', coreIdea: 'a-coreIdea' })[path as 'title'] ??
  'a-title';

/** The values of the activity's facts form. */
interface Facts {
  title: string;
  description: string;
  coreIdea: string;
}

function factsFields(t: typeof da, v: Facts, errors: FieldErrors): Markup {
  return html`${field({ id: 'a-title', name: 'title', label: t.title, value: v.title, errors, required: true, attrs: [['maxlength', '120']] })}
${field({ id: 'a-description', name: 'description', label: t.description, value: v.description, errors, multiline: true })}
${field({ id: 'a-coreIdea', name: 'coreIdea', label: t.coreIdea, hint: t.coreIdeaHint, value: v.coreIdea, errors, multiline: true })}`;
}

/** The question editor's field ids: `q<index>-<part>`. */
const qField = (i: number, part: string) => `q${i}-${part}`;

/** The field a QuestionSetInput issue belongs to (`questions.2.text.da` → `q2-text-da`). */
function questionField(path: string): string {
  const m = /^questions\.(\d+)\.?(.*)$/.exec(path);
  if (!m) return 'q0-id';
  const part = m[2] ?? '';
  const mapped = part === '' ? 'id' : part.replace(/\./g, '-');
  const known = [
    'id',
    'kind',
    'theme',
    'text-da',
    'text-en',
    'low-da',
    'low-en',
    'high-da',
    'high-en',
  ];
  return qField(Number(m[1]), known.includes(mapped) ? mapped : part.split('.')[0] || 'id');
}

/** One question as the form holds it: every part a string, whatever the kind. */
interface QuestionForm {
  id: string;
  kind: string;
  theme: string;
  text: { da: string; en: string };
  low: { da: string; en: string };
  high: { da: string; en: string };
}

const blankQuestion = (): QuestionForm => ({
  id: '',
  kind: 'agree',
  theme: 'other',
  text: { da: '', en: '' },
  low: { da: '', en: '' },
  high: { da: '', en: '' },
});

function toForm(q: Question): QuestionForm {
  return {
    id: q.id,
    kind: q.kind,
    theme: 'theme' in q ? q.theme : 'other',
    text: { da: q.text.da, en: q.text.en ?? '' },
    low: q.kind === 'scale' ? { da: q.low.da, en: q.low.en ?? '' } : { da: '', en: '' },
    high: q.kind === 'scale' ? { da: q.high.da, en: q.high.en ?? '' } : { da: '', en: '' },
  };
}

/** The question as the API takes it: only the parts its kind has, English only when written. */
function fromForm(q: QuestionForm): Record<string, unknown> {
  const local = (t: { da: string; en: string }) => (t.en === '' ? { da: t.da } : t);
  const base = { id: q.id, kind: q.kind, text: local(q.text) };
  switch (q.kind) {
    case 'scale':
      return { ...base, theme: q.theme, low: local(q.low), high: local(q.high) };
    case 'agree':
      return { ...base, theme: q.theme };
    default:
      return base;
  }
}

function questionFieldset(
  t: typeof da,
  i: number,
  q: QuestionForm,
  errors: FieldErrors,
  isNew: boolean,
): Markup {
  const f = (part: string, label: string, value: string, hint?: string) =>
    field({
      id: qField(i, part),
      name: qField(i, part),
      label,
      value,
      errors,
      ...(hint ? { hint } : {}),
    });
  return html`<fieldset><legend>${isNew ? t.newQuestion : t.question(i + 1)}</legend>
${f('id', t.qId, q.id)}
${select({ id: qField(i, 'kind'), name: qField(i, 'kind'), label: t.qKind, value: q.kind, errors, options: Object.entries(t.kinds) })}
${select({ id: qField(i, 'theme'), name: qField(i, 'theme'), label: t.qTheme, value: q.theme, errors, options: Object.entries(t.themes) })}
${f('text-da', t.textDa, q.text.da)}
${f('text-en', t.textEn, q.text.en)}
${f('low-da', t.lowDa, q.low.da)}
${f('low-en', t.lowEn, q.low.en)}
${f('high-da', t.highDa, q.high.da)}
${f('high-en', t.highEn, q.high.en)}
</fieldset>`;
}

/** What one of the edit page's forms holds after a refused post: its values and problems. */
interface EditState {
  facts?: { values: Facts; errors: FieldErrors };
  policy?: { values: { cancelDeadlineHours: string; reminderHours: string }; errors: FieldErrors };
  reflection?: { values: { reflectionUrl: string; openReflections: boolean }; errors: FieldErrors };
  questions?: { values: QuestionForm[]; errors: FieldErrors };
}

export function activityPages(deps: WorkplaceDeps): Hono<AppEnv> {
  const { leader, activities, shifts, reflections, invitations, audit, accounts, clock } = deps;

  /** The activity `id` when the principal may manage it. */
  const managed = async (c: Context<AppEnv>, id: string) => {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id) || !mayManage(principalOf(c), id)) return undefined;
    return activities.get(id);
  };
  const missing = (c: Context<AppEnv>) => {
    const t = texts(localeOf(c));
    return notFoundPage(c, t.activities, t.notFound, '/leder/aktiviteter');
  };

  const listPage = async (
    c: Context<AppEnv>,
    create: { values: Facts; errors: FieldErrors } = {
      values: { title: '', description: '', coreIdea: '' },
      errors: new Map(),
    },
    status = 200,
  ) => {
    const l = localeOf(c);
    const t = texts(l);
    const scope = activityScope(principalOf(c));
    const mine = (await activities.list()).filter((a) => !scope || scope.has(a.id));
    return workplacePage(c, {
      title: t.activities,
      section: 'activities',
      status,
      body: html`<h2>${t.yours}</h2>
${
  mine.length === 0
    ? html`<p>${t.none}</p>`
    : html`<ul class="wp-list">${mine.map(
        (a) => html`<li><a href="/leder/aktiviteter/${a.id}">${a.title}</a></li>`,
      )}</ul>`
}
<h2 id="ny">${t.newActivity}</h2>
${errorSummary(create.errors, t.errorsTitle)}
<form method="post" action="/leder/aktiviteter" class="wp-form" novalidate>${csrfField(c)}
${factsFields(t, create.values, create.errors)}
<button type="submit" class="button">${t.create}</button>
</form>`,
    });
  };

  const editPage = async (c: Context<AppEnv>, id: string, state: EditState = {}, status = 200) => {
    const l = localeOf(c);
    const t = texts(l);
    const activity = (await activities.get(id))!;
    const policy = await shifts.policy(id);
    const set = await reflections.currentSet(id);
    const facts = state.facts ?? {
      values: {
        title: activity.title,
        description: activity.description,
        coreIdea: activity.coreIdea,
      },
      errors: new Map(),
    };
    const pol = state.policy ?? {
      values: {
        cancelDeadlineHours: String(policy.cancelDeadlineHours),
        reminderHours: String(policy.reminderHours),
      },
      errors: new Map(),
    };
    const refl = state.reflection ?? {
      values: {
        reflectionUrl: (await invitations.pageFor(undefined, id)) ?? '',
        openReflections: await reflections.openReflections(id),
      },
      errors: new Map(),
    };
    const qs = state.questions ?? {
      values: [
        ...set.questions.map(toForm),
        ...(set.questions.length < MAX_QUESTIONS ? [blankQuestion()] : []),
      ],
      errors: new Map(),
    };
    const saved = c.req.query('gemt') !== undefined;
    const created = c.req.query('oprettet') !== undefined;
    const preview = `/embed/reflection-prompt?activity=${encodeURIComponent(id)}${l === 'en' ? '&lang=en' : ''}`;
    return workplacePage(c, {
      title: activity.title,
      section: 'activities',
      status,
      body: html`<p><a href="/leder/aktiviteter">${t.back}</a> · <a href="/leder/vagter">${t.shifts}</a></p>
${created || saved ? html`<p role="status" class="wp-status">${created ? t.created : t.saved}</p>` : ''}
<h2 id="om">${t.facts}</h2>
${errorSummary(facts.errors, t.errorsTitle)}
<form method="post" action="/leder/aktiviteter/${id}" class="wp-form" novalidate>${csrfField(c)}
${factsFields(t, facts.values, facts.errors)}
<button type="submit" class="button">${t.save}</button>
</form>
<h2 id="regler">${t.policy}</h2>
${errorSummary(pol.errors, t.errorsTitle)}
<form method="post" action="/leder/aktiviteter/${id}/regler" class="wp-form" novalidate>${csrfField(c)}
${field({
  id: 'p-cancelDeadlineHours',
  name: 'cancelDeadlineHours',
  label: t.cancelDeadline,
  hint: t.cancelDeadlineHint,
  value: pol.values.cancelDeadlineHours,
  errors: pol.errors,
  attrs: [['inputmode', 'numeric']],
})}
${field({
  id: 'p-reminderHours',
  name: 'reminderHours',
  label: t.reminderHours,
  hint: t.reminderHint,
  value: pol.values.reminderHours,
  errors: pol.errors,
  attrs: [['inputmode', 'numeric']],
})}
<button type="submit" class="button">${t.save}</button>
</form>
<h2 id="refleksion">${t.reflection}</h2>
${errorSummary(refl.errors, t.errorsTitle)}
<form method="post" action="/leder/aktiviteter/${id}/refleksion" class="wp-form" novalidate>${csrfField(c)}
${field({ id: 'r-reflectionUrl', name: 'reflectionUrl', label: t.reflectionUrl, hint: t.reflectionUrlHint, value: refl.values.reflectionUrl, errors: refl.errors, type: 'url' })}
<div><input type="checkbox" id="r-openReflections" name="openReflections" value="1"${refl.values.openReflections ? html` checked` : ''}> <label for="r-openReflections">${t.openReflections}</label></div>
<button type="submit" class="button">${t.save}</button>
</form>
<h2 id="spoergsmaal">${t.questions}</h2>
<p>${t.version(set.version)}. ${t.questionsLead}</p>
${errorSummary(qs.errors, t.errorsTitle)}
<form method="post" action="/leder/aktiviteter/${id}/spoergsmaal" class="wp-form" novalidate>${csrfField(c)}
<input type="hidden" name="count" value="${qs.values.length}">
${qs.values.map((q, i) => questionFieldset(t, i, q, qs.errors, i >= set.questions.length && state.questions === undefined))}
<button type="submit" class="button">${t.saveQuestions}</button>
</form>
<h2 id="forhaandsvisning">${t.preview}</h2>
<iframe class="wp-preview" src="${preview}" title="${t.previewFrame}" loading="lazy"></iframe>
<p><a href="${preview}" target="_blank" rel="noopener">${t.previewLink}</a></p>`,
    });
  };

  const factsOf = (form: Awaited<ReturnType<typeof formOf>>): Facts => ({
    title: form.one('title'),
    description: form.one('description'),
    coreIdea: form.one('coreIdea'),
  });

  return new Hono<AppEnv>()
    .get('/leder/aktiviteter', leader.signedIn, (c) => listPage(c))
    .post('/leder/aktiviteter', leader.signedIn, leader.form, async (c) => {
      const p = principalOf(c);
      const values = factsOf(await formOf(c));
      const parsed = z.safeParse(NewActivity, values);
      if (!parsed.success) {
        const errors = schemaErrors(parsed.error.issues, localeOf(c), activityField);
        return listPage(c, { values, errors }, 400);
      }
      const id = randomUUID();
      await activities.create({ id, ...parsed.data }, clock());
      // The coordinator who made it runs it; an admin runs every activity already.
      if (p.kind === 'account' && p.role === 'coordinator') await accounts.assign(p.id, id);
      await audit.record(c, {
        action: 'change',
        subject: 'activity',
        subjectId: id,
        activityId: id,
        detail: 'created',
      });
      return c.redirect(`/leder/aktiviteter/${id}?oprettet=1`, 303);
    })
    .get('/leder/aktiviteter/:id', leader.signedIn, async (c) => {
      const id = c.req.param('id');
      if (!(await managed(c, id))) return missing(c);
      return editPage(c, id);
    })
    .post('/leder/aktiviteter/:id', leader.signedIn, leader.form, async (c) => {
      const id = c.req.param('id');
      if (!(await managed(c, id))) return missing(c);
      const values = factsOf(await formOf(c));
      const parsed = z.safeParse(NewActivity, values);
      if (!parsed.success) {
        const errors = schemaErrors(parsed.error.issues, localeOf(c), activityField);
        return editPage(c, id, { facts: { values, errors } }, 400);
      }
      await activities.update(id, parsed.data);
      await audit.record(c, {
        action: 'change',
        subject: 'activity',
        subjectId: id,
        activityId: id,
        detail: 'title, description, core idea',
      });
      return c.redirect(`/leder/aktiviteter/${id}?gemt=1#om`, 303);
    })
    .post('/leder/aktiviteter/:id/regler', leader.signedIn, leader.form, async (c) => {
      const id = c.req.param('id');
      if (!(await managed(c, id))) return missing(c);
      const form = await formOf(c);
      const values = {
        cancelDeadlineHours: form.one('cancelDeadlineHours'),
        reminderHours: form.one('reminderHours'),
      };
      const parsed = z.safeParse(ShiftPolicy, {
        cancelDeadlineHours: integerOf(values.cancelDeadlineHours),
        ...(values.reminderHours === '' ? {} : { reminderHours: integerOf(values.reminderHours) }),
      });
      if (!parsed.success) {
        const errors = schemaErrors(parsed.error.issues, localeOf(c), (path) =>
          path === 'reminderHours' ? 'p-reminderHours' : 'p-cancelDeadlineHours',
        );
        return editPage(c, id, { policy: { values, errors } }, 400);
      }
      const policy = {
        cancelDeadlineHours: parsed.data.cancelDeadlineHours,
        reminderHours: parsed.data.reminderHours ?? DEFAULT_REMINDER_HOURS,
      };
      await shifts.setPolicy(id, policy);
      await audit.record(c, {
        action: 'change',
        subject: 'activity',
        subjectId: id,
        activityId: id,
        detail: `policy: ${policy.cancelDeadlineHours} h, reminder ${policy.reminderHours} h`,
      });
      return c.redirect(`/leder/aktiviteter/${id}?gemt=1#regler`, 303);
    })
    .post('/leder/aktiviteter/:id/refleksion', leader.signedIn, leader.form, async (c) => {
      const id = c.req.param('id');
      if (!(await managed(c, id))) return missing(c);
      const form = await formOf(c);
      const values = {
        reflectionUrl: form.one('reflectionUrl'),
        openReflections: form.one('openReflections') === '1',
      };
      const parsed = z.safeParse(ReflectionSettings, {
        openReflections: values.openReflections,
        reflectionUrl: values.reflectionUrl === '' ? null : values.reflectionUrl,
      });
      if (!parsed.success) {
        const errors = schemaErrors(parsed.error.issues, localeOf(c), () => 'r-reflectionUrl');
        return editPage(c, id, { reflection: { values, errors } }, 400);
      }
      await reflections.setOpenReflections(id, parsed.data.openReflections);
      await invitations.setPage(id, parsed.data.reflectionUrl ?? null);
      await audit.record(c, {
        action: 'change',
        subject: 'activity',
        subjectId: id,
        activityId: id,
        detail: `reflection: ${parsed.data.reflectionUrl ? 'own page' : 'hosted page'}, open ${parsed.data.openReflections ? 'yes' : 'no'}`,
      });
      return c.redirect(`/leder/aktiviteter/${id}?gemt=1#refleksion`, 303);
    })
    .post('/leder/aktiviteter/:id/spoergsmaal', leader.signedIn, leader.form, async (c) => {
      const id = c.req.param('id');
      if (!(await managed(c, id))) return missing(c);
      const form = await formOf(c);
      const count = Math.min(Number(form.one('count')) || 0, MAX_QUESTIONS + 1);
      const values: QuestionForm[] = [];
      for (let i = 0; i < count; i++) {
        const get = (part: string) => form.one(qField(i, part));
        values.push({
          id: get('id'),
          kind: get('kind'),
          theme: get('theme'),
          text: { da: get('text-da'), en: get('text-en') },
          low: { da: get('low-da'), en: get('low-en') },
          high: { da: get('high-da'), en: get('high-en') },
        });
      }
      // A question with neither id nor text is an empty slot (or one removed).
      const kept = values.filter((q) => q.id !== '' || q.text.da !== '');
      const parsed = z.safeParse(QuestionSetInput, { questions: kept.map(fromForm) });
      if (!parsed.success) {
        const errors = schemaErrors(parsed.error.issues, localeOf(c), questionField);
        return editPage(
          c,
          id,
          { questions: { values: kept.length > 0 ? kept : [blankQuestion()], errors } },
          400,
        );
      }
      const { set, created } = await reflections.saveSet(id, parsed.data.questions, clock());
      if (created) {
        await audit.record(c, {
          action: 'change',
          subject: 'activity',
          subjectId: id,
          activityId: id,
          detail: `questions: version ${set.version}`,
        });
      }
      return c.redirect(`/leder/aktiviteter/${id}?gemt=1#spoergsmaal`, 303);
    });
}
