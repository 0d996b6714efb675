// Wiring only: the welcome page (components/welcome), opened by the background on first install.
import { render } from 'preact';
import '@/components/welcome/welcome.css';
import { WelcomePage } from '@/components/welcome/WelcomePage';
import { TOGGLE_PANEL_COMMAND, TOGGLE_PANEL_KEYS } from '@/lib/commands';

async function currentShortcut(): Promise<string> {
  try {
    const command = (await browser.commands.getAll()).find((c) => c.name === TOGGLE_PANEL_COMMAND);
    return command ? (command.shortcut ?? '') : TOGGLE_PANEL_KEYS;
  } catch {
    return TOGGLE_PANEL_KEYS;
  }
}

const app = document.getElementById('app')!;
const show = (shortcut: string) =>
  render(
    <WelcomePage
      lang={navigator.language}
      shortcut={shortcut}
      optionsHref={browser.runtime.getURL('/options.html')}
      openOptions={() => void browser.runtime.openOptionsPage()}
    />,
    app,
  );
show(TOGGLE_PANEL_KEYS);
void currentShortcut().then(show);
