import { LeaderWeek, WeekAnswer } from '../../src/schemas/leader-week.js';
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { isSidebarKey, sidebarDa, sidebarEn } from '../../src/i18n/sidebar/index.js';
import {
  type BackupProblem,
  describeProblem,
  planImport,
  readBackup,
} from '../../src/notes/backup.js';
import { openRepo } from '../../src/notes/repo.js';
import { BackupHeader } from '../../src/schemas/backup.js';
import { FollowUp } from '../../src/schemas/follow-up.js';
import { Note, Quote } from '../../src/schemas/note.js';
import { LinkTarget, PageLink } from '../../src/schemas/page-link.js';
import { Settings } from '../../src/schemas/settings.js';
import { Volunteer } from '../../src/schemas/volunteer.js';

const fresh = () => openRepo({ name: `backup-${Math.random()}` });
const base = { contact: '', roles: [], tags: [], status: 'active' as const };

async function seeded() {
  const repo = await fresh();
  const v = await repo.saveVolunteer({ ...base, name: 'Søren Ågård' });
  await repo.saveNote({
    volunteerIds: [v.id],
    text: 'Motiveret',
    lenses: ['motivation'],
    tags: [],
  });
  await repo.linkPage(
    { key: 'intra.dk/sag?id=1', site: 'intra.dk' },
    { kind: 'volunteer', id: v.id },
  );
  return { repo, v };
}

