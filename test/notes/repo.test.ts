import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openRepo } from '../../src/notes/repo.js';

const fresh = () => openRepo({ name: `repo-${Math.random()}` });
const base = { contact: '', roles: [], tags: [], status: 'active' as const };

describe('the notes repository', () => {
  it('keeps createdAt and moves updatedAt when a record is edited', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const repo = await openRepo({ name: `repo-${Math.random()}`, now: () => new Date(clock) });
    const v = await repo.saveVolunteer({ ...base, name: 'Mette' });
    clock += 60_000;
    const edited = await repo.saveVolunteer({ ...v, name: 'Mette Aagaard' });
    expect(edited.createdAt).toBe(v.createdAt);
    expect(Date.parse(edited.updatedAt) - Date.parse(v.updatedAt)).toBe(60_000);
    expect(await repo.listVolunteers()).toEqual([edited]);
  });

  it('links a page once, however often the leader clicks', async () => {
    const repo = await fresh();
    const page = { key: 'intra.dk/sag?id=1', site: 'intra.dk' };
    const a = await repo.linkPage(page, { kind: 'volunteer', id: 'v1' });
    const b = await repo.linkPage(page, { kind: 'volunteer', id: 'v1' });
    expect(b.id).toBe(a.id);
    expect(await repo.linksForPage(page.key)).toHaveLength(1);
  });

  it('erases a volunteer with their own notes, follow-ups and links, and unlinks shared notes', async () => {
    const repo = await fresh();
    const soren = await repo.saveVolunteer({ ...base, name: 'Søren' });
    const mette = await repo.saveVolunteer({ ...base, name: 'Mette' });
    const own = await repo.saveNote({
      volunteerIds: [soren.id],
      text: 'kun Søren',
      lenses: [],
      tags: [],
    });
    const shared = await repo.saveNote({
      volunteerIds: [soren.id, mette.id],
      text: 'begge',
      lenses: [],
      tags: [],
    });
    const page = { key: 'intra.dk/a', site: 'intra.dk' };
    await repo.linkPage(page, { kind: 'volunteer', id: soren.id });
    await repo.linkPage(page, { kind: 'note', id: own.id });
    const sharedLink = await repo.linkPage(page, { kind: 'note', id: shared.id });
    await repo.saveFollowUp({
      volunteerId: soren.id,
      text: 'ring',
      due: '2026-02-01T09:00:00.000Z',
      done: false,
    });
    await repo.saveFollowUp({
      noteId: own.id,
      text: 'læs igen',
      due: '2026-02-01T09:00:00.000Z',
      done: false,
    });
    const mettes = await repo.saveFollowUp({
      volunteerId: mette.id,
      text: 'tak',
      due: '2026-02-01T09:00:00.000Z',
      done: false,
    });

    const erased = await repo.eraseVolunteer(soren.id);

    expect(erased.deletedNoteIds).toEqual([own.id]);
    expect(await repo.listVolunteers()).toEqual([mette]);
    expect((await repo.listNotes()).map((x) => [x.id, x.volunteerIds])).toEqual([
      [shared.id, [mette.id]],
    ]);
    expect(await repo.listFollowUps()).toEqual([mettes]);
    expect(await repo.listPageLinks()).toEqual([sharedLink]);
  });

  it('deleting a note takes its follow-ups and page links with it', async () => {
    const repo = await fresh();
    const note = await repo.saveNote({ volunteerIds: [], text: 'x', lenses: [], tags: [] });
    await repo.linkPage({ key: 'a.dk', site: 'a.dk' }, { kind: 'note', id: note.id });
    await repo.saveFollowUp({
      noteId: note.id,
      text: 'y',
      due: '2026-02-01T09:00:00.000Z',
      done: false,
    });
    await repo.deleteNote(note.id);
    expect(await repo.listNotes()).toEqual([]);
    expect(await repo.listPageLinks()).toEqual([]);
    expect(await repo.listFollowUps()).toEqual([]);
  });
});
