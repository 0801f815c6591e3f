import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostPage {
  /** The page's URL, on `localhost`: another origin than a server on 127.0.0.1. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** What the host page serves; made per request, so it can name a server started later. */
export interface HostContent {
  html: string;
  headers?: Record<string, string>;
  css?: string;
}

/**
 * Serves one HTML page as a municipal site would, on an origin of its own, with
 * the headers given (a Content-Security-Policy, say). `/host.css` serves `css`,
 * so a page can carry hostile styles under `style-src 'self'`.
 */
export async function serveHostPage(content: () => HostContent): Promise<HostPage> {
  const server = createServer((request, response) => {
    const { html, headers, css } = content();
    if (request.url === '/host.css') {
      response.writeHead(200, { 'Content-Type': 'text/css' }).end(css ?? '');
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...headers }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://localhost:${port}`;
  return {
    url: `${origin}/`,
    origin,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A plain municipal page around some widget markup, in Danish. */
export function municipalPage(body: string, head = '') {
  return `<!doctype html>
<html lang="da">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Frivillig i Eksempel Kommune</title>
    ${head}
  </head>
  <body>
    <main>
      <h1>Bliv frivillig i Eksempel Kommune</h1>
      ${body}
    </main>
  </body>
</html>`;
}
