// Calendar figures: rendering 1,000 shifts in <samskab-shift-calendar>'s
// month and list views against FullCalendar 6 (dayGridMonth, listMonth) with
// the same events in the same Chromium run, and gzip sizes of both.

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
  const times: Record<string, number[]> = { month: [], list: [], fcMonth: [], fcList: [] };
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      // The same events for both, answered at once: the figure is rendering, not the network.
      await page.route('**/api/v1/shifts?*', (route) =>
        route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: data,
          headers: { 'Access-Control-Allow-Origin': '*' },
        }),
      );
      await page.goto(host.url);
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
      goal: '≤ 0.5× FullCalendar',
    },
    {
      name: `render ${SHIFTS} shifts, list view (median of ${RUNS})`,
      value: median(times.list!),
      unit: 'ms',
      peer: { name: 'FullCalendar listMonth', value: median(times.fcList!) },
      better: 'lower',
      goal: '≤ 0.5× FullCalendar',
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
