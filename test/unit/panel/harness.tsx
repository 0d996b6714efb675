// Renders the panel with a fake port that records requests and lets the test play the background.
import { render } from '@testing-library/preact';
import { createPanelModel, type PanelPort, type SignInAnswer } from '@/components/panel/model';
import { Panel } from '@/components/panel/Panel';
import type { PageRef, PanelEvent, PanelRequest } from '@/lib/messages';

export const PAGE: PageRef = { thirdType: 'client', id: 1001, origin: 'http://127.0.0.1:8787' };

export function setup(
  opts: {
    browserLanguage?: string;
    toMarkdown?: (s: never, l: string) => string;
    signIn?: () => Promise<SignInAnswer>;
    acceptEvent?: (e: Event) => boolean;
  } = {},
) {
  const sent: PanelRequest[] = [];
  const ports: { emit(e: PanelEvent): void; drop(): void; closed: boolean }[] = [];
  const saved: boolean[] = [];
  let clock = 0;
  const model = createPanelModel({
    browserLanguage: opts.browserLanguage ?? 'fr-FR',
    clock: () => clock,
    saveOpen: (o) => saved.push(o),
    signIn: opts.signIn,
    connect(): PanelPort {
      let listener: (e: PanelEvent) => void = () => {};
      let onClose: () => void = () => {};
      const entry = { emit: (e: PanelEvent) => listener(e), drop: () => onClose(), closed: false };
      ports.push(entry);
      return {
        post: (r) => sent.push(r),
        onEvent: (l) => {
          listener = l;
        },
        onClose: (l) => {
          onClose = l;
        },
        close: () => {
          entry.closed = true;
        },
      };
    },
  });
  const openOptions = { calls: 0 };
  const links = (type: string, id: number) => `http://127.0.0.1:8787/${type}/${id}`;
  const view = render(
    <Panel
      model={model}
      linkFor={links}
      openOptions={() => {
        openOptions.calls += 1;
      }}
      toMarkdown={opts.toMarkdown as never}
      // happy-dom has no isTrusted: the test's events stand for the user's (test/unit/hardening/page-drives.test.tsx checks the rule).
      acceptEvent={opts.acceptEvent ?? (() => true)}
    />,
  );
  return {
    model,
    sent,
    ports,
    saved,
    openOptions,
    view,
    emit: (e: PanelEvent) => ports[ports.length - 1]!.emit(e),
    advance: (ms: number) => {
      clock += ms;
    },
    root: () => view.container.querySelector<HTMLElement>('[data-testid="panel"]'),
    figure: (path: string) => view.container.querySelector<HTMLElement>(`[data-figure="${path}"]`),
  };
}
