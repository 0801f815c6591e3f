import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createSidebarStore } from '../../entrypoints/sidepanel/store/index.js';
import { firstRead } from '../../src/notes/first-read.js';
import { openRepo } from '../../src/notes/repo.js';
import { createVault } from '../../src/notes/vault.js';

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
/** The kinds of the current search hits, sorted. */
const hits = (store: Awaited<ReturnType<typeof freshStore>>['store']) =>
  (store.search.results.value?.hits ?? []).map((h) => h.kind).sort();

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
    await store.transfer.exportJson({ plain: true });
    expect(store.records.backupDue.value).toBeNull();
  });

  it('finds what an import brought as soon as it is applied', async () => {
    const a = await freshStore();
    const v = await a.store.records.saveVolunteer({ ...base, name: 'Søren Ågård' });
    await a.store.records.saveNote({
      volunteerIds: [v.id],
      text: 'Vil gerne mere ansvar',
      lenses: [],
      tags: [],
    });
    const { text } = await a.store.transfer.exportJson({ plain: true });

    const b = await freshStore();
    b.store.search.setQuery('agard');
    expect(b.store.search.results.value?.total).toBe(0);
    await b.store.transfer.readFile(text);
    expect(await b.store.transfer.apply()).toBe(true);
    await b.store.search.settled();
    expect(hits(b.store)).toEqual(['note', 'volunteer']);
    b.store.search.setQuery('ansvar');
    expect(hits(b.store)).toEqual(['note']);
  });

  it('follows what another panel wrote once the records are read again', async () => {
    const { store, repo } = await freshStore();
    const v = await repo.saveVolunteer({ ...base, name: 'Mette Holm' });
    await repo.saveNote({ volunteerIds: [v.id], text: 'Kaffe fredag', lenses: [], tags: [] });
    await store.refresh();
    await store.search.settled();
    store.search.setQuery('kaffe');
    expect(hits(store)).toEqual(['note']);

    await repo.saveVolunteer({ ...base, id: v.id, name: 'Mette Lund' });
    await store.records.load();
    store.search.setQuery('lund');
    // The note carries her name too, so the rename reaches it.
    expect(hits(store)).toEqual(['note', 'volunteer']);
    store.search.setQuery('holm');
    expect(hits(store)).toEqual([]);

    await repo.eraseVolunteer(v.id);
    await store.records.load();
    store.search.setQuery('kaffe');
    expect(hits(store)).toEqual([]);
  });

  it('follows edits, deletions and renames made through the store', async () => {
    const { store } = await freshStore();
    const v = await store.records.saveVolunteer({ ...base, name: 'Ali' });
    const n = await store.records.saveNote({
      volunteerIds: [v.id],
      text: 'Træt efter sommerlejren',
      lenses: ['belastning'],
      tags: [],
    });
    store.search.setQuery('sommerlejren');
    expect(hits(store)).toEqual(['note']);

    await store.records.saveNote({ ...n, text: 'Udhvilet igen' });
    expect(hits(store)).toEqual([]);
    store.search.setQuery('udhvilet');
    expect(hits(store)).toEqual(['note']);

    await store.records.saveVolunteer({ ...base, id: v.id, name: 'Alia' });
    store.search.setQuery('alia');
    expect(hits(store)).toEqual(['note', 'volunteer']);

    await store.records.deleteNote(n.id);
    store.search.setQuery('udhvilet');
    expect(hits(store)).toEqual([]);
  });

  it('indexes a large load in slices, showing progress, and settles complete', async () => {
    const { store, repo } = await freshStore();
    const v = await repo.saveVolunteer({ ...base, name: 'Bo' });
    for (let i = 0; i < 3200; i++)
      await repo.saveNote({ volunteerIds: [v.id], text: `note ${i}`, lenses: [], tags: [] });
    const loading = store.records.load();
    await loading;
    expect(store.search.indexed.value).toBeLessThan(1);
    await store.search.settled();
    expect(store.search.indexed.value).toBe(1);
    store.search.setQuery('note');
    expect(store.search.results.value?.total).toBe(3200);
  });

  it('plans an import as a dry run and changes nothing until applied', async () => {
    const a = await freshStore();
    await a.store.records.saveVolunteer({ ...base, name: 'Søren' });
    const { text } = await a.store.transfer.exportJson({ plain: true });

    const b = await freshStore();
    const plan = await b.store.transfer.readFile(text);
    expect(plan?.summary.volunteers).toEqual({ new: 1, updated: 0, conflicting: 0, unchanged: 0 });
    expect(await b.repo.listVolunteers()).toEqual([]);
    expect(await b.store.transfer.apply()).toBe(true);
    expect(b.store.records.sortedVolunteers.value.map((v) => v.name)).toEqual(['Søren']);

    expect(await b.store.transfer.readFile('{"format":"samskab-notes"')).toBeNull();
    expect(b.store.transfer.problem.value?.code).toBe('import.error.json');
  });

  it('applies the organisation’s retention over the leader’s own choice, and keeps it stored', async () => {
    const name = `store-${Math.random()}`;
    const own = createSidebarStore({ repo: await openRepo({ name }) });
    await own.start();
    await own.records.saveSettings({ retentionMonths: 36 });

    const managed = createSidebarStore({ repo: await openRepo({ name }) });
    await managed.start();
    await managed.applyRetentionPolicy(6);
    expect(managed.records.settings.value.retentionMonths).toBe(6);
    // Stored, so the background worker's review reminders follow it too.
    expect((await (await openRepo({ name })).getSettings()).retentionMonths).toBe(6);

    const unmanaged = createSidebarStore({ repo: await openRepo({ name }) });
    await unmanaged.start();
    expect(unmanaged.records.settings.value.retentionMonths).toBe(6);
  });
});

