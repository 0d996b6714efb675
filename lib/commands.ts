// The extension's keyboard command: its manifest name and the keys it suggests. The browser may refuse the
// suggestion (Chromium silently binds nothing for Alt+Shift+R) and the user may change it, so pages that
// show the shortcut ask the browser (commands.getAll) and fall back to this.
export const TOGGLE_PANEL_COMMAND = 'toggle-panel';
export const TOGGLE_PANEL_KEYS = 'Alt+Shift+S';
