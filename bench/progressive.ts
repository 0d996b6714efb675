// The progressive summary in Chromium on the large client, cold: toolbar click → phase 1's figures painted
// (data-first-painted-at) and → the complete summary painted (data-figures-painted-at), beside the time the
// quota alone needs for phase 1's requests and for all of them, and the 429s the local Sellsy answered.
import { clickToolbar, findChromium, launchWithExtension, requestFromExtensionPage } from '../test/e2e/launch';
import { gotoRecord, setPanelOpen, waitInPanel } from '../test/e2e/panel-page';
import { LARGE_CLIENT_ID } from '../test/sellsy/demo';
import { type FakeSellsy, type RequestLogEntry, startSellsy } from '../test/sellsy/server';

export interface ProgressiveScenario {
  latencyMs: number;
  perSecondQuota: number;
  /** Sellsy's per-minute window; null: the local Sellsy's roomy default (the second alone paces). */
  perMinuteQuota: number | null;
  runs: number;
  today: string;
}

export interface ProgressiveRun {
  firstFiguresMs: number;
  completeMs: number;
  listUnits: number;
  units: number;
  listBoundMs: number;
  completeBoundMs: number;
  requests429: number;
}

/**
 * When the last of `units` quota units may go at best, from the start of a fresh minute (each second's quota
 * in turn; with a per-minute quota, each minute's share at that pace, then the wait for the next minute), plus
 * one latency for its answer.
 */
export function quotaBoundMs(units: number, s: Pick<ProgressiveScenario, 'perSecondQuota' | 'perMinuteQuota' | 'latencyMs'>): number {
  const i = Math.max(0, units - 1);
  const perMinute = s.perMinuteQuota;
  const pacing =
    perMinute === null
      ? Math.round((i / s.perSecondQuota) * 1000)
      : Math.floor(i / perMinute) * 60_000 + Math.round(((i % perMinute) / s.perSecondQuota) * 1000);
  return pacing + s.latencyMs;
}

const isPhase2 = (e: RequestLogEntry) => e.path.endsWith('/batch') || e.path.includes('/items');
const unitsOf = (es: RequestLogEntry[]) => es.reduce((n, e) => n + (e.subRequests ?? 1), 0);

/** Waits for a fresh wall-clock minute (the local Sellsy's minute window is one), so every run starts alike. */
async function freshMinute(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  await new Promise((r) => setTimeout(r, left + 20));
}

/** The panel's attribute `name` as a number, once it is set (read through the panel's closed shadow root). */
async function attr(page: import('playwright-core').Page, name: string, timeout: number): Promise<number> {
  const v = await waitInPanel(page, (root, a) => root?.querySelector('[data-testid="panel"]')?.getAttribute(a) ?? null, name, {
    timeout,
    polling: 20,
    what: name,
  });
  return Number(v);
}

export async function measureProgressive(s: ProgressiveScenario, log: (line: string) => void = () => undefined) {
  if (!findChromium()) return null;
  const sellsy: FakeSellsy = await startSellsy({
    today: s.today,
    latencyMs: s.latencyMs,
    perSecondQuota: s.perSecondQuota,
    ...(s.perMinuteQuota !== null ? { perMinuteQuota: s.perMinuteQuota } : {}),
  });
  const browser = await launchWithExtension();
  try {
    const { context, worker, extensionId } = browser;
    const page = await context.newPage();
    const toolbar = () => clickToolbar(worker, `${sellsy.origin}/*`);
    const clientUrl = `${sellsy.origin}/thirds/client/${LARGE_CLIENT_ID}`;
    const runs: ProgressiveRun[] = [];
    for (let i = 0; i < s.runs; i++) {
      await gotoRecord(page, clientUrl);
      await setPanelOpen(page, false, toolbar);
      // Cold: no summary, no rows, no names cached.
      await requestFromExtensionPage(context, extensionId, 'cache:clear');
      if (s.perMinuteQuota !== null) await freshMinute();
      else await new Promise((r) => setTimeout(r, 1100)); // the second window clear of the cache request
      sellsy.resetLog();
      await toolbar();
      const firstFiguresMs = await attr(page, 'data-first-painted-at', 60_000);
      const completeMs = await attr(page, 'data-figures-painted-at', 300_000);
      const entries = [...sellsy.log].filter((e) => e.path.startsWith('/v2/') || e.path.startsWith('/oauth2/'));
      const listUnits = unitsOf(entries.filter((e) => !isPhase2(e)));
      const units = unitsOf(entries);
      const run: ProgressiveRun = {
        firstFiguresMs: Math.round(firstFiguresMs),
        completeMs: Math.round(completeMs),
        listUnits,
        units,
        listBoundMs: quotaBoundMs(listUnits, s),
        completeBoundMs: quotaBoundMs(units, s),
        requests429: entries.filter((e) => e.status === 429).length,
      };
      runs.push(run);
      log(
        `  progressive ${s.perMinuteQuota === null ? 'q5' : 'q150m'} #${i + 1}: first figures ${run.firstFiguresMs} ms (bound ${run.listBoundMs}), complete ${run.completeMs} ms (bound ${run.completeBoundMs}), ${run.requests429} × 429`,
      );
    }
    const med = (xs: number[]) => {
      const a = [...xs].sort((x, y) => x - y);
      return a.length % 2 ? a[a.length >> 1]! : (a[a.length / 2 - 1]! + a[a.length / 2]!) / 2;
    };
    const firstFiguresMs = med(runs.map((r) => r.firstFiguresMs));
    const completeMs = med(runs.map((r) => r.completeMs));
    const listBoundMs = med(runs.map((r) => r.listBoundMs));
    const completeBoundMs = med(runs.map((r) => r.completeBoundMs));
    const requests429 = Math.max(...runs.map((r) => r.requests429));
    return {
      latencyMs: s.latencyMs,
      perSecondQuota: s.perSecondQuota,
      perMinuteQuota: s.perMinuteQuota,
      runs: s.runs,
      firstFiguresMs,
      listBoundMs,
      completeMs,
      completeBoundMs,
      requests429,
      listUnits: med(runs.map((r) => r.listUnits)),
      units: med(runs.map((r) => r.units)),
      targets: {
        firstFiguresMs: Math.round(1.3 * listBoundMs + 300),
        completeMs: Math.round(1.05 * completeBoundMs),
        requests429: 0,
      },
      met: {
        firstFiguresMs: firstFiguresMs <= 1.3 * listBoundMs + 300,
        completeMs: completeMs <= 1.05 * completeBoundMs,
        requests429: requests429 === 0,
      },
      samples: runs,
    };
  } finally {
    await browser.close();
    await sellsy.close();
  }
}
