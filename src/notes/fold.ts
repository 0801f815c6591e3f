/**
 * Danish-aware folding for search: both the index and the query go through it,
 * so whatever it maps together matches. Case and accents go; æ → ae, ø → o;
 * å and the old spelling "aa" both become "a" (Ågård ↔ Aagaard ↔ agard), and
 * "oe" becomes "o" (Søren ↔ Soeren ↔ Soren).
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/aa/g, 'a')
    .replace(/oe/g, 'o');
}

/** Splits text into words the way the search index does (letters and digits). */
export function words(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}
