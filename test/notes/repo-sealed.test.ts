import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { planImport } from '../../src/notes/backup.js';
import { openRepo } from '../../src/notes/repo.js';
import { createVault, unlockWithPassphrase } from '../../src/notes/vault.js';

const FAST = { kdf: { memoryKiB: 64, iterations: 1 } };
const PASS = 'korrekt hest batteri hæfteklamme';
const SECRETS = ['Søren Ågård', 'søren@example.dk', 'mistede sin mand i foråret', 'sorgramt'];

/** Every value in every store, as the disk holds it, as one string. */
async function rawText(name: string) {
  const db = await openDB(name);
  const out: string[] = [];
  for (const store of db.objectStoreNames) {
    for (const value of await db.getAll(store))
      out.push(
        JSON.stringify(value, (_k, v) =>
          v instanceof ArrayBuffer || ArrayBuffer.isView(v)
            ? new TextDecoder().decode(v as ArrayBuffer)
            : v,
        ),
      );
  }
  db.close();
  return out.join('\n');
}

async function seeded() {
  const name = `sealed-${Math.random()}`;
  const repo = await openRepo({ name });
  const v = await repo.saveVolunteer({
    name: SECRETS[0]!,
    contact: SECRETS[1]!,
    roles: ['Besøgsven'],
    tags: [SECRETS[3]!],
    status: 'active',
  });
  const note = await repo.saveNote({
    volunteerIds: [v.id],
    text: SECRETS[2]!,
    lenses: ['belastning'],
    tags: [SECRETS[3]!],
  });
  await repo.saveFollowUp({
    volunteerId: v.id,
    noteId: note.id,
    text: `Ring til ${SECRETS[0]}`,
    due: '2026-12-01T09:00:00.000Z',
    done: false,
  });
  const page = { key: 'intra.kommune.dk/sag?id=4711', site: 'intra.kommune.dk' };
  await repo.linkPage(page, { kind: 'volunteer', id: v.id }, `Sag om ${SECRETS[0]}`);
  return { name, repo, v, note, page };
}

