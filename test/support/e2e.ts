/**
 * The real-browser tests' harness: one Chromium per file; per test a fresh
 * browser context and page, and the reference server on a database of its
 * own. A test that needs the widgets on a municipal site opens a host page on
 * another origin, and the server is restarted with that origin allowed, as a
 * municipality would configure it.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { FeatureFactory } from '../../src/server/feature.js';
import type { RunningServer } from '../../src/server/server.js';
import { launchChromium } from './browser.js';
import { type HostContent, type HostPage, municipalPage, serveHostPage } from './host-page.js';
import { startTempServer, tempDbPath } from './temp-server.js';

/** The admin token of every e2e server. */
export const ADMIN_TOKEN = 'test-admin-token-0123456789';

/** The strictest policy a municipality might set: only the Samskab server may run script. */
export const strictCsp = (origin: string) =>
  [
    "default-src 'self'",
    `script-src ${origin}`,
    "style-src 'self'",
    `connect-src ${origin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');

/** How a file's tests run the server. */
export interface E2eOptions {
  /** Features to run instead of all of them. */
  features?: readonly FeatureFactory[];
  /**
   * The server's clock, epoch milliseconds; real time when absent. A test that
   * needs a week to have ended (the pulse shows only finished weeks) moves it,
   * e.g. `let later = 0; useE2e({ now: () => Date.now() + later })`.
   */
  now?: () => number;
}

/** A municipal page holding the widget bundle, as `E2e.openWidgetPage` serves it. */
export interface WidgetPageOptions {
  /** Served as `/host.css` and linked, so the page can carry hostile styles under `style-src 'self'`. */
  css?: string;
  /** Sends `strictCsp` for the server's origin. */
  csp?: boolean;
}

/** What a test reaches through the harness; the fields are fresh for every test. */
export interface E2e {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly server: RunningServer;
  /** The open host page, if the test opened one. */
  readonly host: HostPage | undefined;
  /**
   * Serves `content` on a host page of another origin, restarts the server
   * with that origin allowed (on the same port when asked: pasted snippets
   * name it) and loads the page. `content` gets the server's origin.
   */
  openHostPage(
    content: (serverOrigin: string) => HostContent,
    options?: { samePort?: boolean },
  ): Promise<HostPage>;
  /**
   * `openHostPage` with a municipal page that loads `samskab.js` from the
   * server and holds `body`, where `{{server}}` stands for the server's origin.
   */
  openWidgetPage(body: string, options?: WidgetPageOptions): Promise<HostPage>;
  /** Stops serving the host page. */
  closeHost(): Promise<void>;
  /** Stops the server, as an outage; returns its port for `startServer`. */
  stopServer(): Promise<number>;
  /** Starts the server again on the same database, allowing the host page's origin. */
  startServer(port?: number): Promise<void>;
  /** Replaces the context and page with fresh ones made with `options`. */
  newContext(options?: BrowserContextOptions): Promise<void>;
  /** A request to `/api/v1/<path>` as the admin, with a JSON content type. */
  admin(path: string, init?: RequestInit): Promise<Response>;
  /** The admin listing of sign-ups. */
  signups(): Promise<Array<Record<string, unknown>>>;
  /** A public POST to `/api/v1/<path>` as a widget sends it, with `key` as its Idempotency-Key. */
  post(path: string, key: string, body: unknown): Promise<Response>;
}

/** Registers the file's hooks and returns the harness its tests read from. */
export function useE2e(options: E2eOptions = {}): E2e {
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let server: RunningServer;
  let host: HostPage | undefined;
  let dbPath: string;

  const start = (port = 0) =>
    startTempServer({
      port,
      dbPath,
      adminToken: ADMIN_TOKEN,
      allowedOrigins: host ? [host.origin] : [],
      ...(options.features ? { features: options.features } : {}),
      ...(options.now ? { now: options.now } : {}),
    });

  const harness: E2e = {
    get browser() {
      return browser!;
    },
    get context() {
      return context;
    },
    get page() {
      return page;
    },
    get server() {
      return server;
    },
    get host() {
      return host;
    },
    async openHostPage(content, { samePort = false } = {}) {
      // Made per request: the server restarts below, perhaps on another port.
      const opened = await serveHostPage(() => content(new URL(server.url).origin));
      host = opened;
      const port = samePort ? server.port : 0;
      await server.close();
      server = await start(port);
      await page.goto(opened.url);
      return opened;
    },
    openWidgetPage(body, { css, csp = false } = {}) {
      return harness.openHostPage((origin) => ({
        html: municipalPage(
          body.replaceAll('{{server}}', origin),
          `${css === undefined ? '' : '<link rel="stylesheet" href="/host.css">'}<script type="module" src="${origin}/samskab.js"></script>`,
        ),
        css,
        headers: csp ? { 'Content-Security-Policy': strictCsp(origin) } : undefined,
      }));
    },
    async closeHost() {
      await host?.close();
      host = undefined;
    },
    async stopServer() {
      await server.close();
      return server.port;
    },
    async startServer(port = 0) {
      server = await start(port);
    },
    async newContext(contextOptions) {
      await context.close();
      context = await browser!.newContext(contextOptions);
      page = await context.newPage();
    },
    admin(path, init = {}) {
      return fetch(`${server.url}api/v1/${path}`, {
        ...init,
        headers: {
          Authorization: `Bearer ${ADMIN_TOKEN}`,
          'Content-Type': 'application/json',
          ...init.headers,
        },
      });
    },
    async signups() {
      const response = await harness.admin('signups');
      expect(response.status).toBe(200);
      return response.json();
    },
    post(path, key, body) {
      return fetch(`${server.url}api/v1/${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify(body),
      });
    },
  };

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    dbPath = tempDbPath();
    server = await start();
    context = await browser!.newContext();
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
    await server.close();
    await harness.closeHost();
  });

  return harness;
}
