import { LINK_ENABLED } from '../../../src/link/origins.js';
import { usePanel, useT } from '../context.js';
import type { View } from '../store/ui.js';

/** Props for {@link Nav}. */
export type NavProps = Record<string, never>;

const VIEWS: readonly View[] = LINK_ENABLED
  ? ['page', 'volunteers', 'followUps', 'week', 'link', 'data']
  : ['page', 'volunteers', 'followUps', 'week', 'data'];

/** The panel's sections as plain buttons; the current one is marked for screen readers. */
export function Nav(_: NavProps) {
  const t = useT();
  const { store } = usePanel();
  const current = store.ui.view.value;
  const here = store.page.linksHere.value.length;
  const overdue = store.records.overdue.value.length;
  return (
    <nav aria-label={t('nav.label')} class="nav">
      {VIEWS.map((v) => (
        <button
          type="button"
          key={v}
          aria-current={current === v ? 'page' : undefined}
          onClick={() => store.ui.show(v)}
        >
          {t(`nav.${v}`)}
          {v === 'page' && here > 0 && <span class="badge"> ({here})</span>}
          {v === 'followUps' && overdue > 0 && <span class="badge"> ({overdue})</span>}
        </button>
      ))}
    </nav>
  );
}
