// @vitest-environment happy-dom

import { act, cleanup, fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_INTERACTIONS_CHARS } from '../../../lib/ai/limits';
import { invoicingSummary } from './fixture';
import { PAGE, setup } from './harness';

afterEach(cleanup);

const summaryEvent = (phase: 'figures' | 'texts' | 'cached', over: Partial<{ stale: boolean; language: string }> = {}) => ({
  type: 'summary' as const,
  summary: invoicingSummary(over.language ?? 'fr'),
  phase,
  savedAt: new Date(Date.now() - 3 * 60_000).toISOString(),
  stale: over.stale ?? false,
  requests: 12,
});

describe('the panel and the background', () => {
  it('renders nothing until opened, then asks for the page summary', () => {
    const t = setup();
    expect(t.root()).toBeNull();
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
    });
    expect(t.root()?.dataset.state).toBe('loading');
    // The page first peeks at the cache (panel closed; a `prepare`, which is a peek unless the setting is on), then
    // the click asks for the summary.
    expect(t.sent).toEqual([
      { type: 'prepare', page: PAGE, language: 'fr-FR' },
      { type: 'open', page: PAGE, language: 'fr-FR' },
    ]);
    expect(t.saved).toEqual([true]);
  });

  it('a cached summary peeked while closed is painted on the click without asking again', async () => {
    const t = setup();
    act(() => t.model.setPage(PAGE));
    expect(t.sent).toEqual([{ type: 'prepare', page: PAGE, language: 'fr-FR' }]);
    act(() => t.emit(summaryEvent('cached')));
    expect(t.root()).toBeNull(); // still closed
    expect(t.ports[0]!.closed).toBe(true); // the peek is answered: no idle port is kept
    t.advance(1000);
    act(() => t.model.show());
    expect(t.root()?.dataset.state).toBe('ready');
    expect(t.view.container.querySelector('[data-client-name]')?.textContent).toBe('Boulangerie Martin');
    await waitFor(() => expect(t.root()?.dataset.paintedAt).toBe('0.0'));
    expect(t.root()?.dataset.summaryAt).toBe('0.0');
    // The open still goes (on a new port), so the background can say the cached summary is stale.
    expect(t.sent.map((r) => r.type)).toEqual(['prepare', 'open']);
    expect(t.view.container.querySelector('[data-stale="true"]')).toBeNull();
    t.advance(30);
    act(() => t.emit(summaryEvent('cached', { stale: true })));
    expect(t.view.container.querySelector('[data-stale="true"]')).not.toBeNull();
    expect(t.root()?.dataset.paintedAt).toBe('0.0');
  });

  it('after a peek with nothing cached, the port goes and the click asks for the summary', () => {
    const t = setup();
    act(() => t.model.setPage(PAGE));
    act(() => t.emit({ type: 'no-cache' }));
    expect(t.ports[0]!.closed).toBe(true);
    act(() => t.model.show());
    expect(t.root()?.dataset.state).toBe('loading');
    expect(t.sent.map((r) => r.type)).toEqual(['prepare', 'open']);
    expect(t.ports).toHaveLength(2);
  });

  it('a computed summary reaching a closed panel (an old run) is not kept as a peek', () => {
    const t = setup();
    act(() => t.model.setPage(PAGE));
    act(() => t.emit(summaryEvent('texts')));
    act(() => t.model.show());
    expect(t.root()?.dataset.state).toBe('loading');
    expect(t.sent.map((r) => r.type)).toEqual(['prepare', 'open']);
  });

  it('shows progress, then figures, then streamed and final texts, and publishes the paint time', async () => {
    const t = setup();
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
    });
    act(() => t.emit({ type: 'progress', progress: { phase: 'documents', done: 3, total: 9 } }));
    expect(t.view.container.querySelector('[data-progress-phase="documents"]')?.textContent).toContain('documents (3/9)');
    t.advance(120);
    act(() => t.emit(summaryEvent('figures')));
    expect(t.root()?.dataset.state).toBe('figures');
    expect(t.root()?.hasAttribute('data-painted-at')).toBe(false);
    expect(t.view.container.querySelector('.progress')).toBeNull();
    expect(t.view.container.querySelectorAll('section.card')).toHaveLength(5);
    expect(t.view.container.querySelector('[data-card="recommendations"]')?.textContent).toContain('Rédaction en cours');
    act(() => {
      t.emit({ type: 'interactions-delta', text: 'Le client ' });
      t.emit({ type: 'interactions-delta', text: 'envisage' });
    });
    expect(t.view.container.querySelector('[data-text="interactions.summary"]')?.textContent).toBe('Le client envisage');
    // Shown as a draft not yet checked, until the final texts arrive.
    expect(t.view.container.querySelector('[data-text="interactions.summary"]')?.getAttribute('data-checked')).toBe('false');
    expect(t.view.container.querySelector('[data-draft-note]')?.textContent).toContain('pas encore vérifié');
    await waitFor(() => expect(t.root()?.dataset.figuresPaintedAt).toBe('120.0'));
    expect(t.root()?.dataset.summaryAt).toBe('120.0');
    t.advance(380);
    act(() => t.emit(summaryEvent('texts')));
    expect(t.root()?.dataset.state).toBe('ready');
    expect(t.view.container.querySelector('[data-text="interactions.summary"]')?.textContent).toContain('second four');
    expect(t.view.container.querySelector('[data-text="interactions.summary"]')?.hasAttribute('data-checked')).toBe(false);
    expect(t.view.container.querySelector('[data-draft-note]')).toBeNull();
    await waitFor(() => expect(t.root()?.dataset.paintedAt).toBe('500.0'));
    // A refresh starts a new measure: the old paint time goes away until the new summary is painted.
    act(() => t.model.refresh());
    expect(t.root()?.hasAttribute('data-painted-at')).toBe(false);
    expect(t.view.container.querySelector('[data-client-name]')?.textContent).toBe('Boulangerie Martin');
    expect(t.view.container.querySelector('.age')?.textContent).toContain('il y a 3 minutes');
  });

  it('never shows more of a streamed draft than a text may hold: 8 MB of deltas leave at most the cap on the page', () => {
    const t = setup();
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
    });
    act(() => t.emit(summaryEvent('figures', { language: 'en' })));
    const piece = 'The client has a lot to say. '.repeat(512); // about 15 KB
    act(() => {
      for (let sent = 0; sent < 8 * 1024 * 1024; sent += piece.length) t.emit({ type: 'interactions-delta', text: piece });
    });
    expect(t.model.draft.value.length).toBe(MAX_INTERACTIONS_CHARS);
    const shown = t.view.container.querySelector('[data-text="interactions.summary"]')!;
    expect(shown.textContent!.length).toBe(MAX_INTERACTIONS_CHARS);
    expect(shown.getAttribute('data-checked')).toBe('false');
    expect(t.view.container.querySelector('[data-draft-note]')?.textContent).toContain('not checked yet');
    expect(t.view.container.textContent!.length).toBeLessThan(MAX_INTERACTIONS_CHARS + 20_000);
  });

  it('reopened over its previous summary, publishes no paint time until the answer to the new request', async () => {
    const t = setup();
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
      t.emit(summaryEvent('cached'));
    });
    await waitFor(() => expect(t.root()?.dataset.paintedAt).toBe('0.0'));
    act(() => t.model.hide());
    act(() => t.model.show());
    // The old summary is still on screen, ready, but nothing has answered the new 'open' yet.
    expect(t.root()?.dataset.state).toBe('ready');
    t.advance(40);
    await new Promise((r) => setTimeout(r, 50));
    expect(t.root()?.hasAttribute('data-painted-at')).toBe(false);
    t.advance(60);
    act(() => t.emit(summaryEvent('texts')));
    await waitFor(() => expect(t.root()?.dataset.paintedAt).toBe('100.0'));
  });

  it('marks a stale cached summary', () => {
    const t = setup();
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
      t.emit(summaryEvent('cached', { stale: true }));
    });
    expect(t.root()?.dataset.state).toBe('ready');
    expect(t.view.container.querySelector('[data-stale="true"]')).not.toBeNull();
  });

  it('uses the summary language for the interface (English summary, French browser)', () => {
    const t = setup({ browserLanguage: 'fr-FR' });
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
      t.emit(summaryEvent('texts', { language: 'en' }));
    });
    expect(t.view.container.querySelector('[data-action="refresh"]')?.textContent).toContain('Refresh');
    expect(t.root()?.getAttribute('lang')).toBe('en');
  });

  it('without credentials offers the options page', () => {
    const t = setup();
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
      t.emit({ type: 'no-credentials' });
    });
    const box = t.view.container.querySelector('[data-message="no-credentials"]')!;
    expect(box.textContent).toContain('Aucun accès Sellsy');
    fireEvent.click(box.querySelector('button')!);
    expect(t.openOptions.calls).toBe(1);
  });

  it('for a prospect says the one sentence and shows no card', () => {
    const t = setup({ browserLanguage: 'en-US' });
    act(() => {
      t.model.setPage({ ...PAGE, thirdType: 'prospect' });
      t.model.show();
    });
    act(() => t.emit({ type: 'not-client', thirdType: 'prospect', name: 'Futur Client SA', language: 'en' }));
    expect(t.view.container.querySelector('[data-message="not-client"]')?.textContent).toBe(
      'The summary exists only for clients: this record is a prospect.',
    );
    expect(t.view.container.querySelector('[data-client-name]')?.textContent).toBe('Futur Client SA');
    expect(t.view.container.querySelectorAll('section.card')).toHaveLength(0);
  });

  it('a failed text keeps the figures on screen and Retry asks for the texts again', () => {
    const t = setup();
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
      t.emit(summaryEvent('figures'));
    });
    act(() => t.emit({ type: 'error', scope: 'texts', message: 'LLM timeout', keptCached: false }));
    expect(t.root()?.dataset.state).toBe('ready');
    expect(t.view.container.querySelector('[data-figure="relationship.totalPurchases"]')).not.toBeNull();
    const errors = t.view.container.querySelectorAll('[data-error="texts"]');
    expect(errors).toHaveLength(2);
    fireEvent.click(errors[0]!.querySelector('button')!);
    expect(t.sent.at(-1)).toEqual({ type: 'retry-texts', page: PAGE });
    expect(t.root()?.dataset.state).toBe('figures');
  });

  it('a failed load keeps the cached summary and Retry recomputes it', () => {
    const t = setup();
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
      t.emit(summaryEvent('cached'));
    });
    act(() => t.emit({ type: 'error', scope: 'load', message: 'Sellsy answered 503', keptCached: true }));
    const banner = t.view.container.querySelector('[data-error="load"]')!;
    expect(banner.textContent).toContain('Sellsy answered 503');
    expect(t.view.container.querySelectorAll('section.card')).toHaveLength(5);
    fireEvent.click(banner.querySelector('button')!);
    expect(t.sent.at(-1)).toMatchObject({ type: 'refresh', page: PAGE });
  });

  it('a failed first load shows the error with Retry', () => {
    const t = setup({ browserLanguage: 'en' });
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
      t.emit({ type: 'error', scope: 'load', message: 'network down', keptCached: false });
    });
    expect(t.root()?.dataset.state).toBe('error');
    fireEvent.click(t.view.container.querySelector('[data-error="load"] button')!);
    expect(t.sent.at(-1)).toMatchObject({ type: 'open', page: PAGE });
  });

  it('a background that goes away mid-load gives an error with Retry on a new port', () => {
    const t = setup();
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
      t.emit({ type: 'progress', progress: { phase: 'client', done: 0, total: 4 } });
    });
    act(() => t.ports[0]!.drop());
    expect(t.root()?.dataset.state).toBe('error');
    expect(t.view.container.querySelector('[data-error="load"]')?.textContent).toContain('L’extension a été interrompue');
    fireEvent.click(t.view.container.querySelector('[data-error="load"] button')!);
    expect(t.ports).toHaveLength(2);
    expect(t.sent.at(-1)).toMatchObject({ type: 'open', page: PAGE });
  });

  it('Refresh asks the background to recompute', () => {
    const t = setup();
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
      t.emit(summaryEvent('cached'));
    });
    fireEvent.click(t.view.container.querySelector('[data-action="refresh"]')!);
    expect(t.sent.at(-1)).toMatchObject({ type: 'refresh', page: PAGE });
  });

  it('Copy as Markdown copies what toMarkdown returns', async () => {
    const copied: string[] = [];
    const t = setup({ toMarkdown: ((s: { client: { name: string } }, lang: string) => `# ${s.client.name} (${lang})`) as never });
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
      t.emit(summaryEvent('texts'));
    });
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: {
        writeText: async (x: string) => {
          copied.push(x);
        },
      },
    });
    fireEvent.click(t.view.container.querySelector('[data-action="copy"]')!);
    await waitFor(() => expect(t.view.container.querySelector('[data-action="copy"]')?.textContent).toBe('Copié'));
    expect(copied).toEqual(['# Boulangerie Martin (fr)']);
  });

  it('single-page navigation drops the old port and asks for the new client', () => {
    const t = setup();
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
      t.emit(summaryEvent('texts'));
    });
    const oldPort = t.ports[0]!;
    const next = { ...PAGE, id: 1002 };
    act(() => t.model.setPage(next));
    expect(oldPort.closed).toBe(true);
    expect(t.sent.at(-1)).toEqual({ type: 'open', page: next, language: 'fr-FR' });
    expect(t.view.container.querySelectorAll('section.card')).toHaveLength(0);
    // A late event from the old client's port must not paint over the new client.
    act(() => oldPort.emit(summaryEvent('texts')));
    expect(t.view.container.querySelectorAll('section.card')).toHaveLength(0);
    expect(t.root()?.dataset.state).toBe('loading');
  });

  it('a page that is not a record hides the panel content', () => {
    const t = setup();
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
    });
    act(() => t.model.setPage(null));
    expect(t.root()).toBeNull();
  });
});

