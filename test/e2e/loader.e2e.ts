// `samskab.js`, the loader, in real Chromium: it fetches a widget's code only
// for tags on the page (now or later), and runs nothing whose bytes do not
// match the hashes written into it, whether from `/samskab.js` or from a
// pinned `/v/<version>/samskab.js` with `integrity`.
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmbedPapers } from '../../src/schemas/embed.js';
import type { RunningServer } from '../../src/server/server.js';
import { recordCspViolations } from '../support/browser.js';
import { useE2e } from '../support/e2e.js';
import { type HostPage, municipalPage, serveHostPage } from '../support/host-page.js';
import { builtChunks } from '../support/page-sizes.js';
import { startTempServer, tempDbPath } from '../support/temp-server.js';

const e2e = useE2e();

/** The bundle files (`samskab*.js`) a page asks the server for, by file name, as they are requested. */
function bundleRequests(page: Page) {
  const names: string[] = [];
  page.on('request', (request: Request) => {
    const name = new URL(request.url()).pathname.split('/').pop() ?? '';
    if (/^samskab[\w-]*\.js$/.test(name)) names.push(name);
  });
  return names;
}

const rendered = (tag: string) => () =>
  e2e.page
    .locator(tag)
    .first()
    .evaluate((el) => (el.shadowRoot?.childElementCount ?? 0) > 0)
    .catch(() => false);

const defined = (page: Page, tag: string) =>
  page.evaluate((name) => customElements.get(name) !== undefined, tag);

describe('the loader', () => {
  it('fetches only the sign-up form’s code on a page with only the sign-up form, under a strict CSP', async () => {
    const requested = bundleRequests(e2e.page);
    const violations = await recordCspViolations(e2e.page);
    await e2e.openWidgetPage('<samskab-signup-form activity="besoegsven"></samskab-signup-form>', {
      csp: true,
    });
    await expect.poll(rendered('samskab-signup-form')).toBe(true);
    await e2e.page.waitForLoadState('networkidle');
    const chunks = builtChunks();
    expect(requested.sort()).toEqual(['samskab.js', ...chunks.tags['samskab-signup-form']!].sort());
    expect(await defined(e2e.page, 'samskab-shift-calendar')).toBe(false);
    expect(violations).toEqual([]);
  });

  it('fetches no widget code for a page without tags, and a widget’s when a CMS adds its tag later', async () => {
    const requested = bundleRequests(e2e.page);
    await e2e.openWidgetPage('<p>Endnu ingen widget.</p>');
    await e2e.page.waitForLoadState('networkidle');
    expect(requested).toEqual(['samskab.js']);

    await e2e.page.evaluate(() => {
      const section = document.createElement('section');
      section.innerHTML =
        '<h2>Vagter</h2><samskab-shift-calendar activity="lektiecafe"></samskab-shift-calendar>';
      document.querySelector('main')!.append(section);
    });
    await expect.poll(rendered('samskab-shift-calendar')).toBe(true);
    const calendar = builtChunks().tags['samskab-shift-calendar']!;
    expect(requested.sort()).toEqual(['samskab.js', ...calendar].sort());
    // No English page, no feed: neither the English messages nor the parser.
    expect(requested).not.toContain('samskab-en.js');
    expect(requested).not.toContain('samskab-ical.js');
  });

  it('finds a tag inside another component’s open shadow root', async () => {
    await e2e.openWidgetPage('<p>Komponent følger.</p>');
    await e2e.page.evaluate(() => {
      const box = document.createElement('div');
      box.id = 'box';
      const shadow = box.attachShadow({ mode: 'open' });
      document.querySelector('main')!.append(box);
      // Filled after the host is in the page, as a component renders.
      queueMicrotask(() => {
        shadow.innerHTML =
          '<samskab-reflection-prompt activity="besoegsven"></samskab-reflection-prompt>';
      });
    });
    await expect
      .poll(() =>
        e2e.page.evaluate(
          () =>
            (document.querySelector('#box')!.shadowRoot!.querySelector('samskab-reflection-prompt')!
              .shadowRoot?.childElementCount ?? 0) > 0,
        ),
      )
      .toBe(true);
  });

  it('keeps a widget’s space while its code is on its way', async () => {
    const chunk = builtChunks().tags['samskab-signup-form']!.at(-1)!;
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    await e2e.page.route(`**/${chunk}`, async (route) => {
      await held;
      await route.continue();
    });
    await e2e.openWidgetPage('<samskab-signup-form activity="besoegsven"></samskab-signup-form>');
    const height = () =>
      e2e.page.locator('samskab-signup-form').evaluate((el) => el.getBoundingClientRect().height);
    // 51 lines of the widget's 16px font: what the form takes up before its activity has loaded.
    await expect.poll(height).toBe(51 * 16);
    expect(await defined(e2e.page, 'samskab-signup-form')).toBe(false);
    release();
    await expect.poll(rendered('samskab-signup-form')).toBe(true);
  });
});

