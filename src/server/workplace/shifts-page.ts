/**
 * Vagter: the principal's upcoming shifts by activity with their places
 * filled; a new shift or weekly series, shown as its occurrences (and where a
 * daylight-saving change falls between them) before it is saved; changing
 * one shift or the rest of its series, and cancelling one. Checks are the
 * API's schemas, and residents hear of a change or a cancel through the
 * API's own mails (shiftMails).
 */
import { type Context, Hono } from 'hono';
import { html } from 'hono/html';
import * as z from 'zod/mini';
import type { Locale } from '../../i18n/index.js';
import { NewShift, ShiftCancel, ShiftChange } from '../../schemas/shift.js';
import { addDays, daysBetween, dateKey as isoDay, parseDateKey } from '../../time/calendar.js';
import {
  formatDate,
  formatRange,
  fromCopenhagen,
  offsetMinutes,
  toCopenhagen,
  toIsoCopenhagen,
} from '../../time/copenhagen.js';
import type { AppEnv } from '../http/env.js';
import { ApiError, apiError, localeOf } from '../http/errors.js';
import { activityScope, mayManage, principalOf } from '../http/principal.js';
import type { Markup } from '../pages/layout.js';
import { shiftMails } from '../shifts/mails.js';
import { occurrences } from '../shifts/routes.js';
import type { NewShiftRow, ShiftRow } from '../shifts/store.js';
import {
  apiErrors,
  errorSummary,
  type FieldErrors,
  field,
  formOf,
  integerOf,
  notFoundPage,
  schemaErrors,
  select,
} from './activities-page.js';
import type { WorkplaceDeps } from './deps.js';
import { csrfField, workplacePage } from './layout.js';

const da = {
  shifts: 'Vagter',
  upcoming: 'Kommende vagter',
  noActivities: 'Du har ingen aktiviteter endnu.',
  noShifts: 'Ingen kommende vagter.',
  filled: (taken: number, capacity: number, waiting: number) =>
    `${taken} af ${capacity} pladser besat${waiting > 0 ? `, ${waiting} på venteliste` : ''}`,
  edit: 'Ret',
  cancel: 'Aflys',
  newShift: 'Ny vagt eller fast ugentlig vagt',
  activity: 'Aktivitet',
  title: 'Titel',
  location: 'Sted',
  date: 'Dato',
  start: 'Starter kl.',
  end: 'Slutter kl.',
  capacity: 'Antal pladser',
  repeat: 'Gentagelse',
  once: 'Kun denne ene gang',
  weekly: 'Hver uge på samme ugedag og tidspunkt',
  until: 'Til og med dato (ugentlig)',
  count: 'eller antal gange (ugentlig)',
  repeatHint: 'Udfyld enten en slutdato eller et antal gange.',
  repeatMissing: 'Skriv en slutdato eller et antal gange (1–104).',
  dateMissing: 'Vælg en dato.',
  timeMissing: 'Skriv et klokkeslæt (tt:mm).',
  previewButton: 'Forhåndsvis',
  preview: 'Forhåndsvisning',
  previewLead: (n: number) =>
    n === 1 ? 'Der oprettes 1 vagt:' : `Der oprettes ${n} vagter (dansk tid):`,
  dst: (toSummer: boolean, day: string) =>
    toSummer
      ? `Sommertid begynder ${day}: urene stilles en time frem, og vagterne bliver på samme klokkeslæt dansk tid.`
      : `Sommertid slutter ${day}: urene stilles en time tilbage, og vagterne bliver på samme klokkeslæt dansk tid.`,
  save: 'Gem vagterne',
  change: 'Ret i formularen',
  created: (n: number) => (n === 1 ? 'Vagten er oprettet.' : `${n} vagter er oprettet.`),
  changed: (n: number) => (n === 1 ? 'Vagten er ændret.' : `${n} vagter er ændret.`),
  cancelled: 'Vagten er aflyst, og de frivillige på den har fået besked.',
  editTitle: 'Ret vagt',
  which: 'Hvilke vagter',
  thisOne: 'Kun denne vagt',
  rest: (n: number) => `Denne og resten af serien (${n} vagter)`,
  reason: 'Besked til de frivillige: hvorfor ændres vagten?',
  reasonHint: (n: number) =>
    n === 0
      ? 'Ingen er på vagten endnu, så beskeden er frivillig.'
      : `${n} frivillige på vagten får beskeden på mail.`,
  saveChange: 'Gem ændringen',
  cancelTitle: 'Aflys vagt',
  cancelReason: 'Besked til de frivillige: hvorfor aflyses vagten?',
  cancelHint: (n: number) =>
    n === 0 ? 'Ingen er på vagten.' : `${n} frivillige på vagten får beskeden på mail.`,
  cancelButton: 'Aflys vagten',
  notFound: 'Vagten findes ikke, eller du har ikke adgang til den.',
  back: 'Tilbage til vagterne',
  errorsTitle: 'Ret venligst dette:',
  nobodyReason: 'Ændret af koordinatoren.',
};

