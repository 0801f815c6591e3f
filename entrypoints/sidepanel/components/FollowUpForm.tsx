import { useState } from 'preact/hooks';
import { formatDateTime, fromCopenhagen, toCopenhagen } from '../../../src/time/copenhagen.js';
import { usePanel, useT } from '../context.js';

/** Props for {@link FollowUpForm}. */
export interface FollowUpFormProps {
  volunteerId: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Adds a follow-up with a due date and time in Copenhagen; a reminder fires then. */
export function FollowUpForm({ volunteerId }: FollowUpFormProps) {
  const t = useT();
  const { store, locale } = usePanel();
  const [error, setError] = useState('');
  const id = `fu-${volunteerId}`;
  const week = toCopenhagen(new Date(store.records.clock.value.getTime() + 7 * 86_400_000));
  return (
    <form
      class="form"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const formEl = e.currentTarget;
        const form = new FormData(formEl);
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
        if (!text) return setError(t('error.followUp.text.required'));
        if (!due) return setError(t('followUps.invalidDate'));
        setError('');
        const saved = await store.records.saveFollowUp({
          volunteerId,
          text: text.slice(0, 500),
          due: due.toISOString(),
          done: false,
        });
        formEl.reset();
        store.ui.announce(
          t('followUps.saved', { date: formatDateTime(new Date(saved.due), locale) }),
        );
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
      <button type="submit">{t('followUps.save')}</button>
    </form>
  );
}