describe('notes locked at rest', () => {
  it('leaves no name, contact, note text, tag or page on disk, and reads everything back', async () => {
    const { name, repo, v, page } = await seeded();
    expect(await rawText(name)).toContain(SECRETS[2]);
    const { keyring, vault } = await createVault(PASS, FAST);
    const fractions: number[] = [];
    await repo.lockAtRest(keyring, vault, (f) => fractions.push(f));
    expect(fractions.at(-1)).toBe(1);

    const raw = await rawText(name);
    for (const secret of [...SECRETS, 'intra.kommune.dk/sag', 'Besøgsven', 'belastning'])
      expect(raw).not.toContain(secret);

    expect((await repo.listVolunteers())[0]).toMatchObject({
      name: SECRETS[0],
      tags: [SECRETS[3]],
    });
    expect((await repo.notesFor(v.id))[0]?.text).toBe(SECRETS[2]);
    expect((await repo.linksForPage(page.key)).map((l) => l.target.id)).toEqual([v.id]);
    expect((await repo.linksForSite(page.site)).length).toBe(1);
    // The alarms can still be set while nobody has unlocked.
    expect(await repo.followUpTimes()).toEqual([
      { id: expect.any(String), due: '2026-12-01T09:00:00.000Z', done: false },
    ]);
    repo.close();
  });

  it('cannot read the sealed records without the key, nor with another vault’s', async () => {
    const { name, repo } = await seeded();
    const { keyring, vault } = await createVault(PASS, FAST);
    await repo.lockAtRest(keyring, vault);
    repo.close();

    const locked = await openRepo({ name });
    expect(await locked.keyring()).toBeDefined();
    await expect(locked.listNotes()).rejects.toThrow();
    locked.useVault((await createVault(PASS, FAST)).vault);
    await expect(locked.listNotes()).rejects.toThrow();
    locked.useVault((await unlockWithPassphrase(keyring, PASS))!);
    expect((await locked.listNotes())[0]?.text).toBe(SECRETS[2]);
    locked.close();
  });

  it('writes new and edited records sealed, and exports them readable', async () => {
    const { name, repo, v } = await seeded();
    const { keyring, vault } = await createVault(PASS, FAST);
    await repo.lockAtRest(keyring, vault);
    await repo.saveNote({ volunteerIds: [v.id], text: 'ny hemmelighed', lenses: [], tags: [] });
    await repo.saveVolunteer({ ...v, name: 'Søren Ågård Holm' });
    expect(await rawText(name)).not.toMatch(/ny hemmelighed|Holm/);
    const backup = await repo.exportAll();
    expect(backup.notes.map((n) => n.text).sort()).toEqual([
      'mistede sin mand i foråret',
      'ny hemmelighed',
    ]);
    expect(backup.volunteers[0]?.name).toBe('Søren Ågård Holm');
    repo.close();
  });

  it('seals what a panel wrote plain after the lock (the sweep)', async () => {
    const { name, repo } = await seeded();
    const { keyring, vault } = await createVault(PASS, FAST);
    await repo.lockAtRest(keyring, vault);
    // A panel that had not heard: its plain codec writes a plain note.
    const stale = await openRepo({ name });
    await stale.saveNote({
      volunteerIds: [],
      text: 'skrevet af et gammelt panel',
      lenses: [],
      tags: [],
    });
    stale.close();
    expect(await rawText(name)).toContain('skrevet af et gammelt panel');
    expect(await repo.sweep()).toBe(1);
    expect(await rawText(name)).not.toContain('skrevet af et gammelt panel');
    expect((await repo.listNotes()).map((n) => n.text)).toContain('skrevet af et gammelt panel');
    repo.close();
  });

  it('sweeps, after the panel has read, only where reading met a plain record', async () => {
    const { name, repo } = await seeded();
    const { keyring, vault } = await createVault(PASS, FAST);
    await repo.lockAtRest(keyring, vault);
    // Nothing plain read yet: the panel's scoped sweep has nothing to do.
    await repo.readRecords();
    expect(await repo.sweep({ seen: true })).toBe(0);
    const stale = await openRepo({ name });
    await stale.saveNote({ volunteerIds: [], text: 'skrevet plain', lenses: [], tags: [] });
    stale.close();
    // Not read yet, so not seen: the scoped sweep leaves it for the next read.
    expect(await repo.sweep({ seen: true })).toBe(0);
    const read = await repo.readRecords(undefined, 1);
    expect(read.notes.map((n) => n.text).sort()).toEqual([
      'mistede sin mand i foråret',
      'skrevet plain',
    ]);
    expect(await rawText(name)).toContain('skrevet plain');
    expect(await repo.sweep({ seen: true })).toBe(1);
    expect(await rawText(name)).not.toContain('skrevet plain');
    expect(await repo.sweep({ seen: true })).toBe(0);
    repo.close();
  });

  it('reads everything in one go, opening sealed records only after `before`', async () => {
    const { name, repo, v } = await seeded();
    const { keyring, vault } = await createVault(PASS, FAST);
    await repo.lockAtRest(keyring, vault);
    repo.close();
    let opened = 0;
    const sealed = await openRepo({ name, vault });
    const decrypt = crypto.subtle.decrypt.bind(crypto.subtle);
    const spy = (async (...args: Parameters<typeof decrypt>) => {
      opened++;
      return decrypt(...args);
    }) as typeof decrypt;
    crypto.subtle.decrypt = spy;
    try {
      let release = () => {};
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const reading = sealed.readRecords(gate, 1);
      // Give the read every chance to finish: nothing is opened before the gate.
      for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
      expect(opened).toBe(0);
      release();
      const read = await reading;
      expect(opened).toBeGreaterThan(0);
      expect(read.volunteers.map((x) => x.name)).toEqual([SECRETS[0]]);
      expect(read.notes[0]?.volunteerIds).toEqual([v.id]);
      expect(read.followUps[0]?.text).toBe(`Ring til ${SECRETS[0]}`);
      expect(read.pageLinks).toHaveLength(1);
      expect(read.settings.lockAfterMinutes).toBeGreaterThan(0);
    } finally {
      crypto.subtle.decrypt = decrypt;
      sealed.close();
    }
  });

  it('opens the notes again: every record plain, the keyring gone', async () => {
    const { name, repo, page } = await seeded();
    const { keyring, vault } = await createVault(PASS, FAST);
    await repo.lockAtRest(keyring, vault);
    await repo.openAtRest();
    expect(await repo.keyring()).toBeUndefined();
    expect(await rawText(name)).toContain(SECRETS[2]);
    expect((await repo.linksForPage(page.key)).length).toBe(1);
    repo.close();
    const plain = await openRepo({ name });
    expect((await plain.listVolunteers())[0]?.name).toBe(SECRETS[0]);
    plain.close();
  });

  it('changes nothing when sealing fails halfway', async () => {
    const { name, repo } = await seeded();
    const before = await rawText(name);
    const { keyring, vault } = await createVault(PASS, FAST);
    // A keyring IndexedDB cannot store fails the one transaction after every put was queued.
    const broken = { ...keyring, prfSalt: (() => {}) as never };
    await expect(repo.lockAtRest(broken, vault)).rejects.toThrow();
    expect(await rawText(name)).toBe(before);
    expect(await repo.keyring()).toBeUndefined();
    expect((await repo.listNotes())[0]?.text).toBe(SECRETS[2]);
    repo.close();
  });

  it('carries the weekly reflection in a backup, and seals it again on import', async () => {
    const { repo } = await seeded();
    await repo.weeks.save({
      weekStart: '2026-11-30',
      answers: [
        { questionId: 'presence', question: 'Hvem talte jeg med?', answer: 'Søren, længe' },
      ],
      load: 4,
    });
    const backup = await repo.exportAll();
    expect(backup.leaderWeeks.map((w) => w.answers[0]?.answer)).toEqual(['Søren, længe']);

    const name = `sealed-import-${Math.random()}`;
    const target = await openRepo({ name });
    const { keyring, vault } = await createVault(PASS, FAST);
    await target.lockAtRest(keyring, vault);
    const planned = planImport(backup, await target.snapshotIds());
    expect(planned.ok && planned.value.summary.leaderWeeks.new).toBe(1);
    if (planned.ok) await target.applyImport(planned.value);
    expect((await target.weeks.list()).map((w) => w.load)).toEqual([4]);
    expect(await rawText(name)).not.toContain('Søren, længe');
    target.close();
    repo.close();
  });
});
