// @vitest-environment happy-dom
// The welcome page of a first install: both steps, the control and the shortcut named as the rep will see
// them, in the browser's language, and a way to the options.
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WelcomePage } from '@/components/welcome/WelcomePage';

afterEach(cleanup);

function show(lang: string, shortcut = 'Alt+Shift+S') {
  const openOptions = vi.fn();
  const view = render(<WelcomePage lang={lang} shortcut={shortcut} optionsHref="chrome-extension://abc/options.html" openOptions={openOptions} />);
  const q = (sel: string) => view.container.querySelector<HTMLElement>(sel);
  return { view, q, openOptions };
}

describe('welcome page', () => {
  it('in French: the two steps, the control by its label and the shortcut as a French keyboard writes it', () => {
    const { q } = show('fr-FR');
    expect(q('h1')!.textContent).toBe('Bienvenue dans Résumé client');
    expect(q('[data-step="sign-in"]')!.textContent).toContain('Se connecter avec Sellsy');
    const open = q('[data-step="open-client"]')!.textContent!;
    expect(open).toContain('« Résumé »');
    expect(open).toContain('Alt+Maj+S');
    expect(document.documentElement.lang).toBe('fr');
  });

  it('in English for any other language', () => {
    const { q } = show('de-DE');
    expect(q('h1')!.textContent).toBe('Welcome to Résumé client');
    expect(q('[data-step="sign-in"]')!.textContent).toContain('Sign in with Sellsy');
    expect(q('[data-step="open-client"]')!.textContent).toContain('“Summary”');
    expect(q('kbd')!.textContent).toBe('Alt+Shift+S');
  });

  it('a shortcut the user removed is not shown as if it were set', () => {
    const { q } = show('en', '');
    expect(q('kbd')).toBeNull();
    expect(q('[data-step="open-client"]')!.textContent).toContain('extension shortcuts');
  });

  it('opens the options on a click, and leaves a middle or Ctrl click to the browser', () => {
    const { q, openOptions } = show('fr');
    const link = q('[data-action="open-options"]') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('chrome-extension://abc/options.html');
    fireEvent.click(link, { button: 0, ctrlKey: true });
    expect(openOptions).not.toHaveBeenCalled();
    fireEvent.click(link, { button: 0 });
    expect(openOptions).toHaveBeenCalledTimes(1);
  });
});
