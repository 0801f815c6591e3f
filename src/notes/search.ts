/**
 * Search as you type over volunteers and notes. MiniSearch answers queries
 * whose words have four or more letters (prefix matching, Danish folding).
 * Shorter words would make MiniSearch expand a prefix over most of its terms
 * and score most documents (≈ 70 ms for one letter at 20,000 notes), so those
 * are answered from a map of every word's first one to three folded letters.
 */
import MiniSearch from 'minisearch';
import type { Note } from '../schemas/note.js';
import type { Volunteer } from '../schemas/volunteer.js';
import { fold, words } from './fold.js';

/** One search result: a volunteer or a note, by id. */
export interface SearchHit {
  kind: 'volunteer' | 'note';
  id: string;
}

/** Results, best first, and how many matched in all. */
export interface SearchResult {
  hits: SearchHit[];
  total: number;
}

interface Doc {
  key: string;
  title: string;
  body: string;
  tags: string;
}

/** Lens names are indexed in both languages so "belastning" and "load" both find a note. */
export type LensWords = Readonly<Record<string, string>>;

/**
 * Words up to this long are answered from the prefix map. Three letters
 * because a three-letter prefix still matches half the notes in a busy
 * store, and MiniSearch's cost grows with the number of matches it scores.
 */
const SHORT = 3;

/** A search index over the leader's volunteers and notes. */
export class SearchIndex {
  readonly #mini = new MiniSearch<Doc>({
    idField: 'key',
    fields: ['title', 'body', 'tags'],
    tokenize: words,
    processTerm: (term) => fold(term) || null,
    searchOptions: { prefix: true, combineWith: 'AND', boost: { title: 3, tags: 2 } },
  });
  /** Folded 1–3 letter word prefix → document keys. */
  readonly #short = new Map<string, Set<string>>();
  /** Document key → the short prefixes it was filed under, so it can be removed. */
  readonly #docPrefixes = new Map<string, string[]>();
  /** Document key → updatedAt in ms, to rank short-query hits newest first. */
  readonly #recency = new Map<string, number>();

  constructor(private readonly lensWords: LensWords = {}) {}

  /** How many documents are indexed. */
  get size(): number {
    return this.#recency.size;
  }

  /** Adds or replaces a volunteer. */
  putVolunteer(v: Volunteer): void {
    this.#put(
      {
        key: `v:${v.id}`,
        title: v.name,
        body: [v.contact, ...v.roles].join(' '),
        tags: v.tags.join(' '),
      },
      v.updatedAt,
    );
  }

  /** Adds or replaces a note; the names of its volunteers are findable too. */
  putNote(n: Note, volunteerNames: readonly string[] = []): void {
    const lenses = n.lenses.map((l) => this.lensWords[l] ?? l);
    this.#put(
      {
        key: `n:${n.id}`,
        title: volunteerNames.join(' '),
        body: n.quote ? `${n.text} ${n.quote.text} ${n.quote.title}` : n.text,
        tags: [...n.tags, ...lenses].join(' '),
      },
      n.updatedAt,
    );
  }

  /** Removes a volunteer or note; unknown ids are ignored. */
  remove(kind: SearchHit['kind'], id: string): void {
    const key = `${kind === 'volunteer' ? 'v' : 'n'}:${id}`;
    if (!this.#recency.has(key)) return;
    this.#mini.discard(key);
    for (const p of this.#docPrefixes.get(key) ?? []) {
      const set = this.#short.get(p);
      set?.delete(key);
      if (set?.size === 0) this.#short.delete(p);
    }
    this.#docPrefixes.delete(key);
    this.#recency.delete(key);
  }

  /** Empties the index (before a full reload). */
  clear(): void {
    this.#mini.removeAll();
    this.#short.clear();
    this.#docPrefixes.clear();
    this.#recency.clear();
  }

  /** Every word of the query must match the start of a word in the document. */
  search(query: string, limit = 50): SearchResult {
    const terms = [...new Set(words(query).map(fold).filter(Boolean))];
    if (terms.length === 0) return { hits: [], total: 0 };
    const long = terms.filter((t) => t.length > SHORT);
    const short = terms
      .filter((t) => t.length <= SHORT)
      .map((t) => this.#short.get(t) ?? new Set<string>());

    if (long.length > 0) {
      // MiniSearch ranks; the short words only filter its answer.
      const found = this.#mini.search(long.join(' '));
      const keys: string[] = [];
      for (const r of found) {
        const key = r.id as string;
        if (short.every((s) => s.has(key))) keys.push(key);
      }
      return { hits: keys.slice(0, limit).map(toHit), total: keys.length };
    }

    // Only short words: intersect their sets, smallest first, keep the newest `limit`.
    short.sort((a, b) => a.size - b.size);
    const [first, ...rest] = short;
    const top: { key: string; at: number }[] = [];
    let total = 0;
    for (const key of first!) {
      if (!rest.every((s) => s.has(key))) continue;
      total++;
      const at = this.#recency.get(key) ?? 0;
      if (top.length === limit && at <= top[top.length - 1]!.at) continue;
      // Insertion into a short sorted list: cheaper than sorting thousands of hits.
      let i = top.length;
      while (i > 0 && top[i - 1]!.at < at) i--;
      top.splice(i, 0, { key, at });
      if (top.length > limit) top.pop();
    }
    return { hits: top.map((t) => toHit(t.key)), total };
  }

  #put(doc: Doc, updatedAt: string): void {
    if (this.#recency.has(doc.key))
      this.remove(doc.key[0] === 'v' ? 'volunteer' : 'note', doc.key.slice(2));
    this.#mini.add(doc);
    const prefixes = new Set<string>();
    for (const w of words(`${doc.title} ${doc.body} ${doc.tags}`)) {
      const f = fold(w);
      if (f) {
        for (let n = 1; n <= Math.min(SHORT, f.length); n++) prefixes.add(f.slice(0, n));
      }
    }
    const filed: string[] = [];
    for (const p of prefixes) {
      let set = this.#short.get(p);
      if (!set) {
        set = new Set();
        this.#short.set(p, set);
      }
      set.add(doc.key);
      filed.push(p);
    }
    this.#docPrefixes.set(doc.key, filed);
    this.#recency.set(doc.key, Date.parse(updatedAt) || 0);
  }
}

function toHit(key: string): SearchHit {
  return { kind: key[0] === 'v' ? 'volunteer' : 'note', id: key.slice(2) };
}
