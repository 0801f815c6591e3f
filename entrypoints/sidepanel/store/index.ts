/**
 * The sidebar store: every slice wired to the services it needs. Each panel,
 * and each test, builds its own with `createSidebarStore`.
 */
import type { NotesRepo } from '../../../src/notes/repo.js';
import { createPage } from './page.js';
import { createRecords, type Records } from './records.js';
import { createSearch } from './search.js';
import { createTransfer } from './transfer.js';
import { createUi } from './ui.js';
import { createWeek } from './week.js';

/** What the store needs from the browser and the database. */
export interface StoreServices {
  repo: NotesRepo;
  now?: () => Date;
  /** Lens names in the leader's language, so searching "belastning" or "load" finds tagged notes. */
  lensWords?: Record<string, string>;
  /** Tells other panels and the service worker that something changed. */
  changed?: (what: 'records' | 'follow-ups') => void;
}

/**
 * Resolves once the next frame has been painted, or after 100 ms when no
 * frame comes (a hidden panel gets none), as Preact's effects do.
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timeout);
      setTimeout(resolve, 0);
    };
    const timeout = setTimeout(done, 100);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(done);
  });
}

/** Builds a fresh store. */
export function createSidebarStore(services: StoreServices) {
  const now = services.now ?? (() => new Date());
  const records = createRecords({
    repo: services.repo,
    now,
    changed: services.changed ?? (() => {}),
  });
  const search = createSearch(records, services.lensWords ?? {});
  const page = createPage(records);
  const transfer = createTransfer(services.repo, records, now);
  const ui = createUi();
  const week = createWeek({ weeks: services.repo.weeks, records });

  return {
    records,
    search,
    page,
    transfer,
    ui,
    week,

    /** The store's clock (the tests fix it). */
    now,

    /**
     * Shows volunteers first (a few hundred rows, fast; from the panel's
     * first read when given), then the notes; the search index follows them,
     * in slices while the panel stays usable. The notes are read at once, but
     * opened (when sealed) only once the first list has been painted: 20,000
     * decryptions would otherwise hold the list back.
     */
    async start(first?: Parameters<Records['loadVolunteers']>[0]) {
      await records.loadVolunteers(first);
      await records.load(afterPaint());
    },

    /**
     * The organisation's retention (browser policy), which wins over the
     * leader's own choice; stored, so the service worker follows it too.
     * Call it once the records are loaded.
     */
    async applyRetentionPolicy(months: number | undefined) {
      if (months !== undefined && records.settings.value.retentionMonths !== months)
        await records.saveSettings({ retentionMonths: months });
    },

    /** Another panel or the service worker wrote: read everything again (search follows). */
    async refresh() {
      await records.load();
      if (week.loaded.value) await week.load();
    },
  };
}

/** The sidebar store. */
export type SidebarStore = ReturnType<typeof createSidebarStore>;
