/**
 * `samskab.js`, the one script a webmaster pastes: a small loader. It finds
 * Samskab tags on the page (in the markup, added later by a CMS, or inside an
 * open shadow root) and fetches a widget's code only when its tag is there.
 *
 * Why a MutationObserver and not placeholder elements: a tag can be defined
 * once, and the real element class must be the one defined, or an element
 * already in the page could never become the widget. So the loader defines
 * nothing itself; each widget's chunk defines its tag, and the browser
 * upgrades every element of it at once.
 *
 * Every file the loader lets the browser run is checked against its SRI hash,
 * written into this file at build time (see vite.config.ts): each chunk is
 * fetched with `<link rel="modulepreload" integrity>` and imported only once
 * all of a widget's files are verified; the import then uses the verified
 * module. So the `integrity` of a pinned `/v/<version>/samskab.js` covers
 * every byte it makes the browser execute. (Import maps' `integrity` would do
 * the same, but an import map is an inline script, which a strict CSP
 * refuses, and must come before the first module.)
 *
 * This file imports nothing: a module shared with the widgets would become a
 * chunk of its own that the loader imports unchecked.
 */

/** Written in front of the built loader by vite.config.ts. */
interface Chunks {
  /** For each tag, the files of its chunk, the widget's own last. */
  tags: Record<string, string[]>;
  /** Each file's SRI hash, including the English messages and the iCalendar parser. */
  files: Record<string, string>;
}

declare const __SAMSKAB_CHUNKS__: Chunks;

const { tags, files } = __SAMSKAB_CHUNKS__;

/**
 * How tall each widget is in its first state (loading its data), in units of
 * its font size, at 380–440 px wide; reserved before its code arrives so the
 * page does not jump when it does. Zero for a widget that shows nothing until
 * its data is here.
 */
const RESERVED: Record<string, number> = {
  'samskab-signup-form': 51,
  'samskab-shift-calendar': 12,
  'samskab-reflection-prompt': 0,
};

/** Where the widgets' own URL imports find the hashes (widgets/internal/loader.ts). */
const INTEGRITY = Symbol.for('samskab.integrity');

const here = (file: string) => new URL(file, import.meta.url).href;

const shared = globalThis as { [INTEGRITY]?: Map<string, string> };
shared[INTEGRITY] ??= new Map();
const registry = shared[INTEGRITY];
for (const [file, hash] of Object.entries(files)) registry.set(here(file), hash);

/** Tags whose code has not been asked for yet. */
const pending = new Set(Object.keys(tags));

const preloads = new Map<string, Promise<unknown>>();

/** Fetches `file` into the page's module map (once), resolving when its bytes match their hash. */
function verified(file: string) {
  let preload = preloads.get(file);
  if (!preload) {
    preload = preloaded(file);
    preloads.set(file, preload);
  }
  return preload;
}

/** Safari before 17 and Firefox before 115 ignore `modulepreload`: no load, no error. */
const preloading = document.createElement('link').relList.supports('modulepreload');

function preloaded(file: string): Promise<unknown> {
  const href = here(file);
  const integrity = files[file] ?? '';
  if (!preloading) {
    // Checked by `fetch`, then imported from the HTTP cache, where the chunk
    // (immutable, the same CORS mode) waits: short of the module map's
    // guarantee, but no older browser can run checked bytes otherwise under
    // a strict CSP (a blob: URL would need `script-src blob:`).
    return fetch(href, { integrity, mode: 'cors', credentials: 'same-origin' }).then(
      (r) => {
        if (!r.ok) throw new Error(file);
      },
      () => Promise.reject(new Error(file)),
    );
  }
  return new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.addEventListener('load', resolve);
    link.addEventListener('error', () => reject(new Error(file)));
    link.rel = 'modulepreload';
    // A module's own mode: no cookies, and the server's `Access-Control-Allow-Origin: *` suffices.
    link.crossOrigin = 'anonymous';
    link.integrity = integrity;
    link.href = href;
    (document.head ?? document.documentElement).append(link);
  });
}

