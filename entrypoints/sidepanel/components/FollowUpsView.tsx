import type { FollowUp } from '../../../src/schemas/follow-up.js';
import { usePanel, useT } from '../context.js';
import { FollowUpItem } from './FollowUpItem.js';
import { NumberSettingForm } from './NumberSettingForm.js';
import { useFocusRequest } from './useFocusRequest.js';

/** Props for {@link FollowUpsView}. */
export type FollowUpsViewProps = Record<string, never>;

/** Overdue and upcoming follow-ups, and the volunteers not spoken to for N weeks. */
export function FollowUpsView(_: FollowUpsViewProps) {
  const t = useT();
  const { store } = usePanel();
  const { overdue, upcoming, quiet, settings } = store.records;
  const weeks = settings.value.quietWeeks;
  const heading = useFocusRequest();
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
      <NumberSettingForm
        setting="quietWeeks"
        id="quiet-weeks"
        name="weeks"
        label={t('followUps.quietWeeks')}
        min={1}
        max={52}
      />
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
                {w === null
                  ? t('followUps.quietNever', { name: volunteer.name })
                  : t('followUps.quietItem', { name: volunteer.name, weeks: w })}
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
  return (
    <ul class="list plain">
      {items.map((f) => (
        <FollowUpItem key={f.id} followUp={f} variant="overview" />
      ))}
    </ul>
  );
}
