import { useRef, useState } from 'preact/hooks';
import { isSidebarKey } from '../../../src/i18n/sidebar/index.js';
import { addWeeks, questionsForWeek, weekLabel } from '../../../src/notes/leader-week.js';
import { formatDateTime } from '../../../src/time/copenhagen.js';
import { usePanel, useT } from '../context.js';
import { isProblem } from '../store/week.js';
import { useSaving } from './useSaving.js';

/** Props for {@link LeaderWeekForm}. */
export type LeaderWeekFormProps = Record<string, never>;

const LOADS = [1, 2, 3, 4, 5] as const;

/**
 * The week's questions and the leader's own load (1–5), for this week or the
 * last (a reminder on a Monday morning is about the week that just ended).
 */
export function LeaderWeekForm(_: LeaderWeekFormProps) {
  const t = useT();
  const { store, locale } = usePanel();
  const { week } = store;
  const thisWeek = week.thisWeek.value;
  const [chosen, setChosen] = useState<string | null>(null);
  const weekStart = chosen ?? thisWeek;
  const record = week.byWeek.value.get(weekStart);
  const shown = questionsForWeek(week.plan.value, record, locale);
  const [error, setError] = useState('');
  const { saving, run } = useSaving();
  const formRef = useRef<HTMLFormElement>(null);
  const lastWeek = addWeeks(thisWeek, -1);

  return (
    <form
      ref={formRef}
      // A new week or another panel's save brings fresh default values.
      key={`${weekStart}:${record?.updatedAt ?? ''}:${shown.map((q) => q.questionId).join()}`}
      class="form"
      aria-labelledby="week-form-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const answers = shown.map((q) => ({
          questionId: q.questionId,
          question: q.question.slice(0, 300),
          answer: String(data.get(`answer-${q.questionId}`) ?? '').trim(),
        }));
        const load = Number(data.get('load') || 0);
        if (!load && answers.every((a) => a.answer === '')) {
          setError(t('week.empty'));
          document.getElementById(`week-answer-${shown[0]?.questionId}`)?.focus();
          return;
        }
        return run(async () => {
          const saved = await week.saveWeek({
            ...(record ? { id: record.id } : {}),
            weekStart,
            answers,
            ...(load ? { load } : {}),
          });
          if (isProblem(saved)) {
            setError(isSidebarKey(saved.key) ? t(saved.key) : saved.key);
            return;
          }
          setError('');
          store.ui.announce(t('week.saved'));
        });
      }}
    >
      <h3 id="week-form-title">{weekLabel(weekStart, locale)}</h3>
      <div class="field">
        <label for="week-which">{t('week.which')}</label>
        <select
          id="week-which"
          value={weekStart}
          onChange={(e) => {
            setChosen(e.currentTarget.value);
            setError('');
          }}
        >
          <option value={thisWeek}>{t('week.this', { label: weekLabel(thisWeek, locale) })}</option>
          <option value={lastWeek}>{t('week.last', { label: weekLabel(lastWeek, locale) })}</option>
        </select>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {shown.map((q) => (
        <div class="field" key={q.questionId}>
          <label for={`week-answer-${q.questionId}`}>
            {q.question}
            {q.removed && <span class="muted"> ({t('week.oldQuestion')})</span>}
          </label>
          <textarea
            id={`week-answer-${q.questionId}`}
            name={`answer-${q.questionId}`}
            rows={3}
            maxLength={5000}
            defaultValue={q.answer}
          />
        </div>
      ))}
      <fieldset class="week-load">
        <legend>{t('week.load')}</legend>
        {LOADS.map((n) => (
          <label class="check" key={n}>
            <input type="radio" name="load" value={String(n)} defaultChecked={record?.load === n} />
            {t(`week.load.${n}`)}
          </label>
        ))}
        <label class="check">
          <input type="radio" name="load" value="" defaultChecked={record?.load === undefined} />
          {t('week.load.none')}
        </label>
      </fieldset>
      <button type="submit" aria-disabled={saving ? 'true' : undefined}>
        {saving ? t('common.saving') : t('week.save')}
      </button>
      {record && (
        <p class="muted">
          {t('week.savedAt', { date: formatDateTime(new Date(record.updatedAt), locale) })}
        </p>
      )}
    </form>
  );
}
