/**
 * Search as you type: the query, the index kept in step with the records, and
 * the results. Each search is timed with the User Timing API
 * (`samskab:search`) so the bench and DevTools see the real latency.
 */
import { computed, signal } from '@preact/signals';
import { SearchIndex, type SearchResult } from '../../../src/notes/search.js';
import type { Records } from './records.js';

/** Notes indexed per slice of work while the panel stays responsive. */
const CHUNK = 1500;

/** Creates the search slice over `records`; `lensWords` makes lens names findable. */
export function createSearch(records: Records, lensWords: Record<string, string>) {
  const index = new SearchIndex(lensWords);
  const query = signal('');
  /** Bumped on every index change so `results` recomputes. */
  const revision = signal(0);
  const indexed = signal(1);
  let timed = 0;

  const namesOf = (ids: readonly string[]) =>
    ids.map((id) => records.volunteers.value.get(id)?.name ?? '').filter(Boolean);

  records.listen({
    volunteer(v) {
      index.putVolunteer(v);
      revision.value++;
    },
    note(n) {
      index.putNote(n, namesOf(n.volunteerIds));
      revision.value++;
    },
    removed(kind, id) {
      index.remove(kind, id);
      revision.value++;
    },
  });

  const results = computed<SearchResult | null>(() => {
    revision.value;
    const q = query.value.trim();
    if (!q) return null;
    const start = performance.now();
    const result = index.search(q);
    performance.measure('samskab:search', { start, end: performance.now() });
    // Keep the timeline small in a panel that stays open all day.
    if (++timed % 1000 === 0) performance.clearMeasures('samskab:search');
    return result;
  });

  return {
    query,
    results,
    /** 0–1 while the index is being built after load. */
    indexed: computed(() => indexed.value),

    setQuery(q: string) {
      query.value = q;
    },

    /** Rebuilds the index from the records, in slices so typing stays smooth. */
    async rebuild() {
      index.clear();
      indexed.value = 0;
      for (const v of records.volunteers.value.values()) index.putVolunteer(v);
      const notes = [...records.notes.value.values()];
      for (let i = 0; i < notes.length; i += CHUNK) {
        for (const n of notes.slice(i, i + CHUNK)) index.putNote(n, namesOf(n.volunteerIds));
        indexed.value = Math.min(1, (i + CHUNK) / notes.length);
        revision.value++;
        await new Promise((r) => setTimeout(r, 0));
      }
      indexed.value = 1;
      revision.value++;
    },
  };
}

/** The search slice. */
export type Search = ReturnType<typeof createSearch>;
