/**
 * The service worker: the context-menu capture, follow-up alarms and their
 * notifications. It opens the database only while it works, so it never
 * holds up an upgrade started by a panel.
 */
import { browser } from 'wxt/browser';
import { toLocale } from '../src/i18n/index.js';
import { st } from '../src/i18n/sidebar/index.js';
import { followUpIdOf, needingNotice, syncFollowUpAlarms } from '../src/notes/reminders.js';
import { openRepo } from '../src/notes/repo.js';
import { normaliseUrl } from '../src/notes/url.js';
import { ChangedMessage } from './sidepanel/messages.js';

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
  });

  browser.notifications.onClicked.addListener((id) => {
    if (id.startsWith('follow-up:')) openPanel();
    browser.notifications.clear(id).catch(() => {});
  });

  browser.runtime.onMessage.addListener((message: unknown) => {
    const parsed = ChangedMessage.safeParse(message);
    if (parsed.success && parsed.data.what === 'follow-ups') void syncAlarms();
  });

  // Alarms can be lost when the browser restarts; re-register on every worker start.
  void syncAlarms().then(notifyDue);

  async function withRepo<T>(job: (repo: Awaited<ReturnType<typeof openRepo>>) => Promise<T>) {
    const repo = await openRepo();
    try {
      return await job(repo);
    } finally {
      repo.close();
    }
  }

  async function syncAlarms() {
    const followUps = await withRepo((repo) => repo.listFollowUps());
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
    const { followUps, volunteers } = await withRepo(async (repo) => ({
      followUps: await repo.listFollowUps(),
      volunteers: await repo.listVolunteers(),
    }));
    const stored = await browser.storage.local.get(NOTIFIED_KEY);
    const notified = { ...((stored[NOTIFIED_KEY] as Record<string, string> | undefined) ?? {}) };
    for (const f of needingNotice(followUps, notified, new Date())) {
      const name = volunteers.find((v) => v.id === f.volunteerId)?.name ?? '';
      await browser.notifications.create(`follow-up:${f.id}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: name ? st(locale, 'followUps.notify', { name }) : st(locale, 'followUps.heading'),
        message: f.text,
      });
      notified[f.id] = f.due;
    }
    // Forget ids of follow-ups that are gone, so the record stays small.
    const live = new Set(followUps.map((f) => f.id));
    for (const id of Object.keys(notified)) if (!live.has(id)) delete notified[id];
    await browser.storage.local.set({ [NOTIFIED_KEY]: notified });
  }

  async function captureSelection(text: string, pageUrl: string, title: string) {
    await withRepo(async (repo) => {
      const settings = await repo.getSettings();
      const page = normaliseUrl(pageUrl, settings.siteParams);
      // The quote keeps the normalised address: tracking parameters are not worth keeping.
      const note = await repo.saveNote({
        volunteerIds: [],
        text: '',
        lenses: [],
        tags: [],
        quote: {
          text: text.trim().slice(0, 5000),
          url: page?.key ?? '',
          title: title.slice(0, 300),
        },
      });
      if (page) await repo.linkPage(page, { kind: 'note', id: note.id }, title);
    });
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
