import { useEffect, useState } from 'preact/hooks';
import { formatDate } from '../../../src/time/copenhagen.js';
import { usePanel, useT } from '../context.js';
import { useFocusRequest } from './useFocusRequest.js';
import { VolunteerForm } from './VolunteerForm.js';

/** Props for {@link VolunteerList}. */
export type VolunteerListProps = Record<string, never>;

let firstListMarked = false;

/**
 * Rows drawn in the first frame: more than a sidebar shows, so the list is
 * there at once, while laying out all 500 rows waits until it has been
 * painted (the layout of 500 rows was most of the wait after a restart).
 */
const FIRST_ROWS = 40;

/** All volunteers by name, with when each was last written about, and the add form. */
export function VolunteerList(_: VolunteerListProps) {
  const t = useT();
  const { store, locale } = usePanel();
  const list = store.records.sortedVolunteers.value;
  const lastNote = store.records.lastNote.value;
  const heading = useFocusRequest();
  const [whole, setWhole] = useState(false);
  useEffect(() => {
    if (whole || list.length <= FIRST_ROWS) return;
    // Preact runs effects after the frame is painted; the rest come in the next task.
    const timer = setTimeout(() => setWhole(true), 0);
    return () => clearTimeout(timer);
  }, [whole, list.length]);
  const shown = whole ? list : list.slice(0, FIRST_ROWS);
  useEffect(() => {
    // The bench's "first rendered list": the first time rows reach the screen.
    if (!firstListMarked && list.length > 0) {
      firstListMarked = true;
      performance.mark('samskab:first-list');
    }
  }, [list.length]);
  return (
    <section aria-labelledby="volunteers-heading">
      <h2 id="volunteers-heading" ref={heading} tabIndex={-1}>
        {t('volunteers.heading')}
      </h2>
      <details class="add">
        <summary>{t('volunteers.add')}</summary>
        <VolunteerForm onSaved={() => {}} />
      </details>
      {list.length === 0 ? (
        <p>{t('volunteers.empty')}</p>
      ) : (
        <>
          <p class="muted">{t('volunteers.count', { count: list.length })}</p>
          <ul class="list" aria-labelledby="volunteers-heading">
            {shown.map((v) => {
              const last = lastNote.get(v.id);
              return (
                <li key={v.id}>
                  <button
                    type="button"
                    class="item"
                    onClick={() => store.ui.show('volunteers', v.id)}
                  >
                    <strong>{v.name}</strong>
                    {v.status !== 'active' && (
                      <span class="muted"> ({t(`volunteer.status.${v.status}`)})</span>
                    )}
                    <span class="muted block">
                      {last
                        ? t('volunteers.lastNote', { date: formatDate(new Date(last), locale) })
                        : t('volunteers.noNote')}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
