/**
 * The widgets' half of the loader (widgets/loader.ts): a URL import of a file
 * of the same build (`samskab-en.js`, `samskab-ical.js`) that runs only if its
 * bytes match the hash the loader was built with. The loader checks these
 * files itself when it sees an English widget or a calendar with a feed before
 * their code runs; this covers one that turns English, or gets a feed, later.
 */

/** Where the loader keeps each file's SRI hash, by absolute URL. */
const INTEGRITY = Symbol.for('samskab.integrity');

const checked = new Map<string, Promise<unknown>>();

/**
 * `import(url)`, after `<link rel="modulepreload" integrity>` has put the
 * verified module in the page's module map, when the loader knows its hash.
 * Rejects, running nothing, when the bytes do not match.
 */
export function importChecked<T>(url: string): Promise<T> {
  const integrity = (globalThis as { [INTEGRITY]?: Map<string, string> })[INTEGRITY]?.get(url);
  let verified = checked.get(url);
  if (!verified) {
    verified = integrity
      ? new Promise((resolve, reject) => {
          const link = document.createElement('link');
          link.addEventListener('load', resolve);
          link.addEventListener('error', () => reject(new Error(url)));
          link.rel = 'modulepreload';
          link.crossOrigin = 'anonymous';
          link.integrity = integrity;
          link.href = url;
          document.head.append(link);
        })
      : Promise.resolve();
    checked.set(url, verified);
  }
  return verified.then(() => import(/* @vite-ignore */ url) as Promise<T>);
}
