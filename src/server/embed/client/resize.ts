/**
 * The optional helper for the iframe snippet, on the municipality's page: it
 * sizes each `iframe[data-samskab-frame]` to its content, and hands the page's
 * `?invitation=` (the link in a volunteer's invitation to reflect) on to a
 * framed reflection prompt, which cannot read its parent's URL. It believes
 * only messages from the origin it was itself loaded from, and only from the
 * iframe's own window. A classic script on someone else's page, so nothing
 * leaks into their global scope.
 */
(() => {
  const source = document.currentScript as HTMLScriptElement | null;
  if (!source) return;
  const samskab = new URL(source.src).origin;
  const frames = () => document.querySelectorAll<HTMLIFrameElement>('iframe[data-samskab-frame]');

  const invitation = new URLSearchParams(location.search).get('invitation');
  if (invitation) {
    for (const frame of frames()) {
      const url = new URL(frame.src || 'about:blank');
      if (
        url.origin !== samskab ||
        !url.pathname.endsWith('/embed/reflection-prompt') ||
        url.searchParams.has('invitation')
      ) {
        continue;
      }
      url.searchParams.set('invitation', invitation);
      // A new frame in its place, loading now: Chromium can leave a (lazy) frame
      // whose address changes mid-load without any document at all.
      const fresh = frame.cloneNode(false) as HTMLIFrameElement;
      fresh.loading = 'eager';
      fresh.src = url.href;
      frame.replaceWith(fresh);
    }
  }

  addEventListener('message', (event: MessageEvent) => {
    if (event.origin !== samskab) return;
    const data = event.data as { type?: unknown; height?: unknown } | null;
    if (data?.type !== 'samskab:height' || typeof data.height !== 'number') return;
    for (const frame of frames()) {
      if (frame.contentWindow === event.source) {
        frame.height = String(Math.min(Math.max(Math.round(data.height), 80), 20_000));
      }
    }
  });
})();
