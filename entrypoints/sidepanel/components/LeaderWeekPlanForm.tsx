import { useEffect, useRef, useState } from 'preact/hooks';
import { isSidebarKey } from '../../../src/i18n/sidebar/index.js';
import { defaultQuestions, newQuestionId, questionText } from '../../../src/notes/leader-week.js';
import type { WeekPlan, WeekQuestion } from '../../../src/schemas/leader-week.js';
import { formatDateTime } from '../../../src/time/copenhagen.js';
import { usePanel, useT } from '../context.js';
import { isProblem } from '../store/week.js';
import { useSaving } from './useSaving.js';

/** Props for {@link LeaderWeekPlanForm}. */
export type LeaderWeekPlanFormProps = Record<string, never>;

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The field a problem's path points at, so focus can go there. */
function fieldFor(path: string): string {
  const question = /^questions\.(\d+)/.exec(path);
  if (question) return `week-q-${question[1]}`;
  if (path.startsWith('questions')) return 'week-q-add';
  if (path === 'reminder.weekday') return 'week-day';
  if (path.startsWith('reminder')) return 'week-time';
  return 'week-presence-weeks';
}

/**
 * The leader's own questions (reworded, added, removed, or back to the
 * course's), the weekly reminder's weekday and time, and how many weeks the
 * presence map looks back. Nothing is saved until "Gem".
 */
export function LeaderWeekPlanForm(_: LeaderWeekPlanFormProps) {
  const t = useT();
  const { store, locale } = usePanel();
  const { week } = store;
  const plan = week.plan.value;
  const next = week.nextReminder.value;
  return (
    <details class="add week-plan">
      <summary>{t('week.plan')}</summary>
      {/* A saved plan (here or in another panel) starts the form afresh. */}
      <PlanFields key={JSON.stringify(plan)} plan={plan} />
      <p class="muted">
        {next
          ? t('week.nextReminder', { date: formatDateTime(next, locale) })
          : t('week.noReminder')}
      </p>
    </details>
  );
}

/** Props for {@link PlanFields}. */
interface PlanFieldsProps {
  plan: WeekPlan;
}

/** The plan's fields, started from `plan`; a fresh plan remounts it. */
function PlanFields({ plan }: PlanFieldsProps) {
  const t = useT();
  const { store, locale } = usePanel();
  const { week } = store;
  const [questions, setQuestions] = useState<WeekQuestion[]>(() =>
    plan.questions.map((q) => ({ ...q, text: questionText(q, locale) })),
  );
  const [reminderOn, setReminderOn] = useState(plan.reminder !== null);
  const [error, setError] = useState<{ message: string; field: string } | null>(null);
  const [focus, setFocus] = useState<string | null>(null);
  const { saving, run } = useSaving();
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focus) document.getElementById(focus)?.focus();
    setFocus(null);
  }, [focus]);

  const setText = (i: number, text: string) =>
    setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, text } : q)));

  return (
    <form
      class="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const draft: WeekPlan = {
          // A question is one line: a pasted line break becomes a space.
          questions: questions.map((q) => ({ ...q, text: q.text.replace(/[\t\r\n]+/g, ' ') })),
          reminder: reminderOn
            ? {
                weekday: Number(data.get('weekday')),
                time: String(data.get('time') ?? ''),
              }
            : null,
          presenceWeeks: Number(data.get('presenceWeeks')),
        };
        return run(async () => {
          const saved = await week.savePlan(draft);
          if (isProblem(saved)) {
            const field = fieldFor(saved.path);
            setError({
              message: isSidebarKey(saved.key) ? t(saved.key) : saved.key,
              field,
            });
            setFocus(field);
            return;
          }
          setError(null);
          store.ui.announce(t('week.planSaved'));
        });
      }}
    >
      {error && (
        <p ref={errorRef} id="week-plan-error" class="error" role="alert">
          {error.message}
        </p>
      )}
      <fieldset>
        <legend>{t('week.planQuestions')}</legend>
        <ol class="week-questions">
          {questions.map((q, i) => (
            <li key={q.id}>
              <div class="field">
                <label for={`week-q-${i}`}>{t('week.planQuestion', { n: i + 1 })}</label>
                <textarea
                  id={`week-q-${i}`}
                  name={`question-${i}`}
                  rows={2}
                  maxLength={300}
                  value={q.text}
                  aria-invalid={error?.field === `week-q-${i}` ? 'true' : undefined}
                  aria-describedby={error?.field === `week-q-${i}` ? 'week-plan-error' : undefined}
                  onInput={(e) => setText(i, e.currentTarget.value)}
                  // One line: Enter saves the form, as in a text field.
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && !e.shiftKey) {
                      e.preventDefault();
                      e.currentTarget.form?.requestSubmit();
                    }
                  }}
                />
              </div>
              <button
                type="button"
                class="link"
                onClick={() => {
                  setQuestions((qs) => qs.filter((_, j) => j !== i));
                  // Focus the question that took its place, or the add button.
                  setFocus(i < questions.length - 1 ? `week-q-${i}` : 'week-q-add');
                  store.ui.announce(t('week.planRemoved'));
                }}
              >
                {t('week.planRemove', { n: i + 1 })}
              </button>
            </li>
          ))}
        </ol>
        <div class="row">
          <button
            type="button"
            id="week-q-add"
            disabled={questions.length >= 12}
            onClick={() => {
              setQuestions((qs) => [...qs, { id: newQuestionId(qs), text: '' }]);
              setFocus(`week-q-${questions.length}`);
            }}
          >
            {t('week.planAdd')}
          </button>
          <button
            type="button"
            onClick={() => {
              setQuestions(
                defaultQuestions().map((q) => ({ ...q, text: questionText(q, locale) })),
              );
              setFocus('week-q-0');
              store.ui.announce(t('week.planResetDone'));
            }}
          >
            {t('week.planReset')}
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('week.reminder')}</legend>
        <label class="check">
          <input
            type="checkbox"
            id="week-reminder-on"
            checked={reminderOn}
            onChange={(e) => setReminderOn(e.currentTarget.checked)}
          />
          {t('week.reminderOn')}
        </label>
        <div class="row">
          <div class="field">
            <label for="week-day">{t('week.reminderDay')}</label>
            <select
              id="week-day"
              name="weekday"
              disabled={!reminderOn}
              defaultValue={String(plan.reminder?.weekday ?? 5)}
            >
              {DAYS.map((d) => (
                <option key={d} value={String(d)}>
                  {t(`week.day.${d}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="week-time">{t('week.reminderTime')}</label>
            <input
              id="week-time"
              name="time"
              type="time"
              disabled={!reminderOn}
              defaultValue={plan.reminder?.time ?? '14:00'}
              aria-invalid={error?.field === 'week-time' ? 'true' : undefined}
              aria-describedby={error?.field === 'week-time' ? 'week-plan-error' : undefined}
            />
          </div>
        </div>
      </fieldset>
      <div class="field">
        <label for="week-presence-weeks">{t('week.presenceWeeks')}</label>
        <input
          id="week-presence-weeks"
          name="presenceWeeks"
          type="number"
          min={1}
          max={12}
          class="narrow"
          defaultValue={String(plan.presenceWeeks)}
          aria-invalid={error?.field === 'week-presence-weeks' ? 'true' : undefined}
          aria-describedby={error?.field === 'week-presence-weeks' ? 'week-plan-error' : undefined}
        />
      </div>
      <button type="submit" aria-disabled={saving ? 'true' : undefined}>
        {saving ? t('common.saving') : t('week.planSave')}
      </button>
    </form>
  );
}
