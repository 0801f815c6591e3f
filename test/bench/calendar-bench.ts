// Calendar figures: rendering 1,000 shifts in <samskab-shift-calendar>'s
// month and list views against FullCalendar 6 (dayGridMonth, listMonth) with
// the same events in the same Chromium run, adding one shift to a rendered
// month against FullCalendar's `addEvent`, and gzip sizes of both.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { embedFeature } from '../../src/server/embed/feature.js';
import { toIsoCopenhagen } from '../../src/time/copenhagen.js';
import { widgetSize } from '../support/bundle-size.js';
import { type BenchRow, printRows } from './report.js';
import { median } from './widget-bench.js';
import { startWidgetHost } from './widget-host.js';

const root = resolve(import.meta.dirname, '../..');
const RUNS = 7;
const SHIFTS = 1000;
/** Shifts added one at a time to a rendered month, per run. */
const ADDS = 5;

/** 1,000 shifts over 1–28 January 2030, 08.00–20.00 Copenhagen. */
function shifts() {
  return Array.from({ length: SHIFTS }, (_, i) => {
    const day = 1 + (i % 28);
    const hour = 8 + (i % 12);
    const start = new Date(Date.UTC(2030, 0, day, hour - 1));
    const end = new Date(start.getTime() + 2 * 3_600_000);
    return {
      id: `s${i}`,
      activityId: 'besoegsven',
      title: `Vagt ${i}`,
      location: 'Plejecenter Solgården',
      start: toIsoCopenhagen(start),
      end: toIsoCopenhagen(end),
      capacity: 5,
      taken: i % 6,
      waiting: 0,
    };
  });
}

/** One more shift, on a day in the month that already has many. */
function added(n: number) {
  const start = new Date(Date.UTC(2030, 0, 15, 12, n));
  return {
    id: `added${n}`,
    activityId: 'besoegsven',
    title: `Ny vagt ${n}`,
    location: 'Plejecenter Solgården',
    start: toIsoCopenhagen(start),
    end: toIsoCopenhagen(new Date(start.getTime() + 2 * 3_600_000)),
    capacity: 5,
    taken: 0,
    waiting: 0,
  };
}

/** FullCalendar core + daygrid + list as one minified ES module, built like our bundle. */
async function buildFullCalendar(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'samskab-fc-'));
  const source = `import { Calendar } from '@fullcalendar/core';
import dayGridPlugin from '@fullcalendar/daygrid';
import listPlugin from '@fullcalendar/list';
window.FC = { Calendar, plugins: [dayGridPlugin, listPlugin] };`;
  try {
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      build: {
        outDir: dir,
        target: 'es2022',
        rolldownOptions: {
          input: { fc: 'virtual:fc' },
          output: { format: 'es', entryFileNames: '[name].js' },
        },
      },
      plugins: [
        {
          name: 'samskab:fullcalendar-entry',
          resolveId: (id) => (id === 'virtual:fc' ? join(root, 'fc-bench-entry.js') : null),
          load: (id) => (id === join(root, 'fc-bench-entry.js') ? source : null),
        },
      ],
    });
    return await readFile(join(dir, 'fc.js'), 'utf8');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Render times and sizes against FullCalendar. */
