/**
 * Mounts the sidebar: picks the language, takes the database from the first
 * read ./main.tsx started (or says plainly why there is none), builds the
 * store and wires it to the browser.
 */
import { signal } from '@preact/signals';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { toLocale } from '../../src/i18n/index.js';
import { st } from '../../src/i18n/sidebar/index.js';
import { createLinkClient } from '../../src/link/client.js';
import { loadManaged, type ManagedSettings } from '../../src/link/managed.js';
import { LINK_ENABLED, originPattern } from '../../src/link/origins.js';
import { saveCapture } from '../../src/notes/capture.js';
import type { FirstRead } from '../../src/notes/first-read.js';
import { openRepo } from '../../src/notes/repo.js';
import { vaultFromMaster } from '../../src/notes/vault.js';
import { LENSES } from '../../src/schemas/note.js';
import { defaultSettings } from '../../src/schemas/settings.js';
import { App, type Health } from './App.js';
import { watchActiveTab } from './activeTab.js';
import { Panel, type PanelServices } from './context.js';
import { createLinkState, type LinkUi } from './link/state.js';
import { ChangedMessage, LockedMessage } from './messages.js';
import {
  keepUnlocked,
  LOCKED_MESSAGE,
  lockSession,
  takeHeldCaptures,
  touchUnlocked,
  unlockedMaster,
} from './session.js';
import { createSidebarStore } from './store/index.js';
import { createLock } from './store/lock.js';

/** How ./main.tsx passes on what the database said while the panel loaded. */
export interface HealthRelay {
  /** The latest report, if any came before the panel listened. */
  state?: Health;
  listener?: (health: Health) => void;
}

// The bench's phases of the open: the interface is parsed and run up to here.
performance.mark('samskab:ui');
const locale = toLocale(browser.i18n.getUILanguage());
document.documentElement.lang = locale;
document.title = st(locale, 'app.title');
const root = document.getElementById('app')!;
const health = signal<Health>('ok');

