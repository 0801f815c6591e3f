/**
 * "Min uge som leder": the leader's own weekly reflections, the plan they
 * answer (questions, reminder, presence window, kept in the settings), and
 * the presence map and load trend computed from the records. The weeks are
 * read when the view first opens; nothing here is needed before.
 */
import { computed, signal } from '@preact/signals';
import {
  defaultWeekPlan,
  loadTrend,
  nextWeekReminder,
  presenceMap,
  storedQuestion,
  weekStartOf,
} from '../../../src/notes/leader-week.js';
import type { Weeks } from '../../../src/notes/weeks.js';
import { type LeaderWeek, LeaderWeekDraft, WeekPlan } from '../../../src/schemas/leader-week.js';
import type { Records } from './records.js';

/** What the week slice needs from outside. */
export interface WeekDeps {
  weeks: Weeks;
  records: Records;
}

/** A problem with what the leader typed: the catalog key and the field it concerns. */
export interface WeekProblem {
  path: string;
  key: string;
}

/** The first problem zod found, as a catalog key and a dotted path. */
const problemOf = (issues: readonly { path: PropertyKey[]; message: string }[]): WeekProblem => ({
  path: issues[0]?.path.map(String).join('.') ?? '',
  key: issues[0]?.message ?? 'error.week.date',
});

/** Creates the week slice. */
export function createWeek({ weeks, records }: WeekDeps) {
  const list = signal<readonly LeaderWeek[]>([]);
  const loaded = signal(false);

  // Settings written before the plan existed have none: the default stands in.
  const plan = computed(() => records.settings.value.weekPlan ?? defaultWeekPlan());
  const thisWeek = computed(() => weekStartOf(records.clock.value));
  const byWeek = computed(() => {
    const map = new Map<string, LeaderWeek>();
    // Newest first: the first record of a week is its newest.
    for (const w of list.value) if (!map.has(w.weekStart)) map.set(w.weekStart, w);
    return map;
  });
  const presence = computed(() =>
    presenceMap(
      records.sortedVolunteers.value,
      records.notes.value.values(),
      records.followUps.value.values(),
      plan.value.presenceWeeks,
      records.clock.value,
    ),
  );
  const trend = computed(() =>
    loadTrend([...byWeek.value.values()], plan.value.presenceWeeks, records.clock.value),
  );
  const nextReminder = computed(() => nextWeekReminder(plan.value, records.clock.value));

  const keep = (saved: LeaderWeek) => {
    list.value = [saved, ...list.value.filter((w) => w.id !== saved.id)].sort((a, b) =>
      a.weekStart === b.weekStart ? 0 : a.weekStart < b.weekStart ? 1 : -1,
    );
  };

  return {
    /** Every week written, newest first. */
    list,
    loaded,
    plan,
    /** The Monday (`YYYY-MM-DD`) of the current Copenhagen week. */
    thisWeek,
    byWeek,
    presence,
    trend,
    nextReminder,

    /** Reads the weeks (when the view opens, and after another panel wrote). */
    async load() {
      list.value = await weeks.list();
      loaded.value = true;
    },

    /** Saves a week's answers and load; a problem comes back as a catalog key instead. */
    async saveWeek(draft: LeaderWeekDraft): Promise<LeaderWeek | WeekProblem> {
      const parsed = LeaderWeekDraft.safeParse(draft);
      if (!parsed.success) return problemOf(parsed.error.issues);
      const saved = await weeks.save(parsed.data);
      keep(saved);
      return saved;
    },

    async removeWeek(id: string) {
      await weeks.remove(id);
      list.value = list.value.filter((w) => w.id !== id);
    },

    /**
     * Saves the plan into the settings (which tells the service worker, so
     * the reminder moves); a problem comes back as a catalog key instead.
     */
    async savePlan(next: WeekPlan): Promise<WeekPlan | WeekProblem> {
      const parsed = WeekPlan.safeParse({
        ...next,
        questions: next.questions.map(storedQuestion),
      });
      if (!parsed.success) return problemOf(parsed.error.issues);
      await records.saveSettings({ weekPlan: parsed.data });
      return parsed.data;
    },
  };
}

/** True when a save came back with a problem rather than a record. */
export const isProblem = (value: object): value is WeekProblem => 'key' in value && 'path' in value;

/** The week slice. */
export type Week = ReturnType<typeof createWeek>;
