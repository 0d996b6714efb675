// The progressive summary in Chromium against the local Sellsy, checked on its request log: the large client's
// phase-1 figures are on screen before the first detail is answered, then the top products fill in, and the
// final panel equals the command line's --json; a load closed halfway and reopened reads no detail twice; a
// page prepared before the click spends only phase 1's requests, and leaving it stops them.
// Called by checks.ts with its own `check`. The quota and latency are tightened for these checks only.
import type { BrowserContext, Page } from 'playwright-core';
import type { Summary } from '../../lib/summary/types';
import { LARGE_CLIENT_ID, PROSPECT_ID } from '../sellsy/demo';
import type { FakeSellsy, FakeSellsyOptions, RequestLogEntry } from '../sellsy/server';
import { assert, type Check } from './check';
import { compareFigures, expectedFigures } from './figures';
import { clickToolbar, currentWorker } from './launch';
import { gotoRecord, panelState, panelText, panelTimes, readFigures, setPanelOpen, waitPainted, waitState } from './panel-page';

export interface ProgressiveContext {
  context: BrowserContext;
  extensionId: string;
  sellsy: FakeSellsy;
  check: Check;
  extensionRequest<T>(type: string, payload: unknown): Promise<T>;
  /** The command line's summary of the large client (the figures the panel must end with). */
  cli(): Promise<Summary>;
}

