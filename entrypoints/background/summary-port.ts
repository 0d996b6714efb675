// The panel's port: one per page the panel shows. It only carries messages: requests from our own
// content script go to the summary service (lib/summary/service.ts), its events go back on the port.
// A newer summary request aborts the older run, and so does the panel going away; a share request runs
// beside it (sharing must not stop the texts being written, nor be stopped by a refresh).

import type { PanelEvent } from '@/lib/messages';
import { errorMessage, type SummaryService } from '@/lib/summary/service';
import { acceptPanelRequest, contentScriptOrigin, type GuardContext } from './guard';
import type { PortLike } from './types';

export interface SummaryPortDeps {
  guard: GuardContext;
  service: SummaryService;
  onWarning?(message: string): void;
}

/** Wires one port. Returns false (and disconnects) when the port is not ours to serve. */
export function servePanelPort(port: PortLike, deps: SummaryPortDeps): boolean {
  const sender = contentScriptOrigin(port.sender, deps.guard);
  if (!sender) {
    port.disconnect();
    return false;
  }
  let closed = false;
  let current: AbortController | null = null;
  const sharing = new Set<AbortController>();

  const post = (run: AbortController, event: PanelEvent) => {
    if (closed || (current !== run && !sharing.has(run))) return; // a newer request or a closed panel: drop what the old run says
    try {
      port.postMessage(event);
    } catch {
      closed = true; // the page went away between our check and the post
    }
  };

  port.onDisconnect.addListener(() => {
    closed = true;
    current?.abort();
    current = null;
    for (const s of sharing) s.abort();
  });
  port.onMessage.addListener((message) => {
    const request = acceptPanelRequest(message, sender, deps.guard);
    if (!request) return;
    if (request.type === 'share-preview' || request.type === 'share') {
      const run = new AbortController();
      sharing.add(run);
      void deps.service
        .handle(request, (event) => post(run, event), run.signal)
        .catch((e: unknown) => deps.onWarning?.(`summary port: ${errorMessage(e)}`))
        .finally(() => sharing.delete(run));
      return;
    }
    current?.abort();
    const run = new AbortController();
    current = run;
    void deps.service
      .handle(request, (event) => post(run, event), run.signal, { tabId: port.sender?.tab?.id })
      .catch((e: unknown) => deps.onWarning?.(`summary port: ${errorMessage(e)}`));
  });
  return true;
}