const en: typeof da = {
  shifts: 'Shifts',
  upcoming: 'Upcoming shifts',
  noActivities: 'You have no activities yet.',
  noShifts: 'No upcoming shifts.',
  filled: (taken, capacity, waiting) =>
    `${taken} of ${capacity} places filled${waiting > 0 ? `, ${waiting} waiting` : ''}`,
  edit: 'Edit',
  cancel: 'Cancel',
  newShift: 'New shift or weekly shift',
  activity: 'Activity',
  title: 'Title',
  location: 'Place',
  date: 'Date',
  start: 'Starts at',
  end: 'Ends at',
  capacity: 'Places',
  repeat: 'Repeat',
  once: 'Just this once',
  weekly: 'Every week on the same weekday and time',
  until: 'Until and including (weekly)',
  count: 'or number of times (weekly)',
  repeatHint: 'Fill in either an end date or a number of times.',
  repeatMissing: 'Write an end date or a number of times (1–104).',
  dateMissing: 'Choose a date.',
  timeMissing: 'Write a time (hh:mm).',
  previewButton: 'Preview',
  preview: 'Preview',
  previewLead: (n) =>
    n === 1 ? '1 shift will be created:' : `${n} shifts will be created (Danish time):`,
  dst: (toSummer, day) =>
    toSummer
      ? `Summer time begins ${day}: clocks go forward an hour, and the shifts stay at the same Danish time.`
      : `Summer time ends ${day}: clocks go back an hour, and the shifts stay at the same Danish time.`,
  save: 'Save the shifts',
  change: 'Change the form',
  created: (n) => (n === 1 ? 'The shift has been created.' : `${n} shifts have been created.`),
  changed: (n) => (n === 1 ? 'The shift has been changed.' : `${n} shifts have been changed.`),
  cancelled: 'The shift has been cancelled, and the volunteers on it have been told.',
  editTitle: 'Edit shift',
  which: 'Which shifts',
  thisOne: 'This shift only',
  rest: (n) => `This one and the rest of the series (${n} shifts)`,
  reason: 'Message to the volunteers: why is the shift changing?',
  reasonHint: (n) =>
    n === 0
      ? 'Nobody is on the shift yet, so the message is optional.'
      : `${n} volunteers on the shift get the message by mail.`,
  saveChange: 'Save the change',
  cancelTitle: 'Cancel shift',
  cancelReason: 'Message to the volunteers: why is the shift cancelled?',
  cancelHint: (n) =>
    n === 0 ? 'Nobody is on the shift.' : `${n} volunteers on the shift get the message by mail.`,
  cancelButton: 'Cancel the shift',
  notFound: 'The shift does not exist, or you do not have access to it.',
  back: 'Back to the shifts',
  errorsTitle: 'Please correct this:',
  nobodyReason: 'Changed by the coordinator.',
};

const texts = (l: Locale) => (l === 'en' ? en : da);

const DAY = 86_400_000;
/** How far ahead the list looks, and the most shifts it shows per activity. */
const LIST_DAYS = 180;
const LIST_LIMIT = 200;
/** The most occurrences one series may have, as the API allows (two years). */
const MAX_OCCURRENCES = 104;

/** The new-shift form as typed. */
interface ShiftForm {
  activityId: string;
  title: string;
  location: string;
  date: string;
  start: string;
  end: string;
  capacity: string;
  repeat: 'once' | 'weekly';
  until: string;
  count: string;
}

