import { useEffect, useRef } from 'preact/hooks';
import type { FollowUp } from '../../../src/schemas/follow-up.js';
import { formatDateTime } from '../../../src/time/copenhagen.js';
import { usePanel, useT } from '../context.js';

/** Props for {@link FollowUpsView}. */
export type FollowUpsViewProps = Record<string, never>;

/** Overdue and upcoming follow-ups, and the volunteers not spoken to for N weeks. */
export function FollowUpsView(_: FollowUpsViewProps) {
  const t = useT();
  const { store } = usePanel();
  const { overdue, upcoming, quiet, settings } = store.records;
  const weeks = settings.value.quietWeeks;
  const heading = useRef<HTMLHeadingElement>(null);
  const focusRequest = store.ui.focusRequest.value;
  useEffect(() => {
    if (focusRequest > 0) heading.current?.focus();
  }, [focusRequest]);
  return (
    <section aria-labelledby="followups-heading">
      <h2 id="followups-heading" ref={heading} tabIndex={-1}>
        {t('followUps.heading')}
      </h2>
      <h3>{t('followUps.overdue')}</h3>
      {overdue.value.length === 0 ? (
        <p>{t('followUps.noneOverdue')}</p>
      ) : (
        <FollowUpList items={overdue.value} />
      )}
      <h3>{t('followUps.upcoming')}</h3>
      {upcoming.value.length === 0 ? (
        <p>{t('followUps.noneUpcoming')}</p>
      ) : (
        <FollowUpList items={upcoming.value} />
      )}

      <h3>{t('followUps.quiet', { weeks })}</h3>
      <form
        class="row"
        onSubmit={async (e) => {
          e.preventDefault();
          const n = Number(new FormData(e.currentTarget).get('weeks'));
          if (Number.isInteger(n) && n >= 1 && n <= 52) {
            await store.records.saveSettings({ quietWeeks: n });
            store.ui.announce(t('data.settingsSaved'));
          }
        }}
      >
        <label for="quiet-weeks">{t('followUps.quietWeeks')}</label>
        <input
          id="quiet-weeks"
          name="weeks"
          type="number"
          min={1}
          max={52}
          defaultValue={String(weeks)}
          class="narrow"
        />
        <button type="submit">{t('data.retentionSave')}</button>
      </form>
      {quiet.value.length === 0 ? (
        <p>{t('followUps.quietNone', { weeks })}</p>
      ) : (
        <ul class="list">
          {quiet.value.map(({ volunteer, weeks: w }) => (
            <li key={volunteer.id}>
              <button
                type="button"
                class="item"
                onClick={() => store.ui.show('volunteers', volunteer.id)}
              >
                {t('followUps.quietItem', { name: volunteer.name, weeks: w })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Props for {@link FollowUpList}. */
export interface FollowUpListProps {
  items: FollowUp[];
}

/** Follow-ups with the volunteer they concern and a "done" button. */
export function FollowUpList({ items }: FollowUpListProps) {
  const t = useT();
  const { store, locale } = usePanel();
  return (
    <ul class="list plain">
      {items.map((f) => {
        const v = f.volunteerId ? store.records.volunteers.value.get(f.volunteerId) : undefined;
        return (
          <li key={f.id} class="row">
            <span>
              {v && <strong>{v.name}: </strong>}
              {f.text}
              <span class="muted block">
                {t('followUps.due.label', { date: formatDateTime(new Date(f.due), locale) })}
              </span>
            </span>
            <button
              type="button"
              onClick={async () => {
                await store.records.markDone(f.id);
                store.ui.announce(t('followUps.markedDone'));
              }}
            >
              {t('followUps.done')}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
