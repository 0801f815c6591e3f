/**
 * Registers a widget unless this tag is taken: a CMS page that loads the bundle
 * twice (or two versions of it) must keep working, never throw.
 */
export function define(tag: string, element: CustomElementConstructor) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