/** The forms' fields in the order they are shown, for the error summary. */
const NEW_ORDER = [
  's-activityId',
  's-title',
  's-location',
  's-date',
  's-start',
  's-end',
  's-capacity',
  's-until',
  's-count',
];
const EDIT_ORDER = [
  'e-title',
  'e-location',
  'e-date',
  'e-start',
  'e-end',
  'e-capacity',
  'e-reason',
];

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The instant a Copenhagen date and time name: null for the spring-forward gap, undefined when unreadable. */
function instantOf(date: string, time: string): Date | null | undefined {
  const day = parseDateKey(date);
  const t = TIME.exec(time);
  if (!day || !t) return undefined;
  return fromCopenhagen({ ...day, hour: Number(t[1]), minute: Number(t[2]) });
}

/** The schema path of a NewShift issue → the form field that holds it. */
const newShiftField = (path: string) =>
  ({
    activityId: 's-activityId',
    title: 's-title',
    location: 's-location',
    start: 's-start',
    end: 's-end',
    capacity: 's-capacity',
    repeat: 's-until',
    'repeat.until': 's-until',
    'repeat.count': 's-count',
  })[path] ?? 's-title';

/**
 * The form's shift or series as rows, checked by the API's `NewShift` and
 * expanded as the API expands a series: each week at the same Copenhagen
 * wall-clock times. Either rows or the problems, by field.
 */
/** A shift's own fields, the same in the new-shift and the edit form; `prefix` keeps their ids apart. */
function shiftFields(
  prefix: 's' | 'e',
  t: typeof da,
  v: Pick<ShiftForm, 'title' | 'location' | 'date' | 'start' | 'end' | 'capacity'>,
  errors: FieldErrors,
) {
  const id = (name: string) => `${prefix}-${name}`;
  return html`${field({ id: id('title'), name: 'title', label: t.title, value: v.title, errors, required: true, attrs: [['maxlength', '120']] })}
${field({ id: id('location'), name: 'location', label: t.location, value: v.location, errors, attrs: [['maxlength', '200']] })}
${field({ id: id('date'), name: 'date', label: t.date, value: v.date, errors, type: 'date', required: true })}
${field({ id: id('start'), name: 'start', label: t.start, value: v.start, errors, type: 'time', required: true })}
${field({ id: id('end'), name: 'end', label: t.end, value: v.end, errors, type: 'time', required: true })}
${field({ id: id('capacity'), name: 'capacity', label: t.capacity, value: v.capacity, errors, required: true, attrs: [['inputmode', 'numeric']] })}`;
}

function expand(
  f: ShiftForm,
  locale: Locale,
): { rows: NewShiftRow[]; errors?: undefined } | { errors: FieldErrors } {
  const t = texts(locale);
  const errors: FieldErrors = new Map();
  const start = instantOf(f.date, f.start);
  const end = instantOf(f.date, f.end);
  if (!parseDateKey(f.date)) errors.set('s-date', t.dateMissing);
  else {
    if (!TIME.test(f.start)) errors.set('s-start', t.timeMissing);
    if (!TIME.test(f.end)) errors.set('s-end', t.timeMissing);
  }
  // The hour Copenhagen skips in spring: the API's own refusal.
  const gap = (which: 'start' | 'end', time: string) => {
    const e = apiError(400, 'error.shift.dstGap', which, { params: { time: `${f.date} ${time}` } });
    for (const [k, v] of apiErrors(e, locale, newShiftField)) if (!errors.has(k)) errors.set(k, v);
  };
  if (start === null) gap('start', f.start);
  if (end === null) gap('end', f.end);
  const weekly = f.repeat === 'weekly';
  if (weekly && f.until === '' && f.count === '') errors.set('s-until', t.repeatMissing);
  const input = {
    activityId: f.activityId,
    title: f.title,
    location: f.location,
    start: start ? toIsoCopenhagen(start) : '',
    end: end ? toIsoCopenhagen(end) : '',
    capacity: integerOf(f.capacity),
    ...(weekly && (f.until !== '' || f.count !== '')
      ? {
          repeat: {
            weekly: true,
            ...(f.until === '' ? {} : { until: f.until }),
            ...(f.count === '' ? {} : { count: integerOf(f.count) }),
          },
        }
      : {}),
  };
  const parsed = z.safeParse(NewShift, input);
  if (!parsed.success) {
    for (const [k, v] of schemaErrors(parsed.error.issues, locale, newShiftField)) {
      // A missing date or time is already said better than "ISO 8601".
      if ((k === 's-start' || k === 's-end') && (errors.has('s-date') || !start || !end)) continue;
      if (!errors.has(k)) errors.set(k, v);
    }
  }
  if (errors.size > 0 || !parsed.success) return { errors };
  try {
    return { rows: occurrences(parsed.data) };
  } catch (error) {
    if (error instanceof ApiError) return { errors: apiErrors(error, locale, newShiftField) };
    throw error;
  }
}

