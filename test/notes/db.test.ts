import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, openNotesDb } from '../../src/notes/db.js';
import { openRepo } from '../../src/notes/repo.js';

let n = 0;
const fresh = () => `db-test-${n++}-${Math.random()}`;
const at = '2025-05-01T08:00:00.000Z';

/** Writes a database exactly as schema version 1 did: one volunteer per note. */
async function writeVersion1(name: string) {
  const db = await openDB(name, 1, {
    upgrade(d) {
      d.createObjectStore('volunteers', { keyPath: 'id' });
      d.createObjectStore('notes', { keyPath: 'id' }).createIndex('by-volunteer', 'volunteerId');
      d.createObjectStore('follow-ups', { keyPath: 'id' }).createIndex('by-due', 'due');
    },
  });
  await db.put('volunteers', {
    id: 'v1',
    name: 'Søren Ågård',
    contact: '',
    roles: [],
    tags: [],
    status: 'active',
    createdAt: at,
    updatedAt: at,
  });
  await db.put('notes', {
    id: 'n1',
    volunteerId: 'v1',
    text: 'Første note',
    createdAt: at,
    updatedAt: at,
  });
  await db.put('notes', { id: 'n2', text: 'Uden frivillig', createdAt: at, updatedAt: at });
  await db.put('follow-ups', {
    id: 'f1',
    volunteerId: 'v1',
    text: 'Ring',
    due: at,
    done: false,
    createdAt: at,
    updatedAt: at,
  });
  db.close();
}

describe('database migrations', () => {
  it('opens a database written by schema version 1 with the current code', async () => {
    const name = fresh();
    await writeVersion1(name);
    const repo = await openRepo({ name });
    const notes = await repo.listNotes();
    expect(notes.find((x) => x.id === 'n1')).toEqual({
      id: 'n1',
      volunteerIds: ['v1'],
      lenses: [],
      tags: [],
      text: 'Første note',
      createdAt: at,
      updatedAt: at,
    });
    expect(notes.find((x) => x.id === 'n2')?.volunteerIds).toEqual([]);
    expect((await repo.notesFor('v1')).map((x) => x.id)).toEqual(['n1']);
    // Stores added by later versions work on the upgraded database.
    const link = await repo.linkPage(
      { key: 'intra.dk/sag?id=1', site: 'intra.dk' },
      { kind: 'volunteer', id: 'v1' },
    );
    expect((await repo.linksForSite('intra.dk')).map((l) => l.id)).toEqual([link.id]);
    expect((await repo.getSettings()).quietWeeks).toBe(4);
    expect(await repo.listFollowUps()).toHaveLength(1);
    repo.close();
  });

  it('creates the current schema from nothing', async () => {
    const db = await openNotesDb(fresh());
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'follow-ups',
      'leader-weeks',
      'meta',
      'notes',
      'page-links',
      'vault',
      'volunteers',
    ]);
    expect([...db.transaction('notes').store.indexNames].sort()).toEqual([
      'by-updatedAt',
      'by-volunteer',
    ]);
    expect([...db.transaction('leader-weeks').store.indexNames]).toEqual(['by-week']);
    db.close();
  });

  it('closes an open connection when a newer version is waiting, and says so', async () => {
    const name = fresh();
    let closed = false;
    await openNotesDb(name, { onClosedForUpgrade: () => (closed = true) });
    // A newer panel asks for version DB_VERSION + 1; without our close it would block.
    const newer = await openDB(name, DB_VERSION + 1);
    expect(closed).toBe(true);
    expect(newer.version).toBe(DB_VERSION + 1);
    newer.close();
  });
});
