/**
 * The service worker: the context-menu capture, follow-up alarms and their
 * notifications. It opens the database only while it works, so it never
 * holds up an upgrade started by a panel.
 */
import { browser } from 'wxt/browser';
import { toLocale } from '../src/i18n/index.js';
import { st } from '../src/i18n/sidebar/index.js';
import { saveCapture } from '../src/notes/capture.js';
import { syncWeekAlarm, WEEK_ALARM } from '../src/notes/leader-week.js';
import {
  type FollowUpTiming,
  followUpIdOf,
  needingNotice,
  syncFollowUpAlarms,
} from '../src/notes/reminders.js';
import { type NotesRepo, openRepo } from '../src/notes/repo.js';
import { vaultFromMaster } from '../src/notes/vault.js';
import type { FollowUp } from '../src/schemas/follow-up.js';
import { ChangedMessage } from './sidepanel/messages.js';
import { holdCapture, unlockedMaster } from './sidepanel/session.js';

const MENU_ID = 'samskab-save-selection';
const NOTIFIED_KEY = 'notifiedFollowUps';

export default defineBackground(() => {
  const locale = toLocale(browser.i18n.getUILanguage());

  // Chrome opens the side panel from the toolbar button (and `_execute_action`) only when asked to.
  browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});

  // Firefox has no "open on action click" setting: the toolbar button toggles the sidebar.
  const sidebar = (browser as unknown as { sidebarAction?: { toggle(): Promise<void> } })
    .sidebarAction;
  const toolbar = (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
  if (sidebar && toolbar)
    toolbar.onClicked.addListener(() => void sidebar.toggle().catch(() => {}));

  // Menus survive restarts in Chrome but not always in Firefox: recreate on every start.
  browser.contextMenus.removeAll().then(() => {
    browser.contextMenus.create({
      id: MENU_ID,
      title: st(locale, 'menu.saveSelection'),
      contexts: ['selection'],
    });
  });

  // These listeners return their work: browsers ignore it, and tests can await it.
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU_ID || !info.selectionText) return;
    // Opening the panel must happen inside the click's user gesture, before any await.
    openPanel(tab?.windowId);
    return captureSelection(info.selectionText, info.pageUrl ?? tab?.url ?? '', tab?.title ?? '');
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (followUpIdOf(alarm.name)) return notifyDue();
    if (alarm.name === WEEK_ALARM) return remindWeek();
  });

  browser.notifications.onClicked.addListener((id) => {
    if (id.startsWith('follow-up:') || id === WEEK_ALARM) openPanel();
    browser.notifications.clear(id).catch(() => {});
  });

  browser.runtime.onMessage.addListener((message: unknown) => {
    const parsed = ChangedMessage.safeParse(message);
    if (!parsed.success) return;
    if (parsed.data.what === 'follow-ups') void syncAlarms();
    // The weekly plan lives in the settings, which change as 'records'.
    else void syncWeek();
  });

  // Alarms can be lost when the browser restarts; re-register on every worker start.
  void syncAlarms().then(notifyDue);
  void syncWeek();

  /**
   * Runs `job` over the notes. `open` is false when they are locked at rest
   * and not unlocked in this browser session (or idle too long): then only
   * ids and due times can be read.
   */
  async function withRepo<T>(job: (repo: NotesRepo, open: boolean) => Promise<T>) {
    const repo = await openRepo();
    try {
      const keyring = await repo.keyring();
      if (!keyring) return await job(repo, true);
      const master = await unlockedMaster((await repo.getSettings()).lockAfterMinutes);
      const vault = master && (await vaultFromMaster(keyring, master));
      master?.fill(0);
      if (vault) repo.useVault(vault);
      return await job(repo, Boolean(vault));
    } finally {
      repo.close();
    }
  }

  /** The leader's weekly reminder, at the weekday and time they chose (or none). */
  async function syncWeek() {
    const { weekPlan } = await withRepo((repo) => repo.getSettings());
    await syncWeekAlarm(browser.alarms, weekPlan, new Date());
  }

  /** "Min uge som leder": says nothing personal, so it shows while the notes are locked too. */
  async function remindWeek() {
    await browser.notifications.create(WEEK_ALARM, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: st(locale, 'week.notify.title'),
      message: st(locale, 'week.notify.message'),
    });
    await syncWeek();
  }

  async function syncAlarms() {
    const followUps = await withRepo((repo) => repo.followUpTimes());
    await syncFollowUpAlarms(browser.alarms, followUps, new Date());
  }

  /**
   * One notification per overdue follow-up and due time, however often the
   * worker restarts. Runs one at a time: two alarms due together (or an alarm
   * during the start-up check) would otherwise both read "not yet notified".
   */
  let notifying: Promise<void> = Promise.resolve();
  function notifyDue(): Promise<void> {
    notifying = notifying.then(notifyDueNow, notifyDueNow);
    return notifying;
  }

  async function notifyDueNow() {
    // Locked: the alarm still fires, but says only that there is a follow-up.
    const { followUps, volunteers, open } = await withRepo(async (repo, open) => ({
      followUps: open ? await repo.listFollowUps() : await repo.followUpTimes(),
      volunteers: open ? await repo.listVolunteers() : [],
      open,
    }));
    const stored = await browser.storage.local.get(NOTIFIED_KEY);
    const notified = { ...((stored[NOTIFIED_KEY] as Record<string, string> | undefined) ?? {}) };
    for (const f of needingNotice<FollowUpTiming & Partial<FollowUp>>(
      followUps,
      notified,
      new Date(),
    )) {
      const name = volunteers.find((v) => v.id === f.volunteerId)?.name ?? '';
      await browser.notifications.create(`follow-up:${f.id}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: !open
          ? st(locale, 'lock.notify')
          : name
            ? st(locale, 'followUps.notify', { name })
            : st(locale, 'followUps.heading'),
        message: open && f.text ? f.text : st(locale, 'lock.notifyMessage'),
      });
      notified[f.id] = f.due;
    }
    // Forget ids of follow-ups that are gone, so the record stays small.
    const live = new Set(followUps.map((f) => f.id));
    for (const id of Object.keys(notified)) if (!live.has(id)) delete notified[id];
    await browser.storage.local.set({ [NOTIFIED_KEY]: notified });
  }

  async function captureSelection(text: string, pageUrl: string, title: string) {
    const capture = { text, pageUrl, title };
    const filed = await withRepo(async (repo, open) => {
      if (!open) return false;
      await saveCapture(repo, capture);
      return true;
    });
    // Locked: nothing is written until the leader unlocks; the panel files it then.
    if (!filed) return holdCapture(capture);
    const message: ChangedMessage = { type: 'samskab:changed', what: 'records' };
    browser.runtime.sendMessage(message).catch(() => {});
  }

  function openPanel(windowId?: number) {
    const firefox = (browser as unknown as { sidebarAction?: { open(): Promise<void> } })
      .sidebarAction;
    if (firefox) {
      firefox.open().catch(() => {});
    } else if (browser.sidePanel && windowId !== undefined) {
      browser.sidePanel.open({ windowId }).catch(() => {});
    }
  }
});