describe('keyboard', () => {
  it('moves focus into the panel on open, and Escape closes it and gives focus back', () => {
    const before = document.createElement('button');
    document.body.append(before);
    before.focus();
    const t = setup();
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
      t.emit(summaryEvent('texts'));
    });
    const heading = t.view.container.querySelector('[data-client-name]');
    expect(document.activeElement).toBe(heading);
    fireEvent.keyDown(t.view.container.querySelector('[data-figure="relationship.totalPurchases"] button')!, { key: 'Escape' });
    expect(t.root()).toBeNull();
    expect(t.model.open.value).toBe(false);
    expect(t.saved).toEqual([true, false]);
    expect(t.ports[0]!.closed).toBe(true);
    expect(document.activeElement).toBe(before);
    before.remove();
  });

  it('puts the header actions first in tab order, then sharing with the team, then the figures', () => {
    const t = setup({ toMarkdown: (() => 'md') as never });
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
      t.emit(summaryEvent('texts'));
    });
    const focusables = [...t.root()!.querySelectorAll<HTMLElement>('button, a[href], summary, [tabindex]:not([tabindex="-1"])')];
    expect(focusables.slice(0, 4).map((b) => b.dataset.action)).toEqual(['close', 'refresh', 'copy', 'share']);
    expect(focusables[4]?.closest('[data-figure]')?.getAttribute('data-figure')).toBe('relationship.firstPurchase');
  });

  it('the close button closes', () => {
    const t = setup();
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
    });
    fireEvent.click(t.view.container.querySelector('[data-action="close"]')!);
    expect(t.model.open.value).toBe(false);
  });
});

describe('hostile header', () => {
  it('renders a hostile client name as text', () => {
    const t = setup();
    const ev = summaryEvent('texts');
    ev.summary.client.name = '<b>Boulangerie</b> <img src=x onerror="window.__xss=1">Martin<script>window.__xss=2</script>';
    act(() => {
      t.model.setPage(PAGE);
      t.model.show();
      t.emit(ev);
    });
    // Tags are removed as text (lib/format/crm-name.ts), never rendered: neither markup nor "<img…>" on screen.
    expect(t.view.container.querySelector('[data-client-name]')?.textContent).toBe('Boulangerie Martin');
    expect(t.view.container.querySelector('img, script, b')).toBeNull();
    expect((globalThis as { __xss?: unknown }).__xss).toBeUndefined();
  });
});
