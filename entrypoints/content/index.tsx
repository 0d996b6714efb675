// Wiring only: mounts the panel (components/panel) in a shadow root on Sellsy record pages and the "Résumé"
// control (components/entry) in another one next to the record's tabs, follows the single-page app's
// navigation, and relays the toolbar button and the shortcut. The panel's state lives in its model.
import { render } from 'preact';
import './style.css';
import '@/components/panel/panel.css';
import '@/components/entry/entry.css';
import { EntryButton } from '@/components/entry/EntryButton';
import { createPlacement } from '@/components/entry/placement';
import { createPanelModel, type PanelPort } from '@/components/panel/model';
import { Panel } from '@/components/panel/Panel';
import { warmUpFormatters } from '@/components/panel/warm-up';
import { renderMarkdown } from '@/lib/format/markdown';
import { type PanelEvent, SUMMARY_PORT, type TabMessage } from '@/lib/messages';
import { SELLSY_PAGE_MATCHES } from '@/lib/sellsy/hosts';
import { detectPage, isClientPage } from '@/lib/sellsy-web/detect';
import { recordLink } from '@/lib/sellsy-web/links';
import { findRecordTabBar } from '@/lib/sellsy-web/selectors';

// Remembered across pages and reloads; lives in the extension's storage, never in the page's.
const panelOpen = storage.defineItem<boolean>('local:panelOpen', { fallback: false });

function connect(): PanelPort {
  const port = browser.runtime.connect({ name: SUMMARY_PORT });
  return {
    post: (request) => port.postMessage(request),
    onEvent: (listener) => port.onMessage.addListener((message) => listener(message as PanelEvent)),
    onClose: (listener) => port.onDisconnect.addListener(() => listener()),
    close: () => port.disconnect(),
  };
}

function openOptions(): void {
  // Content scripts cannot open the options page themselves; the background does it.
  void browser.runtime.sendMessage({ type: 'options:open', payload: {} }).catch(() => {});
}

export default defineContentScript({
  matches: SELLSY_PAGE_MATCHES,
  cssInjectionMode: 'ui',
  async main(ctx) {
    // Local builds only (RESUME_LOCAL_SELLSY=1, a build-time constant): loopback pages are Sellsy pages.
    const allowLocal = __LOCAL_SELLSY__;
    const model = createPanelModel({
      connect,
      browserLanguage: navigator.language,
      saveOpen: (open) => void panelOpen.setValue(open),
      // The background opens Sellsy's sign-in window; only whether it worked comes back, never a token.
      signIn: () => browser.runtime.sendMessage({ type: 'sellsy:sign-in', payload: {} }),
    });
    const pageOf = (url: string | URL) => detectPage(String(url), { allowLocal });

    let ui: Awaited<ReturnType<typeof createShadowRootUi>> | null = null;
    async function ensureMounted(): Promise<void> {
      if (ui) return;
      ui = await createShadowRootUi(ctx, {
        name: 'resume-client-panel',
        position: 'inline',
        anchor: 'body',
        // Closed: the page's scripts get no handle on the panel's elements (host.shadowRoot is null), so they
        // cannot read it or click its buttons; the panel also ignores untrusted events (components/panel/user-events.ts).
        mode: 'closed',
        // Keys typed in the panel must not trigger Sellsy's own shortcuts.
        isolateEvents: ['keydown', 'keyup', 'keypress'],
        onMount: (container) => {
          render(
            <Panel
              model={model}
              linkFor={(type, id) => recordLink(model.page.value?.origin ?? location.origin, type, id)}
              openOptions={openOptions}
              toMarkdown={renderMarkdown}
            />,
            container,
          );
          return container;
        },
        onRemove: (container) => container && render(null, container),
      });
      ui.mount();
      // Called on window: Firefox throws on a detached requestIdleCallback ("does not implement interface
      // Window"), which used to abort this script before it followed the app's navigation.
      const warmUp = () => warmUpFormatters([navigator.language, 'fr', 'en']);
      if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(warmUp);
      else setTimeout(warmUp, 200);
    }

    // The control: our own button in our own shadow root, placed next to Sellsy's tabs (or floating).
    const placement = createPlacement({
      doc: document,
      wanted: () => {
        // Sellsy rewrites the page right after pushState: catch the new URL here rather than wait for
        // wxt:locationchange (polled once a second where the Navigation API is missing).
        navigatedTo(location.href);
        return isClientPage(model.page.value);
      },
      findBar: findRecordTabBar,
      defer: (f) => {
        const t = ctx.setTimeout(f, 30);
        return () => clearTimeout(t);
      },
    });
    let entryStarted = false;
    function ensureEntry(): void {
      if (entryStarted) return;
      entryStarted = true;
      void createShadowRootUi(ctx, {
        name: 'resume-client-entry',
        position: 'inline',
        anchor: () => placement.target(),
        append: 'last',
        isolateEvents: ['keydown', 'keyup', 'keypress'],
        onMount: (container) => {
          render(<EntryButton model={model} placement={placement.placement()} />, container);
          return container;
        },
        onRemove: (container) => container && render(null, container),
      }).then((ui) => placement.start(ui));
    }
    ctx.onInvalidated(() => placement.stop());

    browser.runtime.onMessage.addListener((message: unknown) => {
      const m = message as TabMessage;
      if (m?.type !== 'toggle-panel' && m?.type !== 'open-panel') return;
      if (!model.page.value) return;
      if (m.type === 'toggle-panel') model.toggle();
      else model.show();
    });

    let lastHref = location.href;
    function navigatedTo(url: string): void {
      if (url === lastHref) return;
      lastHref = url;
      const next = pageOf(url);
      model.setPage(next);
      placement.navigated();
      if (next) void ensureMounted();
      if (isClientPage(next)) ensureEntry();
    }

    const initial = pageOf(location.href);
    model.setPage(initial);
    if (isClientPage(initial)) ensureEntry();
    if (initial) {
      await ensureMounted();
      if (await panelOpen.getValue()) model.show();
    }

    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => navigatedTo(String(newUrl)));
    // Firefox keeps a page the rep has left in its back-forward cache, with its port open: the background went
    // on loading a summary nobody would see, spending the account's quota. Leaving closes the port (the load
    // stops); coming back asks again.
    ctx.addEventListener(window, 'pagehide', () => model.dispose());
    ctx.addEventListener(window, 'pageshow', (e) => {
      if (!(e as PageTransitionEvent).persisted) return;
      const page = pageOf(location.href);
      model.setPage(null);
      model.setPage(page);
    });
    ctx.onInvalidated(() => model.dispose());
  },
});
