/**
 * Search as you type over volunteers and notes, with FlexSearch doing the
 * indexing. It files every word under each of its prefixes ("forward"
 * tokenizing), so a query word is one map look-up and nothing is scored:
 * at 20,000 notes a prefix that matches half of them costs about a
 * millisecond. MiniSearch scored every match (p95 ≈ 25–50 ms in the sidebar
 * bench) and has no way to skip that for a huge match set, and it needed a
 * hand-made map beside it for 1–3 letter words; this one index answers every
 * length, and uses less heap than the two did.
 *
 * Danish matching stays ours: `fold()` is applied to every word before it
 * reaches the index, for documents and queries alike, so FlexSearch only
 * splits on spaces. Ranking is where a word was found — volunteer names, then
 * tags and lenses, then text, as MiniSearch's field boosts gave; for several
 * words, the weakest field any of them was found in — then newest first.
 * FlexSearch files each term in one of three score slots by field; `search`
 * reads each query word's slots unresolved and intersects them itself (by
 * the smallest word's matches), which also gives the exact total. FlexSearch's
 * own intersection took 6–10 ms for "mette a" at 20,000 notes (the bench's
 * slowest query), this one about a millisecond.
 *
 * No `fastupdate`: its id → entries register doubled the index's heap (51 →
 * 25 MiB for the bench's 20,000 notes, Node) for faster removal; a removal
 * now scans the index (≈ 4 ms), fine for an edit, and a large change is
 * indexed anew (see the sidebar's search slice).
 */
import { Index } from 'flexsearch';
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

/** Lens names are indexed in both languages so "belastning" and "load" both find a note. */
export type LensWords = Readonly<Record<string, string>>;

/** Score slots, best first: a document's fields in the order they rank. */
const TITLE = 0;
const TAGS = 1;
const BODY = 2;

/** Folded words of `text`, in order; the one Danish-aware step for index and query. */
function terms(text: string): string[] {
  return words(text).map(fold).filter(Boolean);
}

/** A search index over the leader's volunteers and notes. */
export class SearchIndex {
  /** Where the field being added ends, in terms: read by `score` during `add`. */
  #ends = [0, 0];
  readonly #index = new Index({
    tokenize: 'forward',
    // Terms arrive folded and joined by spaces (see `#put` and `search`).
    encode: (text: string) => text.split(' '),
    resolution: BODY + 1,
    score: (_content, _term, i) => (i < this.#ends[0]! ? TITLE : i < this.#ends[1]! ? TAGS : BODY),
  });
  /** Document key → updatedAt in ms, to rank newest first within a slot. */
  readonly #recency = new Map<string, number>();

  constructor(private readonly lensWords: LensWords = {}) {}

  /** How many documents are indexed. */
  get size(): number {
    return this.#recency.size;
  }

  /** Adds or replaces a volunteer. */
  putVolunteer(v: Volunteer): void {
    this.#put(
      `v:${v.id}`,
      v.name,
      v.tags.join(' '),
      [v.contact, ...v.roles].join(' '),
      v.updatedAt,
    );
  }

  /** Adds or replaces a note; the names of its volunteers are findable too. */
  putNote(n: Note, volunteerNames: readonly string[] = []): void {
    const lenses = n.lenses.map((l) => this.lensWords[l] ?? l);
    this.#put(
      `n:${n.id}`,
      volunteerNames.join(' '),
      [...n.tags, ...lenses].join(' '),
      n.quote ? `${n.text} ${n.quote.text} ${n.quote.title}` : n.text,
      n.updatedAt,
    );
  }

  /** Removes a volunteer or note; unknown ids are ignored. */
  remove(kind: SearchHit['kind'], id: string): void {
    const key = `${kind === 'volunteer' ? 'v' : 'n'}:${id}`;
    if (!this.#recency.delete(key)) return;
    this.#index.remove(key);
  }

  /** Empties the index (before a full reload). */
  clear(): void {
    this.#index.clear();
    this.#recency.clear();
  }

  /** Every word of the query must match the start of a word in the document. */
  search(query: string, limit = 50): SearchResult {
    const wanted = [...new Set(terms(query))];
    if (wanted.length === 0) return { hits: [], total: 0 };
    // Unresolved: each word's matches grouped by score slot, without a limit.
    const each = wanted.map((w) => this.#index.search(w, { resolve: false }).result as Slots);
    const slots = each.length === 1 ? each[0]! : intersect(each);
    const hits: SearchHit[] = [];
    let total = 0;
    for (const slot of slots) {
      if (!slot) continue;
      total += slot.length;
      if (hits.length < limit) {
        for (const key of this.#newest(slot, limit - hits.length)) hits.push(toHit(key));
      }
    }
    return { hits, total };
  }

  /** The newest `n` of `keys`: a short sorted list is cheaper than sorting thousands. */
  #newest(keys: readonly string[], n: number): string[] {
    const top: { key: string; at: number }[] = [];
    for (const key of keys) {
      const at = this.#recency.get(key) ?? 0;
      if (top.length === n && at <= top[n - 1]!.at) continue;
      let i = top.length;
      while (i > 0 && top[i - 1]!.at < at) i--;
      top.splice(i, 0, { key, at });
      if (top.length > n) top.pop();
    }
    return top.map((t) => t.key);
  }

  #put(key: string, title: string, tags: string, body: string, updatedAt: string): void {
    const t = terms(title);
    const g = terms(tags);
    this.#ends = [t.length, t.length + g.length];
    // Removed first: `add` skips empty text, which would leave the old terms behind.
    if (this.#recency.has(key)) this.#index.remove(key);
    this.#index.add(key, [...t, ...g, ...terms(body)].join(' '));
    this.#recency.set(key, Date.parse(updatedAt) || 0);
  }
}

/** One word's matches by score slot (best first); a slot may be missing. */
type Slots = readonly (readonly string[] | undefined)[];

/**
 * The documents every word matched, each in the weakest slot any word was
 * found in. Starts from the word with the fewest matches, so the work is one
 * map look-up per match of the other words.
 */
function intersect(each: readonly Slots[]): string[][] {
  const size = (s: Slots) => s.reduce((n, slot) => n + (slot?.length ?? 0), 0);
  const [first, ...rest] = [...each].sort((a, b) => size(a) - size(b));
  /** Key → the weakest slot so far; within one word, its best slot counts. */
  let found = new Map<string, number>();
  first!.forEach((slot, i) => {
    for (const key of slot ?? []) if (!found.has(key)) found.set(key, i);
  });
  for (const word of rest) {
    if (found.size === 0) break;
    const next = new Map<string, number>();
    word.forEach((slot, i) => {
      for (const key of slot ?? []) {
        const was = found.get(key);
        if (was !== undefined && !next.has(key)) next.set(key, Math.max(was, i));
      }
    });
    found = next;
  }
  const out: string[][] = Array.from({ length: Math.max(...each.map((s) => s.length)) }, () => []);
  for (const [key, i] of found) out[i]!.push(key);
  return out;
}

function toHit(key: string): SearchHit {
  return { kind: key[0] === 'v' ? 'volunteer' : 'note', id: key.slice(2) };
}
