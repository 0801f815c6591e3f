/**
 * The pulse: weekly aggregates of anonymous reflections, with the k-anonymity
 * rule that no figure rests on fewer than `MIN_ANSWERS` answers. Only finished
 * weeks are published: a week's figures and notes never change once shown, so
 * a leader who reads the pulse before and after one answer arrives learns
 * nothing but that someone answered.
 */
import {
  type FollowUp,
  MIN_ANSWERS,
  type Pulse,
  type PulseFigures,
  type PulseWeek,
} from '../../schemas/pulse.js';
import { fromCopenhagen, toCopenhagen, toIsoCopenhagen } from '../../time/copenhagen.js';
import type { ReflectionRow } from './store.js';

const DAY = 86_400_000;

/** The Copenhagen calendar date of `instant` as UTC midnight (for calendar arithmetic only). */
function calendarDay(instant: Date): number {
  const l = toCopenhagen(instant);
  return Date.UTC(l.year, l.month - 1, l.day);
}

/** The Monday (as `calendarDay`) of the Copenhagen week holding `instant`. */
export function mondayOf(instant: Date): number {
  const day = calendarDay(instant);
  return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
}

/** `2026-W49` for the week starting on `monday` (ISO 8601: the week of its Thursday). */
export function isoWeek(monday: number): string {
  const thursday = new Date(monday + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The instant Copenhagen's `calendarDay` begins (midnight is never in a DST gap there). */
export function startOfDay(day: number): Date {
  const d = new Date(day);
  return fromCopenhagen({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: 0,
    minute: 0,
  })!;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Values that reached the rule, per measure, so a period sums only what its weeks showed. */
interface Published {
  answers: number;
  energy: number[];
  load: string[];
  meaningful: boolean[];
}

const emptyPublished = (): Published => ({ answers: 0, energy: [], load: [], meaningful: [] });

/** Figures over `answers` rows whose measured values are given; nulls under the rule. */
function figures(p: Published): PulseFigures {
  const tooFew = p.answers < MIN_ANSWERS;
  const enough = (values: unknown[]) => !tooFew && values.length >= MIN_ANSWERS;
  return {
    answers: tooFew ? null : p.answers,
    tooFew,
    meanEnergy: enough(p.energy)
      ? round(p.energy.reduce((a, b) => a + b, 0) / p.energy.length, 2)
      : null,
    shareTooMuch: enough(p.load)
      ? round(p.load.filter((l) => l === 'too-much').length / p.load.length, 3)
      : null,
    shareMeaningful: enough(p.meaningful)
      ? round(p.meaningful.filter(Boolean).length / p.meaningful.length, 3)
      : null,
  };
}

/** What of one week's figures may be shown, to add into its period. */
function publishedOf(rows: readonly ReflectionRow[], shown: PulseFigures): Published {
  if (shown.tooFew) return emptyPublished();
  const pick = <T>(get: (r: ReflectionRow) => T | null, show: boolean) =>
    show ? rows.flatMap((r) => (get(r) === null ? [] : [get(r) as T])) : [];
  return {
    answers: rows.length,
    energy: pick((r) => r.energy, shown.meanEnergy !== null),
    load: pick((r) => r.load, shown.shareTooMuch !== null),
    meaningful: pick((r) => r.meaningful, shown.shareMeaningful !== null),
  };
}

function add(a: Published, b: Published): Published {
  return {
    answers: a.answers + b.answers,
    energy: [...a.energy, ...b.energy],
    load: [...a.load, ...b.load],
    meaningful: [...a.meaningful, ...b.meaningful],
  };
}

/** Where the pulse's 2 × `weeks` finished weeks begin, for the store's query (the running week follows them). */
export function pulseStart(now: Date, weeks: number): Date {
  return startOfDay(mondayOf(now) - 2 * weeks * 7 * DAY);
}

const dateOf = (day: number) => new Date(day).toISOString().slice(0, 10);

/** What `computePulse` needs. */
export interface PulseInput {
  activityId: string;
  weeks: number;
  now: Date;
  /** Reflections since `pulseStart(now, weeks)`. */
  rows: readonly ReflectionRow[];
  /** The wording of the question a note answered, in the reader's language. */
  questionText: (setVersion: number, questionId: string) => string | null;
}

/**
 * Weekly figures for the last `weeks` finished weeks (last week last), the
 * same figures for the whole period and the period before it, and their
 * change. The running week gives only its number of answers: were its figures
 * live, reading them before and after one answer would tell that answer.
 * A period adds up only values its weeks showed, so subtracting shown weeks
 * from a period never reveals a hidden one. Volunteers who asked to be
 * contacted chose to be known, so they are listed apart at once, the running
 * week included, newest first.
 */
export function computePulse({ activityId, weeks, now, rows, questionText }: PulseInput): Pulse {
  const runningMonday = mondayOf(now);
  const lastMonday = runningMonday - 7 * DAY;
  const byWeek = new Map<number, ReflectionRow[]>();
  for (const row of rows) {
    const monday = mondayOf(row.createdAt);
    byWeek.set(monday, [...(byWeek.get(monday) ?? []), row]);
  }

  const series: PulseWeek[] = [];
  let period = emptyPublished();
  let previous = emptyPublished();
  for (let i = 2 * weeks - 1; i >= 0; i--) {
    const monday = lastMonday - i * 7 * DAY;
    const weekRows = byWeek.get(monday) ?? [];
    const shown = figures({
      answers: weekRows.length,
      energy: weekRows.flatMap((r) => (r.energy === null ? [] : [r.energy])),
      load: weekRows.flatMap((r) => (r.load === null ? [] : [r.load])),
      meaningful: weekRows.flatMap((r) => (r.meaningful === null ? [] : [r.meaningful])),
    });
    const published = publishedOf(weekRows, shown);
    if (i >= weeks) {
      previous = add(previous, published);
      continue;
    }
    period = add(period, published);
    series.push({
      ...shown,
      week: isoWeek(monday),
      start: dateOf(monday),
      // Sorted, so the order says nothing about who wrote when.
      notes: shown.tooFew
        ? []
        : weekRows
            .filter((r) => r.contact === null && r.note !== '')
            .map((r) => r.note)
            .sort((a, b) => a.localeCompare(b, 'da')),
    });
  }

  const current = figures(period);
  const before = figures(previous);
  const change = (a: number | null, b: number | null, digits: number) =>
    a === null || b === null ? null : round(a - b, digits);
  const periodStart = startOfDay(lastMonday - (weeks - 1) * 7 * DAY);
  const runningStart = startOfDay(runningMonday);
  const followUps: FollowUp[] = rows
    .filter((r) => r.contact !== null && r.createdAt >= periodStart)
    .reverse()
    .map((r) => ({
      id: r.id,
      createdAt: toIsoCopenhagen(r.createdAt),
      shiftId: r.shiftId,
      contact: r.contact!,
      note: r.note,
      question: r.noteQuestion && r.note ? questionText(r.setVersion, r.noteQuestion) : null,
    }));

  return {
    activityId,
    weeks,
    minAnswers: MIN_ANSWERS,
    series,
    running: {
      week: isoWeek(runningMonday),
      start: dateOf(runningMonday),
      answers: rows.filter((r) => r.createdAt >= runningStart).length,
    },
    period: current,
    previous: before,
    trend: {
      meanEnergy: change(current.meanEnergy, before.meanEnergy, 2),
      shareTooMuch: change(current.shareTooMuch, before.shareTooMuch, 3),
      shareMeaningful: change(current.shareMeaningful, before.shareMeaningful, 3),
    },
    followUps,
  };
}
