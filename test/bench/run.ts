// `npm run bench`: every figure Samskab promises, each beside its peer or
// baseline measured in the same run. It prints; it never passes or fails on time.
import { benchCalendar } from './calendar-bench.js';
import { benchMail } from './mail-bench.js';
import { benchReflections } from './reflection-bench.js';
import { printRows } from './report.js';
import { benchServer } from './server-bench.js';
import { benchSidebar } from './sidebar-bench.js';
import { benchSidebarLink } from './sidebar-link-bench.js';
import { benchWidgets } from './widget-bench.js';
import { benchWorkplace } from './workplace-bench.js';

const suites = [
  ['Widgets (Chromium)', benchWidgets],
  ['Shift calendar (Chromium, 1,000 shifts)', benchCalendar],
  ['Reference server (loopback)', benchServer],
  ['Mail (loopback)', benchMail],
  ['Reflections (Chromium and loopback)', benchReflections],
  ['Leader’s sidebar (Chromium, 20,000 notes)', benchSidebar],
  ['Leader’s sidebar linked to the workplace (Chromium, 500 new sign-ups)', benchSidebarLink],
  ['Coordinators’ workplace (10,000 sign-ups, 50,000 claims)', benchWorkplace],
] as const;

console.log(`Samskab bench — ${new Date().toISOString()} — Node ${process.version}`);
for (const [title, bench] of suites) {
  printRows(title, await bench());
}
