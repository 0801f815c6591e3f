import { usePanel, useT } from '../context.js';

/** Props for {@link SearchBox}. */
export type SearchBoxProps = Record<string, never>;

/** The search field: results update as the leader types. */
export function SearchBox(_: SearchBoxProps) {
  const t = useT();
  const { store } = usePanel();
  return (
    <search class="search">
      <label for="search">{t('search.label')}</label>
      <input
        id="search"
        type="search"
        autocomplete="off"
        spellcheck={false}
        value={store.search.query}
        onInput={(e) => store.search.setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') store.search.setQuery('');
        }}
      />
    </search>
  );
}
