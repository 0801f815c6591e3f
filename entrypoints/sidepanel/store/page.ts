/**
 * The page beside the panel: which tab is active, its identity, and what the
 * leader has linked to it and to its site.
 */
import { computed, signal } from '@preact/signals';
import { normaliseUrl, queryParamNames } from '../../../src/notes/url.js';
import type { PageLink } from '../../../src/schemas/page-link.js';
import type { Records } from './records.js';

/** Creates the page slice. */
export function createPage(records: Records) {
  const url = signal<string | null>(null);
  const title = signal('');

  const identity = computed(() =>
    url.value ? normaliseUrl(url.value, records.settings.value.siteParams) : null,
  );
  const links = computed(() => [...records.pageLinks.value.values()]);
  const linksHere = computed<PageLink[]>(() => {
    const id = identity.value;
    return id ? links.value.filter((l) => l.pageKey === id.key) : [];
  });
  const linksOnSite = computed<PageLink[]>(() => {
    const id = identity.value;
    return id ? links.value.filter((l) => l.site === id.site && l.pageKey !== id.key) : [];
  });
  const paramNames = computed(() => (url.value ? queryParamNames(url.value) : []));

  return {
    url: computed(() => url.value),
    title: computed(() => title.value),
    identity,
    linksHere,
    linksOnSite,
    paramNames,

    /** The active tab changed or navigated; `null` when it is no web page. */
    setActive(next: { url: string; title?: string } | null) {
      if (next && !normaliseUrl(next.url)) next = null;
      url.value = next?.url ?? null;
      title.value = next?.title ?? '';
    },
  };
}

/** The page slice. */
export type Page = ReturnType<typeof createPage>;
