/**
 * Page identity: two visits to the same record must give the same key, and
 * tracking noise must not split one page into many.
 */

/** Query parameters that only say how someone arrived, never what the page is. */
const TRACKING =
  /^(utm_.*|gclid|gbraid|wbraid|dclid|fbclid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid|yclid|twclid|li_fat_id|ref_src|s_cid|mkt_tok|_hsenc|_hsmi|vero_id|oly_.*|spm)$/i;

/** The parts of a normalised page. */
export interface PageIdentity {
  /** Normalised URL, the key page links are stored under. */
  key: string;
  /** Lower-case host (with port when not the default), the key of the site view. */
  site: string;
}

/**
 * Normalises `raw` for use as a page key, or returns null for pages that are
 * not documents a leader works in (extension pages, about:, data:, javascript:).
 * When `siteParams` names the identifying parameters for this host, only those
 * are kept; otherwise every parameter except tracking ones is kept, sorted.
 */
export function normaliseUrl(
  raw: string,
  siteParams: Readonly<Record<string, readonly string[]>> = {},
): PageIdentity | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'file:') {
    return null;
  }
  const host = url.host.toLowerCase().replace(/^www\./, '');
  const chosen = siteParams[host]?.map((p) => p.toLowerCase());
  const kept: [string, string][] = [];
  for (const [name, value] of url.searchParams) {
    const lower = name.toLowerCase();
    if (TRACKING.test(lower)) continue;
    if (chosen && chosen.length > 0 && !chosen.includes(lower)) continue;
    kept.push([name, value]);
  }
  // Sorted so `?a=1&b=2` and `?b=2&a=1` are the same page.
  kept.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  let path = url.pathname.replace(/\/{2,}/g, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  if (path === '/') path = '';
  const query = kept.length ? `?${new URLSearchParams(kept).toString()}` : '';
  const scheme = url.protocol === 'file:' ? 'file://' : '';
  // The scheme is left out for the web: http and https of one page are one page.
  return { key: `${scheme}${host}${path}${query}`, site: host || 'file' };
}

/** The query parameter names in `raw`, for the per-site choice of identifying ones. */
export function queryParamNames(raw: string): string[] {
  try {
    const names = [...new URL(raw).searchParams.keys()].map((n) => n.toLowerCase());
    return [...new Set(names)].filter((n) => !TRACKING.test(n));
  } catch {
    return [];
  }
}