describe('reading a backup', () => {
  it('round-trips an export through JSON', async () => {
    const { repo } = await seeded();
    const backup = await repo.exportAll();
    const read = await readBackup(JSON.stringify(backup));
    expect(read).toEqual({ ok: true, value: backup });
  });

  it('reads a file written before the weekly reflection existed', async () => {
    const { repo } = await seeded();
    const { leaderWeeks: _, ...older } = await repo.exportAll();
    const read = await readBackup(JSON.stringify(older));
    expect(read.ok && read.value.leaderWeeks).toEqual([]);
  });

  it('says where a cut-short file ends', async () => {
    const read = await readBackup('{\n "format": "samskab-notes",\n "version": 1,\n "notes": [');
    expect(read).toMatchInlineSnapshot(`
      {
        "ok": false,
        "problem": {
          "code": "import.error.json",
          "column": 12,
          "line": 4,
          "path": [],
        },
      }
    `);
  });

  it('names the record and field of an invalid value', async () => {
    const { repo } = await seeded();
    const backup = await repo.exportAll();
    const bad = structuredClone(backup);
    bad.volunteers[0]!.name = '   ';
    expect(await readBackup(JSON.stringify(bad))).toMatchInlineSnapshot(`
      {
        "ok": false,
        "problem": {
          "code": "import.error.field",
          "detail": "error.volunteer.name.required",
          "path": [
            "volunteers",
            0,
            "name",
          ],
        },
      }
    `);
  });

  it('refuses other files, other versions, duplicate ids and polluting keys', async () => {
    const { repo } = await seeded();
    const backup = await repo.exportAll();
    const code = async (value: unknown) => {
      const r = await readBackup(JSON.stringify(value));
      return r.ok ? 'ok' : r.problem.code;
    };
    expect(await code([1, 2])).toBe('import.error.notObject');
    expect(await code({ ...backup, format: 'memex' })).toBe('import.error.format');
    expect(await code({ ...backup, version: 2 })).toBe('import.error.version');
    expect(await code({ ...backup, notes: 'none' })).toBe('import.error.field');
    expect(
      await code({ ...backup, volunteers: [backup.volunteers[0], backup.volunteers[0]] }),
    ).toBe('import.error.duplicate');
    const hostile = `{"__proto__":{"polluted":1},${JSON.stringify(backup).slice(1)}`;
    const read = await readBackup(hostile);
    expect(read.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // A "__proto__" site is dropped by the schema, never assigned as a prototype.
    const sneaky = await readBackup(
      JSON.stringify({ ...backup, settings: JSON.parse('{"siteParams":{"__proto__":["id"]}}') }),
    );
    expect(sneaky.ok && Object.keys(sneaky.value.settings?.siteParams ?? {})).toEqual([]);
    expect(Object.getPrototypeOf(sneaky.ok && sneaky.value.settings?.siteParams)).toBe(
      Object.prototype,
    );
    expect(await code({ ...backup, settings: { siteParams: { 'Bad Host!': ['id'] } } })).toBe(
      'import.error.field',
    );
  });
});

describe('planning an import', () => {
  it('counts new, updated, conflicting and unchanged records by id and updatedAt', async () => {
    const { repo, v } = await seeded();
    const backup = await repo.exportAll();
    const current = await repo.snapshotIds();
    expect(
      planImport(backup, current).ok &&
        (planImport(backup, current) as { value: { summary: unknown } }).value.summary,
    ).toEqual({
      volunteers: { new: 0, updated: 0, conflicting: 0, unchanged: 1 },
      notes: { new: 0, updated: 0, conflicting: 0, unchanged: 1 },
      followUps: { new: 0, updated: 0, conflicting: 0, unchanged: 0 },
      pageLinks: { new: 0, updated: 0, conflicting: 0, unchanged: 1 },
      leaderWeeks: { new: 0, updated: 0, conflicting: 0, unchanged: 0 },
    });

    const file = structuredClone(backup);
    file.volunteers[0] = { ...v, name: 'Søren Å.', updatedAt: '2099-01-01T00:00:00.000Z' };
    file.notes[0] = {
      ...file.notes[0]!,
      text: 'ældre tekst',
      updatedAt: '2000-01-01T00:00:00.000Z',
    };
    file.volunteers.push({ ...v, id: 'new-one', name: 'Ny' });
    const plan = planImport(file, current);
    if (!plan.ok) throw new Error('plan failed');
    expect(plan.value.summary.volunteers).toEqual({
      new: 1,
      updated: 1,
      conflicting: 0,
      unchanged: 0,
    });
    expect(plan.value.summary.notes).toEqual({ new: 0, updated: 0, conflicting: 1, unchanged: 0 });
    expect(plan.value.writes.map((w) => w.value.id).sort()).toEqual([v.id, 'new-one'].sort());
  });

  it('refuses references to volunteers that exist neither in the file nor here', async () => {
    const { repo } = await seeded();
    const backup = await repo.exportAll();
    backup.notes[0]!.volunteerIds = ['ghost'];
    const empty = await (await fresh()).snapshotIds();
    expect(planImport({ ...backup, volunteers: [] }, empty)).toEqual({
      ok: false,
      problem: { code: 'import.error.reference', path: ['notes', 0, 'volunteerIds', 0] },
    });
  });

  it('imports all or nothing: a failing write leaves the database as it was', async () => {
    const { repo } = await seeded();
    const target = await fresh();
    const backup = await repo.exportAll();
    const plan = planImport(backup, await target.snapshotIds());
    if (!plan.ok) throw new Error('plan failed');
    // A record without its key path makes IndexedDB reject the put mid-transaction.
    const broken = {
      ...plan.value,
      writes: [...plan.value.writes, { store: 'notes' as const, value: {} as never }],
    };
    await expect(target.applyImport(broken)).rejects.toThrow();
    expect(await target.snapshotIds()).toEqual({
      volunteers: [],
      notes: [],
      followUps: [],
      pageLinks: [],
      leaderWeeks: [],
    });

    await target.applyImport(plan.value);
    const again = await target.exportAll();
    expect([again.volunteers, again.notes, again.pageLinks]).toEqual([
      backup.volunteers,
      backup.notes,
      backup.pageLinks,
    ]);
  });
});

describe('describing a refusal', () => {
  const both = (problem: BackupProblem) => [
    describeProblem(problem, 'da'),
    describeProblem(problem, 'en'),
  ];

  it('names sections, positions and fields in the leader’s language, in whole sentences', async () => {
    const { repo } = await seeded();
    const bad = structuredClone(await repo.exportAll()) as unknown as {
      notes: Record<string, unknown>[];
    };
    bad.notes[0]!.createdAt = '<img src=x onerror=alert(1)>';
    const read = await readBackup(JSON.stringify(bad));
    if (read.ok) throw new Error('accepted');
    expect(both(read.problem)).toMatchInlineSnapshot(`
      [
        "En værdi i filen er ugyldig: ugyldigt tidspunkt. Fejlen er i Noter, nr. 1, feltet “Oprettet”.",
        "A value in the file is invalid: invalid time. The problem is in Notes, no. 1, field “Created”.",
      ]
    `);
    expect(
      both({
        code: 'import.error.field',
        path: ['notes', 0, 'lenses', 1],
        detail: 'error.note.lens',
      }),
    ).toMatchInlineSnapshot(`
      [
        "En værdi i filen er ugyldig: ukendt emne. Fejlen er i Noter, nr. 1, feltet “Handler om”, nr. 2.",
        "A value in the file is invalid: unknown topic. The problem is in Notes, no. 1, field “About”, no. 2.",
      ]
    `);
    expect(
      both({ code: 'import.error.reference', path: ['notes', 2, 'volunteerIds', 0] }),
    ).toMatchInlineSnapshot(`
      [
        "Filen henviser til en frivillig eller note, som hverken findes i filen eller her. Fejlen er i Noter, nr. 3, feltet “Frivillige”, nr. 1.",
        "The file refers to a volunteer or note that is neither in the file nor here. The problem is in Notes, no. 3, field “Volunteers”, no. 1.",
      ]
    `);
    expect(
      both({
        code: 'import.error.field',
        path: ['notes', 0, 'quote', 'text'],
        detail: 'error.note.quote.required',
      }),
    ).toMatchInlineSnapshot(`
      [
        "En værdi i filen er ugyldig: citatet er tomt. Fejlen er i Noter, nr. 1, feltet “Citat – Tekst”.",
        "A value in the file is invalid: the quote is empty. The problem is in Notes, no. 1, field “Quote – Text”.",
      ]
    `);
    expect(both({ code: 'import.error.format', path: ['format'] })).toMatchInlineSnapshot(`
      [
        "Filen er ikke en Samskab-sikkerhedskopi: den mangler Samskabs mærke, eller mærket er forkert. Fejlen er i feltet “Format”.",
        "The file is not a Samskab backup: it lacks Samskab’s mark, or the mark is wrong. The problem is in field “Format”.",
      ]
    `);
    expect(
      both({
        code: 'import.error.field',
        path: ['settings', 'siteParams', 'Bad Host!'],
        detail: 'error.settings.site',
      }),
    ).toMatchInlineSnapshot(`
      [
        "En værdi i filen er ugyldig: ugyldigt websted. Fejlen er i Indstillinger, feltet “Identificerende parametre – Bad Host!”.",
        "A value in the file is invalid: invalid site. The problem is in Settings, field “Identifying parameters – Bad Host!”.",
      ]
    `);
  });

  it('has a name in both languages for every field a backup can hold', () => {
    const shapes = [
      BackupHeader,
      Volunteer,
      Note,
      Quote,
      FollowUp,
      PageLink,
      LinkTarget,
      LeaderWeek,
      WeekAnswer,
      Settings,
    ];
    const fields = new Set(shapes.flatMap((schema) => Object.keys(schema.shape)));
    for (const field of fields) {
      const key = `import.field.${field}`;
      expect([key, isSidebarKey(key)]).toEqual([key, true]);
      expect(sidebarEn[key as keyof typeof sidebarDa]).not.toBe(key);
    }
    expect(sidebarDa['import.field.volunteerIds']).toBe('Frivillige');
  });
});
