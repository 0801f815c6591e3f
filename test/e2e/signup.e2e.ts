// The sign-up form in real Chromium, embedded on a page of another origin than
// the Samskab server, as a municipality's CMS would have it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/server.js';
import { axeViolations, launchChromium } from '../support/browser.js';
import { type HostPage, municipalPage, serveHostPage } from '../support/host-page.js';

type Running = Awaited<ReturnType<typeof startServer>>;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let server: Running;
let host: HostPage | undefined;
let dbPath: string;

const form = (n = 0) => page.locator('samskab-signup-form').nth(n);
const status = (n = 0) => form(n).locator('[role="status"]');

async function start(port = 0) {
  return startServer({
    port,
    host: '127.0.0.1',
    dbPath,
    adminToken: 'test-admin-token-0123456789',
    allowedOrigins: host ? [host.origin] : [],
    demo: true,
  });
}

async function signups(): Promise<Array<Record<string, unknown>>> {
  const response = await fetch(`${server.url}api/v1/signups`, {
    headers: { Authorization: 'Bearer test-admin-token-0123456789' },
  });
  expect(response.status).toBe(200);
  return response.json();
}

/**
 * Opens a municipal page of its own origin holding the script tag and `body`
 * (where `{{server}}` stands for the server's origin), and restarts the server
 * with that origin allowed.
 */
async function open(body: string, options: { css?: string; csp?: boolean } = {}) {
  host = await serveHostPage(() => {
    const origin = new URL(server.url).origin;
    return {
      html: municipalPage(
        body.replaceAll('{{server}}', origin),
        `<link rel="stylesheet" href="/host.css"><script type="module" src="${origin}/samskab.js"></script>`,
      ),
      css: options.css,
      headers: options.csp ? { 'Content-Security-Policy': strictCsp(origin) } : undefined,
    };
  });
  await server.close();
  server = await start();
  await page.goto(host.url);
  await expect.poll(() => form().locator('input').count()).toBeGreaterThan(0);
}

/** The strictest policy a municipality might set: only the Samskab server may run script. */
const strictCsp = (origin: string) =>
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

const FORM = '<samskab-signup-form activity="besoegsven"></samskab-signup-form>';

/** Fills the form with the keyboard alone, starting from the page's first Tab stop. */
async function fillByKeyboard(name: string, email: string) {
  await page.keyboard.press('Tab');
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab'); // phone, optional
  await page.keyboard.press('Tab'); // what I would like to help with
  await page.keyboard.type('Hjælpe med lektier tirsdag eftermiddag');
  await page.keyboard.press('Tab'); // age band: the first radio
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown'); // 18 or over
  await page.keyboard.press('Tab'); // consent
  await page.keyboard.press('Space');
}

/** Fills the required fields by pointer, for tests about something else than the keyboard. */
async function fillWithMouse(name: string, email: string, n = 0) {
  await form(n).getByLabel('Navn').fill(name);
  await form(n).getByLabel('E-mail').fill(email);
  await form(n).getByLabel('18 år eller derover').check();
  await form(n)
    .getByLabel(/Jeg giver samtykke/)
    .check();
}

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  dbPath = join(mkdtempSync(join(tmpdir(), 'samskab-e2e-')), 'samskab.db');
  server = await start();
  context = await browser.newContext();
  page = await context.newPage();
});

afterEach(async () => {
  await context.close();
  await server.close();
  await host?.close();
  host = undefined;
});