describe('the first read (the panel opens before its interface is loaded)', () => {
  it('starts from it: plain volunteers are there before start returns, notes follow', async () => {
    const name = `first-${Math.random()}`;
    const seed = await openRepo({ name });
    const v = await seed.saveVolunteer({ ...base, name: 'Aase Kjær' });
    await seed.saveNote({ volunteerIds: [v.id], text: 'Glad for kørsel', lenses: [], tags: [] });
    await seed.saveSettings({ quietWeeks: 7 });
    seed.close();

    const first = await firstRead({}, name);
    expect(first.keyring).toBeUndefined();
    const repo = await openRepo({ db: first.db });
    const store = createSidebarStore({ repo });
    const started = store.start(first);
    // Synchronously: the panel's first render already holds the list.
    expect(store.records.sortedVolunteers.value.map((x) => x.name)).toEqual(['Aase Kjær']);
    expect(store.records.settings.value.quietWeeks).toBe(7);
    expect(store.records.loaded.value).toBe(false);
    await started;
    expect(store.records.loaded.value).toBe(true);
    store.search.setQuery('korsel');
    expect(store.search.results.value?.hits.map((h) => h.kind)).toEqual(['note']);
    repo.close();
  });

  it('opens sealed volunteers from it with the key; the sweep then finds nothing plain', async () => {
    const name = `first-sealed-${Math.random()}`;
    const seed = await openRepo({ name });
    const v = await seed.saveVolunteer({ ...base, name: 'Ida Østergaard' });
    await seed.saveNote({ volunteerIds: [v.id], text: 'Tak for i går', lenses: [], tags: [] });
    const { keyring, vault } = await createVault('korrekt hest batteri hæfteklamme', {
      kdf: { memoryKiB: 64, iterations: 1 },
    });
    await seed.lockAtRest(keyring, vault);
    seed.close();

    const first = await firstRead({}, name);
    expect(first.keyring).toBeDefined();
    expect(JSON.stringify(first.volunteers)).not.toContain('Ida');
    const repo = await openRepo({ db: first.db, vault });
    const store = createSidebarStore({ repo });
    await store.start(first);
    expect(store.records.sortedVolunteers.value.map((x) => x.name)).toEqual(['Ida Østergaard']);
    expect([...store.records.notes.value.values()].map((n) => n.text)).toEqual(['Tak for i går']);
    expect(await repo.sweep({ seen: true })).toBe(0);
    repo.close();
  });
});
