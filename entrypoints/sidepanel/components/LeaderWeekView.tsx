import { useEffect } from 'preact/hooks';
import { usePanel, useT } from '../context.js';
import { LeaderWeekForm } from './LeaderWeekForm.js';
import { LeaderWeekHistory } from './LeaderWeekHistory.js';
import { LeaderWeekPlanForm } from './LeaderWeekPlanForm.js';
import { LeaderWeekPresence } from './LeaderWeekPresence.js';
import { LeaderWeekTrend } from './LeaderWeekTrend.js';
import { useFocusRequest } from './useFocusRequest.js';

/** Props for {@link LeaderWeekView}. */
export type LeaderWeekViewProps = Record<string, never>;

/** "Min uge som leder": the week's questions, the load over time, the presence map, the plan. */
export function LeaderWeekView(_: LeaderWeekViewProps) {
  const t = useT();
  const { store } = usePanel();
  const { week } = store;
  const heading = useFocusRequest();
  useEffect(() => {
    if (!week.loaded.value) void week.load();
  }, [week]);
  return (
    <section aria-labelledby="week-heading" class="week">
      <h2 id="week-heading" ref={heading} tabIndex={-1}>
        {t('week.heading')}
      </h2>
      <p>{t('week.intro')}</p>
      {week.loaded.value && <LeaderWeekForm />}
      <LeaderWeekTrend />
      <LeaderWeekPresence />
      {week.loaded.value && <LeaderWeekHistory />}
      <LeaderWeekPlanForm />
    </section>
  );
}
