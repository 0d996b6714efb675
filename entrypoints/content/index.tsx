// Wiring only: mounts the panel (components/panel) in a shadow root on Sellsy record pages, follows the
// single-page app's navigation, and relays the toolbar button. The panel's state lives in its model.
import { render } from 'preact';
import './style.css';
import '@/components/panel/panel.css';
import { createPanelModel, type PanelPort } from '@/components/panel/model';
import { Panel } from '@/components/panel/Panel';
import { warmUpFormatters } from '@/components/panel/warm-up';
import { renderMarkdown } from '@/lib/format/markdown';
import { type PanelEvent, SUMMARY_PORT, type TabMessage } from '@/lib/messages';
import { SELLSY_PAGE_MATCHES } from '@/lib/sellsy/hosts';
import { detectPage } from '@/lib/sellsy-web/detect';
import { recordLink } from '@/lib/sellsy-web/links';

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
      const idle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200));
      idle(() => warmUpFormatters([navigator.language, 'fr', 'en']));
    }

    browser.runtime.onMessage.addListener((message: unknown) => {
      const m = message as TabMessage;
      if (m?.type !== 'toggle-panel' && m?.type !== 'open-panel') return;
      if (!model.page.value) return;
      if (m.type === 'toggle-panel') model.toggle();
      else model.show();
    });

    const initial = pageOf(location.href);
    model.setPage(initial);
    if (initial) {
      await ensureMounted();
      if (await panelOpen.getValue()) model.show();
    }

    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
      const next = pageOf(newUrl);
      model.setPage(next);
      if (next) void ensureMounted();
    });
    ctx.onInvalidated(() => model.dispose());
  },
});
