// The page a first install opens: what the extension does and the two steps to a first summary (sign in to
// Sellsy in the options, open a client), naming the in-page control and the shortcut as the rep will see them.
import { useEffect } from 'preact/hooks';
import { entryStrings } from '@/lib/words/entry';
import { toLang } from '@/lib/words/lang';
import { welcomeStrings } from '@/lib/words/welcome';

export interface WelcomeProps {
  /** The browser's language: French for fr-*, English otherwise. */
  lang: string;
  /** The toggle shortcut as the browser has it now (the user may have changed it); '' when none is set. */
  shortcut: string;
  /** The options page's URL. */
  optionsHref: string;
  /** Opens the options page (runtime.openOptionsPage); the link's href stays for a middle click. */
  openOptions(): void;
}

export function WelcomePage({ lang, shortcut, optionsHref, openOptions }: WelcomeProps) {
  const s = welcomeStrings(lang);
  const entry = entryStrings(lang);
  useEffect(() => {
    document.documentElement.lang = toLang(lang);
    document.title = s.title;
  }, [lang, s.title]);
  const onOptions = (e: MouseEvent) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return; // let the browser open a new tab
    e.preventDefault();
    openOptions();
  };
  return (
    <main class="welcome" data-testid="welcome">
      <h1>{s.title}</h1>
      <p class="intro">{s.intro}</p>
      <h2>{s.steps}</h2>
      <ol class="steps">
        <li data-step="sign-in">
          <h3>{s.signInTitle}</h3>
          <p>{s.signInText}</p>
          <a class="button" href={optionsHref} data-action="open-options" onClick={onOptions}>
            {s.openOptions}
          </a>
        </li>
        <li data-step="open-client">
          <h3>{s.openClientTitle}</h3>
          <p>
            {s.openClientText(entry.label)}{' '}
            {shortcut ? <kbd data-shortcut={shortcut}>{entry.shortcut(shortcut)}</kbd> : <span data-shortcut="">{s.noShortcut}</span>}. {s.toolbar}
          </p>
        </li>
      </ol>
      <p class="muted">
        {s.options}{' '}
        <a href={optionsHref} onClick={onOptions}>
          {s.optionsLink}
        </a>
        .
      </p>
    </main>
  );
}
