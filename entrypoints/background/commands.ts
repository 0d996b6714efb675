// The keyboard shortcut (manifest `commands`, lib/commands.ts): the same path as a toolbar click, on the
// tab that was in front when the keys were pressed.
import { TOGGLE_PANEL_COMMAND } from '@/lib/commands';
import type { TabLike } from './badge';

export interface CommandDeps {
  /** The toolbar button's handler (action.ts). */
  onAction(tab: TabLike): Promise<void>;
  /** Browsers that do not hand the tab to onCommand: the active tab of the current window. */
  activeTab(): Promise<TabLike | undefined>;
}

export function createCommandHandler(deps: CommandDeps) {
  return async function onCommand(command: string, tab?: TabLike): Promise<void> {
    if (command !== TOGGLE_PANEL_COMMAND) return;
    const target = tab ?? (await deps.activeTab().catch(() => undefined));
    if (target) await deps.onAction(target);
  };
}
