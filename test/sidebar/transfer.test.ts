import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createSidebarStore } from '../../entrypoints/sidepanel/store/index.js';
import {
  checkBackupPassphrase,
  createTransfer,
} from '../../entrypoints/sidepanel/store/transfer.js';
import { openRepo } from '../../src/notes/repo.js';
import { ARGON2_DEFAULTS, encryptBackup, isEncryptedBackup } from '../../src/notes/vault.js';

// Argon2 at 64 KiB and one pass: the product's code path, in milliseconds.
const FAST = { kdf: { memoryKiB: 64, iterations: 1 } };
const PASS = 'Lange dage i Ålborg';
const NAME = 'Søren Ågård';
const TEXT = 'Virker træt, har mistet sin mand i foråret';
const TAG = 'omsorg';

/** A store as the panel builds it, and a transfer slice over it with cheap Argon2. */
async function fresh() {
  const now = () => new Date('2026-06-30T12:00:00.000Z');
  const repo = await openRepo({ name: `transfer-${Math.random()}`, now });
  const store = createSidebarStore({ repo, now });
  await store.start();
  return { store, repo, transfer: createTransfer(repo, store.records, now, { vault: FAST }) };
}

/** A store holding one volunteer with one tagged note. */
async function withNote() {
  const f = await fresh();
  const v = await f.store.records.saveVolunteer({
    name: NAME,
    contact: 'soren@example.dk',
    roles: [],
    tags: [TAG],
    status: 'active',
  });
  await f.store.records.saveNote({ volunteerIds: [v.id], text: TEXT, lenses: [], tags: [TAG] });
  return f;
}

const counts = async (repo: Awaited<ReturnType<typeof openRepo>>) => {
  const all = await repo.exportAll();
  return [all.volunteers.length, all.notes.length];
};

