/**
 * The panel's entry, kept small: it starts the first read of the database
 * (./src/notes/first-read.ts) at once and only then loads the interface
 * (./panel.tsx), so the browser reads the notes while it fetches and compiles
 * the rest. What the database says meanwhile (another panel blocks an
 * upgrade, the connection ends) is passed on through `relay`.
 */
import { type FirstRead, firstRead } from '../../src/notes/first-read.js';
import type { Health } from './App.js';
import type { HealthRelay } from './panel.js';
import './style.css';
import './week.css';

// The bench's phases of the open: the entry runs from here.
performance.mark('samskab:boot');

const relay: HealthRelay = {};
const report = (health: Health) => {
  relay.state = health;
  relay.listener?.(health);
};
const reading: Promise<FirstRead> =
  typeof indexedDB === 'undefined'
    ? Promise.reject(new Error('IndexedDB is not available'))
    : firstRead({
        onBlocked: () => report('blocked'),
        onClosedForUpgrade: () => report('closedForUpgrade'),
        onTerminated: () => report('terminated'),
      });
// Handled by the panel; this keeps the browser from reporting it before the panel is loaded.
reading.catch(() => {});

void import('./panel.js').then(({ boot }) => boot(reading, relay));
