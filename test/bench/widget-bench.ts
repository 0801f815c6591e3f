// Widget figures: what a page downloads (the loader and the chunks of the
// widgets on it) against the budgets, how soon a resident can type into
// <samskab-signup-form> compared with a plain server-rendered HTML form on the
// same page, in the same Chromium, and Lighthouse's mobile figures for the
// demo page.
import { pathToFileURL } from 'node:url';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { bundleSize } from '../support/bundle-size.js';
import { findChromium } from '../support/chromium.js';
import { budgets, loaderSize, ownSize, pageSize, TAGS } from '../support/page-sizes.js';
import { startTempServer } from '../support/temp-server.js';
import { type BenchRow, printRows } from './report.js';
import { startWidgetHost } from './widget-host.js';

const RUNS = 30;

/** What the page's console says with the two marks after it. */
const MARKS = 'samskab-marks ';

/** `SAMSKAB_BENCH_QUICK=1` skips Lighthouse (minutes of CPU) while iterating; its rows then say so. */
const QUICK = process.env.SAMSKAB_BENCH_QUICK === '1';

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
 * functions with name helpers that do not exist inside the page. The marks
 * come back as a console message once both are taken: waiting with
 * `page.waitForFunction` would have Playwright compile and run its injected
 * script in the page while the widget's chunks arrive, on the main thread the
 * widget needs, after the plain form's mark is already taken.
 */
const MARK_INTERACTIVE = `
  const marks = {};
  const poll = () => {
    if (!marks.plain && document.querySelector('#plain input')) marks.plain = performance.now();
    const shadow = document.querySelector('samskab-signup-form')?.shadowRoot;
    if (!marks.widget && shadow?.querySelector('input')) marks.widget = performance.now();
    if (!marks.plain || !marks.widget) requestAnimationFrame(poll);
    else console.debug(${JSON.stringify(MARKS)} + JSON.stringify(marks));
  };
  requestAnimationFrame(poll);
`;

/** Lighthouse runs of the demo page; its scores vary from run to run, so the median. */
const LIGHTHOUSE_RUNS = 3;

const KB = (bytes: number) => bytes / 1024;

/** Sizes against their budgets, beside every widget built into one file as `samskab.js` was before issue 15. */
async function sizeRows(): Promise<BenchRow[]> {
  const kit = await bundleSize(TAGS.map((tag) => `${tag.slice(8)}/${tag.slice(8)}.ts`));
  const peer = { name: 'every widget in one file, as before issue 15', value: KB(kit) };
  return [
    {
      name: 'samskab.js, the loader (gzip -9)',
      value: KB(loaderSize()),
      unit: 'KB',
      better: 'lower',
      goal: `≤ ${KB(budgets.loader)} KB`,
    },
    ...TAGS.map(
      (tag): BenchRow => ({
        name: `page with only <${tag}>: loader + its chunks`,
        value: KB(pageSize([tag])),
        unit: 'KB',
        peer,
        better: 'lower',
        goal: `≤ ${KB(budgets.page[tag]!)} KB`,
      }),
    ),
    ...TAGS.map(
      (tag): BenchRow => ({
        name: `<${tag}>'s own chunk`,
        value: KB(ownSize(tag)),
        unit: 'KB',
        better: 'lower',
        goal: `≤ ${KB(budgets.own[tag]!)} KB`,
      }),
    ),
    {
      name: 'page with every widget (the demo page)',
      value: KB(pageSize(TAGS)),
      unit: 'KB',
      peer,
      better: 'lower',
      goal: `≤ ${KB(budgets.all)} KB`,
    },
  ];
}

/**
 * Lighthouse 12's performance score and cumulative layout shift for the demo
 * page (`/` of a demo server), on its default mobile profile (a mid-range
 * phone, simulated slow 4G and 4× CPU slowdown), in Debian's Chromium.
 */
async function lighthouseRows(): Promise<BenchRow[]> {
  const server = await startTempServer({ rateLimit: false });
  const chromePath = findChromium();
  if (!chromePath) throw new Error('No Chromium: set CHROME_PATH.');
  const scores: number[] = [];
  const shifts: number[] = [];
  try {
    for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
      // A fresh browser each run, as Lighthouse's own CLI does: nothing cached.
      const chrome = await launch({ chromePath, chromeFlags: ['--headless=new', '--no-sandbox'] });
      try {
        const result = await lighthouse(server.url, {
          port: chrome.port,
          onlyCategories: ['performance'],
          logLevel: 'error',
        });
        const lhr = result?.lhr;
        scores.push(lhr?.categories.performance?.score ?? Number.NaN);
        shifts.push(lhr?.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN);
      } finally {
        chrome.kill();
      }
    }
  } finally {
    await server.close();
  }
  return [
    {
      name: `demo page, Lighthouse mobile: performance (median of ${LIGHTHOUSE_RUNS})`,
      value: median(scores),
      unit: '',
      better: 'higher',
      goal: '≥ 0.95',
    },
    {
      name: `demo page, Lighthouse mobile: layout shift (CLS, median of ${LIGHTHOUSE_RUNS})`,
      value: median(shifts),
      unit: '',
      better: 'lower',
      goal: '≤ 0.05',
    },
  ];
}

/** The Lighthouse rows without figures, so a quick run still prints every row. */
function skippedLighthouseRows(): BenchRow[] {
  return ['performance', 'layout shift (CLS)'].map((what) => ({
    name: `demo page, Lighthouse mobile: ${what} (skipped: SAMSKAB_BENCH_QUICK)`,
    value: Number.NaN,
    unit: '',
    better: what === 'performance' ? 'higher' : 'lower',
  }));
}

/** Sizes, time to an interactive form, and Lighthouse's figures for the demo page. */
export async function benchWidgets(): Promise<BenchRow[]> {
  const rows = await sizeRows();
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
      const message = page.waitForEvent('console', (m) => m.text().startsWith(MARKS));
      await page.goto(host.url);
      const marks = JSON.parse((await message).text().slice(MARKS.length));
      const { plain: p, widget: w } = marks as Record<string, number>;
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
    goal: '≤ 1.5× the plain form',
  });
  rows.push(...(QUICK ? skippedLighthouseRows() : await lighthouseRows()));
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
