import { describe, expect, it } from 'vitest';
import { fold } from '../../src/notes/fold.js';
import { SearchIndex } from '../../src/notes/search.js';
import type { Note } from '../../src/schemas/note.js';
import type { Volunteer } from '../../src/schemas/volunteer.js';

const at = '2026-01-01T10:00:00.000Z';
const volunteer = (id: string, name: string, extra: Partial<Volunteer> = {}): Volunteer => ({
  id,
  name,
  contact: '',
  roles: [],
  tags: [],
  status: 'active',
  createdAt: at,
  updatedAt: at,
  ...extra,
});
const note = (id: string, text: string, extra: Partial<Note> = {}): Note => ({
  id,
  volunteerIds: [],
  text,
  lenses: [],
  tags: [],
  createdAt: at,
  updatedAt: at,
  ...extra,
});

function index() {
  const i = new SearchIndex({ belastning: 'Belastning Load' });
  i.putVolunteer(volunteer('v1', 'Søren Ågård', { roles: ['Lektiecafé'] }));
  i.putVolunteer(volunteer('v2', 'Mette Aagaard'));
  i.putVolunteer(volunteer('v3', 'Æble Østergaard'));
  i.putNote(
    note('n1', 'Har travlt med eksamen, vil skære ned', {
      lenses: ['belastning'],
      volunteerIds: ['v1'],
    }),
    ['Søren Ågård'],
  );
  i.putNote(note('n2', 'Tog ansvar for fredagsholdet', { tags: ['ejerskab'] }));
  return i;
}
const ids = (i: SearchIndex, q: string) =>
  i
    .search(q)
    .hits.map((h) => h.id)
    .sort();

describe('Danish folding', () => {
  it('maps å, aa, ø, oe and accents together, case-insensitively', () => {
    expect(fold('Ågård')).toBe(fold('AAGAARD'));
    expect(fold('Ågård')).toBe('agard');
    expect(fold('Søren')).toBe(fold('Soeren'));
    expect(fold('Søren')).toBe(fold('soren'));
    expect(fold('Café')).toBe('cafe');
    expect(fold('Æble')).toBe('aeble');
  });
});

describe('SearchIndex', () => {
  it('finds “Søren Ågård” by “agard”, and Aagaard ↔ Ågård both ways', () => {
    const i = index();
    expect(ids(i, 'agard')).toEqual(['n1', 'v1', 'v2']);
    expect(ids(i, 'Aagaard')).toEqual(['n1', 'v1', 'v2']);
    expect(ids(i, 'ÅGÅRD')).toEqual(['n1', 'v1', 'v2']);
  });

  it('matches prefixes and needs every word', () => {
    const i = index();
    expect(ids(i, 'lektie')).toEqual(['v1']);
    expect(ids(i, 'soren ag')).toEqual(['n1', 'v1']);
    expect(ids(i, 'mette agard')).toEqual(['v2']);
    expect(ids(i, 'mette lektie')).toEqual([]);
  });

  it('answers one- and two-letter queries newest first, with the full count', () => {
    const i = new SearchIndex();
    for (let n = 0; n < 80; n++) {
      i.putNote(
        note(`n${n}`, `sag nummer ${n}`, {
          updatedAt: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
        }),
      );
    }
    const result = i.search('s', 10);
    expect(result.total).toBe(80);
    expect(result.hits.map((h) => h.id)).toEqual([
      'n79',
      'n78',
      'n77',
      'n76',
      'n75',
      'n74',
      'n73',
      'n72',
      'n71',
      'n70',
    ]);
    expect(i.search('nu').total).toBe(80);
    expect(i.search('xq').total).toBe(0);
  });

  it('finds notes by tags and by lens names in either language', () => {
    const i = index();
    expect(ids(i, 'ejerskab')).toEqual(['n2']);
    expect(ids(i, 'load')).toEqual(['n1']);
    expect(ids(i, 'belastning')).toEqual(['n1']);
  });

  it('ranks name matches before tag matches before text, then newest first', () => {
    const i = new SearchIndex();
    const day = (d: number) => new Date(Date.UTC(2026, 0, d)).toISOString();
    i.putNote(note('text-old', 'Talte med Hansen om kørsel', { updatedAt: day(1) }));
    i.putNote(note('text-new', 'Hansen vil gerne køre', { updatedAt: day(9) }));
    i.putNote(note('tag', 'Kørsel om fredagen', { tags: ['hansen'], updatedAt: day(2) }));
    i.putNote(note('name', 'Glad for holdet', { updatedAt: day(3) }), ['Ole Hansen']);
    expect(i.search('hans').hits.map((h) => h.id)).toEqual(['name', 'tag', 'text-new', 'text-old']);
    // Several words: the weakest field any of them was found in decides.
    expect(i.search('hans kør').hits.map((h) => h.id)).toEqual(['text-new', 'tag', 'text-old']);
  });

  it('counts every match but returns only the newest `limit` when thousands match', () => {
    const i = new SearchIndex();
    for (let n = 0; n < 3000; n++) {
      i.putNote(
        note(`n${n}`, n % 3 === 0 ? 'motivation og ansvar' : 'motivation', {
          updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
        }),
      );
    }
    const result = i.search('motiv ans', 5);
    expect(result.total).toBe(1000);
    expect(result.hits.map((h) => h.id)).toEqual(['n2997', 'n2994', 'n2991', 'n2988', 'n2985']);
  });

  it('forgets removed documents, including their short prefixes', () => {
    const i = index();
    i.remove('volunteer', 'v1');
    i.remove('note', 'n1');
    expect(ids(i, 'agard')).toEqual(['v2']);
    expect(ids(i, 'so')).toEqual([]);
    expect(i.size).toBe(3);
  });

  it('replaces a document on a second put instead of duplicating it', () => {
    const i = index();
    i.putVolunteer(volunteer('v1', 'Søren Hansen'));
    expect(ids(i, 'hansen')).toEqual(['v1']);
    expect(ids(i, 'agard')).toEqual(['n1', 'v2']);
  });

  it('forgets the old words when a note is saved with empty text', () => {
    const i = index();
    i.putNote(note('n2', ''));
    expect(ids(i, 'fredag')).toEqual([]);
    expect(i.size).toBe(5);
  });

  it('ignores queries with no letters or digits', () => {
    expect(index().search(' -- ')).toEqual({ hits: [], total: 0 });
  });
});