/** Whether an element follows an English `[lang]`, as widgets/internal/locale.ts decides. */
function english(element: Element) {
  let node: Element | null = element;
  while (node) {
    const found: Element | null = node.closest('[lang]');
    if (found) return /^\s*en/i.test(found.getAttribute('lang') ?? '');
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return false;
}

/** Whether a calendar reads an iCalendar feed (an http(s) `ics`), so needs the parser. */
function readsFeed(element: Element) {
  const value = element.getAttribute('ics')?.trim();
  if (!value) return false;
  try {
    return /^https?:$/.test(new URL(value, document.baseURI).protocol);
  } catch {
    return false;
  }
}

const refused = (file: string, what: string) =>
  console.warn(`[samskab] ${file} did not load or did not match its integrity hash; ${what}.`);

/**
 * Verifies a widget's files, then runs it. The English messages or the
 * parser its elements need are verified first too, so that the widget's own
 * import of them finds the checked module; a refused one is the widget's to
 * do without (Danish, or an error for the feed), as when it fails to load.
 */
async function load(tag: string, elements: Element[]) {
  pending.delete(tag);
  if (pending.size === 0) observer.disconnect();
  const own = tags[tag]!;
  const extras: string[] = [];
  if (elements.some(english)) extras.push('samskab-en.js');
  if (tag === 'samskab-shift-calendar' && elements.some(readsFeed)) extras.push('samskab-ical.js');
  const [widget, ...more] = await Promise.allSettled([
    Promise.all(own.map(verified)),
    ...extras.map(verified),
  ]);
  more.forEach((result, i) => {
    if (result.status === 'rejected') refused(extras[i]!, 'it is not used');
  });
  if (widget?.status === 'rejected') {
    refused((widget.reason as Error).message, `<${tag}> stays empty`);
    return;
  }
  // A widget that throws as it starts (a second copy of Lit under a policy
  // without 'allow-duplicates', say) shows as the page's error, as it did
  // when samskab.js held the widgets itself.
  await import(/* @vite-ignore */ here(own.at(-1)!));
}

/** Loads the tags found in `root` (itself included). */
function find(root: ParentNode) {
  for (const tag of pending) {
    const elements = [...root.querySelectorAll(tag)];
    if (root instanceof Element && root.localName === tag) elements.push(root);
    if (elements.length > 0) void load(tag, elements);
  }
}

const watched = new WeakSet<ShadowRoot>();

/**
 * `find` in `root` and in every open shadow root in or below it, which the
 * observer then also watches; not a Samskab widget's own, which holds no
 * other widget and adds thousands of elements as a calendar draws.
 */
function watch(root: ParentNode) {
  if (pending.size === 0) return;
  find(root);
  const elements = root.querySelectorAll('*');
  for (const element of root instanceof Element ? [root, ...elements] : elements) {
    if (pending.size === 0) return;
    const shadow = element.shadowRoot;
    if (shadow && !watched.has(shadow) && !Object.hasOwn(tags, element.localName)) {
      watched.add(shadow);
      observer.observe(shadow, { childList: true, subtree: true });
      watch(shadow);
    }
  }
}

const observer = new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (node instanceof Element) watch(node);
    }
  }
});

// The widgets' files first, so their fetches start before the reserved space
// is set up: no widget can run before that, as a widget runs only after an
// `import()`, which is never synchronous.
observer.observe(document, { childList: true, subtree: true });
watch(document);

// Reserved space, in a constructed stylesheet (a strict CSP allows it, as it
// does Lit's). `:where` gives it no weight, so any rule of the page wins.
// Browsers without constructed stylesheets (Safari before 16.4) go without.
if ('replaceSync' in CSSStyleSheet.prototype && 'adoptedStyleSheets' in document) {
  const reserve = new CSSStyleSheet();
  reserve.replaceSync(
    Object.entries(RESERVED)
      .filter(([, size]) => size > 0)
      .map(
        ([tag, size]) =>
          `:where(${tag}:not(:defined, [hidden])){display:block;min-block-size:calc(${size} * var(--samskab-font-size, max(16px, 1rem)))}`,
      )
      .join(''),
  );
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, reserve];
}

// Shadow roots that components fill after this ran: look once more when the page has loaded.
if (document.readyState !== 'complete')
  addEventListener('load', () => watch(document), { once: true });
