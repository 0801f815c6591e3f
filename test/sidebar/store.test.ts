import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createSidebarStore } from '../../entrypoints/sidepanel/store/index.js';
import { openRepo } from '../../src/notes/repo.js';

async function freshStore() {
  const repo = await openRepo({ name: `store-${Math.random()}` });
  const changes: string[] = [];
  const store = createSidebarStore({
    repo,
    now: () => new Date('2026-06-30T12:00:00.000Z'),
    changed: (what) => changes.push(what),
  });
  await store.start();
  return { store, repo, changes };
}
const base = { contact: '', roles: [], tags: [], status: 'active' as const };

describe('the sidebar store', () => {
  it('finds a volunteer as soon as they are saved, and forgets them when erased', async () => {
    const { store, changes } = await freshStore();
    const v = await store.records.saveVolunteer({ ...base, name: 'Søren Ågård' });
    await store.records.saveNote({
      volunteerIds: [v.id],
      text: 'Vil gerne mere ansvar',
      lenses: [],
      tags: [],
    });
    store.search.setQuery('agard');
    expect(store.search.results.value?.hits.map((h) => h.kind).sort()).toEqual([
      'note',
      'volunteer',
    ]);

    await store.records.eraseVolunteer(v.id);
    expect(store.search.results.value?.total).toBe(0);
    store.search.setQuery('ansvar');
    expect(store.search.results.value?.total).toBe(0);
    expect(store.records.sortedVolunteers.value).toEqual([]);
    expect(changes).toContain('follow-ups');
  });

  it('shows what is linked to the active page and its site', async () => {
    const { store } = await freshStore();
    const v = await store.records.saveVolunteer({ ...base, name: 'Mette' });
    store.page.setActive({ url: 'https://intra.dk/sag?id=1&utm_source=x', title: 'Sag 1' });
    await store.records.linkPage(
      store.page.identity.value!,
      { kind: 'volunteer', id: v.id },
      'Sag 1',
    );
    expect(store.page.linksHere.value.map((l) => l.target.id)).toEqual([v.id]);

    store.page.setActive({ url: 'https://intra.dk/sag?id=2', title: 'Sag 2' });
    expect(store.page.linksHere.value).toEqual([]);
    expect(store.page.linksOnSite.value.map((l) => l.pageKey)).toEqual(['intra.dk/sag?id=1']);

    store.page.setActive({ url: 'chrome://extensions', title: '' });
    expect(store.page.identity.value).toBeNull();
  });

  it('reminds about a backup until one is made', async () => {
    const { store } = await freshStore();
    expect(store.records.backupDue.value).toBeNull();
    await store.records.saveVolunteer({ ...base, name: 'Ny' });
    expect(store.records.backupDue.value).toBe('never');
    await store.transfer.exportJson();
    expect(store.records.backupDue.value).toBeNull();
  });

  it('plans an import as a dry run and changes nothing until applied', async () => {
    const a = await freshStore();
    await a.store.records.saveVolunteer({ ...base, name: 'Søren' });
    const { text } = await a.store.transfer.exportJson();

    const b = await freshStore();
    const plan = await b.store.transfer.readFile(text);
    expect(plan?.summary.volunteers).toEqual({ new: 1, updated: 0, conflicting: 0, unchanged: 0 });
    expect(await b.repo.listVolunteers()).toEqual([]);
    expect(await b.store.transfer.apply()).toBe(true);
    expect(b.store.records.sortedVolunteers.value.map((v) => v.name)).toEqual(['Søren']);

    expect(await b.store.transfer.readFile('{"format":"samskab-notes"')).toBeNull();
    expect(b.store.transfer.problem.value?.code).toBe('import.error.json');
  });
});