describe('backups in the sidebar store', () => {
  it('an encrypted backup cannot be read without its passphrase and imports with it', async () => {
    const a = await withNote();
    const { text, fileName } = await a.transfer.exportJson({ passphrase: PASS });
    expect(fileName).toBe('samskab-backup-2026-06-30.samskab.json');
    expect(isEncryptedBackup(text)).toBe(true);
    for (const secret of [NAME, 'Ågård', TEXT, 'mistet', TAG, 'soren@example.dk'])
      expect(text).not.toContain(secret);

    const b = await fresh();
    expect(await b.transfer.readFile(text)).toBeNull();
    expect(b.transfer.phase.value).toBe('locked');
    expect(b.transfer.plan.value).toBeNull();

    for (const guess of ['', 'Lange dage i Aalborg', PASS.toUpperCase()]) {
      expect(await b.transfer.unlockFile(guess)).toBeNull();
      expect(b.transfer.unlockError.value).toBe('wrong');
      expect(b.transfer.phase.value).toBe('locked');
      expect(b.transfer.plan.value).toBeNull();
    }
    expect(await counts(b.repo)).toEqual([0, 0]);

    // The same passphrase typed with a decomposed "Å" (as macOS may send it) opens it.
    const plan = await b.transfer.unlockFile(PASS.normalize('NFD'));
    expect(b.transfer.unlockError.value).toBeNull();
    expect(b.transfer.phase.value).toBe('planned');
    expect(plan?.summary.volunteers).toEqual({ new: 1, updated: 0, conflicting: 0, unchanged: 0 });
    expect(plan?.summary.notes).toEqual({ new: 1, updated: 0, conflicting: 0, unchanged: 0 });
    // A dry run: nothing is written until the leader says yes.
    expect(await counts(b.repo)).toEqual([0, 0]);

    expect(await b.transfer.apply()).toBe(true);
    expect(await counts(b.repo)).toEqual([1, 1]);
    await b.store.search.settled();
    b.store.search.setQuery('mistet');
    expect(b.store.search.results.value?.hits.map((h) => h.kind)).toEqual(['note']);
    const [theirs, mine] = [await a.repo.exportAll(), await b.repo.exportAll()];
    expect(mine.notes).toEqual(theirs.notes);
    expect(mine.volunteers).toEqual(theirs.volunteers);
  });

  it('encrypts with the product’s Argon2 costs when nothing else is asked', async () => {
    const { store } = await withNote();
    const { text } = await store.transfer.exportJson({ passphrase: PASS });
    const { format, kdf, compression } = JSON.parse(text);
    expect({ format, compression, kdf: { ...kdf, salt: typeof kdf.salt } }).toEqual({
      format: 'samskab-notes-encrypted',
      compression: 'gzip',
      kdf: { ...ARGON2_DEFAULTS, salt: 'string' },
    });
    // The file says its own costs, so a cheap test slice opens what the panel wrote.
    const b = await fresh();
    await b.transfer.readFile(text);
    expect((await b.transfer.unlockFile(PASS))?.summary.notes.new).toBe(1);
    // 64 MiB of Argon2id, twice, on a busy test machine.
  }, 60_000);

  it('exports nothing, and notes no backup, with a passphrase under 10 characters', async () => {
    const { transfer, store } = await withNote();
    expect(store.records.backupDue.value).toBe('never');
    await expect(transfer.exportJson({ passphrase: 'Ålborg 12' })).rejects.toThrow(RangeError);
    expect(transfer.phase.value).toBe('idle');
    expect(store.records.backupDue.value).toBe('never');
  });

  it('checks a new backup passphrase and its repetition as the leader counts characters', () => {
    expect(checkBackupPassphrase('kort', 'kort')).toBe('tooShort');
    expect(checkBackupPassphrase('', '')).toBe('tooShort');
    // Ten characters however "Å" is typed (one code point, or A and a ring).
    expect(checkBackupPassphrase('ÅÅÅÅÅÅÅÅÅÅ'.normalize('NFD'), 'ÅÅÅÅÅÅÅÅÅÅ')).toBeNull();
    expect(checkBackupPassphrase('ÅÅÅÅÅÅÅÅÅ'.normalize('NFD'), 'ÅÅÅÅÅÅÅÅÅ')).toBe('tooShort');
    expect(checkBackupPassphrase(PASS, `${PASS} `)).toBe('mismatch');
    expect(checkBackupPassphrase(PASS, PASS)).toBeNull();
  });

  it('exports a plain backup only when asked, and reads it straight into the dry run', async () => {
    const a = await withNote();
    const { text, fileName } = await a.transfer.exportJson({ plain: true });
    expect(fileName).toBe('samskab-backup-2026-06-30.json');
    expect(isEncryptedBackup(text)).toBe(false);
    expect(JSON.parse(text).notes[0].text).toBe(TEXT);
    expect(a.store.records.backupDue.value).toBeNull();

    const b = await fresh();
    const plan = await b.transfer.readFile(text);
    expect(b.transfer.phase.value).toBe('planned');
    expect(plan?.summary.notes.new).toBe(1);
    expect(await b.transfer.apply()).toBe(true);
    expect(await counts(b.repo)).toEqual([1, 1]);
  });

  it('says a cut-short encrypted file is damaged without asking for its passphrase', async () => {
    const a = await withNote();
    const { text } = await a.transfer.exportJson({ passphrase: PASS });
    const b = await fresh();
    expect(await b.transfer.readFile(text.slice(0, text.length - 40))).toBeNull();
    expect(b.transfer.unlockError.value).toBe('damaged');
    expect(b.transfer.phase.value).toBe('idle');
    expect(b.transfer.problem.value).toBeNull();
    // Nothing waits for a passphrase.
    expect(await b.transfer.unlockFile(PASS)).toBeNull();
    expect(await counts(b.repo)).toEqual([0, 0]);
  });

  it('says an encrypted file whose contents were altered is damaged, and changes nothing', async () => {
    const a = await withNote();
    const { text } = await a.transfer.exportJson({ passphrase: PASS });
    const envelope = JSON.parse(text);
    const at = Math.floor(envelope.data.length / 2);
    const flipped = envelope.data[at] === 'A' ? 'B' : 'A';
    envelope.data = envelope.data.slice(0, at) + flipped + envelope.data.slice(at + 1);

    const b = await fresh();
    await b.transfer.readFile(JSON.stringify(envelope));
    expect(b.transfer.phase.value).toBe('locked');
    expect(await b.transfer.unlockFile(PASS)).toBeNull();
    expect(b.transfer.unlockError.value).toBe('damaged');
    expect(b.transfer.phase.value).toBe('idle');
    expect(await counts(b.repo)).toEqual([0, 0]);
  });

  it('checks what an encrypted file holds as strictly as a plain one', async () => {
    const b = await fresh();
    const orphan = {
      format: 'samskab-notes',
      version: 1,
      exportedAt: '2026-06-01T10:00:00.000Z',
      volunteers: [],
      notes: [
        {
          id: 'n1',
          volunteerIds: ['nobody'],
          text: TEXT,
          lenses: [],
          tags: [],
          createdAt: '2026-06-01T10:00:00.000Z',
          updatedAt: '2026-06-01T10:00:00.000Z',
        },
      ],
      followUps: [],
      pageLinks: [],
    };
    await b.transfer.readFile(await encryptBackup(JSON.stringify(orphan), PASS, FAST));
    expect(await b.transfer.unlockFile(PASS)).toBeNull();
    expect(b.transfer.problem.value).toMatchInlineSnapshot(`
      {
        "code": "import.error.reference",
        "path": [
          "notes",
          0,
          "volunteerIds",
          0,
        ],
      }
    `);
    expect(b.transfer.phase.value).toBe('idle');
    expect(await counts(b.repo)).toEqual([0, 0]);
  });

  it('forgets a file waiting for its passphrase when the leader cancels', async () => {
    const a = await withNote();
    const { text } = await a.transfer.exportJson({ passphrase: PASS });
    const b = await fresh();
    await b.transfer.readFile(text);
    await b.transfer.unlockFile('forkert adgangsfrase');
    b.transfer.cancel();
    expect(b.transfer.phase.value).toBe('idle');
    expect(b.transfer.unlockError.value).toBeNull();
    expect(await b.transfer.unlockFile(PASS)).toBeNull();
    expect(b.transfer.phase.value).toBe('idle');
    expect(await counts(b.repo)).toEqual([0, 0]);
  });
});
