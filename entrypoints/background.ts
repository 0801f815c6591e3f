export default defineBackground(() => {
  // Chrome opens the side panel from the toolbar button only when asked to.
  browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
});
