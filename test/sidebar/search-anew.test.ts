import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createSidebarStore } from '../../entrypoints/sidepanel/store/index.js';
import { openRepo } from '../../src/notes/repo.js';

const base = { contact: '', roles: [], tags: [], status: 'active' as const };

describe('the search index after many notes changed at once', () => {
  it('builds itself anew in slices and then finds only the new words', async () => {
    const repo = await openRepo({ name: `anew-${Math.random()}` });
    const store = createSidebarStore({ repo, now: () => new Date('2026-06-30T12:00:00.000Z') });
    const v = await repo.saveVolunteer({ ...base, name: 'Karen Skovgaard' });
    const notes = [];
    for (let i = 0; i < 120; i++)
      notes.push(
        await repo.saveNote({ volunteerIds: [v.id], text: `gammel ${i}`, lenses: [], tags: [] }),
      );
    await store.start();
    await store.search.settled();
    store.search.setQuery('gammel');
    expect(store.search.results.value?.total).toBe(120);

    // Another panel (or an import) rewrote every note.
    for (const n of notes) await repo.saveNote({ ...n, text: `ny ${n.text.slice(7)}` });
    await store.refresh();
    expect(store.search.indexed.value).toBeLessThan(1);
    await store.search.settled();
    expect(store.search.indexed.value).toBe(1);
    expect(store.search.results.value?.total).toBe(0);
    store.search.setQuery('ny');
    expect(store.search.results.value?.total).toBe(120);
    // The volunteer came back into the rebuilt index too: her 120 notes and herself.
    store.search.setQuery('skovgaard');
    expect(store.search.results.value?.total).toBe(121);
  });
});
