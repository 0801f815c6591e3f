import { warnOnce } from './warn.js';

/** The origin this bundle was loaded from: the default server for every widget. */
export const bundleOrigin = new URL(import.meta.url).origin;

/**
 * The server origin from an `endpoint` attribute. Anything that is not an
 * http(s) URL warns once and falls back to the origin of `samskab.js`.
 */
export function parseEndpoint(value: string | null | undefined, tag: string): string {
  return new URL(parseLink(value, tag, 'endpoint') ?? bundleOrigin).origin;
}

/** A link target from markup: http(s) or relative only, never `javascript:`; otherwise ignored with a warning. */
export function parseLink(value: string | null | undefined, tag: string, name: string) {
  if (!value?.trim()) return undefined;
  try {
    const url = new URL(value.trim(), document.baseURI);
    if (/^https?:$/.test(url.protocol)) return url.href;
  } catch {
    // fall through to the warning
  }
  warnOnce(`<${tag}> ${name}="${value}" is not an http(s) URL; it is ignored.`);
  return undefined;
}

/** An id attribute such as `activity`: the server's id alphabet, otherwise ignored. */
export function parseId(value: string | null | undefined, tag: string, name: string) {
  if (!value?.trim()) return undefined;
  if (/^[A-Za-z0-9_-]{1,64}$/.test(value.trim())) return value.trim();
  warnOnce(`<${tag}> ${name}="${value}" is not a valid id; it is ignored.`);
  return undefined;
}
