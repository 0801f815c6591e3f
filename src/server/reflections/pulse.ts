/**
 * The pulse: weekly aggregates of anonymous reflections, with the k-anonymity
 * rule that no figure rests on fewer than `MIN_ANSWERS` answers. Only finished
 * weeks are published: a week's figures never change once shown (they are
 * stored), so a leader who reads the pulse before and after one answer arrives,
 * or one is erased, learns nothing but that someone answered. Its notes can
 * change in two ways that reveal nothing new: a follow-up whose contact
 * details are forgotten joins them (the leader saw it with the contact), and
 * a week from which a reflection was erased shows none.
 *
 * Only reflections that came with an invitation (and those from before
 * invitations) count: anyone may post an open one, and two such padding
 * answers would otherwise lift a week of one real answer over the rule.
 * Open reflections are only counted, apart, per week.
 */
import {
  type FollowUp,
  MIN_ANSWERS,
  type Pulse,
  type PulseFigures,
  type PulseWeek,
} from '../../schemas/pulse.js';
import * as calendar from '../../time/calendar.js';
import { toIsoCopenhagen } from '../../time/copenhagen.js';
import type { ReflectionRow } from './store.js';

const DAY = 86_400_000;

// Days here are `calendar.utcMidnight` numbers, which weeks are subtracted from.

/** The Monday of the Copenhagen week holding `instant`. */
export const mondayOf = (instant: Date): number =>
  calendar.utcMidnight(calendar.mondayOf(calendar.dateOf(instant)));

/** `2026-W49` for the week starting on `monday`. */
export const isoWeek = (monday: number): string =>
  calendar.isoWeekKey(calendar.fromUtcMidnight(monday));

/** The instant `day` begins in Copenhagen. */
export const startOfDay = (day: number): Date => calendar.startOfDay(calendar.fromUtcMidnight(day));

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Counts and sums of measured values. A week's `Sums` over all its answers
 * decide what it shows; the part it showed is what its period adds.
 */
export interface Sums {
  answers: number;
  energyCount: number;
  energySum: number;
  loadCount: number;
  tooMuch: number;
  meaningfulCount: number;
  meaningful: number;
}

const emptySums = (): Sums => ({
  answers: 0,
  energyCount: 0,
  energySum: 0,
  loadCount: 0,
  tooMuch: 0,
  meaningfulCount: 0,
  meaningful: 0,
});

/** Figures over `p`; nulls under the rule. */
function figures(p: Sums): PulseFigures {
  const tooFew = p.answers < MIN_ANSWERS;
  const enough = (count: number) => !tooFew && count >= MIN_ANSWERS;
  return {
    answers: tooFew ? null : p.answers,
    tooFew,
    meanEnergy: enough(p.energyCount) ? round(p.energySum / p.energyCount, 2) : null,
    shareTooMuch: enough(p.loadCount) ? round(p.tooMuch / p.loadCount, 3) : null,
    shareMeaningful: enough(p.meaningfulCount) ? round(p.meaningful / p.meaningfulCount, 3) : null,
  };
}

function sumsOf(rows: readonly ReflectionRow[]): Sums {
  const s = emptySums();
  for (const r of rows) {
    s.answers++;
    if (r.energy !== null) {
      s.energyCount++;
      s.energySum += r.energy;
    }
    if (r.load !== null) {
      s.loadCount++;
      if (r.load === 'too-much') s.tooMuch++;
    }
    if (r.meaningful !== null) {
      s.meaningfulCount++;
      if (r.meaningful) s.meaningful++;
    }
  }
  return s;
}

/** What of one week's sums its figures showed, to add into its period. */
function shownPart(all: Sums, shown: PulseFigures): Sums {
  if (shown.tooFew) return emptySums();
  const energy = shown.meanEnergy !== null;
  const load = shown.shareTooMuch !== null;
  const meaningful = shown.shareMeaningful !== null;
  return {
    answers: all.answers,
    energyCount: energy ? all.energyCount : 0,
    energySum: energy ? all.energySum : 0,
    loadCount: load ? all.loadCount : 0,
    tooMuch: load ? all.tooMuch : 0,
    meaningfulCount: meaningful ? all.meaningfulCount : 0,
    meaningful: meaningful ? all.meaningful : 0,
  };
}