const isBatch = (e: RequestLogEntry) => e.path === '/v2/batch';
/** The detail URIs the answered (not refused) POST /batch of the log read, in log order. */
function detailsRead(log: RequestLogEntry[]): string[] {
  return log
    .filter((e) => isBatch(e) && e.status === 207 && typeof e.body === 'string')
    .flatMap((e) => [...(e.body as string).matchAll(/"uri"\s*:\s*"([^"]+)"/g)].map((m) => m[1]!));
}
/** The newest shared summary on the record, looked up once the figures are shown (its owner embedded): no list. */
const isSharedLookup = (e: RequestLogEntry) => e.path === '/v2/comments/search' && String(e.query['embed[]'] ?? '').includes('owner');
const isPhase1 = (e: RequestLogEntry) =>
  (e.path.startsWith('/v2/') || e.path.startsWith('/oauth2/')) && !isBatch(e) && !e.path.includes('/items') && !isSharedLookup(e);

/** "45 documents lus sur 249" / "45 of 249 documents read" → [45, 249]; null when the panel shows no count. */
async function detailsCount(page: Page): Promise<[number, number] | null> {
  const text = (await panelText(page, '[data-details-read]')).replace(/\s/g, ' ');
  const n = [...text.matchAll(/\d[\d  ]*/g)].map((m) => Number(m[0].replace(/\D/g, '')));
  return n.length >= 2 ? [n[0]!, n[1]!] : null;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeout = 60_000, every = 25): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() - t0 > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

const TOP_PRODUCTS = /^salesOverview\.topProductsBy/;

/**
 * Stops the extension's service worker (CDP's ServiceWorker domain, from one of our pages): the next load
 * starts with a fresh API client, whose pacing learns the quota of this check rather than the roomier one
 * of the checks before (Sellsy's quota does not change under a running client; only these checks change it).
 */
async function restartBackground(context: BrowserContext, extensionId: string): Promise<void> {
  const ext = await context.newPage();
  try {
    await ext.goto(`chrome-extension://${extensionId}/options.html`);
    const cdp = await context.newCDPSession(ext);
    const stopped = new Promise<boolean>((res) => {
      cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
        for (const v of e.versions) if (v.scriptURL.startsWith(`chrome-extension://${extensionId}/`) && v.runningStatus === 'stopped') res(true);
      });
      setTimeout(() => res(false), 15_000);
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    assert(await stopped, 'the service worker did not stop');
    await cdp.detach();
  } finally {
    await ext.close();
  }
}

export async function progressiveChecks(ctx: ProgressiveContext): Promise<void> {
  const { context, sellsy, check } = ctx;
  // Other checks leave tabs on the same client: a query of our own names this tab for the toolbar click.
  const clientUrl = `${sellsy.origin}/thirds/client/${LARGE_CLIENT_ID}?progressive-check=1`;
  const toolbar = async () => clickToolbar(await currentWorker(context), `${clientUrl}*`);
  const page = await context.newPage();
  const setOpen = (open: boolean) => setPanelOpen(page, open, toolbar);
  const saved: Partial<FakeSellsyOptions> = { perSecondQuota: sellsy.options.perSecondQuota, latencyMs: sellsy.options.latencyMs };
  const restore = () => Object.assign(sellsy.options, saved);
  /** On the client's page, panel closed, nothing cached; the quota's second window clear before the log starts. */
  /**
   * On the client's page, panel closed, nothing cached, a fresh background, the local Sellsy at `options`;
   * the quota's second window clear before the log starts.
   */
  const coldStart = async (options: Partial<FakeSellsyOptions>) => {
    await gotoRecord(page, clientUrl);
    await setOpen(false);
    await ctx.extensionRequest('cache:clear', {});
    await restartBackground(context, ctx.extensionId);
    Object.assign(sellsy.options, options);
    await gotoRecord(page, clientUrl);
    await new Promise((r) => setTimeout(r, 1100));
    sellsy.resetLog();
  };
  let cli: Summary | null = null;

  await check(
    '(P1) large client: phase-1 figures shown before the first detail is answered, then the top products fill in, then the CLI’s figures',
    async () => {
      cli = await ctx.cli();
      const expected = expectedFigures(cli);
      try {
        // Sellsy's 5 requests a second, and a network slow enough that a detail's answer takes a while.
        await coldStart({ perSecondQuota: 5, latencyMs: 300 });
        await toolbar();
        await waitState(page, ['partial'], 30_000);
        const shownAt = Date.now();
        const answered = sellsy.log.filter(isBatch).filter((e) => e.answeredAt !== undefined && e.answeredAt <= shownAt);
        assert(answered.length === 0, `${answered.length} POST /batch answered before the phase-1 figures showed`);
        // Every figure but the top products is already the final one.
        const lists = await readFigures(page);
        const early = Object.fromEntries(Object.entries(expected).filter(([path]) => !TOP_PRODUCTS.test(path)));
        const diffs = compareFigures(early, lists);
        assert(diffs.length === 0, `phase-1 figures differ from the CLI's:\n${diffs.join('\n')}`);
        assert((await panelText(page, '[data-copy-blocked="partial"]')) !== '', 'Copy is not shown disabled while the summary is partial');

        const firstBatch = await until('the first POST /batch answer', async () => sellsy.log.find((e) => isBatch(e) && e.answeredAt !== undefined));
        // The top products fill in: a partial count past zero, with products listed, while still partial.
        const filling = await until('top products filling in', async () => {
          if ((await panelState(page)) !== 'partial') return null;
          const count = await detailsCount(page);
          const listed = Object.keys(await readFigures(page)).filter((p) => /^salesOverview\.topProductsByQuantity\.\d$/.test(p)).length;
          return count && count[0] > 0 && count[0] < count[1] && listed > 0 ? { count, listed } : null;
        });
        // The rest at a roomy pace: what had to be shown is shown.
        restore();
        await waitPainted(page, 120_000);
        const finalDiffs = compareFigures(expected, await readFigures(page));
        assert(finalDiffs.length === 0, `${finalDiffs.length} differences with the CLI:\n${finalDiffs.join('\n')}`);
        assert((await detailsCount(page)) === null, 'the complete summary still shows a documents-read count');
        const gap = firstBatch.answeredAt! - shownAt;
        return `phase-1 figures shown ≥ ${gap} ms before the first detail answer; then ${filling.count[0]} of ${filling.count[1]} documents read with ${filling.listed} products listed; final ${Object.keys(expected).length} figures equal the CLI's`;
      } finally {
        restore();
      }
    },
  );

  await check('(P2) a load closed halfway and reopened reads no detail twice, and ends with the CLI’s figures', async () => {
    try {
      await coldStart({ perSecondQuota: 10 });
      await toolbar();
      const [readThen, total] = await until('some details read', async () => {
        const c = await detailsCount(page);
        return c && c[0] >= 20 ? c : null;
      });
      await setOpen(false);
      // What was in flight lands (and is saved) before the panel opens again.
      await new Promise((r) => setTimeout(r, 1500));
      const firstLoad = detailsRead(sellsy.log);
      assert(firstLoad.length < total, `the first load read all ${firstLoad.length} details before it was closed`);
      restore();
      const mark = sellsy.log.length;
      await setOpen(true);
      // The partial summary saved by the closed load shows at once, marked partial.
      const reopened = await waitState(page, ['partial', 'figures', 'ready'], 20_000);
      await waitPainted(page, 120_000);
      const secondLoad = detailsRead(sellsy.log.slice(mark));
      const all = [...firstLoad, ...secondLoad];
      const twice = all.filter((u, i) => all.indexOf(u) !== i);
      assert(twice.length === 0, `details read twice: ${[...new Set(twice)].slice(0, 5).join(', ')}`);
      assert(new Set(all).size === total, `${new Set(all).size} details read over both loads, ${total} wanted`);
      assert(sellsy.log.slice(mark).filter(isPhase1).length > 0, 'the reopened panel did not read the lists again');
      const diffs = compareFigures(expectedFigures(cli ?? (await ctx.cli())), await readFigures(page));
      assert(diffs.length === 0, `${diffs.length} differences with the CLI:\n${diffs.join('\n')}`);
      return `closed at ${readThen} of ${total} (${firstLoad.length} read), reopened "${reopened}" and read the other ${secondLoad.length}: each once`;
    } finally {
      restore();
    }
  });

  await check(
    '(P3) "prepare the summary when I open a client page": phase 1 only before the click, the click finds it, leaving stops it',
    async () => {
      await ctx.extensionRequest('settings:set', { prepareOnOpen: true });
      try {
        await gotoRecord(page, clientUrl);
        await setOpen(false);
        await ctx.extensionRequest('cache:clear', {});
        // A fresh background: the load just made counts against the client's limit (one per 10 s), which a
        // page's preparation respects like any load.
        await restartBackground(context, ctx.extensionId);
        await new Promise((r) => setTimeout(r, 1100));
        sellsy.resetLog();
        await gotoRecord(page, clientUrl);
        // Phase 1's requests, then nothing while nobody clicks.
        await until('the lists read', async () => sellsy.log.some((e) => e.path.includes('/calendar-events/search')));
        await new Promise((r) => setTimeout(r, 1500));
        const before = sellsy.log.length;
        await new Promise((r) => setTimeout(r, 1000));
        assert(sellsy.log.length === before, `requests went on without a click: ${sellsy.log.slice(before).map((e) => e.path)}`);
        assert(!sellsy.log.some((e) => isBatch(e) || e.path.includes('/items')), 'a detail or the catalogue was read before the click');
        const prepared = sellsy.log.filter(isPhase1).length;
        await toolbar();
        const state = await waitState(page, ['partial', 'figures', 'ready'], 10_000);
        const { phase } = await panelTimes(page);
        assert(state === 'partial', `the click found state "${state}"`);
        await waitPainted(page, 120_000);
        assert(sellsy.log.filter(isPhase1).length === prepared, 'the click read the lists again');

        // Leaving the page while it prepares: the requests stop.
        await setOpen(false);
        await ctx.extensionRequest('cache:clear', {});
        // A fresh background at Sellsy's 5 a second, so the page can be left halfway through phase 1.
        await restartBackground(context, ctx.extensionId);
        Object.assign(sellsy.options, { perSecondQuota: 5 });
        await new Promise((r) => setTimeout(r, 1100));
        sellsy.resetLog();
        await gotoRecord(page, clientUrl);
        await until('the preparation under way', async () => sellsy.log.some((e) => e.path.includes('/search')), 10_000, 10);
        await page.goto(`${sellsy.origin}/thirds/prospect/${PROSPECT_ID}`);
        await new Promise((r) => setTimeout(r, 1200));
        const landed = sellsy.log.filter(isPhase1).length;
        await new Promise((r) => setTimeout(r, 2000));
        const after = sellsy.log.filter(isPhase1).length;
        assert(after === landed, `${after - landed} requests after the page was left`);
        assert(landed < prepared, `${landed} requests for a preparation left early, ${prepared} for a whole phase 1`);
        return `${prepared} requests before the click (phase 1, no detail), the click showed "${state}" (phase ${phase}) and read no list again; left early: ${landed} requests, then none`;
      } finally {
        restore();
        await ctx.extensionRequest('settings:set', { prepareOnOpen: false });
      }
    },
  );
  await page.close();
}
