import { formatDateTime } from '../../../src/time/copenhagen.js';
import { usePanel, useT } from '../context.js';

/** Props for {@link SearchResults}. */
export type SearchResultsProps = Record<string, never>;

/** Search hits, volunteers and notes, with the count announced politely. */
export function SearchResults(_: SearchResultsProps) {
  const t = useT();
  const { store, locale } = usePanel();
  const result = store.search.results.value;
  if (!result) return null;
  const { volunteers, notes } = store.records;
  const query = store.search.query.value.trim();
  const indexed = store.search.indexed.value;
  const count =
    result.total === 0
      ? t('search.none', { query })
      : result.total === 1
        ? t('search.one')
        : t('search.results', { count: result.total });
  return (
    <section class="results" aria-labelledby="results-heading">
      <h2 id="results-heading" class="visually-hidden">
        {t('search.heading')}
      </h2>
      <p role="status" aria-live="polite" aria-atomic="true">
        {count}
        {indexed < 1 && ` ${t('search.indexing', { percent: Math.round(indexed * 100) })}`}
      </p>
      <ul class="list" aria-labelledby="results-heading">
        {result.hits.map((hit) => {
          if (hit.kind === 'volunteer') {
            const v = volunteers.value.get(hit.id);
            if (!v) return null;
            return (
              <li key={`v${hit.id}`}>
                <button
                  type="button"
                  class="item"
                  onClick={() => {
                    store.search.setQuery('');
                    store.ui.show('volunteers', v.id);
                  }}
                >
                  <strong>{v.name}</strong>
                  {v.roles.length > 0 && <span class="muted"> · {v.roles.join(', ')}</span>}
                </button>
              </li>
            );
          }
          const n = notes.value.get(hit.id);
          if (!n) return null;
          const names = n.volunteerIds.map((id) => volunteers.value.get(id)?.name).filter(Boolean);
          const first = n.volunteerIds[0];
          return (
            <li key={`n${hit.id}`}>
              <button
                type="button"
                class="item"
                onClick={() => {
                  store.search.setQuery('');
                  store.ui.show(first ? 'volunteers' : 'page', first ?? null);
                }}
              >
                {names.length > 0 && <strong>{names.join(', ')}: </strong>}
                <span>{excerpt(n.text || n.quote?.text || '')}</span>
                <span class="muted"> · {formatDateTime(new Date(n.createdAt), locale)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {result.total > result.hits.length && (
        <p class="muted">{t('search.more', { shown: result.hits.length, count: result.total })}</p>
      )}
    </section>
  );
}

function excerpt(text: string) {
  return text.length > 140 ? `${text.slice(0, 140)}…` : text;
}
