/**
 * Keyboard and page checks for real-browser tests of the coordinators'
 * workplace: move the focus with Tab to an element and act on it, read a
 * download, and check a page with axe (and, when asked, at 320 px).
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeViolations } from './browser.js';

/** WebAuthn and a published address want a name, not an IP: the workplace as `localhost`. */
export const local = (origin: string) => origin.replace('//127.0.0.1:', '//localhost:');

/**
 * Presses Tab until the focused element matches `selector`; fails after
 * `max` presses (a keyboard trap, or an element Tab never reaches).
 */
export async function tabTo(page: Page, selector: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`Tab never reached ${selector} in ${max} presses (focus on ${at})`);
}

/** Tabs to `selector` from the top of the page and types `text` there. */
export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

/** Follows the link to `href` by keyboard alone (Tab, Enter), from wherever the focus is. */
export async function followLink(page: Page, href: string): Promise<void> {
  await tabTo(page, `a[href="${href}"]`);
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
}

/** Tabs to the button `selector` and presses Enter, waiting for the page the form leads to. */
export async function submitWith(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector);
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
}

/**
 * Tabs to the button whose accessible name is `name` (its visible text first,
 * then who it is about) and presses Enter, waiting for the next page.
 */
export async function pressButton(page: Page, name: string): Promise<void> {
  // The hidden part is a block (absolutely positioned): browsers put a space before it.
  const [visible, who] = name.split(': ');
  const literal = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page
    .getByRole('button', { name: new RegExp(`^${literal(visible!)}\\s*: ${literal(who!)}$`) })
    .evaluate((el) => el.setAttribute('data-e2e-target', ''));
  await submitWith(page, '[data-e2e-target]');
}

/** Presses Enter on the focused element and returns the text of the download it starts. */
export async function downloadByEnter(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.keyboard.press('Enter'),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/**
 * No WCAG 2.1 A/AA violation on the page; with `reflow`, also none at 320 px
 * wide, and no sideways scrolling there (WCAG 1.4.10). The viewport is put back.
 * Soft: the test goes on, so one run names every page's problems, and fails at its end.
 */
export async function checkPage(
  page: Page,
  name: string,
  { reflow = false }: { reflow?: boolean } = {},
): Promise<void> {
  expect.soft(await axeViolations(page), `axe: ${name}`).toEqual([]);
  if (!reflow) return;
  const before = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 720 });
  try {
    expect
      .soft(
        await page.evaluate(() => document.documentElement.scrollWidth),
        `320 px reflow: ${name}`,
      )
      .toBeLessThanOrEqual(320);
    expect.soft(await axeViolations(page), `axe at 320 px: ${name}`).toEqual([]);
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

/** The text of each cell of each body row of the tables in `scope`. */
export function tableRows(page: Page, scope = 'main'): Promise<string[][]> {
  return page.evaluate(
    (s) =>
      [...document.querySelectorAll(`${s} table tbody tr`)].map((tr) =>
        [...tr.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()),
      ),
    scope,
  );
}

/** A CSV file as the workplace writes it: a BOM, CRLF, every cell quoted. */
export function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text
    .slice(1)
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replaceAll('""', '"')));
}