describe('a tampered file', () => {
  let server: RunningServer | undefined;
  let host: HostPage | undefined;
  /** What the host page holds; set once the server's origin is known. */
  let head = '';
  let body = '';

  afterEach(async () => {
    await host?.close();
    await server?.close();
    host = undefined;
    server = undefined;
  });

  /**
   * A server whose build (a copy of dist/widgets) had `file` changed after
   * the build hashed it, as a compromised server or CDN would serve it, and a
   * page on another origin holding `head` and `body`. The changed file, if
   * run, sets `window.tampered`. Returns the server's origin.
   */
  async function tamperedServer(file: string) {
    const widgetsDir = join(mkdtempSync(join(tmpdir(), 'samskab-tampered-')), 'widgets');
    cpSync(resolve(import.meta.dirname, '../../dist/widgets'), widgetsDir, { recursive: true });
    appendFileSync(join(widgetsDir, file), '\nwindow.tampered = true;\n');
    host = await serveHostPage(() => ({ html: municipalPage(body, head) }));
    server = await startTempServer({
      widgetsDir,
      dbPath: tempDbPath(),
      allowedOrigins: [host.origin],
    });
    return new URL(server.url).origin;
  }

  /** Opens the host page and collects the console's warnings. */
  async function open(page: Page) {
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.goto(host!.url);
    return warnings;
  }

  it('is refused: the widget stays undefined and the changed code never runs', async () => {
    const own = builtChunks().tags['samskab-signup-form']!.at(-1)!;
    const origin = await tamperedServer(own);
    head = `<script type="module" src="${origin}/samskab.js"></script>`;
    body = '<samskab-signup-form activity="besoegsven"></samskab-signup-form>';
    const warnings = await open(e2e.page);
    await expect.poll(() => warnings.join('\n')).toContain('did not match its integrity hash');
    expect(warnings.join('\n')).toContain(own);
    expect(await defined(e2e.page, 'samskab-signup-form')).toBe(false);
    expect(await e2e.page.evaluate(() => 'tampered' in window)).toBe(false);
  });

  it('is refused behind a pinned version, shared chunk included, while an untouched widget of the same version runs', async () => {
    const chunks = builtChunks();
    // A chunk the calendar needs and the reflection prompt does not.
    const shared = chunks.tags['samskab-shift-calendar']!.find(
      (file) => !chunks.tags['samskab-reflection-prompt']!.includes(file),
    )!;
    const origin = await tamperedServer(shared);
    const made = (await (
      await fetch(`${origin}/embed/papers?widget=shift-calendar`)
    ).json()) as EmbedPapers;
    head = /<script [^>]*\/v\/[^>]*><\/script>/.exec(made.versioned)![0];
    expect(head).toContain('integrity="sha384-');
    body =
      '<samskab-shift-calendar activity="lektiecafe"></samskab-shift-calendar>' +
      '<samskab-reflection-prompt activity="besoegsven"></samskab-reflection-prompt>';
    const requested = bundleRequests(e2e.page);
    const warnings = await open(e2e.page);
    await expect.poll(() => defined(e2e.page, 'samskab-reflection-prompt')).toBe(true);
    await expect.poll(() => warnings.join('\n')).toContain(shared);
    expect(requested.every((name) => name.startsWith('samskab'))).toBe(true);
    expect(await defined(e2e.page, 'samskab-shift-calendar')).toBe(false);
    expect(await e2e.page.evaluate(() => 'tampered' in window)).toBe(false);
  });

  it('of the English messages is refused: an English page’s form shows in Danish', async () => {
    const origin = await tamperedServer('samskab-en.js');
    head = `<script type="module" src="${origin}/samskab.js"></script>`;
    body = '<div lang="en"><samskab-signup-form activity="besoegsven"></samskab-signup-form></div>';
    await open(e2e.page);
    const form = e2e.page.locator('samskab-signup-form');
    await expect.poll(() => form.getByLabel('Navn').count()).toBe(1);
    expect(await e2e.page.evaluate(() => 'tampered' in window)).toBe(false);
  });
});
