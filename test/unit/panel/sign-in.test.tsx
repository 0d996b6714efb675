// @vitest-environment happy-dom
// The panel when Sign in with Sellsy has ended: "signed out of Sellsy" with a Sign in button, over the
// cached summary when there is one (nothing lost); the button asks the background, then the summary again.
import { act, cleanup, fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SignInAnswer } from '@/components/panel/model';
import { invoicingSummary } from './fixture';
import { PAGE, setup } from './harness';

afterEach(cleanup);

const STATE = { signedIn: true, signedInAt: '2026-11-29T08:00:00.000Z' };
const OK: SignInAnswer = {
  ok: true,
  state: STATE,
  test: { ok: true, accountName: 'Atelier', userName: 'Camille', licences: [], sourceMode: 'invoicing' },
};
const cached = () => ({
  type: 'summary' as const,
  summary: invoicingSummary('fr'),
  phase: 'cached' as const,
  savedAt: '2026-11-29T07:00:00.000Z',
  stale: false,
  requests: 0,
});

function opened(signIn: () => Promise<SignInAnswer>, browserLanguage = 'fr-FR') {
  const t = setup({ signIn, browserLanguage });
  act(() => {
    t.model.setPage(PAGE);
    t.model.show();
  });
  return t;
}
const box = (t: ReturnType<typeof setup>) => t.view.container.querySelector<HTMLElement>('[data-message="signed-out"]');

describe('signed out of Sellsy', () => {
  it('with nothing cached: the signed-out state and its button; a sign-in asks for the summary again', async () => {
    const signIn = vi.fn(async () => OK);
    const t = opened(signIn, 'en-US');
    act(() => t.emit({ type: 'signed-out', keptCached: false }));
    expect(t.root()?.dataset.state).toBe('signed-out');
    expect(box(t)?.textContent).toContain('Signed out of Sellsy.');
    const button = box(t)!.querySelector<HTMLButtonElement>('[data-action="sign-in"]')!;
    expect(button.textContent).toBe('Sign in with Sellsy');
    const before = t.sent.length;
    fireEvent.click(button);
    await waitFor(() => expect(t.sent.length).toBe(before + 1));
    expect(signIn).toHaveBeenCalledTimes(1);
    expect(t.sent.at(-1)).toEqual({ type: 'open', page: PAGE, language: 'en-US' });
    expect(t.root()?.dataset.state).toBe('loading');
    expect(box(t)).toBeNull();
  });

  it('over a cached summary: the cards stay, the banner says so; after signing in the summary is recomputed', async () => {
    const signIn = vi.fn(async () => OK);
    const t = opened(signIn);
    act(() => t.emit(cached()));
    act(() => t.emit({ type: 'signed-out', keptCached: true }));
    expect(t.root()?.dataset.state).toBe('ready');
    expect(t.view.container.querySelectorAll('section.card')).toHaveLength(5);
    expect(box(t)?.getAttribute('role')).toBe('alert');
    expect(box(t)?.textContent).toContain('Vous êtes déconnecté de Sellsy. Le résumé affiché est la dernière version enregistrée.');
    fireEvent.click(box(t)!.querySelector('button')!);
    await waitFor(() => expect(t.sent.at(-1)).toMatchObject({ type: 'refresh', page: PAGE }));
    // The fresh summary arrives: the banner is gone.
    act(() => t.emit({ ...cached(), phase: 'texts' }));
    expect(box(t)).toBeNull();
  });

  it('the button waits while the window is open, and one click opens one window', async () => {
    let finish: (a: SignInAnswer) => void = () => undefined;
    const signIn = vi.fn(() => new Promise<SignInAnswer>((r) => (finish = r)));
    const t = opened(signIn, 'en-US');
    act(() => t.emit({ type: 'signed-out', keptCached: false }));
    const button = () => box(t)!.querySelector<HTMLButtonElement>('button')!;
    fireEvent.click(button());
    await waitFor(() => expect(button().disabled).toBe(true));
    expect(button().textContent).toBe('Signing in, in the Sellsy window…');
    fireEvent.click(button());
    expect(signIn).toHaveBeenCalledTimes(1);
    await act(async () => finish(OK));
    await waitFor(() => expect(t.sent.at(-1)).toMatchObject({ type: 'open' }));
  });

  it('a denied, abandoned or failed sign-in says why and keeps the button; nothing is asked again', async () => {
    const noState = { signedIn: false, signedInAt: null };
    for (const [answer, text] of [
      [{ ok: false, reason: 'denied', message: 'x', state: noState }, 'Access was denied on Sellsy’s page.'],
      [{ ok: false, reason: 'cancelled', message: 'x', state: noState }, 'The sign-in window was closed before the end.'],
      [
        { ok: false, reason: 'failed', message: 'Sellsy refused the sign-in (server_error)', state: noState },
        'Sellsy refused the sign-in (server_error)',
      ],
      [undefined, 'The extension was interrupted'],
    ] as [SignInAnswer, string][]) {
      const t = opened(async () => answer, 'en-US');
      act(() => t.emit({ type: 'signed-out', keptCached: false }));
      const sent = t.sent.length;
      fireEvent.click(box(t)!.querySelector('button')!);
      await waitFor(() => expect(box(t)!.querySelector('[data-sign-in-error]')).toBeTruthy());
      expect(box(t)!.textContent).toContain(text);
      expect(t.sent.length).toBe(sent);
      expect((box(t)!.querySelector('button') as HTMLButtonElement).disabled).toBe(false);
      cleanup();
    }
  });

  it('another page starts clean', () => {
    const t = opened(async () => OK);
    act(() => t.emit({ type: 'signed-out', keptCached: false }));
    act(() => t.model.setPage({ ...PAGE, id: PAGE.id + 1 }));
    expect(t.model.signedOut.value).toBe(false);
    expect(box(t)).toBeNull();
  });
});
