// Widget figures: bundle sizes against their budgets, and how soon a resident
// can type into <samskab-signup-form> compared with a plain server-rendered
// HTML form on the same page, in the same Chromium.
import { pathToFileURL } from 'node:url';
import { budgets, kitSize, widgetSize } from '../support/bundle-size.js';
import { type BenchRow, printRows } from './report.js';
import { startWidgetHost } from './widget-host.js';

const RUNS = 30;

/** A plain form with the same fields, as a CMS would render it on the server. */
const plainForm = `<form id="plain" action="/tak" method="post">
  <label for="p-name">Navn</label><input id="p-name" name="name" autocomplete="name" required>
  <label for="p-email">E-mail</label><input id="p-email" name="email" type="email" required>
  <label for="p-phone">Telefon (frivilligt)</label><input id="p-phone" name="phone" type="tel">
  <label for="p-help">Hvad vil du gerne hjælpe med?</label><textarea id="p-help" name="help"></textarea>
  <fieldset><legend>Alder</legend>
    <label><input type="radio" name="age" value="under-15"> Under 15 år</label>
    <label><input type="radio" name="age" value="15-17"> 15–17 år</label>
    <label><input type="radio" name="age" value="18-plus"> 18 år eller derover</label>
  </fieldset>
  <label><input type="checkbox" name="consent" required> Jeg giver samtykke</label>
  <button>Tilmeld</button>
</form>`;

/**
 * The same clock for both forms: the first animation frame in which each has a
 * text input a resident could focus. A string, not a function: tsx compiles
 * functions with name helpers that do not exist inside the page.
 */
const MARK_INTERACTIVE = `
  window.marks = {};
  const poll = () => {
    const marks = window.marks;
    if (!marks.plain && document.querySelector('#plain input')) marks.plain = performance.now();
    const shadow = document.querySelector('samskab-signup-form')?.shadowRoot;
    if (!marks.widget && shadow?.querySelector('input')) marks.widget = performance.now();
    if (!marks.plain || !marks.widget) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
`;

/** Sizes and time to an interactive form. */
export async function benchWidgets(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [
    {
      name: 'samskab.js, whole kit (gzip -9)',
      value: kitSize() / 1024,
      unit: 'KB',
      better: 'lower',
      goal: `≤ ${budgets.kit / 1024} KB`,
    },
    {
      name: 'sign-up form alone (gzip -9)',
      value: (await widgetSize('signup-form/signup-form.ts')) / 1024,
      unit: 'KB',
      better: 'lower',
      goal: `≤ ${budgets.widget / 1024} KB`,
    },
  ];

  const { host, browser, close } = await startWidgetHost(
    `${plainForm}<samskab-signup-form activity="besoegsven"></samskab-signup-form>`,
  );
  const widget: number[] = [];
  const plain: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      // A fresh context each run: nothing cached, as for a first-time visitor.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript({ content: MARK_INTERACTIVE });
      await page.goto(host.url);
      const marks = await page.waitForFunction(
        'window.marks.plain && window.marks.widget ? window.marks : undefined',
      );
      const { plain: p, widget: w } = (await marks.jsonValue()) as Record<string, number>;
      plain.push(p!);
      widget.push(w!);
      await context.close();
    }
  } finally {
    await close();
  }
  rows.push({
    name: `time to an interactive sign-up form (median of ${RUNS})`,
    value: median(widget),
    unit: 'ms',
    peer: { name: 'plain HTML form', value: median(plain) },
    better: 'lower',
  });
  return rows;
}

export function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printRows('Widgets', await benchWidgets());
}
