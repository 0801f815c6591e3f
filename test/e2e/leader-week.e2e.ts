// "Min uge som leder" in the built Chrome extension, in a real Chromium: the
// week filled in with the keyboard alone, kept over a reload, its questions
// and reminder changed, and the presence map beside it; axe in every state.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/browser.js';
import { chromiumArgs, findChromium } from '../support/chromium.js';

const EXT = resolve('.output/chrome-mv3');
/**
 * Until main.tsx imports week.css the build lacks the week's sheet: it is
 * copied beside the build and linked (the panel's CSP allows only 'self').
 */
const LINK_SHEET = !readdirSync(join(EXT, 'assets')).some(
  (f) =>
    f.endsWith('.css') && readFileSync(join(EXT, 'assets', f), 'utf8').includes('.week-scroll'),
);
if (LINK_SHEET) copyFileSync(resolve('entrypoints/sidepanel/week.css'), join(EXT, 'week-e2e.css'));
const dirs: string[] = [];
const contexts: BrowserContext[] = [];

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function launch() {
  const dir = mkdtempSync(join(tmpdir(), 'samskab-week-'));
  dirs.push(dir);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: findChromium(),
    headless: true,
    locale: 'da-DK',
    args: [...chromiumArgs, `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`],
  });
  contexts.push(context);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${new URL(worker.url()).host}/sidepanel.html`);
  await ready(panel);
  return panel;
}

/** Waits for the panel, and links the week's sheet if the build does not carry it yet. */
async function ready(panel: Page) {
  await panel.getByRole('heading', { name: 'Frivillige', level: 2 }).waitFor();
  if (!LINK_SHEET) return;
  await panel.evaluate(
    () =>
      new Promise((done) => {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = '/week-e2e.css';
        link.onload = done;
        document.head.append(link);
      }),
  );
}

/** Opens "Min uge" from the navigation with the keyboard. */
async function openWeek(panel: Page) {
  await panel.getByRole('button', { name: 'Min uge', exact: true }).focus();
  await panel.keyboard.press('Enter');
  const heading = panel.getByRole('heading', { name: 'Min uge som leder', level: 2 });
  await expect.poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true);
}

const status = (panel: Page) => panel.getByRole('status').last();
const focusedLabel = (panel: Page) =>
  panel.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return el?.labels?.[0]?.textContent ?? el?.textContent ?? '';
  });

describe('Min uge som leder in Chromium', () => {
  let panel: Page;

  it('shows a volunteer with a note this week on the presence map', async () => {
    panel = await launch();
    await panel.getByText('Tilføj frivillig').click();
    await panel.getByLabel('Navn', { exact: true }).fill('Mette Holm');
    await panel.getByRole('button', { name: 'Gem frivillig' }).click();
    await panel.getByLabel('Navn', { exact: true }).fill('Bo Lund');
    await panel.getByRole('button', { name: 'Gem frivillig' }).click();
    await panel.getByRole('button', { name: /Mette Holm/ }).click();
    await panel.getByLabel('Note', { exact: true }).fill('Kaffe og en god snak om holdet.');
    await panel.getByRole('button', { name: 'Gem note' }).click();
    await panel.getByText('Kaffe og en god snak om holdet.').waitFor();

    await openWeek(panel);
    const table = panel.getByRole('table', { name: 'Aktive frivillige og din kontakt' });
    await table.waitFor();
    const mette = table.getByRole('row', { name: /Mette Holm/ });
    // This week is the last column: a note, said in words to screen readers.
    await expect.poll(() => mette.getByRole('cell').last().textContent()).toBe('NNote');
    await expect
      .poll(() =>
        table
          .getByRole('row', { name: /Bo Lund/ })
          .getByRole('cell')
          .last()
          .textContent(),
      )
      .toBe('–Intet');
    await panel
      .getByText('1 af 2 aktive frivillige har hverken note eller opfølgning i perioden.')
      .waitFor();
    expect(await table.getByRole('columnheader').first().textContent()).toBe('Frivillig');
    expect(await axeViolations(panel)).toEqual([]);
  });

  it('fills the week with the keyboard alone and keeps it over a reload', async () => {
    // From the focused heading: the week picker, then the first question.
    await panel.keyboard.press('Tab');
    expect(await focusedLabel(panel)).toBe('Hvilken uge?');
    await panel.keyboard.press('Tab');
    expect(await focusedLabel(panel)).toMatch(/^Hvem talte jeg virkelig med/);
    await panel.keyboard.type('Mette, over kaffe. Bo savnede jeg.');
    for (let i = 0; i < 4; i++) await panel.keyboard.press('Tab');
    expect(await focusedLabel(panel)).toMatch(/^Hvem har brug for at blive set/);
    // Into the load: the checked "Vil ikke angive", then up to 5 and 4.
    await panel.keyboard.press('Tab');
    expect(await focusedLabel(panel)).toBe('Vil ikke angive');
    await panel.keyboard.press('ArrowUp');
    await panel.keyboard.press('ArrowUp');
    expect(await focusedLabel(panel)).toBe('4 – tung');
    await panel.keyboard.press('Tab');
    await panel.keyboard.press('Enter');
    await expect.poll(() => status(panel).textContent()).toBe('Din uge er gemt.');
    await panel.getByText(/^Sidst gemt /).waitFor();
    expect(await axeViolations(panel)).toEqual([]);

    await panel.reload();
    await ready(panel);
    await openWeek(panel);
    await expect
      .poll(() => panel.getByLabel(/^Hvem talte jeg virkelig med/).inputValue())
      .toBe('Mette, over kaffe. Bo savnede jeg.');
    expect(await panel.getByRole('radio', { name: '4 – tung' }).isChecked()).toBe(true);
    // The load trend shows it for this week, in words.
    const trend = panel.getByRole('table', { name: /Din egen belastning/ });
    expect(await trend.getByRole('row').last().textContent()).toContain('4 – tung');
  });

  it('changes a question and sets the reminder', async () => {
    const summary = panel.getByText('Tilpas spørgsmål og påmindelse');
    await summary.focus();
    await panel.keyboard.press('Enter');
    const first = panel.getByLabel('Spørgsmål 1', { exact: true });
    await first.waitFor();
    expect(await axeViolations(panel)).toEqual([]);

    await first.focus();
    await panel.keyboard.press('ControlOrMeta+A');
    await panel.keyboard.type('Hvem så jeg i øjnene i denne uge?');
    await panel.getByRole('checkbox', { name: 'Mind mig om min uge hver uge' }).check();
    await panel.getByLabel('Ugedag').selectOption({ label: 'Mandag' });
    await panel.getByLabel('Klokken').fill('09:30');
    await panel.getByRole('button', { name: 'Gem spørgsmål og påmindelse' }).click();
    await expect
      .poll(() => status(panel).textContent())
      .toBe('Dine spørgsmål og din påmindelse er gemt.');
    await panel.getByText(/^Næste påmindelse: .*9\.30/).waitFor();
    // The week's form asks the new question, and keeps the answer given to it.
    await expect
      .poll(() => panel.getByLabel('Hvem så jeg i øjnene i denne uge?').inputValue())
      .toBe('Mette, over kaffe. Bo savnede jeg.');
    expect(await axeViolations(panel)).toEqual([]);

    // An empty question is refused, with focus on it.
    await first.fill('   ');
    await panel.getByRole('button', { name: 'Gem spørgsmål og påmindelse' }).click();
    await panel
      .getByRole('alert')
      .filter({ hasText: 'Skriv spørgsmålet, eller fjern det.' })
      .waitFor();
    await expect.poll(() => focusedLabel(panel)).toBe('Spørgsmål 1');
    expect(await axeViolations(panel)).toEqual([]);

    await panel.reload();
    await ready(panel);
    await openWeek(panel);
    await panel.getByLabel('Hvem så jeg i øjnene i denne uge?').waitFor();
    await panel.getByText('Tilpas spørgsmål og påmindelse').click();
    await panel.getByText(/^Næste påmindelse: .*9\.30/).waitFor();
    expect(await panel.getByLabel('Ugedag').inputValue()).toBe('1');
  });

  it('reflows at 320 px: only the table scrolls, inside its own focusable region', async () => {
    await panel.setViewportSize({ width: 320, height: 640 });
    const wide = await panel.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > 320.5 && !el.closest('.week-scroll'))
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}#${el.id}`),
    );
    expect(wide).toEqual([]);
    expect(await panel.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );
    const region = panel.getByRole('region', { name: 'Aktive frivillige og din kontakt' });
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await axeViolations(panel)).toEqual([]);
  });
});
