/**
 * Follows the tab beside the panel. As a side panel it follows the active tab
 * of its own window. Opened as an ordinary tab (as the tests do, or from a
 * bookmark), it is itself the active tab of its window, so it follows the
 * most recently activated tab that is not itself, in any window.
 */
import { type Browser, browser } from 'wxt/browser';

/** The page the panel should show notes for, or null when there is none. */
export type ActivePage = { url: string; title: string } | null;

/** Starts following; returns a function that stops. */
export async function watchActiveTab(onPage: (page: ActivePage) => void): Promise<() => void> {
  const self = await browser.tabs.getCurrent();
  const ownWindow = self ? undefined : (await browser.windows.getCurrent()).id;
  const extensionOrigin = browser.runtime.getURL('/');

  const report = (tab: Browser.tabs.Tab | undefined) => {
    if (!tab || (self && tab.id === self.id)) return;
    if (tab.url?.startsWith(extensionOrigin)) return;
    onPage(tab.url ? { url: tab.url, title: tab.title ?? '' } : null);
  };
  const mine = (windowId: number) => ownWindow === undefined || windowId === ownWindow;

  const onActivated = ({ tabId, windowId }: { tabId: number; windowId: number }) => {
    if (mine(windowId)) browser.tabs.get(tabId).then(report, () => {});
  };
  const onUpdated = (_id: number, change: Browser.tabs.OnUpdatedInfo, tab: Browser.tabs.Tab) => {
    if (
      tab.active &&
      mine(tab.windowId) &&
      (change.url || change.title || change.status === 'complete')
    )
      report(tab);
  };
  browser.tabs.onActivated.addListener(onActivated);
  browser.tabs.onUpdated.addListener(onUpdated);

  const [first] = await browser.tabs.query(
    ownWindow === undefined
      ? { active: true, lastFocusedWindow: true }
      : { active: true, windowId: ownWindow },
  );
  report(first);
  return () => {
    browser.tabs.onActivated.removeListener(onActivated);
    browser.tabs.onUpdated.removeListener(onUpdated);
  };
}
