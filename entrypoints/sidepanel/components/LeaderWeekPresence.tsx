import type { PresenceCell } from '../../../src/notes/leader-week.js';
import { weekLabel, weekNumber } from '../../../src/notes/leader-week.js';
import { usePanel, useT } from '../context.js';

/** Props for {@link LeaderWeekPresence}. */
export type LeaderWeekPresenceProps = Record<string, never>;

/**
 * Which active volunteers the leader has written about or followed up, week
 * by week, as a real table. Each cell says it in letters and, for screen
 * readers, in words; nothing is told by colour alone. The table scrolls on
 * its own at 320 px, so the page does not (WCAG 1.4.10 allows it for data
 * tables), and its region takes focus so the keyboard can scroll it.
 */
export function LeaderWeekPresence(_: LeaderWeekPresenceProps) {
  const t = useT();
  const { store, locale } = usePanel();
  const map = store.week.presence.value;
  const weeks = map.weeks.length;
  const total = map.rows.length;
  const cell = (c: PresenceCell) => {
    const said = [
      ...(c.notes > 0 ? [t('week.presence.noted')] : []),
      ...(c.followUps > 0 ? [t('week.presence.followedUp')] : []),
    ];
    const codes = [...(c.notes > 0 ? ['N'] : []), ...(c.followUps > 0 ? ['O'] : [])];
    return (
      <td key={c.weekStart} class={codes.length ? 'week-touched' : undefined}>
        <span aria-hidden="true">{codes.length ? codes.join(' ') : '–'}</span>
        <span class="visually-hidden">
          {said.length ? said.join(', ') : t('week.presence.none')}
        </span>
      </td>
    );
  };
  return (
    <>
      <h3 id="week-presence-heading">{t('week.presence', { weeks })}</h3>
      <p class="muted">{t('week.presenceHint')}</p>
      {total === 0 ? (
        <p>{t('week.presenceNone')}</p>
      ) : (
        <>
          <p>
            {map.untouched > 0
              ? t('week.presenceSummary', { count: map.untouched, total })
              : t('week.presenceAll', { total })}
          </p>
          <p class="muted" id="week-presence-legend">
            {t('week.presenceLegend')}
          </p>
          <section
            class="week-scroll"
            aria-labelledby="week-presence-caption"
            aria-describedby="week-presence-legend"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must take focus, so the keyboard can scroll it (axe scrollable-region-focusable).
            tabIndex={0}
          >
            <table class="week-table week-presence">
              <caption id="week-presence-caption">{t('week.presenceCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('week.presenceVolunteer')}</th>
                  {map.weeks.map((w) => (
                    <th scope="col" key={w}>
                      <span aria-hidden="true">
                        {t('week.presenceWeek', { week: weekNumber(w) })}
                      </span>
                      <span class="visually-hidden">{weekLabel(w, locale)}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {map.rows.map((r) => (
                  <tr key={r.volunteer.id}>
                    <th scope="row">
                      <button
                        type="button"
                        class="link"
                        onClick={() => store.ui.show('volunteers', r.volunteer.id)}
                      >
                        {r.volunteer.name}
                      </button>
                    </th>
                    {r.cells.map(cell)}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </>
  );
}
