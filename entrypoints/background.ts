export default defineBackground(() => {
  (browser.action ?? browser.browserAction).onClicked.addListener((tab) => {
    if (tab.id != null) void browser.tabs.sendMessage(tab.id, { type: 'toggle-panel' }).catch(() => {});
  });
});