export async function benchCalendar(): Promise<BenchRow[]> {
  const fc = await buildFullCalendar();
  const fcSize = gzipSync(fc, { level: 9 }).length;
  const ownSize = await widgetSize('shift-calendar/shift-calendar.ts');
  const data = JSON.stringify(shifts());

  const { host, browser, close } = await startWidgetHost('<div id="stage"></div>', {
    head: `<script type="module">${fc}</script>`,
    features: [embedFeature],
  });
  const times: Record<string, number[]> = {
    month: [],
    list: [],
    fcMonth: [],
    fcList: [],
    add: [],
    fcAdd: [],
  };
  const adds = Array.from({ length: ADDS }, (_, n) => added(n));
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      // The same events for both, answered at once in the page: the figure is rendering,
      // not the network. (Playwright's `route` would answer from this Node process, a
      // round trip of 40–280 ms on a two-core machine that has nothing to do with the
      // widget.) The widget still reads the body and checks it against the schema.
      await page.addInitScript((body) => {
        const passOn = window.fetch.bind(window);
        window.fetch = (input, init) =>
          String(input instanceof Request ? input.url : input).includes('/api/v1/shifts?')
            ? Promise.resolve(
                new Response(body, { headers: { 'Content-Type': 'application/json' } }),
              )
            : passOn(input, init);
      }, data);
      await page.goto(host.url);
      // With `samskab.js` a loader, a widget's code comes when its tag is first on the page:
      // fetch it before timing, as the FullCalendar bundle is there before its timing.
      await page.evaluate(() =>
        document.getElementById('stage')!.append(document.createElement('samskab-shift-calendar')),
      );
      await page.waitForFunction(
        () => customElements.get('samskab-shift-calendar') && 'FC' in window,
      );
      for (const view of ['month', 'list'] as const) {
        times[view]!.push(
          await page.evaluate(async (v) => {
            const stage = document.getElementById('stage')!;
            stage.replaceChildren();
            const t0 = performance.now();
            const el = document.createElement('samskab-shift-calendar');
            el.setAttribute('view', v);
            el.setAttribute('date', '2030-01-01');
            stage.append(el);
            const done = v === 'month' ? '.chip' : '.shift';
            while (!el.shadowRoot?.querySelector(done)) await new Promise(requestAnimationFrame);
            void document.body.offsetHeight;
            return performance.now() - t0;
          }, view),
        );
        times[view === 'month' ? 'fcMonth' : 'fcList']!.push(
          await page.evaluate(
            async ({ v, events }) => {
              const stage = document.getElementById('stage')!;
              stage.replaceChildren();
              const t0 = performance.now();
              const div = document.createElement('div');
              stage.append(div);
              // biome-ignore lint/suspicious/noExplicitAny: FullCalendar is put on window by the inline bundle.
              const { Calendar, plugins } = (window as any).FC;
              const calendar = new Calendar(div, {
                plugins,
                initialView: v === 'month' ? 'dayGridMonth' : 'listMonth',
                initialDate: '2030-01-01',
                timeZone: 'Europe/Copenhagen',
                dayMaxEvents: 3,
                events: events.map(
                  (e: { id: string; title: string; start: string; end: string }) => ({
                    id: e.id,
                    title: e.title,
                    start: e.start,
                    end: e.end,
                  }),
                ),
              });
              calendar.render();
              await new Promise(requestAnimationFrame);
              void document.body.offsetHeight;
              const ms = performance.now() - t0;
              calendar.destroy();
              return ms;
            },
            { v: view, events: JSON.parse(data) },
          ),
        );
      }
      // One shift at a time into a rendered month of 1,000: each the public way, the
      // calendar's `shifts` property and FullCalendar's `addEvent`, timed until the
      // DOM holds it and layout is done. FullCalendar renders an added event
      // synchronously (its default `rerenderDelay` is null); the widget by its next
      // update, which `updateComplete` waits for.
      times.add!.push(
        ...(await page.evaluate(async (more) => {
          const stage = document.getElementById('stage')!;
          stage.replaceChildren();
          const el = document.createElement('samskab-shift-calendar');
          el.setAttribute('view', 'month');
          el.setAttribute('date', '2030-01-01');
          stage.append(el);
          while (!el.shadowRoot?.querySelector('.chip')) await new Promise(requestAnimationFrame);
          const ms: number[] = [];
          for (const shift of more) {
            await new Promise(requestAnimationFrame);
            const t0 = performance.now();
            el.shifts = [...el.shifts, shift];
            await el.updateComplete;
            void document.body.offsetHeight;
            ms.push(performance.now() - t0);
          }
          return ms;
        }, adds)),
      );
      times.fcAdd!.push(
        ...(await page.evaluate(
          async ({ events, more }) => {
            const stage = document.getElementById('stage')!;
            stage.replaceChildren();
            const div = document.createElement('div');
            stage.append(div);
            // biome-ignore lint/suspicious/noExplicitAny: FullCalendar is put on window by the inline bundle.
            const { Calendar, plugins } = (window as any).FC;
            const calendar = new Calendar(div, {
              plugins,
              initialView: 'dayGridMonth',
              initialDate: '2030-01-01',
              timeZone: 'Europe/Copenhagen',
              dayMaxEvents: 3,
              events: events.map(
                (e: { id: string; title: string; start: string; end: string }) => ({
                  id: e.id,
                  title: e.title,
                  start: e.start,
                  end: e.end,
                }),
              ),
            });
            calendar.render();
            const ms: number[] = [];
            for (const e of more) {
              await new Promise(requestAnimationFrame);
              const t0 = performance.now();
              calendar.addEvent({ id: e.id, title: e.title, start: e.start, end: e.end });
              void document.body.offsetHeight;
              ms.push(performance.now() - t0);
            }
            calendar.destroy();
            return ms;
          },
          { events: JSON.parse(data), more: adds },
        )),
      );
      await context.close();
    }
  } finally {
    await close();
  }
  return [
    {
      name: `render ${SHIFTS} shifts, month view (median of ${RUNS})`,
      value: median(times.month!),
      unit: 'ms',
      peer: { name: 'FullCalendar dayGridMonth', value: median(times.fcMonth!) },
      better: 'lower',
      goal: '≤ 0.15× FullCalendar',
    },
    {
      name: `render ${SHIFTS} shifts, list view (median of ${RUNS})`,
      value: median(times.list!),
      unit: 'ms',
      peer: { name: 'FullCalendar listMonth', value: median(times.fcList!) },
      better: 'lower',
      goal: '≤ 0.15× FullCalendar',
    },
    {
      name: `add one shift to a rendered month (median of ${RUNS * ADDS})`,
      value: median(times.add!),
      unit: 'ms',
      peer: { name: 'FullCalendar addEvent', value: median(times.fcAdd!) },
      better: 'lower',
      goal: '≤ 0.2× FullCalendar',
    },
    {
      name: 'shift calendar alone, with Lit/zod/outbox (gzip -9)',
      value: ownSize / 1024,
      unit: 'KB',
      peer: { name: 'FullCalendar core+daygrid+list', value: fcSize / 1024 },
      better: 'lower',
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printRows('Shift calendar (Chromium, 1,000 shifts)', await benchCalendar());
}