const services: PanelServices = {
  download(text, fileName, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
    // Revoking at once can cancel the download in Chromium; a minute is plenty.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
  persisted: async () => (navigator.storage?.persisted ? navigator.storage.persisted() : null),
  persist: async () => (navigator.storage?.persist ? navigator.storage.persist() : false),
  // Called synchronously from the pairing form's submit handler (a user gesture).
  ...(LINK_ENABLED
    ? {
        requestHostAccess: (origin: string) =>
          browser.permissions.request({
            origins: [originPattern(origin, import.meta.env.FIREFOX ? 'firefox' : 'chrome')],
          }),
      }
    : {}),
};

/** Where "Ikke nu" to the first-start offer to lock the notes is remembered. */
const OFFER_KEY = 'lockOfferDismissed';

/**
 * Locks the notes after `minutes` without the leader's hand on the panel: each
 * key or pointer press counts as use (recorded in the session every 30 s),
 * and every half minute the panel checks whether the time has run out.
 */
function watchIdle(minutes: number) {
  const touch = () => void touchUnlocked();
  addEventListener('keydown', touch, { capture: true, passive: true });
  addEventListener('pointerdown', touch, { capture: true, passive: true });
  setInterval(async () => {
    if (!(await unlockedMaster(minutes))) {
      browser.runtime.sendMessage(LOCKED_MESSAGE).catch(() => {});
      location.reload();
    }
  }, 30_000);
}

/** How often a paired panel fetches the overview again while it is open. */
const REFRESH_MS = 5 * 60_000;

function Message({ text }: { text: string }) {
  return (
    <main>
      <h1>Samskab</h1>
      <p role="alert">{text}</p>
    </main>
  );
}

/**
 * Boots the panel on `reading`, the first read of the database ./main.tsx
 * started before this module was loaded.
 */
export async function boot(reading: Promise<FirstRead>, relay: HealthRelay) {
  const managedRead = loadManaged();
  render(<Message text={st(locale, 'app.loading')} />, root);
  relay.listener = (h) => {
    health.value = h;
  };
  if (relay.state) health.value = relay.state;
  let first: FirstRead;
  try {
    first = await reading;
  } catch {
    // No IndexedDB at all, or Firefox with "never remember history"
    // (InvalidStateError on open).
    render(<Message text={st(locale, 'app.noIndexedDb')} />, root);
    return;
  }
  const repo = await openRepo({ db: first.db });
  // Open now, so no longer blocked; a closed connection reported since stays shown.
  if (health.value === 'blocked') health.value = 'ok';

  // Locked at rest: nothing of the notes is opened until the key is here,
  // from this browser session (unlocked less than the idle time ago) or the leader.
  const { keyring } = first;
  /** Whether the first read still holds: not when the leader took time at the lock screen. */
  let fresh = true;
  if (keyring) {
    const { lockAfterMinutes } = { ...defaultSettings(), ...first.settings };
    const kept = await unlockedMaster(lockAfterMinutes);
    let vault = kept && (await vaultFromMaster(keyring, kept));
    kept?.fill(0);
    if (!vault) {
      fresh = false;
      // The lock screen (and Argon2id behind it) is loaded only when it is needed.
      const { LockScreen } = await import('./components/LockScreen.js');
      while (!vault) {
        const master = await new Promise<Uint8Array<ArrayBuffer>>((resolve) =>
          render(
            <LockScreen
              locale={locale}
              keyring={keyring}
              saveKeyring={repo.saveKeyring}
              onUnlocked={async (m) => {
                await keepUnlocked(m);
                resolve(m);
              }}
            />,
            root,
          ),
        );
        vault = await vaultFromMaster(keyring, master);
        master.fill(0);
      }
    }
    repo.useVault(vault);
    // Selections captured while locked waited in the session's memory.
    for (const capture of await takeHeldCaptures()) await saveCapture(repo, capture);
  }
  performance.mark('samskab:keyring');
  const lock = createLock({
    repo,
    keep: (m) => keepUnlocked(m),
    forget: async () => {
      await lockSession();
      browser.runtime.sendMessage(LOCKED_MESSAGE).catch(() => {});
      location.reload();
    },
    offerDismissed: async () => (await browser.storage.local.get(OFFER_KEY))[OFFER_KEY] === true,
    dismissOffer: () => browser.storage.local.set({ [OFFER_KEY]: true }),
  });
  // Neither holds the list back: the offer and the "Lås nu" button follow a moment later.
  const lockReady = lock.init();

  const lensWords = Object.fromEntries(
    LENSES.map((l) => [l, `${st('da', `note.lens.${l}`)} ${st('en', `note.lens.${l}`)}`]),
  );
  const store = createSidebarStore({
    repo,
    lensWords,
    changed: (what) => {
      const message: ChangedMessage = { type: 'samskab:changed', what };
      // No listener (no other panel, worker asleep) is fine: they read on start.
      browser.runtime.sendMessage(message).catch(() => {});
    },
  });
  // Volunteers first, then the notes; asked for now, before the first render.
  const started = store.start(fresh ? first : undefined);
  // A record a panel wrote plain before it heard the notes were locked:
  // sealed once the records are read (reading notes where it met one).
  const swept = keyring
    ? started.then(() => repo.sweep({ seen: true, also: ['leader-weeks'] }))
    : undefined;
  let link: LinkUi | undefined;
  let managed: ManagedSettings | undefined;
  const show = () =>
    render(
      <Panel.Provider value={{ store, locale, services, link, managed, lock }}>
        <App health={health} />
      </Panel.Provider>,
      root,
    );
  show();
  store.ui.show('volunteers');
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (ChangedMessage.safeParse(message).success) void store.refresh();
    // Another panel locked the notes (or removed the lock): forget everything shown.
    if (LockedMessage.safeParse(message).success) location.reload();
  });
  if (keyring) watchIdle(store.records.settings.value.lockAfterMinutes);
  setInterval(() => store.records.tick(), 60_000);

  // The policy arrives when the browser has it: the first read after a
  // browser restart took 2.3–2.6 s in the sidebar bench (Chromium 156, Linux).
  // Until then the link section is not shown, and the Data view shows no
  // retention as locked; the organisation's retention is applied once both
  // the policy and the records are here (it wins over the leader's choice).
  const applyPolicy = managedRead.then(async (policy) => {
    managed = policy;
    link = LINK_ENABLED ? createLinkState(createLinkClient(), policy) : undefined;
    show();
    await started;
    await store.applyRetentionPolicy(policy.retentionMonths);
    if (!link) return;
    const paired = link;
    setInterval(() => {
      if (paired.phase.value === 'paired') void paired.refresh();
    }, REFRESH_MS);
    addEventListener('online', () => {
      if (paired.phase.value === 'paired') void paired.refresh();
    });
    await paired.start();
  });
  await Promise.all([
    started,
    swept,
    lockReady,
    applyPolicy,
    watchActiveTab((page) => store.page.setActive(page)),
  ]);
}
