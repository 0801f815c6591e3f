import { useRef, useState } from 'preact/hooks';
import { questionText, weekLabel } from '../../../src/notes/leader-week.js';
import type { LeaderWeek } from '../../../src/schemas/leader-week.js';
import { usePanel, useT } from '../context.js';
import { ConfirmDialog } from './ConfirmDialog.js';

/** Props for {@link LeaderWeekHistory}. */
export type LeaderWeekHistoryProps = Record<string, never>;

/** The earlier weeks, newest first, each folded open on demand and deletable. */
export function LeaderWeekHistory(_: LeaderWeekHistoryProps) {
  const t = useT();
  const { store, locale } = usePanel();
  const { week } = store;
  const earlier = week.list.value.filter((w) => w.weekStart < week.thisWeek.value);
  const [deleting, setDeleting] = useState<LeaderWeek | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  return (
    <>
      <h3 ref={headingRef} tabIndex={-1}>
        {t('week.history')}
      </h3>
      {earlier.length === 0 ? (
        <p>{t('week.historyNone')}</p>
      ) : (
        <ul class="list plain">
          {earlier.map((w) => (
            <li key={w.id}>
              <details>
                <summary>
                  {weekLabel(w.weekStart, locale)}
                  {w.load !== undefined && ` · ${t('week.load.value', { load: w.load })}`}
                </summary>
                <dl class="week-answers">
                  {w.answers.map((a) => (
                    <div key={a.questionId}>
                      <dt>{questionText({ id: a.questionId, text: a.question }, locale)}</dt>
                      <dd class="note-text">
                        {a.answer || <span class="muted">{t('week.noAnswer')}</span>}
                      </dd>
                    </div>
                  ))}
                </dl>
                <button type="button" class="danger" onClick={() => setDeleting(w)}>
                  {t('week.delete')}
                </button>
              </details>
            </li>
          ))}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('week.deleteTitle', { label: weekLabel(deleting.weekStart, locale) })}
          body={t('week.deleteBody')}
          confirmLabel={t('week.deleteConfirm')}
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            await week.removeWeek(deleting.id);
            setDeleting(null);
            headingRef.current?.focus();
            store.ui.announce(t('week.deleted'));
          }}
        />
      )}
    </>
  );
}
