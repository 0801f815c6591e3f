/**
 * Inside a hosted widget page shown in an iframe: tells the framing page how
 * tall the content is, whenever that changes, so `resize.js` can fit the
 * iframe. The message holds nothing but a height, so any parent may hear it.
 */
if (window.parent !== window) {
  const post = () =>
    window.parent.postMessage(
      { type: 'samskab:height', height: Math.ceil(document.documentElement.scrollHeight) },
      '*',
    );
  new ResizeObserver(post).observe(document.body);
  post();
}
