// The service worker on WXT's fake browser (an in-memory `browser` with alarms,
// notifications, runtime and storage) and fake-indexeddb. The APIs the fake
// leaves unimplemented (context menus, side panel, UI language) are stubbed
// here with the same shapes.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background.js';
import { type NotesRepo, openRepo } from '../../src/notes/repo.js';
import type { FollowUp } from '../../src/schemas/follow-up.js';

/**
 * Counts the worker's database opens and can hold them, to see whether a
 * second check starts while the first is still running.
 */
const gate = vi.hoisted(() => ({
  opens: 0,
  held: null as Promise<void> | null,
  release: () => {},
}));
vi.mock('../../src/notes/repo.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/notes/repo.js')>();
  return {
    ...real,
    openRepo: async (...args: Parameters<typeof real.openRepo>) => {
      gate.opens++;
      if (gate.held) await gate.held;
      return real.openRepo(...args);
    },
  };
});

type Listener = (...args: never[]) => unknown;

/** A browser event whose `trigger` awaits what the listeners return, as the fake's own do. */
function event() {
  const listeners: Listener[] = [];
  return {
    addListener: (l: Listener) => void listeners.push(l),
    removeListener: (l: Listener) => void listeners.splice(listeners.indexOf(l), 1),
    hasListener: (l: Listener) => listeners.includes(l),
    trigger: (...args: unknown[]) =>
      Promise.all(listeners.map((l) => (l as (...a: unknown[]) => unknown)(...args))),
  };
}

interface Worker {
  menus: { id: string; title: string; contexts: string[] }[];
  menuClicked: ReturnType<typeof event>;
  panelsOpened: unknown[];
}

/**
 * Starts the worker as the browser does (a fresh set of listeners; storage and
 * database kept) and waits for its start-up check of due follow-ups, which
 * ends by writing what it has notified.
 */
async function startWorker(): Promise<Worker> {
  const stored = await fakeBrowser.storage.local.get();
  fakeBrowser.reset();
  await fakeBrowser.storage.local.set(stored);
  const worker: Worker = { menus: [], menuClicked: event(), panelsOpened: [] };
  const b = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  b.i18n!.getUILanguage = () => 'da-DK';
  b.contextMenus!.removeAll = async () => {
    worker.menus = [];
  };
  b.contextMenus!.create = (menu: Worker['menus'][number]) => void worker.menus.push(menu);
  b.contextMenus!.onClicked = worker.menuClicked;
  b.sidePanel!.setPanelBehavior = async () => {};
  b.sidePanel!.open = async (options: unknown) => void worker.panelsOpened.push(options);
  const written = vi.spyOn(fakeBrowser.storage.local, 'set');
  background.main();
  await vi.waitFor(() => expect(written).toHaveBeenCalled());
  written.mockRestore();
  return worker;
}

/** A connection of the test's own to the worker's database. */
let repo: NotesRepo;

beforeEach(async () => {
  // A fresh, empty IndexedDB per test; the worker opens the extension's database name.
  globalThis.indexedDB = new IDBFactory();
  repo = await openRepo();
});

afterEach(() => {
  gate.held = null;
  gate.release();
  repo.close();
  vi.restoreAllMocks();
});

const menuClick = (info: Record<string, unknown>) => ({
  menuItemId: 'samskab-save-selection',
  editable: false,
  ...info,
});

describe('the context menu', () => {
  it('is offered on selected text, in the browser’s language', async () => {
    const worker = await startWorker();
    await vi.waitFor(() => expect(worker.menus).toHaveLength(1));
    expect(worker.menus).toEqual([
      { id: 'samskab-save-selection', title: 'Gem markering som note', contexts: ['selection'] },
    ]);
  });

  it('saves the selection as a note, quoted with its normalised page, and links the page', async () => {
    const worker = await startWorker();
    const changed: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((m) => void changed.push(m));
    await worker.menuClicked.trigger(
      menuClick({
        selectionText: '  Hun vil gerne have flere vagter.  ',
        pageUrl: 'https://Intra.Kommune.dk/sag/?id=42&utm_source=mail#top',
      }),
      { id: 7, windowId: 3, title: 'Sag 42 – intranet' },
    );

    const [note, ...others] = await repo.listNotes();
    expect(others).toEqual([]);
    expect(note).toMatchObject({
      volunteerIds: [],
      text: '',
      quote: {
        text: 'Hun vil gerne have flere vagter.',
        url: 'intra.kommune.dk/sag?id=42',
        title: 'Sag 42 – intranet',
      },
    });
    expect(await repo.listPageLinks()).toMatchObject([
      {
        pageKey: 'intra.kommune.dk/sag?id=42',
        site: 'intra.kommune.dk',
        title: 'Sag 42 – intranet',
        target: { kind: 'note', id: note!.id },
      },
    ]);
    // The panel opens in the clicked tab's window, and open panels are told to read again.
    expect(worker.panelsOpened).toEqual([{ windowId: 3 }]);
    expect(changed).toContainEqual({ type: 'samskab:changed', what: 'records' });
  });

  it('ignores other menu items and clicks without a selection', async () => {
    const worker = await startWorker();
    await worker.menuClicked.trigger(
      menuClick({
        menuItemId: 'another-item',
        selectionText: 'Ikke vores',
        pageUrl: 'https://a.dk',
      }),
      { windowId: 1 },
    );
    await worker.menuClicked.trigger(menuClick({ selectionText: '' }), { windowId: 1 });
    await worker.menuClicked.trigger(
      menuClick({ selectionText: 'Kun denne', pageUrl: 'https://intra.dk/a' }),
      { windowId: 1, title: 'A' },
    );
    expect((await repo.listNotes()).map((n) => n.quote?.text)).toEqual(['Kun denne']);
    expect(worker.panelsOpened).toHaveLength(1);
  });

  it('keeps a quote from a page without an address, unlinked', async () => {
    const worker = await startWorker();
    await worker.menuClicked.trigger(menuClick({ selectionText: 'Fra en PDF' }), { windowId: 1 });
    expect((await repo.listNotes()).map((n) => n.quote)).toEqual([
      { text: 'Fra en PDF', url: '', title: '' },
    ]);
    expect(await repo.listPageLinks()).toEqual([]);
  });
});

