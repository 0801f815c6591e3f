/** custom-elements.json, read for the reference docs pages. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The parts of a manifest declaration the docs pages show. */
export interface ManifestElement {
  tagName: string;
  summary?: string;
  attributes?: { name: string; description?: string; type?: { text: string } }[];
  events?: { name: string; description?: string }[];
  cssParts?: { name: string; description?: string }[];
  cssProperties?: { name: string; description?: string }[];
}

/** Where the committed manifest is, relative to this file so any working directory works. */
export const MANIFEST_PATH = fileURLToPath(
  new URL('../../../custom-elements.json', import.meta.url),
);

/** The manifest's custom elements, in the order the manifest lists them. */
export async function readManifest(): Promise<{ raw: string; elements: ManifestElement[] }> {
  const raw = await readFile(MANIFEST_PATH, 'utf8');
  const manifest = JSON.parse(raw) as {
    modules: { declarations?: (ManifestElement & { tagName?: string })[] }[];
  };
  const elements = manifest.modules.flatMap((m) =>
    (m.declarations ?? []).filter((d): d is ManifestElement => Boolean(d.tagName)),
  );
  return { raw, elements };
}
