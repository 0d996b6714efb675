// Toolbar click → five cards painted, in Chromium, cold and from cache: read from the panel's own
// data-painted-at mark (milliseconds from the open request to the frame after the render).
import type { Page } from 'playwright-core';
import { clickToolbar, findChromium, launchWithExtension, requestFromExtensionPage } from '../test/e2e/launch';
import { gotoRecord, panelTimes, setPanelOpen, waitPainted } from '../test/e2e/panel-page';
import { LARGE_CLIENT_ID } from '../test/sellsy/demo';
import { startSellsy } from '../test/sellsy/server';

/** The paint time of the summary on screen, which must be the one asked for (computed, or from the cache). */
async function paintTime(page: Page, phase: 'texts' | 'cached'): Promise<number> {
  const t = await panelTimes(page);
  if (t.phase !== phase) throw new Error(`the panel shows a summary of phase ${t.phase}, expected ${phase}`);
  return t.paintedAt!;
}

export async function measurePanel(opts: { runs: number; latencyMs: number; perSecondQuota: number; perMinuteQuota?: number; today: string }) {
  if (!findChromium()) return null;
  const sellsy = await startSellsy({
    today: opts.today,
    latencyMs: opts.latencyMs,
    perSecondQuota: opts.perSecondQuota,
    ...(opts.perMinuteQuota !== undefined ? { perMinuteQuota: opts.perMinuteQuota } : {}),
  });
  const browser = await launchWithExtension();
  try {
    const { context, worker, extensionId } = browser;
    const page = await context.newPage();
    const toolbar = () => clickToolbar(worker, `${sellsy.origin}/*`);
    const setOpen = (open: boolean) => setPanelOpen(page, open, toolbar);
    const clientUrl = `${sellsy.origin}/thirds/client/${LARGE_CLIENT_ID}`;
    await gotoRecord(page, clientUrl);
    const cold: number[] = [];
    const cached: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      await setOpen(false);
      await requestFromExtensionPage(context, extensionId, 'cache:clear');
      await toolbar();
      await waitPainted(page, 180_000);
      cold.push(await paintTime(page, 'texts'));
      await setOpen(false);
      await gotoRecord(page, clientUrl);
      await toolbar();
      await waitPainted(page, 30_000);
      cached.push(await paintTime(page, 'cached'));
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    return { runs: opts.runs, coldMs: med(cold), cachedMs: med(cached), cold, cached };
  } finally {
    await browser.close();
    await sellsy.close();
  }
}