function add(a: Sums, b: Sums): Sums {
  return {
    answers: a.answers + b.answers,
    energyCount: a.energyCount + b.energyCount,
    energySum: a.energySum + b.energySum,
    loadCount: a.loadCount + b.loadCount,
    tooMuch: a.tooMuch + b.tooMuch,
    meaningfulCount: a.meaningfulCount + b.meaningfulCount,
    meaningful: a.meaningful + b.meaningful,
  };
}

/**
 * A finished week as it was first published: its figures, the sums its
 * period adds, and how many reflections it had then. Stored, so erasing a
 * reflection later changes none of it: the erased answer cannot be read off
 * the difference.
 */
export interface PublishedWeek {
  figures: PulseFigures;
  shown: Sums;
  /** The reflections that count (see `counts`). */
  reflections: number;
  /** The open ones; absent from weeks published before invitations, which had none. */
  open?: number;
}

/** Whether `row` enters the pulse's figures: every reflection but an open one. */
const counts = (row: ReflectionRow) => row.origin !== 'open';

/** `rows`, one finished week's reflections, as that week is published. */
export function publishWeek(rows: readonly ReflectionRow[]): PublishedWeek {
  const counted = rows.filter(counts);
  const all = sumsOf(counted);
  const shown = figures(all);
  return {
    figures: shown,
    shown: shownPart(all, shown),
    reflections: counted.length,
    open: rows.length - counted.length,
  };
}

/**
 * A finished week (ISO week, `2026-W49`) as first published: the stored
 * snapshot, or `publish()`'s, stored now.
 */
export type PublishedWeeks = (week: string, publish: () => PublishedWeek) => PublishedWeek;

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
  /** Finished weeks as first published (see `PublishedWeeks`). */
  published: PublishedWeeks;
}

/**
 * Weekly figures for the last `weeks` finished weeks (last week last), the
 * same figures for the whole period and the period before it, and their
 * change. The running week gives only its number of answers: were its figures
 * live, reading them before and after one answer would tell that answer.
 * A period adds up only values its weeks showed, so subtracting shown weeks
 * from a period never reveals a hidden one. A finished week's figures are
 * those it was first published with, whatever is erased later. Volunteers
 * who asked to be contacted chose to be known, so they are listed apart at
 * once, the running week included, newest first.
 */
export function computePulse({
  activityId,
  weeks,
  now,
  rows,
  questionText,
  published,
}: PulseInput): Pulse {
  const runningMonday = mondayOf(now);
  const lastMonday = runningMonday - 7 * DAY;
  const byWeek = new Map<number, ReflectionRow[]>();
  for (const row of rows) {
    const monday = mondayOf(row.createdAt);
    byWeek.set(monday, [...(byWeek.get(monday) ?? []), row]);
  }

  const series: PulseWeek[] = [];
  let period = emptySums();
  let previous = emptySums();
  for (let i = 2 * weeks - 1; i >= 0; i--) {
    const monday = lastMonday - i * 7 * DAY;
    const weekRows = byWeek.get(monday) ?? [];
    const week = published(isoWeek(monday), () => publishWeek(weekRows));
    const counted = weekRows.filter(counts);
    if (i >= weeks) {
      previous = add(previous, week.shown);
      continue;
    }
    period = add(period, week.shown);
    series.push({
      ...week.figures,
      week: isoWeek(monday),
      start: dateOf(monday),
      openCount: week.open ?? 0,
      // Sorted, so the order says nothing about who wrote when. An erased
      // reflection takes its note with it (the volunteer's own words go when
      // they ask), so once one is erased the week shows none: which note
      // went would tell what the erased reflection said.
      notes:
        week.figures.tooFew || counted.length !== week.reflections
          ? []
          : counted
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
  const running = rows.filter((r) => r.createdAt >= runningStart);
  const followUps: FollowUp[] = rows
    .filter((r) => r.contact !== null && r.createdAt >= periodStart)
    .reverse()
    .map((r) => ({
      id: r.id,
      createdAt: toIsoCopenhagen(r.createdAt),
      shiftId: r.shiftId,
      contact: r.contact!,
      open: r.origin === 'open',
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
      answers: running.filter(counts).length,
      openCount: running.filter((r) => !counts(r)).length,
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
