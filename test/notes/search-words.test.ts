import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../src/notes/search.js';
import type { Note } from '../../src/schemas/note.js';

const note = (id: string, text: string, updatedAt: string, extra: Partial<Note> = {}): Note => ({
  id,
  volunteerIds: [],
  text,
  lenses: [],
  tags: [],
  createdAt: updatedAt,
  updatedAt,
  ...extra,
});

describe('searching several words', () => {
  it('ranks each note by the weakest field any word was found in, then newest first', () => {
    const i = new SearchIndex();
    // Name + text, name + tag, name + name: three slots, the newest in the weakest.
    i.putNote(note('text', 'tog ansvar', '2026-03-01T00:00:00.000Z'), ['Mette Holm']);
    i.putNote(note('tag', 'kaffe', '2026-02-01T00:00:00.000Z', { tags: ['ansvar'] }), [
      'Mette Holm',
    ]);
    i.putNote(note('name', 'kaffe', '2026-01-01T00:00:00.000Z'), ['Mette Ansvarsbo']);
    i.putNote(note('old-text', 'mere ansvar', '2025-01-01T00:00:00.000Z'), ['Mette Holm']);
    // Only one of the words: not a match.
    i.putNote(note('one-word', 'ansvar', '2026-04-01T00:00:00.000Z'), ['Ole']);
    const result = i.search('mette ans');
    expect(result.hits.map((h) => h.id)).toEqual(['name', 'tag', 'text', 'old-text']);
    expect(result.total).toBe(4);
  });

  it('counts a note once when a prefix starts several of its words', () => {
    const i = new SearchIndex();
    i.putNote(note('n1', 'ansvar ansat anerkendelse', '2026-01-01T00:00:00.000Z'), ['Anders']);
    i.putNote(note('n2', 'ansvar', '2026-01-02T00:00:00.000Z'), ['Bo']);
    expect(i.search('an a').total).toBe(2);
    expect(i.search('an bo').hits.map((h) => h.id)).toEqual(['n2']);
    expect(i.search('an zz').total).toBe(0);
  });
});
