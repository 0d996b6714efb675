// @vitest-environment happy-dom
// The in-page "Résumé" control: found next to the record's tabs in the local Sellsy's pages (the same
// selectors as in Sellsy), floating when there are none, kept in place while the page is rewritten, and a
// real button that only the user's own click or key drives.
import { act, cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { EntryButton } from '@/components/entry/EntryButton';
import { createPlacement, type PlaceableUi } from '@/components/entry/placement';
import { findRecordTabBar } from '@/lib/sellsy-web/selectors';
import { LARGE_CLIENT_ID, PROSPECT_ID } from '../../sellsy/demo';
import { renderPage } from '../../sellsy/pages';
import { seed } from '../../sellsy/seed';
import { PAGE, setup } from './harness';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

const db = seed('2026-11-30').accounts.invoicing;

/** A local Sellsy page's <main> in this document, with the tabs its script would draw after load. */
function loadLocalPage(path: string): void {
  const html = renderPage(db, new URL(path, 'http://127.0.0.1:8787'))!.html;
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.innerHTML = parsed.body.innerHTML.replace(/<script>[\s\S]*<\/script>/, '');
  for (const t of document.querySelectorAll('template[data-render-later]')) t.replaceWith((t as HTMLTemplateElement).content);
}

describe('the record tab bar', () => {
  it("is found on the local Sellsy's client and prospect pages: the bar holding Sellsy's own Résumé IA tab", () => {
    for (const path of [`/thirds/client/${LARGE_CLIENT_ID}`, `/thirds/prospect/${PROSPECT_ID}`]) {
      loadLocalPage(path);
      const bar = findRecordTabBar(document);
      expect(bar?.getAttribute('role'), path).toBe('tablist');
      expect(bar?.textContent).toContain('Résumé IA');
    }
  });

  it('is not found in the old interface, nor before the page has drawn its tabs', () => {
    loadLocalPage(`/?_f=third&thirdid=${LARGE_CLIENT_ID}&thirdtype=client`);
    expect(findRecordTabBar(document)).toBeNull();
    const html = renderPage(db, new URL(`http://127.0.0.1:8787/thirds/client/${LARGE_CLIENT_ID}`))!.html;
    document.body.innerHTML = new DOMParser().parseFromString(html, 'text/html').body.innerHTML;
    expect(findRecordTabBar(document)).toBeNull();
  });

  it("prefers the bar with Sellsy's summary tab over another tab list, and skips a lone link", () => {
    document.body.innerHTML = `<main>
      <div role="tablist" id="lone"><a>Only</a></div>
      <div role="tablist" id="docs"><a>Factures</a><a>Devis</a></div>
      <div role="tablist" id="record"><a role="tab">Aperçu</a><a role="tab">Résumé IA</a></div></main>`;
    expect(findRecordTabBar(document)?.id).toBe('record');
    document.getElementById('record')!.remove();
    expect(findRecordTabBar(document)?.id).toBe('docs');
  });
});

/** A stand-in for WXT's shadow-root UI: mount() appends the host to the placement's target. */
function fakeUi(target: () => Element) {
  const host = document.createElement('resume-client-entry');
  const ui: PlaceableUi & { mounts: number } = {
    shadowHost: host,
    mounts: 0,
    mount() {
      ui.mounts += 1;
      target().append(host);
    },
    remove() {
      host.remove();
    },
  };
  return ui;
}

function placementSetup(wanted = { value: true }) {
  const queue: (() => void)[] = [];
  let clock = 0;
  const placement = createPlacement({
    doc: document,
    wanted: () => wanted.value,
    findBar: findRecordTabBar,
    defer: (f) => {
      queue.push(f);
      return () => queue.splice(queue.indexOf(f), 1);
    },
    now: () => clock,
  });
  const ui = fakeUi(placement.target);
  /** Lets the mutation observer report, then runs what it deferred. */
  const settle = async () => {
    await new Promise((r) => setTimeout(r, 0));
    while (queue.length) queue.shift()!();
  };
  return { placement, ui, settle, wanted, tick: (ms: number) => (clock += ms) };
}

const TABS = '<nav role="tablist"><a role="tab">Aperçu</a><a role="tab">Documents</a><a role="tab">Résumé IA</a></nav>';

describe('keeping the control in place', () => {
  it('floats until the tabs are drawn, then moves next to them', async () => {
    document.body.innerHTML = '<main><h1>Client</h1></main>';
    const t = placementSetup();
    t.placement.start(t.ui);
    expect(t.ui.shadowHost.parentElement).toBe(document.body);
    expect(t.placement.placement()).toBe('floating');
    document.querySelector('main')!.insertAdjacentHTML('beforeend', TABS);
    await t.settle();
    expect(t.ui.shadowHost.parentElement?.getAttribute('role')).toBe('tablist');
    expect(t.ui.shadowHost.previousElementSibling?.textContent).toBe('Résumé IA');
    expect(t.placement.placement()).toBe('tabs');
    t.placement.stop();
  });

  it('comes back when the page replaces its content (single-page navigation), and leaves a non-client page', async () => {
    document.body.innerHTML = `<main>${TABS}</main>`;
    const t = placementSetup();
    t.placement.start(t.ui);
    const first = t.ui.shadowHost.parentElement;
    document.querySelector('main')!.innerHTML = TABS;
    await t.settle();
    expect(t.ui.shadowHost.isConnected).toBe(true);
    expect(t.ui.shadowHost.parentElement).not.toBe(first);
    expect(t.ui.shadowHost.parentElement?.getAttribute('role')).toBe('tablist');
    t.wanted.value = false;
    t.placement.navigated();
    await t.settle();
    expect(t.ui.shadowHost.isConnected).toBe(false);
    t.placement.stop();
  });

  it('floats instead of fighting a page that keeps removing it from the bar, until the next navigation', async () => {
    document.body.innerHTML = `<main>${TABS}</main>`;
    const t = placementSetup();
    t.placement.start(t.ui);
    for (let i = 0; i < 8; i++) {
      // A framework re-rendering the bar's own children drops ours.
      if (t.ui.shadowHost.parentElement !== document.body) t.ui.shadowHost.remove();
      await t.settle();
      t.tick(100);
    }
    expect(t.ui.shadowHost.parentElement).toBe(document.body);
    expect(t.placement.placement()).toBe('floating');
    expect(t.ui.mounts).toBe(6); // into the bar five times (the first and four put-backs), then floating
    t.placement.navigated();
    await t.settle();
    expect(t.placement.placement()).toBe('tabs');
    t.placement.stop();
  });

  it('does nothing once stopped', async () => {
    document.body.innerHTML = '<main></main>';
    const t = placementSetup();
    t.placement.start(t.ui);
    t.placement.stop();
    expect(t.ui.shadowHost.isConnected).toBe(false);
    document.querySelector('main')!.insertAdjacentHTML('beforeend', TABS);
    await t.settle();
    expect(t.ui.shadowHost.isConnected).toBe(false);
  });
});

describe('the control', () => {
  function controlSetup(page = PAGE, browserLanguage = 'fr-FR') {
    const t = setup({ browserLanguage });
    act(() => t.model.setPage(page));
    const view = render(<EntryButton model={t.model} placement="tabs" acceptClick={() => true} />);
    return { ...t, button: () => view.container.querySelector<HTMLButtonElement>('button[data-testid="entry"]') };
  }

  it('is a real button that opens and closes the panel, and says which', () => {
    const t = controlSetup();
    const b = t.button()!;
    expect(b.type).toBe('button');
    expect(b.textContent).toContain('Résumé');
    expect(b.getAttribute('aria-expanded')).toBe('false');
    expect(b.getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+S');
    expect(b.title).toBe('Ouvrir le résumé client (Alt+Maj+S)');
    act(() => void fireEvent.click(b));
    expect(t.model.open.value).toBe(true);
    expect(t.sent.at(-1)).toEqual({ type: 'open', page: PAGE, language: 'fr-FR' });
    expect(t.button()!.getAttribute('aria-expanded')).toBe('true');
    act(() => void fireEvent.click(t.button()!));
    expect(t.model.open.value).toBe(false);
  });

  it('speaks English to an English browser', () => {
    const t = controlSetup(PAGE, 'en-GB');
    expect(t.button()!.textContent).toContain('Summary');
    expect(t.button()!.title).toBe('Open the client summary (Alt+Shift+S)');
  });

  it('shows only on client pages', () => {
    const t = controlSetup({ ...PAGE, thirdType: 'prospect' });
    expect(t.button()).toBeNull();
  });

  it('a click a page script makes (untrusted) does nothing', () => {
    const t = setup();
    act(() => t.model.setPage(PAGE));
    const view = render(<EntryButton model={t.model} placement="floating" />);
    const b = view.container.querySelector<HTMLButtonElement>('button')!;
    act(() => b.click());
    act(() => void fireEvent.keyDown(b, { key: 'Enter' }));
    expect(t.model.open.value).toBe(false);
    expect(t.sent.filter((r) => r.type !== 'prepare')).toEqual([]);
  });
});
