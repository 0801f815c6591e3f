// Where the time to an interactive <samskab-signup-form> goes: a Chromium
// trace of a page with only the sign-up form, broken into the network
// waterfall (each file's request, response and end), script compilation and
// evaluation per file, Lit's first render and layout, and a CPU profile's
// self time per function over several runs. A tool for deciding what to
// change, not a bench: `npm run build:widgets && npx tsx test/bench/widget-profile.ts`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { CDPSession } from 'playwright-core';
import { startWidgetHost } from './widget-host.js';

const RUNS = Number(process.env.SAMSKAB_PROFILE_RUNS ?? 10);

/** Marks the first frame with an input in the form's shadow root, as the bench does. */
const MARK = `
  // Busy for 2 ms under a name the CPU profile shows: its first sample ends what is counted.
  function SAMSKAB_CUTOFF() { const t = performance.now(); while (performance.now() - t < 2); }
  const poll = () => {
    const shadow = document.querySelector('samskab-signup-form')?.shadowRoot;
    if (shadow?.querySelector('input')) { performance.mark('samskab-interactive'); SAMSKAB_CUTOFF(); console.debug('interactive ' + performance.now()); }
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  const define = customElements.define.bind(customElements);
  customElements.define = (tag, cls, o) => { performance.mark('define ' + tag); define(tag, cls, o); performance.mark('defined ' + tag); };
`;

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: { data?: Record<string, unknown>; [k: string]: unknown };
}

const DIST = join(import.meta.dirname, '../../dist/widgets');
const maps = new Map<string, TraceMap | undefined>();

