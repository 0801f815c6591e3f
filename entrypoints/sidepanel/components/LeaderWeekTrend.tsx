import { weekNumber } from '../../../src/notes/leader-week.js';
import { usePanel, useT } from '../context.js';

/** Props for {@link LeaderWeekTrend}. */
export type LeaderWeekTrendProps = Record<string, never>;

/**
 * The leader's own load week by week, as a table: the number is the
 * meaning, the bar beside it only repeats it for the eye.
 */
export function LeaderWeekTrend(_: LeaderWeekTrendProps) {
  const t = useT();
  const { store } = usePanel();
  const trend = store.week.trend.value;
  return (
    <>
      <h3>{t('week.trend')}</h3>
      <table class="week-table">
        <caption class="visually-hidden">{t('week.trendCaption', { weeks: trend.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('week.trendWeek')}</th>
            <th scope="col">{t('week.trendLoad')}</th>
          </tr>
        </thead>
        <tbody>
          {trend.map((p) => (
            <tr key={p.weekStart}>
              <th scope="row">{t('week.presenceWeek', { week: weekNumber(p.weekStart) })}</th>
              <td>
                {p.load === null ? (
                  <span class="muted">{t('week.trendNone')}</span>
                ) : (
                  <>
                    <span class={`week-bar week-bar-${p.load}`} aria-hidden="true" />
                    {t(`week.load.${p.load as 1 | 2 | 3 | 4 | 5}`)}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
