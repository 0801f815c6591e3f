/**
 * Search as you type: the query, the index, and the results. The index
 * follows the records' signals, not the actions that change them: whatever
 * replaces a volunteer or a note there — an edit, an erasure, an import,
 * another panel's write read back by `refresh` — reaches the index, because
 * it is compared with what the index was built from. Each search is timed
 * with the User Timing API (`samskab:search`) so the bench and DevTools see
 * the real latency.
 */
import { computed, effect, signal, untracked } from '@preact/signals';
import { SearchIndex, type SearchResult } from '../../../src/notes/search.js';
import type { Note } from '../../../src/schemas/note.js';
import type { Volunteer } from '../../../src/schemas/volunteer.js';
import { markOnce, type Records } from './records.js';

/** Notes indexed per slice of work while the panel stays responsive. */
const CHUNK = 1500;

/**
 * Notes re-indexed at once beyond which the index is built anew in slices:
 * replacing a note removes it first, and without FlexSearch's `fastupdate`
 * register (see src/notes/search.ts) a removal scans the index, about 4 ms
 * at 20,000 notes.
 */
const REBUILD_AT = 50;

const yieldToUi = () => new Promise<void>((r) => setTimeout(r, 0));

/** Creates the search slice over `records`; `lensWords` makes lens names findable. */
export function createSearch(records: Records, lensWords: Record<string, string>) {
  const index = new SearchIndex(lensWords);
  const query = signal('');
  /** Bumped on every index change so `results` recomputes. */
  const revision = signal(0);
  const indexed = signal(1);
  let timed = 0;

  /** The records each index entry was made from. */
  const indexedVolunteers = new Map<string, Volunteer>();
  const indexedNotes = new Map<string, Note>();
  /** Notes whose volunteers' names changed since they were indexed. */
  const renamed = new Set<string>();
  /** The running slice-by-slice catch-up, when a change is too big to index at once. */
  let catchingUp: Promise<void> | null = null;

  const namesOf = (ids: readonly string[]) =>
    ids.map((id) => records.volunteers.value.get(id)?.name ?? '').filter(Boolean);

  /**
   * Brings the (few hundred) volunteers up to date at once, and marks the
   * notes that carry a changed name. Says whether anything changed.
   */
  function syncVolunteers(): boolean {
    const current = records.volunteers.value;
    const names = new Set<string>();
    let changed = false;
    for (const [id, v] of current) {
      const old = indexedVolunteers.get(id);
      if (old === v || (old && sameVolunteer(old, v))) continue;
      index.putVolunteer(v);
      indexedVolunteers.set(id, v);
      changed = true;
      if (old?.name !== v.name) names.add(id);
    }
    for (const id of indexedVolunteers.keys()) {
      if (current.has(id)) continue;
      index.remove('volunteer', id);
      indexedVolunteers.delete(id);
      changed = true;
      names.add(id);
    }
    if (names.size > 0) {
      for (const n of indexedNotes.values())
        if (n.volunteerIds.some((id) => names.has(id))) renamed.add(n.id);
    }
    return changed;
  }

  /** Ids of notes the index lacks, holds in an older version, or holds but should not. */
  function staleNotes(): string[] {
    const current = records.notes.value;
    const stale: string[] = [];
    for (const [id, n] of current) {
      const old = indexedNotes.get(id);
      if (renamed.has(id) || !old || (old !== n && !sameNote(old, n))) stale.push(id);
    }
    for (const id of indexedNotes.keys()) if (!current.has(id)) stale.push(id);
    return stale;
  }

  /** Indexes each note as the records hold it now (or removes it). */
  function indexNotes(ids: readonly string[]) {
    const current = records.notes.value;
    for (const id of ids) {
      const n = current.get(id);
      renamed.delete(id);
      if (n) {
        index.putNote(n, namesOf(n.volunteerIds));
        indexedNotes.set(id, n);
      } else if (indexedNotes.delete(id)) {
        index.remove('note', id);
      }
    }
  }

  /** Makes the index match the records: at once when the change is small, else in slices. */
  function sync() {
    if (catchingUp) return; // the running catch-up looks again after every slice
    const volunteersChanged = syncVolunteers();
    const stale = staleNotes();
    let replaced = 0;
    for (const id of stale) if (indexedNotes.has(id)) replaced++;
    if (stale.length <= CHUNK && replaced <= REBUILD_AT) {
      indexNotes(stale);
      if (volunteersChanged || stale.length > 0) revision.value++;
      if (records.loaded.value) markOnce('samskab:indexed');
      return;
    }
    catchingUp = catchUp(stale, replaced > REBUILD_AT);
  }

  async function catchUp(first: string[], anew: boolean) {
    let stale = first;
    if (anew) {
      index.clear();
      indexedNotes.clear();
      indexedVolunteers.clear();
      renamed.clear();
      syncVolunteers();
      stale = staleNotes();
    }
    let done = 0;
    let total = stale.length;
    indexed.value = 0;
    try {
      while (stale.length > 0) {
        indexNotes(stale.slice(0, CHUNK));
        done += Math.min(CHUNK, stale.length);
        indexed.value = Math.min(0.99, done / total);
        revision.value++;
        await yieldToUi();
        // Records may have changed meanwhile: look again rather than finish a stale list.
        syncVolunteers();
        stale = staleNotes();
        total = Math.max(total, done + stale.length);
      }
    } finally {
      // Synchronously after the last look, so no change can slip between the two.
      catchingUp = null;
      indexed.value = 1;
      revision.value++;
      if (records.loaded.value) markOnce('samskab:indexed');
    }
  }

  // Runs now and after every change to the records (once per batch).
  effect(() => {
    records.volunteers.value;
    records.notes.value;
    untracked(sync);
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
    /** 0–1 while a large change (the first load, an import) is being indexed. */
    indexed: computed(() => indexed.value),

    setQuery(q: string) {
      query.value = q;
    },

    /** Resolves once the index holds every record the records slice holds now. */
    async settled(): Promise<void> {
      while (catchingUp) await catchingUp;
    },
  };
}

/** Whether two versions of a volunteer index the same words at the same rank. */
function sameVolunteer(a: Volunteer, b: Volunteer): boolean {
  return (
    a.name === b.name &&
    a.contact === b.contact &&
    a.updatedAt === b.updatedAt &&
    sameList(a.tags, b.tags) &&
    sameList(a.roles, b.roles)
  );
}

/** Whether two versions of a note index the same words at the same rank. */
function sameNote(a: Note, b: Note): boolean {
  return (
    a.text === b.text &&
    a.updatedAt === b.updatedAt &&
    a.quote?.text === b.quote?.text &&
    a.quote?.title === b.quote?.title &&
    sameList(a.volunteerIds, b.volunteerIds) &&
    sameList(a.tags, b.tags) &&
    sameList(a.lenses, b.lenses)
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The search slice. */
export type Search = ReturnType<typeof createSearch>;