/** The source file a position of a built file comes from, by its source map. */
function sourceOf(url: string, line: number, column: number) {
  const file = url.replace(/^https?:\/\/[^/]+\//, '');
  if (!/^samskab[\w-]*\.js$/.test(file)) return undefined;
  if (!maps.has(file)) {
    const path = join(DIST, `${file}.map`);
    maps.set(file, existsSync(path) ? new TraceMap(readFileSync(path, 'utf8')) : undefined);
  }
  const map = maps.get(file);
  const found = map && originalPositionFor(map, { line: line + 1, column });
  return found?.source?.replace(/^(\.\.\/)+/, '').replace(/^node_modules\//, 'nm/');
}

const short = (url: string) => url.replace(/^https?:\/\/[^/]+\//, '/').slice(0, 48);

async function traceOnce() {
  const { host, browser, close } = await startWidgetHost(
    '<samskab-signup-form activity="besoegsven"></samskab-signup-form>',
  );
  try {
    // One visit first, so the server has compressed each file, as it has for every resident but the first.
    for (let i = 0; i < 3; i++) {
      const warm = await browser.newContext();
      const p = await warm.newPage();
      await p.addInitScript({ content: MARK });
      const seen = p.waitForEvent('console', (m) => m.text().startsWith('interactive '));
      await p.goto(host.url);
      await seen;
      await warm.close();
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript({ content: MARK });
    await browser.startTracing(page, {
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink.user_timing',
        'loading',
        'v8',
        'v8.execute',
        'blink',
        'netlog',
      ],
    });
    const seen = page.waitForEvent('console', (m) => m.text().startsWith('interactive '));
    await page.goto(host.url);
    await seen;
    const buffer = await browser.stopTracing();
    const events = (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
    const nav = events.find(
      (e) =>
        e.name === 'navigationStart' &&
        e.args?.data?.isLoadingMainFrame &&
        String(e.args.data.documentLoaderURL).startsWith('http'),
    );
    const t0 = nav?.ts ?? Math.min(...events.map((e) => e.ts));
    const ms = (ts: number) => ((ts - t0) / 1000).toFixed(1).padStart(6);
    const rows: [number, string][] = [];
    const requests = new Map<string, string>();
    for (const e of events) {
      const d = e.args?.data ?? {};
      switch (e.name) {
        case 'ResourceSendRequest':
          requests.set(d.requestId as string, d.url as string);
          rows.push([e.ts, `${ms(e.ts)}  request   ${short(d.url as string)}`]);
          break;
        case 'ResourceReceiveResponse':
          rows.push([
            e.ts,
            `${ms(e.ts)}  response  ${short(requests.get(d.requestId as string) ?? '')}`,
          ]);
          break;
        case 'ResourceFinish':
          rows.push([
            e.ts,
            `${ms(e.ts)}  finished  ${short(requests.get(d.requestId as string) ?? '')}`,
          ]);
          break;
        case 'v8.compileModule':
        case 'v8.compile':
        case 'v8.evaluateModule':
        case 'EvaluateScript':
        case 'v8.parseOnBackground':
          if (e.dur && e.dur > 300)
            rows.push([
              e.ts,
              `${ms(e.ts)}  ${e.name.padEnd(16)} ${(e.dur / 1000).toFixed(1)} ms ${short(((d.url ?? (e.args as Record<string, unknown>)?.fileName) as string) ?? '')}`,
            ]);
          break;
        case 'FunctionCall':
        case 'TimerFire':
        case 'FireAnimationFrame':
        case 'EventDispatch':
        case 'RunMicrotasks':
        case 'ParseHTML':
        case 'UpdateLayoutTree':
        case 'Layout':
        case 'Paint':
        case 'v8.run':
          if (e.dur && e.dur > 1000)
            rows.push([
              e.ts,
              `${ms(e.ts)}  ${e.name.padEnd(16)} ${(e.dur / 1000).toFixed(1)} ms ${d.functionName ?? ''} ${short((d.url as string) ?? '')}`,
            ]);
          break;
        default:
          if (
            e.cat.includes('blink.user_timing') &&
            e.ph !== 'e' &&
            !e.name.startsWith('navigation')
          )
            rows.push([e.ts, `${ms(e.ts)}  mark      ${e.name}`]);
      }
    }
    rows.sort((a, b) => a[0] - b[0]);
    console.log('\nOne trace (ms from navigationStart):');
    for (const [, row] of rows) console.log(row);
    await context.close();
  } finally {
    await close();
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

async function profileRuns() {
  const { host, browser, close } = await startWidgetHost(
    '<samskab-signup-form activity="besoegsven"></samskab-signup-form>',
  );
  const byFunction = new Map<string, number>();
  const byUrl = new Map<string, number>();
  const interactive: number[] = [];
  const waterfall = new Map<string, number[]>();
  const bySource = new Map<string, number>();
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript({ content: MARK });
      const cdp: CDPSession = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
      await cdp.send('Profiler.start');
      const seen = page.waitForEvent('console', (m) => m.text().startsWith('interactive '));
      await page.goto(host.url);
      interactive.push(Number((await seen).text().slice('interactive '.length)));
      const entries = (await page.evaluate(`[
        ...performance.getEntriesByType('navigation'),
        ...performance.getEntriesByType('resource'),
        ...performance.getEntriesByType('mark'),
      ].map((e) => e.toJSON())`)) as {
        entryType: string;
        name: string;
        startTime: number;
        responseEnd?: number;
      }[];
      for (const e of entries) {
        const name = e.entryType === 'mark' ? `mark ${e.name}` : short(e.name);
        const phases: [string, number | undefined][] =
          e.entryType === 'mark'
            ? [['at', e.startTime]]
            : [
                ['start', e.startTime],
                ['respEnd', e.responseEnd],
              ];
        for (const [phase, t] of phases) {
          const key = `${name} ${phase}`;
          if (t !== undefined) waterfall.set(key, [...(waterfall.get(key) ?? []), t]);
        }
      }
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
        profile: {
          nodes: ProfileNode[];
          samples: number[];
          timeDeltas: number[];
        };
      };
      const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
      // Only what ran before the form was interactive (see SAMSKAB_CUTOFF).
      const cutoff = profile.samples.findIndex(
        (id) => nodes.get(id)?.callFrame.functionName === 'SAMSKAB_CUTOFF',
      );
      for (let s = 0; s < (cutoff < 0 ? profile.samples.length : cutoff); s++) {
        const node = nodes.get(profile.samples[s]!)!;
        const dt = (profile.timeDeltas[s + 1] ?? 0) / 1000;
        const f = node.callFrame;
        const key = `${f.functionName || '(anon)'} ${sourceOf(f.url, f.lineNumber, f.columnNumber) ?? short(f.url)}`;
        byFunction.set(key, (byFunction.get(key) ?? 0) + dt);
        const source = f.url ? sourceOf(f.url, f.lineNumber, f.columnNumber) : undefined;
        const src = source?.replace(/(nm\/(@[^/]+\/)?[^/]+)\/.*/, '$1') ?? '';
        bySource.set(src || f.functionName, (bySource.get(src || f.functionName) ?? 0) + dt);
        const u = f.url ? short(f.url) : f.functionName;
        byUrl.set(u, (byUrl.get(u) ?? 0) + dt);
      }
      await context.close();
    }
  } finally {
    await close();
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${(v / RUNS).toFixed(2).padStart(7)} ms  ${k}`)
      .join('\n');
  interactive.sort((a, b) => a - b);
  console.log(`\nInteractive (median of ${RUNS}): ${interactive[RUNS >> 1]?.toFixed(0)} ms`);
  const med = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
  console.log(`\nWaterfall, median ms of ${RUNS} runs:`);
  for (const [k, v] of [...waterfall].sort((a, b) => med(a[1]) - med(b[1])))
    console.log(`  ${med(v).toFixed(1).padStart(7)}  ${k}`);
  console.log(`\nCPU self time per run by script (mean of ${RUNS}):\n${top(byUrl, 15)}`);
  console.log(`\nCPU self time per run by source (mean of ${RUNS}):\n${top(bySource, 25)}`);
  console.log(`\nCPU self time per run by function (mean of ${RUNS}):\n${top(byFunction, 40)}`);
}

if (process.env.SAMSKAB_PROFILE_TRACE !== '0') await traceOnce();
await profileRuns();
