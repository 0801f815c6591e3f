import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createSidebarStore } from '../../entrypoints/sidepanel/store/index.js';
import { isProblem } from '../../entrypoints/sidepanel/store/week.js';
import { defaultWeekPlan } from '../../src/notes/leader-week.js';
import { openRepo } from '../../src/notes/repo.js';

// Tuesday 30 June 2026, in the week that starts on Monday 29 June.
const NOW = new Date('2026-06-30T12:00:00.000Z');

async function freshStore(name = `week-store-${Math.random()}`) {
  const repo = await openRepo({ name, now: () => NOW });
  const changes: string[] = [];
  const store = createSidebarStore({ repo, now: () => NOW, changed: (w) => changes.push(w) });
  await store.start();
  await store.week.load();
  return { store, repo, changes, name };
}
const base = { contact: '', roles: [], tags: [], status: 'active' as const };
const answer = (questionId: string, text: string) => ({
  questionId,
  question: questionId,
  answer: text,
});

describe('the week slice', () => {
  it('saves this week’s reflection and finds it again in a new panel', async () => {
    const { store, name } = await freshStore();
    expect(store.week.thisWeek.value).toBe('2026-06-29');
    const saved = await store.week.saveWeek({
      weekStart: '2026-06-29',
      answers: [answer('presence', 'Mette og Bo')],
      load: 4,
    });
    expect(isProblem(saved)).toBe(false);
    expect(store.week.byWeek.value.get('2026-06-29')?.load).toBe(4);

    const again = await freshStore(name);
    expect(again.store.week.list.value.map((w) => w.answers[0]?.answer)).toEqual(['Mette og Bo']);
    expect(again.store.week.trend.value.at(-1)).toEqual({ weekStart: '2026-06-29', load: 4 });
  });

  it('refuses a load of 6 and an answer too long, as catalog keys, and saves nothing', async () => {
    const { store } = await freshStore();
    expect(await store.week.saveWeek({ weekStart: '2026-06-29', answers: [], load: 6 })).toEqual({
      key: 'error.week.load',
      path: 'load',
    });
    expect(
      await store.week.saveWeek({
        weekStart: '2026-06-29',
        answers: [answer('presence', 'x'.repeat(5001))],
      }),
    ).toEqual({ path: 'answers.0.answer', key: 'error.week.answer.tooLong' });
    expect(store.week.list.value).toEqual([]);
  });

  it('keeps one record per week and deletes it', async () => {
    const { store } = await freshStore();
    await store.week.saveWeek({ weekStart: '2026-06-22', answers: [], load: 2 });
    await store.week.saveWeek({ weekStart: '2026-06-22', answers: [], load: 3 });
    expect(store.week.list.value.map((w) => w.load)).toEqual([3]);
    await store.week.removeWeek(store.week.list.value[0]!.id);
    expect(store.week.list.value).toEqual([]);
    await store.week.load();
    expect(store.week.list.value).toEqual([]);
  });

  it('saves the plan into the settings, tells the worker, and moves the next reminder', async () => {
    const { store, changes, repo } = await freshStore();
    expect(store.week.nextReminder.value).toBeNull();
    const plan = {
      ...defaultWeekPlan(),
      questions: [{ id: 'q-own', text: 'Hvad lærte jeg?' }],
      reminder: { weekday: 5, time: '16:00' },
      presenceWeeks: 6,
    };
    expect(await store.week.savePlan(plan)).toEqual(plan);
    expect(changes).toEqual(['records']);
    expect(store.week.nextReminder.value?.toISOString()).toBe('2026-07-03T14:00:00.000Z');
    expect(store.week.presence.value.weeks).toHaveLength(6);
    expect((await repo.getSettings()).weekPlan).toEqual(plan);
  });

  it('refuses a plan without questions and keeps the old one', async () => {
    const { store } = await freshStore();
    const problem = await store.week.savePlan({ ...defaultWeekPlan(), questions: [] });
    expect(problem).toEqual({ path: 'questions', key: 'error.week.noQuestions' });
    expect(store.week.plan.value).toEqual(defaultWeekPlan());
  });

  it('stores a built-in question edited in English as the Danish one', async () => {
    const { store } = await freshStore();
    const plan = defaultWeekPlan();
    const english = plan.questions.map((q) =>
      q.id === 'conflicts'
        ? { ...q, text: 'Which conflicts or unresolved matters am I carrying?' }
        : q,
    );
    await store.week.savePlan({ ...plan, questions: english });
    expect(store.week.plan.value.questions).toEqual(plan.questions);
  });

  it('maps the presence of active volunteers from the notes as they are written', async () => {
    const { store } = await freshStore();
    const mette = await store.records.saveVolunteer({ ...base, name: 'Mette' });
    await store.records.saveVolunteer({ ...base, name: 'Bo' });
    await store.records.saveVolunteer({ ...base, name: 'Pause', status: 'paused' });
    expect(store.week.presence.value.untouched).toBe(2);
    await store.records.saveNote({ volunteerIds: [mette.id], text: 'Kaffe', lenses: [], tags: [] });
    const map = store.week.presence.value;
    expect(map.rows.map((r) => [r.volunteer.name, r.cells.at(-1)?.notes])).toEqual([
      ['Bo', 0],
      ['Mette', 1],
    ]);
    expect(map.untouched).toBe(1);
  });

  it('falls back to the default plan for settings saved before the plan existed', async () => {
    const { store } = await freshStore();
    const { weekPlan: _, ...old } = store.records.settings.value;
    store.records.settings.value = old as typeof store.records.settings.value;
    expect(store.week.plan.value).toEqual(defaultWeekPlan());
  });
});
