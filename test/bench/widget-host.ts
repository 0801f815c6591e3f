// What the Chromium benches share: a demo server for the widget bundle, a
// municipal page on another origin that loads it, and a browser to open it in.
import type { Browser } from 'playwright-core';
import type { FeatureFactory } from '../../src/server/feature.js';
import type { RunningServer } from '../../src/server/server.js';
import { launchChromium } from '../support/browser.js';
import { type HostPage, municipalPage, serveHostPage } from '../support/host-page.js';
import { startTempServer } from '../support/temp-server.js';

/** A running widget bench; `close()` stops all of it. */
export interface WidgetHost {
  server: RunningServer;
  host: HostPage;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Starts the server (every feature, unless asked) and a host page holding
 * `body` that loads `samskab.js` from it, then `head`; and launches Chromium.
 */
export async function startWidgetHost(
  body: string,
  { head = '', features }: { head?: string; features?: readonly FeatureFactory[] } = {},
): Promise<WidgetHost> {
  // The page first, so the server can allow its origin, as a municipality's would be.
  let server: RunningServer | undefined;
  const host = await serveHostPage(() => ({
    html: municipalPage(
      body,
      `<script type="module" src="${server?.url}samskab.js"></script>${head}`,
    ),
  }));
  server = await startTempServer({
    allowedOrigins: [host.origin],
    ...(features ? { features } : {}),
  });
  const browser = await launchChromium();
  return {
    server,
    host,
    browser,
    close: async () => {
      await browser.close();
      await host.close();
      await server.close();
    },
  };
}
