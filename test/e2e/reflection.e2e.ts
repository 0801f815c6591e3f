// The reflection prompt in real Chromium, on a page of another origin than the
// Samskab server, as a municipality's CMS would have it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reflectionsFeature } from '../../src/server/reflections/index.js';
import { startServer } from '../../src/server/server.js';
import { axeViolations, launchChromium } from '../support/browser.js';
import { type HostPage, municipalPage, serveHostPage } from '../support/host-page.js';

type Running = Awaited<ReturnType<typeof startServer>>;

const TOKEN = 'test-admin-token-0123456789';
let browser: Browser;
let context: BrowserContext;
let page: Page;
let server: Running;
let host: HostPage | undefined;
let dbPath: string;

const prompt = () => page.locator('samskab-reflection-prompt');
const status = () => prompt().locator('[role="status"]');
const SENT = 'Tak! Din refleksion er sendt.';
const QUEUED = 'Din refleksion er gemt og bliver sendt, når forbindelsen er tilbage.';

async function start(port = 0) {
  return startServer({
    port,
    host: '127.0.0.1',
    dbPath,
    adminToken: TOKEN,
    allowedOrigins: host ? [host.origin] : [],
    demo: true,
    features: [reflectionsFeature],
  });
}

async function admin(path: string, init: RequestInit = {}) {
  const response = await fetch(`${server.url}api/v1/${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
  });
  expect(response.status).toBeLessThan(300);
  return response.json();
}

const pulse = () => admin('activities/besoegsven/pulse?weeks=1');

/** Two reflections straight to the API, so the week's figures reach the k-anonymity rule. */
async function twoMore(energy: number) {
  for (const key of ['e2e-extra-reflection-1', 'e2e-extra-reflection-2']) {
    const response = await fetch(`${server.url}api/v1/reflections`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify({
        activityId: 'besoegsven',
        questionSetVersion: 0,
        answers: { energy, meaning: 'yes', load: 'right' },
      }),
    });
    expect(response.status).toBe(201);
  }
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

/** Opens a municipal page of its own origin with the bundle and `body`, the server allowing it. */
async function open(body: string, options: { csp?: boolean } = {}) {
  host = await serveHostPage(() => {
    const origin = new URL(server.url).origin;
    return {
      html: municipalPage(body, `<script type="module" src="${origin}/samskab.js"></script>`),
      headers: options.csp ? { 'Content-Security-Policy': strictCsp(origin) } : undefined,
    };
  });
  await server.close();
  server = await start();
  await page.goto(host.url);
  await expect.poll(() => prompt().locator('input[type="radio"]').count()).toBeGreaterThan(0);
}

const PROMPT =
  '<samskab-reflection-prompt activity="besoegsven" shift="vagt-42"></samskab-reflection-prompt>';

/** Answers a few questions by pointer, for tests about something else than the keyboard. */
async function answerWithMouse() {
  await prompt().getByRole('radio', { name: 'Ja' }).first().check();
  await prompt().getByRole('radio', { name: '3', exact: true }).check();
  await prompt().getByRole('radio', { name: 'For meget' }).check();
}

const send = () => prompt().getByRole('button', { name: 'Send refleksion' }).click();

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

describe('<samskab-reflection-prompt>', () => {
  it('lets a volunteer reflect by keyboard alone under a strict CSP, and the leader sees it', async () => {
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        // biome-ignore lint/suspicious/noExplicitAny: exposed by the test above.
        (window as any).reportViolation(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await open(PROMPT, { csp: true });
    const keys = async (...list: string[]) => {
      for (const key of list) await page.keyboard.press(key);
    };
    await keys('Tab', 'Space'); // Gav det mening? Ja
    await keys('Tab', 'ArrowRight', 'ArrowRight', 'ArrowRight'); // energy: 1 → 4
    await keys('Tab', 'ArrowRight'); // load: For lidt → Passende
    await keys('Tab', 'Space'); // ownership: Ja
    await keys('Tab', 'ArrowRight', 'ArrowRight'); // belonging: Ja → Nej
    await keys('Tab');
    await page.keyboard.type('Jeg vil gerne tale om vagtplanen.');
    await keys('Tab', 'Space'); // Må vi kontakte dig?
    await keys('Tab');
    await page.keyboard.type('12 34 56 78');
    await keys('Tab', 'Enter');
    await expect.poll(() => prompt().locator('[part="message"]').textContent()).toContain(SENT);
    expect(
      await prompt()
        .locator('[part="message"]')
        .evaluate((el) => el.matches(':focus')),
    ).toBe(true);

    await twoMore(4);
    const p = await pulse();
    const week = p.series.at(-1);
    // The keyboard's answers are the only way these figures come out exactly so.
    expect(week).toMatchObject({
      answers: 3,
      meanEnergy: 4,
      shareTooMuch: 0,
      shareMeaningful: 1,
    });
    expect(p.followUps).toMatchObject([
      {
        contact: '12 34 56 78',
        note: 'Jeg vil gerne tale om vagtplanen.',
        shiftId: 'vagt-42',
        question: 'Er der noget, din koordinator bør vide?',
      },
    ]);
    expect(violations).toEqual([]);
  });

  it('passes axe when empty, with errors, sent and queued, and reflows at 320px', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    await open(PROMPT);
    expect(await axeViolations(page), 'empty').toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );

    await send();
    const error = prompt().locator('.form-error');
    await expect.poll(() => error.textContent()).toBe('Svar på mindst ét spørgsmål.');
    expect(await error.evaluate((el) => el.matches(':focus'))).toBe(true);
    expect(await axeViolations(page), 'nothing answered').toEqual([]);

    await answerWithMouse();
    await prompt().getByLabel('Må vi kontakte dig?').check();
    await prompt().getByLabel('Telefon eller e-mail').fill('ring til mig');
    await send();
    const contact = prompt().getByLabel('Telefon eller e-mail');
    await expect.poll(() => contact.getAttribute('aria-invalid')).toBe('true');
    expect(await contact.evaluate((el) => el.matches(':focus'))).toBe(true);
    expect(await prompt().locator('#contact-error').textContent()).toBe(
      'Skriv et gyldigt telefonnummer eller en gyldig e-mailadresse.',
    );
    expect(await axeViolations(page), 'bad contact').toEqual([]);

    await prompt().getByLabel('Må vi kontakte dig?').uncheck();
    await context.setOffline(true);
    await send();
    await expect.poll(() => prompt().locator('[part="message"]').textContent()).toContain(QUEUED);
    expect(await axeViolations(page), 'queued').toEqual([]);

    await context.setOffline(false);
    await expect.poll(() => status().textContent()).toContain('Din gemte refleksion er nu sendt.');
    await expect.poll(() => prompt().locator('[part="message"]').textContent()).toContain(SENT);
    expect(await axeViolations(page), 'sent').toEqual([]);
  });

  it('keeps a reflection while the server is down and stores it exactly once when it is back', async () => {
    await open(PROMPT);
    const port = server.port;
    await server.close();

    const events = page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          document.addEventListener('samskab-reflection', (event) => {
            seen.push(`${event.id}:${event.status}`);
            if (event.status === 'sent') resolve(seen);
          });
        }),
    );
    await answerWithMouse();
    await prompt().getByLabel('Må vi kontakte dig?').check();
    await prompt().getByLabel('Telefon eller e-mail').fill('ida@example.dk');
    await send();
    await expect.poll(() => prompt().locator('[part="message"]').textContent()).toContain(QUEUED);

    server = await start(port);
    const [queued, sent] = (await events).map((e) => e.split(':'));
    expect(queued?.[1]).toBe('queued');
    expect(sent).toEqual([queued?.[0], 'sent']);

    // A reload must not send it again: the outbox is empty.
    await page.reload();
    await expect.poll(() => prompt().locator('input[type="radio"]').count()).toBeGreaterThan(0);
    await page.evaluate(() => dispatchEvent(new Event('online')));
    expect((await pulse()).followUps.map((f: { contact: string }) => f.contact)).toEqual([
      'ida@example.dk',
    ]);
  });

  it('shows the leader the pulse as a chart and a table, axe clean at 320px, behind Basic auth', async () => {
    await twoMore(4);
    const response = await fetch(`${server.url}api/v1/reflections`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'e2e-follow-up-000001' },
      body: JSON.stringify({
        activityId: 'besoegsven',
        questionSetVersion: 0,
        answers: { energy: 2, load: 'too-much', note: 'Jeg har for mange vagter.' },
        contact: 'ida@example.dk',
      }),
    });
    expect(response.status).toBe(201);
    const url = `${server.url}leder/puls?activity=besoegsven&weeks=4`;
    expect((await fetch(url)).status).toBe(401);

    const leader = await browser.newContext({
      httpCredentials: { username: 'leder', password: TOKEN },
      // The page follows Accept-Language; Chromium's default is English.
      locale: 'da-DK',
      viewport: { width: 320, height: 640 },
    });
    try {
      const view = await leader.newPage();
      await view.goto(url);
      expect(await view.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Puls: Besøgsven på Plejecenter Solgården',
      );
      expect(await view.getByRole('img', { name: /Gennemsnitlig energi/ }).count()).toBe(1);
      const lastRow = view
        .getByRole('table', { name: 'Pulsen uge for uge' })
        .locator('tbody tr')
        .last();
      expect(await lastRow.locator('td').allTextContents()).toEqual([
        '3',
        '3,3',
        '33\u00a0%',
        // Only two answered the meaning question: under the rule, so no figure.
        'intet svar',
      ]);
      expect(await view.getByText('Jeg har for mange vagter.').count()).toBe(1);
      expect(await axeViolations(view)).toEqual([]);
      expect(await view.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        320,
      );
    } finally {
      await leader.close();
    }
  });

  it('asks the activity’s own questions, in English on an English page, marking Danish-only text', async () => {
    await admin('activities/besoegsven/reflection-questions', {
      method: 'PUT',
      body: JSON.stringify({
        questions: [
          {
            id: 'glaede',
            kind: 'scale',
            theme: 'energy',
            text: { da: 'Hvor glad gik du hjem?', en: 'How happy did you go home?' },
            low: { da: 'trist', en: 'sad' },
            high: { da: 'glad', en: 'happy' },
          },
          { id: 'mening', kind: 'agree', theme: 'meaning', text: { da: 'Gav det mening?' } },
        ],
      }),
    });
    await open(
      '<div lang="en"><samskab-reflection-prompt activity="besoegsven"></samskab-reflection-prompt></div>',
    );
    await expect
      .poll(() => prompt().getByRole('group', { name: 'How happy did you go home?' }).count())
      .toBe(1);
    expect(await prompt().locator('#hint-glaede').textContent()).toContain('1 = sad, 5 = happy');
    const danish = prompt().locator('legend span[lang="da"]');
    expect(await danish.textContent()).toBe('Gav det mening?');
    expect(await prompt().getByRole('radio', { name: 'Partly' }).count()).toBe(1);
    expect(await axeViolations(page), 'English').toEqual([]);
  });
});