describe('follow-up notifications', () => {
  const past = '2020-03-02T08:00:00.000Z';

  async function overdueFollowUp() {
    const v = await repo.saveVolunteer({
      name: 'Søren Ågård',
      contact: '',
      roles: [],
      tags: [],
      status: 'active',
    });
    return repo.saveFollowUp({ volunteerId: v.id, text: 'Ring om fredag', due: past, done: false });
  }

  const notified = () => fakeBrowser.notifications.getAllCreateOptions();
  const draftOf = ({ createdAt: _c, updatedAt: _u, ...draft }: FollowUp) => draft;
  const alarmFor = (id: string) => ({
    name: `follow-up:${id}`,
    scheduledTime: 0,
    persistAcrossSessions: false,
  });

  it('notifies an overdue follow-up once, however often the worker starts or its alarm fires', async () => {
    const f = await overdueFollowUp();
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await startWorker();
    expect(create).toHaveBeenCalledTimes(1);
    await fakeBrowser.alarms.onAlarm.trigger(alarmFor(f.id));
    expect(create).toHaveBeenCalledTimes(1);
    expect(notified()).toEqual({
      [`follow-up:${f.id}`]: {
        type: 'basic',
        iconUrl: 'chrome-extension://test-extension-id/icon/128.png',
        title: 'Opfølgning: Søren Ågård',
        message: 'Ring om fredag',
      },
    });

    await startWorker();
    await fakeBrowser.alarms.onAlarm.trigger(alarmFor(f.id));
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('checks one at a time, so two alarms at once still notify once', async () => {
    const f = await overdueFollowUp();
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await startWorker();
    const alarm = alarmFor(f.id);
    create.mockClear();
    await repo.saveFollowUp({ ...draftOf(f), due: '2020-03-09T08:00:00.000Z' });

    gate.held = new Promise((r) => {
      gate.release = r;
    });
    gate.opens = 0;
    const first = fakeBrowser.alarms.onAlarm.trigger(alarm);
    const second = fakeBrowser.alarms.onAlarm.trigger(alarm);
    await new Promise((r) => setTimeout(r, 0));
    // The second check waits for the first instead of reading the same "not yet notified".
    expect(gate.opens).toBe(1);
    gate.held = null;
    gate.release();
    await Promise.all([first, second]);
    expect(gate.opens).toBe(2);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('notifies again when the follow-up is moved to a new time that passes', async () => {
    const f = await overdueFollowUp();
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await startWorker();
    await fakeBrowser.alarms.onAlarm.trigger(alarmFor(f.id));
    await repo.saveFollowUp({ ...draftOf(f), due: '2020-03-09T08:00:00.000Z' });
    await fakeBrowser.alarms.onAlarm.trigger(alarmFor(f.id));
    expect(create).toHaveBeenCalledTimes(2);
  });

  it('does not notify a follow-up that is done or not yet due', async () => {
    const f = await overdueFollowUp();
    const { id: _id, ...rest } = draftOf(f);
    await repo.saveFollowUp({ ...draftOf(f), done: true });
    await repo.saveFollowUp({ ...rest, due: '2999-01-01T08:00:00.000Z' });
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await startWorker();
    await fakeBrowser.alarms.onAlarm.trigger(alarmFor(f.id));
    expect(create).not.toHaveBeenCalled();
    // The future one has its alarm.
    expect((await fakeBrowser.alarms.getAll()).map((a) => a.name)).toHaveLength(1);
  });

  it('clears a follow-up notification when it is clicked', async () => {
    const f = await overdueFollowUp();
    const worker = await startWorker();
    await fakeBrowser.alarms.onAlarm.trigger(alarmFor(f.id));
    await fakeBrowser.notifications.onClicked.trigger(`follow-up:${f.id}`);
    await vi.waitFor(() => expect(notified()).toEqual({}));
    // Chrome's side panel needs a window; without one nothing is forced open.
    expect(worker.panelsOpened).toEqual([]);
  });
});
