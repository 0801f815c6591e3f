import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { isSealed, plainCodec, type RecordCodec } from '../../src/notes/codec.js';
import { openNotesDb } from '../../src/notes/db.js';
import { openWeeks } from '../../src/notes/weeks.js';

const fresh = () => `weeks-test-${Math.random()}`;

/**
 * A codec that really transforms: everything but the clear fields goes into
 * `sealed` as base64 JSON, so a stored record holds no readable answer.
 */
function base64Codec(): RecordCodec & { encoded: string[] } {
  const encoded: string[] = [];
  return {
    sealed: true,
    encoded,
    async encode(store, record, clear) {
      encoded.push(store);
      const kept: Record<string, unknown> = {};
      const rest: Record<string, unknown> = { ...record };
      for (const k of clear) {
        kept[k as string] = record[k];
        delete rest[k as string];
      }
      const text = Buffer.from(JSON.stringify(rest), 'utf8').toString('base64');
      const bytes = new TextEncoder().encode(text);
      return { ...kept, sealed: { iv: new Uint8Array(12), ct: bytes.buffer } } as never;
    },
    async decode(_store, stored) {
      if (!isSealed(stored)) throw new Error('expected a sealed record');
      const { sealed, ...clear } = stored;
      const text = new TextDecoder().decode(sealed.ct);
      return { ...clear, ...JSON.parse(Buffer.from(text, 'base64').toString('utf8')) };
    },
    blind: async (v) => v,
  };
}

async function setup(codec: RecordCodec) {
  const name = fresh();
  const db = await openNotesDb(name);
  let clock = Date.parse('2026-06-29T08:00:00.000Z');
  let ids = 0;
  const weeks = openWeeks(
    db,
    codec,
    () => {
      clock += 60_000;
      return new Date(clock).toISOString();
    },
    () => `w${++ids}`,
  );
  return { db, weeks };
}

const answers = [
  { questionId: 'presence', question: 'Hvem talte jeg med?', answer: 'Mette, om hendes sorg' },
  { questionId: 'conflicts', question: 'Konflikter?', answer: 'Uenighed på fredagsholdet' },
];

/** Every stored value of the store as text, binary fields decoded as UTF-8. */
async function rawText(db: Awaited<ReturnType<typeof openNotesDb>>) {
  const raw = await db.getAll('leader-weeks');
  return JSON.stringify(raw, (_k, v) =>
    v instanceof ArrayBuffer || ArrayBuffer.isView(v)
      ? new TextDecoder().decode(v as ArrayBuffer)
      : v,
  );
}

describe.each([
  ['plain', () => plainCodec],
  ['sealing', () => base64Codec()],
])('the weekly reflections (%s codec)', (_, makeCodec) => {
  it('saves one record per week and reads it back by week', async () => {
    const { weeks } = await setup(makeCodec());
    const first = await weeks.save({ weekStart: '2026-06-29', answers, load: 3 });
    expect(first).toMatchObject({ id: 'w1', weekStart: '2026-06-29', load: 3 });
    expect(await weeks.forWeek('2026-06-29')).toEqual(first);

    // Saving the same week without an id updates it, keeping createdAt.
    const again = await weeks.save({ weekStart: '2026-06-29', answers: answers.slice(0, 1) });
    expect(again.id).toBe('w1');
    expect(again.createdAt).toBe(first.createdAt);
    expect(again.updatedAt > first.updatedAt).toBe(true);
    expect(again.load).toBeUndefined();
    expect(await weeks.list()).toEqual([again]);
  });

  it('lists weeks newest first and removes one', async () => {
    const { weeks } = await setup(makeCodec());
    const a = await weeks.save({ weekStart: '2026-06-15', answers: [], load: 2 });
    const b = await weeks.save({ weekStart: '2026-06-29', answers, load: 4 });
    const c = await weeks.save({ weekStart: '2026-06-22', answers: [], load: 5 });
    expect((await weeks.list()).map((w) => w.id)).toEqual([b.id, c.id, a.id]);
    await weeks.remove(c.id);
    expect((await weeks.list()).map((w) => w.weekStart)).toEqual(['2026-06-29', '2026-06-15']);
    expect(await weeks.forWeek('2026-06-22')).toBeUndefined();
  });
});

describe('the weekly reflections at rest', () => {
  it('stores answers readable with the plain codec (the control)', async () => {
    const { db, weeks } = await setup(plainCodec);
    await weeks.save({ weekStart: '2026-06-29', answers, load: 4 });
    expect(await rawText(db)).toContain('Mette, om hendes sorg');
  });

  it('stores no answer, question or load in clear when the codec seals', async () => {
    const codec = base64Codec();
    const { db, weeks } = await setup(codec);
    await weeks.save({ weekStart: '2026-06-29', answers, load: 4 });
    const text = await rawText(db);
    for (const secret of ['Mette', 'sorg', 'fredagsholdet', 'Hvem talte', '"load"', 'answers'])
      expect(text).not.toContain(secret);
    const [stored] = await db.getAll('leader-weeks');
    expect(Object.keys(stored!).sort()).toEqual([
      'createdAt',
      'id',
      'sealed',
      'updatedAt',
      'weekStart',
    ]);
    expect(codec.encoded).toEqual(['leader-weeks']);
    // The index still finds the week, and the record opens again.
    expect((await weeks.forWeek('2026-06-29'))?.answers).toEqual(answers);
  });

  it('refuses to read a sealed week without the key', async () => {
    const name = fresh();
    const db = await openNotesDb(name);
    const sealed = openWeeks(
      db,
      base64Codec(),
      () => '2026-06-29T08:00:00.000Z',
      () => 'w1',
    );
    await sealed.save({ weekStart: '2026-06-29', answers, load: 1 });
    const plain = openWeeks(
      db,
      plainCodec,
      () => '2026-06-29T08:00:00.000Z',
      () => 'w2',
    );
    await expect(plain.list()).rejects.toThrow(/sealed/);
  });
});
