/**
 * The optional helper for the iframe snippet, on the municipality's page: it
 * sizes each `iframe[data-samskab-frame]` to its content. It believes only
 * messages from the origin it was itself loaded from, and only from the
 * iframe's own window. A classic script on someone else's page, so nothing
 * leaks into their global scope.
 */
(() => {
  const source = document.currentScript as HTMLScriptElement | null;
  if (!source) return;
  const samskab = new URL(source.src).origin;
  addEventListener('message', (event: MessageEvent) => {
    if (event.origin !== samskab) return;
    const data = event.data as { type?: unknown; height?: unknown } | null;
    if (data?.type !== 'samskab:height' || typeof data.height !== 'number') return;
    for (const frame of document.querySelectorAll<HTMLIFrameElement>(
      'iframe[data-samskab-frame]',
    )) {
      if (frame.contentWindow === event.source) {
        frame.height = String(Math.min(Math.max(Math.round(data.height), 80), 20_000));
      }
    }
  });
})();
