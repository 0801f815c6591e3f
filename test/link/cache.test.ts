// The offline copy lives in a database of its own, apart from the notes, and
// goes whole; what IT sets by policy is read only when it has the right shape.
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { idbSnapshotCache, LINK_DB_NAME } from '../../src/link/cache.js';
import { readManaged } from '../../src/link/managed.js';
import { DB_NAME } from '../../src/notes/db.js';
import type { SidepanelSnapshot } from '../../src/schemas/sidepanel.js';

const snapshot: SidepanelSnapshot = {
  fetchedAt: '2026-12-04T09:30:00.000Z',
  person: 'Mette',
  inbox: [],
  today: [],
  followUps: [],
  pulse: [],
};

describe('the snapshot cache', () => {
  it('is its own database, never the notes’', async () => {
    expect(LINK_DB_NAME).toBe('samskab-link');
    expect(LINK_DB_NAME).not.toBe(DB_NAME);
    const cache = idbSnapshotCache();
    await cache.write({ server: 'https://s.dk', snapshot });
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).toContain('samskab-link');
    expect(names).not.toContain(DB_NAME);
    await cache.erase();
  });

  it('keeps the last snapshot and erases it whole', async () => {
    const cache = idbSnapshotCache('cache-test-1');
    expect(await cache.read()).toBeNull();
    await cache.write({ server: 'https://s.dk', snapshot });
    expect(await cache.read()).toEqual({ server: 'https://s.dk', snapshot });
    await cache.erase();
    expect(await cache.read()).toBeNull();
  });

  it('drops a damaged copy rather than show it', async () => {
    const cache = idbSnapshotCache('cache-test-2');
    await cache.write({ server: 'https://s.dk', snapshot });
    const db = await openDB('cache-test-2', 1);
    await db.put('snapshot', { server: 'https://s.dk', snapshot: { inbox: 'x' } }, 'current');
    db.close();
    expect(await idbSnapshotCache('cache-test-2').read()).toBeNull();
  });
});

describe('the managed settings', () => {
  it('keeps serverUrl and retentionMonths when they have the right shape', () => {
    expect(readManaged({ serverUrl: ' https://s.dk ', retentionMonths: 12, other: 1 })).toEqual({
      serverUrl: 'https://s.dk',
      retentionMonths: 12,
    });
    expect(readManaged({ serverUrl: '', retentionMonths: 200 })).toEqual({});
    expect(readManaged({ serverUrl: 3, retentionMonths: 1.5 })).toEqual({});
    expect(readManaged({ retentionMonths: 0 })).toEqual({ retentionMonths: 0 });
    expect(readManaged(null)).toEqual({});
  });

  it('matches the schema IT writes against', async () => {
    const { readFileSync } = await import('node:fs');
    const schema = JSON.parse(readFileSync('src/extension-public/managed_schema.json', 'utf8'));
    expect(Object.keys(schema.properties).sort()).toEqual(['retentionMonths', 'serverUrl']);
    expect(schema.properties.retentionMonths).toMatchObject({ type: 'integer', maximum: 120 });
  });
});