/**
 * The day Copenhagen's clocks change between two instants (the first day
 * whose noon has a new offset), and whether it is to summer time.
 */
function dstChangeBetween(a: Date, b: Date): { day: Date; toSummer: boolean } | undefined {
  const before = offsetMinutes(a);
  if (offsetMinutes(b) === before) return undefined;
  const first = toCopenhagen(a);
  const span = daysBetween(first, toCopenhagen(b));
  for (let d = 1; d <= span; d++) {
    const noon = fromCopenhagen({ ...addDays(first, d), hour: 12, minute: 0 })!;
    const offset = offsetMinutes(noon);
    if (offset !== before) return { day: noon, toSummer: offset > before };
  }
  return undefined;
}

/** The form's value for a stored shift's time: `17:00`. */
const hhmm = (d: Date) => {
  const l = toCopenhagen(d);
  return `${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;
};

export function shiftPages(deps: WorkplaceDeps): Hono<AppEnv> {
  const { leader, activities, shifts, audit, clock } = deps;
  const mails = shiftMails({
    mail: deps.mail,
    invitations: deps.invitations,
    mailOrigin: deps.mailOrigin,
    clock,
    siteName: deps.site.name,
  });

  const scoped = async (c: Context<AppEnv>) => {
    const scope = activityScope(principalOf(c));
    return (await activities.list()).filter((a) => !scope || scope.has(a.id));
  };

  /** The shift `id` when the principal may manage its activity. */
  const managed = async (c: Context<AppEnv>, id: string) => {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return undefined;
    const shift = await shifts.getShift(id);
    return shift && mayManage(principalOf(c), shift.activityId) ? shift : undefined;
  };
  const missing = (c: Context<AppEnv>) => {
    const t = texts(localeOf(c));
    return notFoundPage(c, t.shifts, t.notFound, '/leder/vagter');
  };

  /** The rest of `shift`'s series from it on, not yet ended, by start. */
  const restOf = async (shift: ShiftRow) => {
    if (!shift.seriesId) return [shift];
    const later = await shifts.listShifts({
      activityId: shift.activityId,
      from: new Date(Math.max(shift.start.getTime(), clock().getTime())),
      to: new Date(shift.start.getTime() + (MAX_OCCURRENCES + 1) * 7 * DAY),
      limit: 5000,
    });
    const rest = later.filter((s) => s.seriesId === shift.seriesId && s.start >= shift.start);
    return rest.some((s) => s.id === shift.id) ? rest : [shift, ...rest];
  };

  const emptyForm = (activityId = ''): ShiftForm => ({
    activityId,
    title: '',
    location: '',
    date: '',
    start: '',
    end: '',
    capacity: '',
    repeat: 'once',
    until: '',
    count: '',
  });

  const shiftForm = (
    c: Context<AppEnv>,
    t: typeof da,
    options: readonly (readonly [string, string])[],
    f: ShiftForm,
    errors: FieldErrors,
  ) => html`${errorSummary(errors, t.errorsTitle, NEW_ORDER)}
<form method="post" action="/leder/vagter/forhaandsvis" class="wp-form" novalidate>${csrfField(c)}
${select({ id: 's-activityId', name: 'activityId', label: t.activity, value: f.activityId, options, errors })}
${shiftFields('s', t, f, errors)}
<fieldset><legend>${t.repeat}</legend>
<div><input type="radio" id="s-once" name="repeat" value="once"${f.repeat === 'once' ? html` checked` : ''}> <label for="s-once">${t.once}</label></div>
<div><input type="radio" id="s-weekly" name="repeat" value="weekly"${f.repeat === 'weekly' ? html` checked` : ''}> <label for="s-weekly">${t.weekly}</label></div>
${field({ id: 's-until', name: 'until', label: t.until, hint: t.repeatHint, value: f.until, errors, type: 'date' })}
${field({
  id: 's-count',
  name: 'count',
  label: t.count,
  value: f.count,
  errors,
  attrs: [['inputmode', 'numeric']],
})}
</fieldset>
<button type="submit" class="button">${t.previewButton}</button>
</form>`;

  const listPage = async (
    c: Context<AppEnv>,
    create?: { values: ShiftForm; errors: FieldErrors },
    status = 200,
  ) => {
    const l = localeOf(c);
    const t = texts(l);
    const mine = await scoped(c);
    const now = clock();
    const byActivity = await Promise.all(
      mine.map(async (a) => ({
        activity: a,
        shifts: await shifts.listShifts({
          activityId: a.id,
          from: now,
          to: new Date(now.getTime() + LIST_DAYS * DAY),
          limit: LIST_LIMIT,
        }),
      })),
    );
    const done = c.req.query('oprettet') ?? c.req.query('aendret');
    const note =
      c.req.query('oprettet') !== undefined
        ? t.created(Number(done) || 1)
        : c.req.query('aendret') !== undefined
          ? t.changed(Number(done) || 1)
          : c.req.query('aflyst') !== undefined
            ? t.cancelled
            : '';
    const form = create ?? { values: emptyForm(mine[0]?.id), errors: new Map() };
    return workplacePage(c, {
      title: t.shifts,
      section: 'shifts',
      status,
      body: html`${note ? html`<p role="status" class="wp-status">${note}</p>` : ''}
<h2>${t.upcoming}</h2>
${mine.length === 0 ? html`<p>${t.noActivities}</p>` : ''}
${byActivity.map(
  ({ activity, shifts: list }) => html`<h3>${activity.title}</h3>
${
  list.length === 0
    ? html`<p>${t.noShifts}</p>`
    : html`<ul class="wp-list">${list.map(
        (
          s,
        ) => html`<li><a href="/leder/vagter/${s.id}">${s.title}</a>, ${formatRange(s.start, s.end, l)}${s.location ? html`, ${s.location}` : ''}: ${t.filled(s.taken, s.capacity, s.waiting)}.
<a href="/leder/vagter/${s.id}/ret">${t.edit}<span class="visually-hidden">: ${s.title}, ${formatRange(s.start, s.end, l)}</span></a> ·
<a href="/leder/vagter/${s.id}/aflys">${t.cancel}<span class="visually-hidden">: ${s.title}, ${formatRange(s.start, s.end, l)}</span></a></li>`,
      )}</ul>`
}`,
)}
${
  mine.length === 0
    ? ''
    : html`<h2 id="ny">${t.newShift}</h2>
${shiftForm(
  c,
  t,
  mine.map((a) => [a.id, a.title] as const),
  form.values,
  form.errors,
)}`
}`,
    });
  };

  const readShiftForm = async (c: Context<AppEnv>): Promise<ShiftForm> => {
    const form = await formOf(c);
    return {
      activityId: form.one('activityId'),
      title: form.one('title'),
      location: form.one('location'),
      date: form.one('date'),
      start: form.one('start'),
      end: form.one('end'),
      capacity: form.one('capacity'),
      repeat: form.one('repeat') === 'weekly' ? 'weekly' : 'once',
      until: form.one('until'),
      count: form.one('count'),
    };
  };

  /** The form checked and expanded, or the list page with its problems. */
  const checked = async (c: Context<AppEnv>) => {
    const values = await readShiftForm(c);
    if (
      !mayManage(principalOf(c), values.activityId) ||
      !(await activities.exists(values.activityId))
    ) {
      const t = texts(localeOf(c));
      return {
        refused: await listPage(
          c,
          { values, errors: new Map([['s-activityId', t.notFound]]) },
          400,
        ),
      };
    }
    const result = expand(values, localeOf(c));
    if (result.errors)
      return { refused: await listPage(c, { values, errors: result.errors }, 400) };
    return { values, rows: result.rows };
  };

  const hidden = (f: ShiftForm) =>
    html`${(Object.entries(f) as [string, string][]).map(
      ([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`,
    )}`;

  const editPage = async (
    c: Context<AppEnv>,
    shift: ShiftRow,
    state?: { values: EditForm; errors: FieldErrors },
    status = 200,
  ) => {
    const l = localeOf(c);
    const t = texts(l);
    const rest = await restOf(shift);
    const people = shift.taken + shift.waiting;
    const v: EditForm = state?.values ?? {
      title: shift.title,
      location: shift.location,
      date: isoDay(toCopenhagen(shift.start)),
      start: hhmm(shift.start),
      end: hhmm(shift.end),
      capacity: String(shift.capacity),
      scope: 'one',
      reason: '',
    };
    const errors = state?.errors ?? new Map();
    const onRest = rest.reduce((n, s) => n + s.taken + s.waiting, 0);
    return workplacePage(c, {
      title: t.editTitle,
      section: 'shifts',
      status,
      body: html`<p><a href="/leder/vagter">${t.back}</a></p>
<p>${shift.title}, ${formatRange(shift.start, shift.end, l)}: ${t.filled(shift.taken, shift.capacity, shift.waiting)}.</p>
${errorSummary(errors, t.errorsTitle, EDIT_ORDER)}
<form method="post" action="/leder/vagter/${shift.id}/ret" class="wp-form" novalidate>${csrfField(c)}
${
  rest.length > 1
    ? html`<fieldset><legend>${t.which}</legend>
<div><input type="radio" id="e-one" name="scope" value="one"${v.scope === 'one' ? html` checked` : ''}> <label for="e-one">${t.thisOne}</label></div>
<div><input type="radio" id="e-rest" name="scope" value="rest"${v.scope === 'rest' ? html` checked` : ''}> <label for="e-rest">${t.rest(rest.length)}</label></div>
</fieldset>`
    : ''
}
${shiftFields('e', t, v, errors)}
${field({ id: 'e-reason', name: 'reason', label: t.reason, hint: t.reasonHint(rest.length > 1 ? onRest : people), value: v.reason, errors, multiline: true, required: people > 0 })}
<button type="submit" class="button">${t.saveChange}</button>
</form>`,
    });
  };

  return new Hono<AppEnv>()
    .get('/leder/vagter', leader.signedIn, (c) => listPage(c))
    .post('/leder/vagter/forhaandsvis', leader.signedIn, leader.form, async (c) => {
      const result = await checked(c);
      if ('refused' in result) return result.refused;
      const { values, rows } = result;
      const l = localeOf(c);
      const t = texts(l);
      const items: Markup[] = [];
      rows.forEach((r, i) => {
        const change = i > 0 ? dstChangeBetween(rows[i - 1]!.start, r.start) : undefined;
        if (change) {
          items.push(
            html`<li class="wp-dst"><strong>${t.dst(change.toSummer, formatDate(change.day, l))}</strong></li>`,
          );
        }
        items.push(html`<li>${formatRange(r.start, r.end, l)}</li>`);
      });
      const title = (await activities.get(values.activityId))?.title ?? '';
      return workplacePage(c, {
        title: t.preview,
        section: 'shifts',
        body: html`<p>${title}: ${values.title}${values.location ? html`, ${values.location}` : ''}.</p>
<p>${t.previewLead(rows.length)}</p>
<ol class="wp-list">${items}</ol>
<form method="post" action="/leder/vagter" class="wp-form">${csrfField(c)}${hidden(values)}
<button type="submit" class="button">${t.save}</button>
</form>
<h2>${t.change}</h2>
${shiftForm(
  c,
  t,
  (await scoped(c)).map((a) => [a.id, a.title] as const),
  values,
  new Map(),
)}`,
      });
    })
    .post('/leder/vagter', leader.signedIn, leader.form, async (c) => {
      const result = await checked(c);
      if ('refused' in result) return result.refused;
      const { rows } = result;
      await shifts.createShifts(rows, clock());
      await audit.record(c, {
        action: 'change',
        subject: 'shift',
        subjectId: rows[0]!.seriesId ?? rows[0]!.id,
        activityId: rows[0]!.activityId,
        detail: rows.length === 1 ? 'created' : `created series of ${rows.length}`,
      });
      return c.redirect(`/leder/vagter?oprettet=${rows.length}`, 303);
    })
    .get('/leder/vagter/:id/ret', leader.signedIn, async (c) => {
      const shift = await managed(c, c.req.param('id'));
      if (!shift) return missing(c);
      return editPage(c, shift);
    })
    .post('/leder/vagter/:id/ret', leader.signedIn, leader.form, async (c) => {
      const shift = await managed(c, c.req.param('id'));
      if (!shift) return missing(c);
      const l = localeOf(c);
      const t = texts(l);
      const form = await formOf(c);
      const values: EditForm = {
        title: form.one('title'),
        location: form.one('location'),
        date: form.one('date'),
        start: form.one('start'),
        end: form.one('end'),
        capacity: form.one('capacity'),
        scope: form.one('scope') === 'rest' ? 'rest' : 'one',
        reason: form.one('reason'),
      };
      const targets = values.scope === 'rest' ? await restOf(shift) : [shift];
      const people = targets.reduce((n, s) => n + s.taken + s.waiting, 0);
      const errors: FieldErrors = new Map();
      const refuse = () => editPage(c, shift, { values, errors }, 400);
      const start = instantOf(values.date, values.start);
      const end = instantOf(values.date, values.end);
      if (!parseDateKey(values.date)) errors.set('e-date', t.dateMissing);
      if (!TIME.test(values.start)) errors.set('e-start', t.timeMissing);
      if (!TIME.test(values.end)) errors.set('e-end', t.timeMissing);
      for (const [which, at, time] of [
        ['start', start, values.start],
        ['end', end, values.end],
      ] as const) {
        if (at !== null) continue;
        const e = apiError(400, 'error.shift.dstGap', which, {
          params: { time: `${values.date} ${time}` },
        });
        for (const [k, v] of apiErrors(e, l, (p) => `e-${p}`)) errors.set(k, v);
      }
      // The API's PATCH always wants a reason; residents only see it when someone is on the shift.
      const parsed = z.safeParse(ShiftChange, {
        title: values.title,
        location: values.location,
        ...(start ? { start: toIsoCopenhagen(start) } : {}),
        ...(end ? { end: toIsoCopenhagen(end) } : {}),
        capacity: integerOf(values.capacity),
        reason: values.reason === '' && people === 0 ? t.nobodyReason : values.reason,
      });
      if (!parsed.success) {
        for (const [k, v] of schemaErrors(parsed.error.issues, l, (p) => `e-${p}`)) {
          if (!errors.has(k)) errors.set(k, v);
        }
      }
      if (start && end && end <= start) {
        for (const [k, v] of apiErrors(
          apiError(400, 'error.shift.endBeforeStart', 'end'),
          l,
          (p) => `e-${p}`,
        )) {
          if (!errors.has(k)) errors.set(k, v);
        }
      }
      if (errors.size > 0 || !parsed.success || !start || !end) return refuse();
      const change = parsed.data;
      // The whole series moves by the same number of days and to the same wall-clock times.
      const shiftDays = daysBetween(toCopenhagen(shift.start), parseDateKey(values.date)!);
      const planned: { target: ShiftRow; start: Date; end: Date }[] = [];
      for (const target of targets) {
        if (target.id === shift.id) {
          planned.push({ target, start, end });
          continue;
        }
        const day = addDays(toCopenhagen(target.start), shiftDays);
        const ts = TIME.exec(values.start)!;
        const te = TIME.exec(values.end)!;
        const s = fromCopenhagen({ ...day, hour: Number(ts[1]), minute: Number(ts[2]) });
        const e = fromCopenhagen({ ...day, hour: Number(te[1]), minute: Number(te[2]) });
        if (!s || !e) {
          const gap = apiError(400, 'error.shift.dstGapRepeat', 'start', {
            params: { date: isoDay(day) },
          });
          for (const [k, v] of apiErrors(gap, l, (p) => `e-${p}`)) errors.set(k, v);
          return refuse();
        }
        planned.push({ target, start: s, end: e });
      }
      // All of them change, or none does: a refusal on one shift leaves the series as it was.
      const outcome = await shifts.updateShifts(
        planned.map((p) => ({
          id: p.target.id,
          change: {
            ...(change.title !== undefined && { title: change.title }),
            ...(change.location !== undefined && { location: change.location }),
            start: p.start,
            end: p.end,
            ...(change.capacity !== undefined && { capacity: change.capacity }),
          },
        })),
        clock(),
        mails.changed(change.reason),
      );
      const changed = outcome.kind === 'updated' ? outcome.shifts.length : 0;
      if (outcome.kind === 'capacity-taken') {
        const e = apiError(409, 'error.shift.capacityTaken', 'capacity', {
          params: { taken: outcome.taken },
        });
        for (const [k, v] of apiErrors(e, l, (path) => `e-${path}`)) errors.set(k, v);
      } else if (outcome.kind === 'over') {
        for (const [k, v] of apiErrors(
          apiError(409, 'error.shift.over', 'title'),
          l,
          (path) => `e-${path}`,
        )) {
          errors.set(k, v);
        }
      } else if (outcome.kind === 'unknown') {
        return missing(c);
      }
      if (changed > 0) {
        mails.sent();
        await audit.record(c, {
          action: 'change',
          subject: 'shift',
          subjectId: shift.id,
          activityId: shift.activityId,
          detail:
            values.scope === 'rest'
              ? `changed with the rest of its series (${changed})`
              : 'changed',
        });
      }
      // What could not change (a capacity below the places taken) is said on the form.
      if (errors.size > 0) return refuse();
      return c.redirect(`/leder/vagter?aendret=${changed}`, 303);
    })
    .get('/leder/vagter/:id/aflys', leader.signedIn, async (c) => {
      const shift = await managed(c, c.req.param('id'));
      if (!shift) return missing(c);
      return cancelPage(c, shift, '', new Map());
    })
    .post('/leder/vagter/:id/aflys', leader.signedIn, leader.form, async (c) => {
      const shift = await managed(c, c.req.param('id'));
      if (!shift) return missing(c);
      const reason = (await formOf(c)).one('reason');
      const parsed = z.safeParse(ShiftCancel, { reason });
      if (!parsed.success) {
        const errors = schemaErrors(parsed.error.issues, localeOf(c), () => 'c-reason');
        return cancelPage(c, shift, reason, errors, 400);
      }
      // The API's cancel: everyone on it is told why, in the same transaction.
      if (!(await shifts.deleteShift(shift.id, mails.cancelled(parsed.data.reason)))) {
        return missing(c);
      }
      mails.sent();
      await audit.record(c, {
        action: 'change',
        subject: 'shift',
        subjectId: shift.id,
        activityId: shift.activityId,
        detail: `cancelled (${shift.taken + shift.waiting} told)`,
      });
      return c.redirect('/leder/vagter?aflyst=1', 303);
    });

  function cancelPage(
    c: Context<AppEnv>,
    shift: ShiftRow,
    reason: string,
    errors: FieldErrors,
    status = 200,
  ) {
    const l = localeOf(c);
    const t = texts(l);
    return workplacePage(c, {
      title: t.cancelTitle,
      section: 'shifts',
      status,
      body: html`<p><a href="/leder/vagter">${t.back}</a></p>
<p>${shift.title}, ${formatRange(shift.start, shift.end, l)}: ${t.filled(shift.taken, shift.capacity, shift.waiting)}.</p>
${errorSummary(errors, t.errorsTitle)}
<form method="post" action="/leder/vagter/${shift.id}/aflys" class="wp-form" novalidate>${csrfField(c)}
${field({ id: 'c-reason', name: 'reason', label: t.cancelReason, hint: t.cancelHint(shift.taken + shift.waiting), value: reason, errors, multiline: true, required: true })}
<button type="submit" class="button">${t.cancelButton}</button>
</form>`,
    });
  }
}

/** The edit form as typed. */
interface EditForm {
  title: string;
  location: string;
  date: string;
  start: string;
  end: string;
  capacity: string;
  scope: 'one' | 'rest';
  reason: string;
}
