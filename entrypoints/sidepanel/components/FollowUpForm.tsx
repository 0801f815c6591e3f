import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDateTime, fromCopenhagen, toCopenhagen } from '../../../src/time/copenhagen.js';
import { usePanel, useT } from '../context.js';
import { useSaving } from './useSaving.js';

/** Props for {@link FollowUpForm}. */
export interface FollowUpFormProps {
  volunteerId: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A follow-up checked and waiting for the leader's yes because its time has passed. */
interface PastDraft {
  text: string;
  due: Date;
}

/**
 * Adds a follow-up with a due date and time in Copenhagen; a reminder fires
 * then. A time already passed is not saved silently: the form says so and
 * asks, since it is more often a slip of the date picker than a late note.
 */
export function FollowUpForm({ volunteerId }: FollowUpFormProps) {
  const t = useT();
  const { store, locale } = usePanel();
  const [error, setError] = useState('');
  const [past, setPast] = useState<PastDraft | null>(null);
  const { saving, run } = useSaving();
  const formRef = useRef<HTMLFormElement>(null);
  const questionRef = useRef<HTMLFieldSetElement>(null);
  const id = `fu-${volunteerId}`;
  const week = toCopenhagen(new Date(store.records.clock.value.getTime() + 7 * 86_400_000));
  const field = (name: string) => document.getElementById(`${id}-${name}`) as HTMLElement | null;

  useEffect(() => {
    if (past) questionRef.current?.focus();
  }, [past]);

  /** Saves; `fromQuestion` moves focus on, since the button pressed disappears with the question. */
  const save = (draft: PastDraft, fromQuestion = false) =>
    run(async () => {
      const saved = await store.records.saveFollowUp({
        volunteerId,
        text: draft.text.slice(0, 500),
        due: draft.due.toISOString(),
        done: false,
      });
      setPast(null);
      formRef.current?.reset();
      if (fromQuestion) field('text')?.focus();
      store.ui.announce(
        fromQuestion
          ? t('followUps.savedPast')
          : t('followUps.saved', { date: formatDateTime(new Date(saved.due), locale) }),
      );
    });

  const changeDate = () => {
    setPast(null);
    field('date')?.focus();
  };

  return (
    <form
      ref={formRef}
      class="form"
      noValidate
      // Any change makes the question about the old date moot.
      onInput={() => setPast(null)}
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const text = String(form.get('text') ?? '').trim();
        const [y, m, d] = String(form.get('date') ?? '')
          .split('-')
          .map(Number);
        const [hh, mm] = String(form.get('time') || '09:00')
          .split(':')
          .map(Number);
        const due =
          y && m && d
            ? fromCopenhagen({ year: y, month: m, day: d, hour: hh ?? 9, minute: mm ?? 0 })
            : null;
        if (!text) {
          setError(t('error.followUp.text.required'));
          field('text')?.focus();
          return;
        }
        if (!due) {
          setError(t('followUps.invalidDate'));
          field('date')?.focus();
          return;
        }
        setError('');
        if (due.getTime() <= store.now().getTime()) {
          setPast({ text, due });
          return;
        }
        return save({ text, due });
      }}
    >
      {error && (
        <p id={`${id}-error`} class="error" role="alert">
          {error}
        </p>
      )}
      <div class="field">
        <label for={`${id}-text`}>{t('followUps.text')}</label>
        <input id={`${id}-text`} name="text" maxLength={500} autocomplete="off" />
      </div>
      <div class="row">
        <div class="field">
          <label for={`${id}-date`}>{t('followUps.due')}</label>
          <input
            id={`${id}-date`}
            name="date"
            type="date"
            defaultValue={`${week.year}-${pad(week.month)}-${pad(week.day)}`}
          />
        </div>
        <div class="field">
          <label for={`${id}-time`}>{t('followUps.dueTime')}</label>
          <input id={`${id}-time`} name="time" type="time" defaultValue="09:00" />
        </div>
      </div>
      {past && (
        <fieldset
          ref={questionRef}
          class="notice question"
          tabIndex={-1}
          aria-describedby={`${id}-past-ask`}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              changeDate();
            }
          }}
        >
          <legend>{t('followUps.pastTitle', { date: formatDateTime(past.due, locale) })}</legend>
          <p id={`${id}-past-ask`}>{t('followUps.pastAsk')}</p>
          <div class="row">
            <button type="button" onClick={() => save(past, true)}>
              {t('followUps.pastSave')}
            </button>
            <button type="button" onClick={changeDate}>
              {t('followUps.pastChange')}
            </button>
          </div>
        </fieldset>
      )}
      <button type="submit" aria-disabled={saving ? 'true' : undefined}>
        {saving ? t('common.saving') : t('followUps.save')}
      </button>
    </form>
  );
}