describe('<samskab-signup-form>', () => {
  it('lets a resident on another origin sign up by keyboard alone, and the admin API lists exactly that', async () => {
    await open(FORM);
    await fillByKeyboard('Søren Ågård', 'soeren@example.dk');
    await page.keyboard.press('Tab'); // the submit button
    await page.keyboard.press('Enter');
    await expect
      .poll(() => form().getByRole('heading', { name: 'Tak for din tilmelding!' }).count())
      .toBe(1);

    const rows = await signups();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      activityId: 'besoegsven',
      name: 'Søren Ågård',
      email: 'soeren@example.dk',
      help: 'Hjælpe med lektier tirsdag eftermiddag',
      ageBand: '18-plus',
    });
  });

  it('shows errors tied to their fields and a summary that takes focus', async () => {
    await open(FORM);
    await form().getByRole('button', { name: 'Tilmeld' }).click();
    const summary = form().locator('[part="summary"]');
    await expect.poll(() => summary.evaluate((el) => el.matches(':focus'))).toBe(true);
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Skriv dit navn.',
      'Skriv din e-mailadresse.',
      'Vælg din alder.',
      'Du skal give samtykke for at kunne tilmelde dig.',
    ]);
    const name = form().getByLabel('Navn');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.getAttribute('aria-describedby')).toBe('name-error');
    await summary.getByRole('link', { name: 'Skriv dit navn.' }).click();
    expect(await name.evaluate((el) => el.matches(':focus'))).toBe(true);
  });

  it('validates a field when it is left, and asks a guardian to agree for minors', async () => {
    await open(FORM);
    const email = form().getByLabel('E-mail');
    await email.fill('ikke-en-adresse');
    await email.press('Tab');
    await expect
      .poll(() => form().locator('#email-error').textContent())
      .toBe('Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.');
    await form().getByLabel('15–17 år').check();
    expect(await form().getByText('Min forælder eller værge har givet samtykke').count()).toBe(1);
  });

  it('passes axe in the empty, invalid, sent and queued states', async () => {
    await open(FORM);
    expect(await axeViolations(page), 'empty').toEqual([]);

    await form().getByRole('button', { name: 'Tilmeld' }).click();
    await expect.poll(() => form().locator('[part="summary"]').count()).toBe(1);
    expect(await axeViolations(page), 'invalid').toEqual([]);

    await fillWithMouse('Ida Æbelø', 'ida@example.dk');
    await form().getByRole('button', { name: 'Tilmeld' }).click();
    await expect
      .poll(() => form().getByRole('heading', { name: 'Tak for din tilmelding!' }).count())
      .toBe(1);
    expect(await axeViolations(page), 'sent').toEqual([]);

    await form().getByRole('button', { name: 'Tilmeld en mere' }).click();
    await context.setOffline(true);
    await fillWithMouse('Ole Østergård', 'ole@example.dk');
    await form().getByRole('button', { name: 'Tilmeld' }).click();
    await expect
      .poll(() => form().getByRole('heading', { name: 'Din tilmelding er gemt' }).count())
      .toBe(1);
    expect(await axeViolations(page), 'queued').toEqual([]);
  });

  it('queues the sign-up while the server is down and stores exactly one row once it is back', async () => {
    await open(FORM);
    const port = server.port;
    await server.close();

    const submitted = page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          document.addEventListener('samskab-submit', (event) => {
            seen.push(`${event.id}:${event.status}`);
            if (event.status === 'sent') resolve(seen);
          });
        }),
    );
    await fillWithMouse('Søren Ågård', 'soeren@example.dk');
    await form().getByRole('button', { name: 'Tilmeld' }).click();
    await expect
      .poll(() => form().getByRole('heading', { name: 'Din tilmelding er gemt' }).count())
      .toBe(1);

    server = await start(port);
    const events = await submitted;
    expect(events).toHaveLength(2);
    const [queued, sent] = events.map((e) => e.split(':'));
    expect(queued?.[1]).toBe('queued');
    expect(sent).toEqual([queued?.[0], 'sent']);
    await expect.poll(() => status().textContent()).toContain('Din gemte tilmelding er nu sendt.');

    // A reload must not send it again: the outbox is empty.
    await page.reload();
    await expect.poll(() => form().getByLabel('Navn').count()).toBe(1);
    expect(await signups()).toHaveLength(1);
  });

  it('sends a sign-up queued offline once the browser is online again', async () => {
    await open(FORM);
    await context.setOffline(true);
    await fillWithMouse('Åse Ærø', 'aase@example.dk');
    await form().getByRole('button', { name: 'Tilmeld' }).click();
    await expect
      .poll(() => form().getByRole('heading', { name: 'Din tilmelding er gemt' }).count())
      .toBe(1);
    expect(await signups()).toHaveLength(0);

    await context.setOffline(false);
    await expect.poll(() => status().textContent()).toContain('Din gemte tilmelding er nu sendt.');
    expect((await signups()).map((s) => s.name)).toEqual(['Åse Ærø']);
  });

  it('works under a strict CSP with Trusted Types and records no violation', async () => {
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        // biome-ignore lint/suspicious/noExplicitAny: exposed by the test above.
        (window as any).reportViolation(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await open(FORM, { csp: true });
    await fillByKeyboard('Søren Ågård', 'soeren@example.dk');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => form().getByRole('heading', { name: 'Tak for din tilmelding!' }).count())
      .toBe(1);
    expect(await signups()).toHaveLength(1);
    expect(violations).toEqual([]);
  });

  it('survives the script loaded twice, elements added later and two forms on one page', async () => {
    // A second copy of the bundle, from another URL, is a second module instance.
    await open(`<script type="module" src="{{server}}/samskab.js?again"></script>${FORM}`);
    await page.evaluate(() => {
      const second = document.createElement('samskab-signup-form');
      second.setAttribute('activity', 'lektiecafe');
      document.querySelector('main')!.append(second);
    });
    await expect.poll(() => form(1).getByLabel('Navn').count()).toBe(1);
    await fillWithMouse('Karen Blixen', 'karen@example.dk', 0);
    await form(0).getByRole('button', { name: 'Tilmeld' }).click();
    await expect
      .poll(() => form(0).getByRole('heading', { name: 'Tak for din tilmelding!' }).count())
      .toBe(1);
    expect(await form(1).getByLabel('Navn').inputValue()).toBe('');
    expect(await form(1).locator('[part="message"]').count()).toBe(0);
    expect((await signups()).map((s) => s.activityId)).toEqual(['besoegsven']);
  });

  it('looks the same whatever the host page’s CSS does', async () => {
    await open(FORM, {
      css: `html { font-size: 10px; line-height: 3; text-transform: uppercase; letter-spacing: 4px }
            input, button, label { all: unset; background: red; font-size: 8px }`,
    });
    const name = form().getByLabel('Navn');
    await expect.poll(() => name.count()).toBe(1);
    const style = await name.evaluate((el) => {
      const s = getComputedStyle(el);
      return { fontSize: s.fontSize, border: s.borderTopStyle, transform: s.textTransform };
    });
    expect(style).toEqual({ fontSize: '16px', border: 'solid', transform: 'none' });
    const button = await form()
      .getByRole('button', { name: 'Tilmeld' })
      .evaluate((el) => getComputedStyle(el).letterSpacing);
    expect(button).toBe('normal');
  });

  it('follows an English page and chooses among the server’s activities without an activity attribute', async () => {
    await open('<div lang="en"><samskab-signup-form></samskab-signup-form></div>');
    const select = form().getByLabel('Activity');
    await expect.poll(() => select.count()).toBe(1);
    const options = await select.locator('option').allTextContents();
    expect(options[0]).toBe('Choose an activity');
    expect(options.length).toBeGreaterThan(1);
    await form().getByRole('button', { name: 'Sign up' }).click();
    await expect
      .poll(() => form().locator('[part="summary"] a').first().textContent())
      .toBe('Choose an activity.');
  });
});
