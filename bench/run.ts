// `npm run bench`: request counts and times of our data layer beside a naive client and beside the
// fewest requests the documented limits allow, the card engine on synthetic clients, the panel in
// Chromium, bundle sizes and prompt sizes. Prints one table and writes bench/results.json.
// The local Sellsy runs with 50 ms latency and a 5 requests/second quota, as the issue asks;
// `--minute-quota N` adds Sellsy's per-minute window (150 is about what a real account showed).
// The progressive summary (first figures, then the complete one) is measured in Chromium at 5/s and at
// 5/s + 150/min, cold: `--only progressive` (or progressive.q5, progressive.q150m) runs those alone and
// updates their keys in bench/results.json, keeping every other one; `--progressive-runs N` sets their runs.

import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { whatWouldBeSent } from '../lib/ai/generate';
import { DEFAULT_AI_SETTINGS } from '../lib/ai/settings';
import { computeSummary } from '../lib/cards';
import { COLLECTIONS } from '../lib/client/collections';
import type { ClientData } from '../lib/client/data';
import { createSellsyApi, type SellsyApi } from '../lib/sellsy/api';
import { loadClient } from '../lib/sellsy/load-client';
import { openStore } from '../lib/store/open-store';
import type { ResumeStore } from '../lib/store/types';
import { findChromium } from '../test/e2e/launch';
import { DEMO, LARGE_CLIENT_ID } from '../test/sellsy/demo';
import { type FakeSellsy, startSellsy } from '../test/sellsy/server';
import { engineTable, measureEngine } from './engine';
import { naiveLoad } from './naive-client';
import { measurePanel } from './panel';
import { measureProgressive } from './progressive';

const TODAY = '2026-11-29';
const QUOTA_PER_SECOND = 5;
const LATENCY_MS = 50;
const PAGE = 100;
const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const RUNS = Number(flag('--runs') ?? 3);
const skipNaive = argv.includes('--no-naive');
// The naive client takes minutes per run at 5 req/s: its own run count can be set apart.
const NAIVE_RUNS = Number(flag('--naive-runs') ?? RUNS);
const skipBrowser = argv.includes('--no-browser');
const ONLY = (flag('--only') ?? '').split(',').filter(Boolean);
const PROGRESSIVE_SCENARIOS = { q5: null, q150m: 150 } as const;
type ProgressiveKey = keyof typeof PROGRESSIVE_SCENARIOS;
for (const o of ONLY) {
  if (o !== 'progressive' && !(o.startsWith('progressive.') && o.slice(12) in PROGRESSIVE_SCENARIOS)) {
    throw new Error(`--only expects progressive, progressive.q5 or progressive.q150m, got ${JSON.stringify(o)}`);
  }
}
const progressiveKeys = (Object.keys(PROGRESSIVE_SCENARIOS) as ProgressiveKey[]).filter(
  (k) => ONLY.length === 0 || ONLY.includes('progressive') || ONLY.includes(`progressive.${k}`),
);
const PROGRESSIVE_RUNS = Number(flag('--progressive-runs') ?? RUNS);
// The card engine alone: its table, and its figures put into an existing bench/results.json (the rest kept).
const engineOnly = argv.includes('--engine-only');
const minuteFlag = flag('--minute-quota');
const QUOTA_PER_MINUTE = minuteFlag === undefined ? null : Number(minuteFlag);
if (QUOTA_PER_MINUTE !== null && !(Number.isInteger(QUOTA_PER_MINUTE) && QUOTA_PER_MINUTE > 0)) {
  throw new Error(`--minute-quota expects a positive whole number, got ${JSON.stringify(minuteFlag)}`);
}
/** The local Sellsy's quota options for this run (its default per-minute quota when none is given). */
const QUOTAS = { perSecondQuota: QUOTA_PER_SECOND, ...(QUOTA_PER_MINUTE !== null ? { perMinuteQuota: QUOTA_PER_MINUTE } : {}) };
const quotaLabel = `${QUOTA_PER_SECOND} requests/second${QUOTA_PER_MINUTE !== null ? ` and ${QUOTA_PER_MINUTE}/minute` : ''}`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 100) / 100 : null);
const log = (s: string) => process.stderr.write(`${s}\n`);

interface Cost {
  http: number;
  quotaUnits: number;
  ms: number;
}
/** HTTP requests seen by the local Sellsy, and quota units (each batch sub-request counts, as assumed there). */
function costOf(sellsy: FakeSellsy, ms: number): Cost {
  const http = sellsy.log.length;
  const quotaUnits = sellsy.log.reduce((n, e) => n + (e.subRequests ? e.subRequests : 1), 0);
  return { http, quotaUnits, ms: Math.round(ms) };
}
function medianCost(cs: Cost[]): Cost {
  return { http: median(cs.map((c) => c.http)), quotaUnits: median(cs.map((c) => c.quotaUnits)), ms: median(cs.map((c) => c.ms)) };
}

/** The fewest requests that fetch the same data: one page of 100 per started hundred of each list, one detail per new document. */
function lowerBound(data: ClientData, opts: { details: number; token: boolean }) {
  const lists = COLLECTIONS.reduce<number>((n, c) => {
    const l = data[c.key];
    return l ? n + Math.max(1, Math.ceil(l.length / PAGE)) : n;
  }, 0);
  const itemPages = opts.details ? Math.ceil(Object.keys(data.items).length / PAGE) : 0;
  const requests = (opts.token ? 1 : 0) + 2 /* record, staffs/me */ + lists + opts.details + itemPages;
  return { requests, quotaMs: quotaTimeMs(requests) + LATENCY_MS };
}

/**
 * When the last of `requests` may go at best, from the start of a minute: each second's quota in turn,
 * and with a per-minute quota, each minute's share at that pace and then the wait for the next minute.
 */
function quotaTimeMs(requests: number): number {
  const i = requests - 1;
  if (QUOTA_PER_MINUTE === null) return Math.round((i / QUOTA_PER_SECOND) * 1000);
  return Math.floor(i / QUOTA_PER_MINUTE) * 60_000 + Math.round(((i % QUOTA_PER_MINUTE) / QUOTA_PER_SECOND) * 1000);
}

/** Quota units per endpoint (ids folded), to show where the requests go. */
function perPath(sellsy: FakeSellsy): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of sellsy.log) {
    const key = e.path.replace(/\/\d+$/, '/{id}');
    out[key] = (out[key] ?? 0) + (e.subRequests ?? 1);
  }
  return out;
}

async function loadOnce(api: SellsyApi, store: ResumeStore): Promise<ClientData> {
  const r = await loadClient(api, { ref: { kind: 'company', id: LARGE_CLIENT_ID }, today: TODAY, sourceModeSetting: 'auto', store });
  if (r.status !== 'client') throw new Error('the large demo client is not a client');
  return r.data;
}
const newApi = (s: FakeSellsy) => createSellsyApi({ apiUrl: s.apiUrl, tokenUrl: s.tokenUrl, auth: { kind: 'client-credentials', ...DEMO } });
const newStore = () => openStore({ indexedDB: new IDBFactory(), IDBKeyRange, name: 'bench' });

async function dataLayer() {
  const sellsy = await startSellsy({ today: TODAY, latencyMs: LATENCY_MS, ...QUOTAS });
  try {
    // Cold: a fresh store and a fresh token each run.
    const cold: Cost[] = [];
    let coldPerPath: Record<string, number> = {};
    let data: ClientData | null = null;
    for (let i = 0; i < RUNS; i++) {
      sellsy.resetLog();
      const t0 = performance.now();
      const store = newStore();
      data = await loadOnce(newApi(sellsy), store);
      computeSummary(data, { today: TODAY, language: 'fr', generatedAt: new Date().toISOString() });
      cold.push(costOf(sellsy, performance.now() - t0));
      coldPerPath = perPath(sellsy);
      store.close();
      log(`  ours cold #${i + 1}: ${cold.at(-1)!.http} HTTP, ${cold.at(-1)!.quotaUnits} quota units, ${cold.at(-1)!.ms} ms`);
    }
    const rowSets = Object.keys(data!.rows).length;

    const naive: Cost[] = [];
    if (!skipNaive) {
      for (let i = 0; i < NAIVE_RUNS; i++) {
        sellsy.resetLog();
        const t0 = performance.now();
        await naiveLoad(sellsy.apiUrl, sellsy.tokenUrl, DEMO.clientId, DEMO.clientSecret, LARGE_CLIENT_ID);
        naive.push(costOf(sellsy, performance.now() - t0));
        log(`  naive cold #${i + 1}: ${naive.at(-1)!.http} HTTP, ${naive.at(-1)!.ms} ms`);
      }
    }

    // Refresh: the background keeps its token and its store between clicks.
    const store = newStore();
    const api = newApi(sellsy);
    await loadOnce(api, store);
    const refresh: Cost[] = [];
    for (let i = 0; i < RUNS; i++) {
      sellsy.resetLog();
      const t0 = performance.now();
      await loadOnce(api, store);
      refresh.push(costOf(sellsy, performance.now() - t0));
    }
    const perCollection = perPath(sellsy);
    const refreshNew: Cost[] = [];
    const acc = sellsy.db.accounts.invoicing;
    for (let i = 0; i < RUNS; i++) {
      const template = acc.invoices.find(
        (x) => x.status === 'paid' && String(x.date) >= '2026-01-01' && (x.related as { id: number }[]).some((r) => r.id === LARGE_CLIENT_ID),
      )!;
      const comment = acc.comments.find((c) => c.company_id === LARGE_CLIENT_ID)!;
      let maxInv = Math.max(...acc.invoices.map((x) => x.id as number));
      let maxCom = Math.max(...acc.comments.map((x) => x.id as number));
      for (let k = 0; k < 5; k++)
        acc.invoices.push({ ...structuredClone(template), id: ++maxInv, number: `FAC-BENCH-${i}-${k}`, status: 'due', date: TODAY });
      for (let k = 0; k < 3; k++)
        acc.comments.push({
          ...structuredClone(comment),
          id: ++maxCom,
          created: `${TODAY}T09:0${k}:00+01:00`,
          description: `Nouveau commentaire ${i}-${k}`,
        });
      sellsy.resetLog();
      const t0 = performance.now();
      await loadOnce(api, store);
      refreshNew.push(costOf(sellsy, performance.now() - t0));
    }
    store.close();
    const final = await loadOnce(api, newStore());
    return {
      rowSets,
      cold: {
        perPath: coldPerPath,
        ours: medianCost(cold),
        naive: naive.length ? medianCost(naive) : null,
        bound: lowerBound(data!, { details: rowSets, token: true }),
      },
      // Without a cache, the naive client's refresh is a full load: its cold figures stand for it.
      refresh: {
        ours: medianCost(refresh),
        naive: naive.length ? medianCost(naive) : null,
        bound: lowerBound(data!, { details: 0, token: false }),
        perPath: perCollection,
      },
      refreshNew: {
        ours: medianCost(refreshNew),
        naive: naive.length ? medianCost(naive) : null,
        bound: lowerBound(final, { details: 5, token: false }),
      },
      summaryForPrompt: computeSummary(final, { today: TODAY, language: 'fr', generatedAt: new Date().toISOString() }),
    };
  } finally {
    await sellsy.close();
  }
}

function sizes() {
  const dir = '.output/chrome-mv3';
  const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
  const files = existsSync(dir) ? walk(dir).filter((f) => /\.(js|css|html)$/.test(f)) : [];
  const group = (re: RegExp) => {
    const fs = files.filter((f) => re.test(f));
    const buf = Buffer.concat(fs.map((f) => readFileSync(f)));
    return {
      files: fs.map((f) => f.slice(dir.length + 1)),
      rawKB: Math.round(buf.length / 102.4) / 10,
      gzipKB: Math.round(gzipSync(buf).length / 102.4) / 10,
    };
  };
  return { content: group(/content-scripts\//), background: group(/background\.js$/), options: group(/(options|chunks\/)/) };
}

/** The progressive scenarios in Chromium, cold; null when there is no browser to run them in. */
async function progressive() {
  if (skipBrowser || !findChromium()) return null;
  const out: Partial<Record<ProgressiveKey, NonNullable<Awaited<ReturnType<typeof measureProgressive>>>>> = {};
  for (const k of progressiveKeys) {
    log(`progressive summary in Chromium, ${k} (${PROGRESSIVE_RUNS} cold runs)…`);
    const r = await measureProgressive(
      { latencyMs: LATENCY_MS, perSecondQuota: QUOTA_PER_SECOND, perMinuteQuota: PROGRESSIVE_SCENARIOS[k], runs: PROGRESSIVE_RUNS, today: TODAY },
      log,
    );
    if (r) out[k] = r;
  }
  return out;
}

function progressiveLines(p: Awaited<ReturnType<typeof progressive>>): string[] {
  if (!p) return ['Progressive summary in Chromium: not measured (--no-browser or no Chromium).'];
  return [
    '',
    '| progressive, cold (Chromium) | first figures | phase 1 bound | target | complete | all-units bound | target | 429s |',
    '|------------------------------|---------------|---------------|--------|----------|-----------------|--------|------|',
    ...(Object.entries(p) as [string, NonNullable<(typeof p)[ProgressiveKey]>][]).map(
      ([k, r]) =>
        `| ${`${k} (${r.listUnits} + ${r.units - r.listUnits} units)`.padEnd(28)} | ${`${r.firstFiguresMs} ms`.padStart(13)} | ${`${r.listBoundMs} ms`.padStart(13)} | ${(r.met.firstFiguresMs ? 'met' : 'MISSED').padStart(6)} | ${`${(r.completeMs / 1000).toFixed(1)} s`.padStart(8)} | ${`${(r.completeBoundMs / 1000).toFixed(1)} s`.padStart(15)} | ${(r.met.completeMs ? 'met' : 'MISSED').padStart(6)} | ${String(r.requests429).padStart(4)} |`,
    ),
  ];
}

function previousProgressive(): { progressive?: unknown } {
  if (!existsSync('bench/results.json')) return {};
  const previous = JSON.parse(readFileSync('bench/results.json', 'utf8')) as { progressive?: unknown };
  return previous.progressive ? { progressive: previous.progressive } : {};
}

/** `--only progressive…`: those scenarios alone, merged into the results already written. */
async function onlyProgressive() {
  const previous = existsSync('bench/results.json') ? (JSON.parse(readFileSync('bench/results.json', 'utf8')) as Record<string, unknown>) : {};
  const p = await progressive();
  if (!p) throw new Error('the progressive scenarios need Chromium (apt-get install chromium)');
  const results = { ...previous, progressive: { ...((previous.progressive as object | undefined) ?? {}), ...p, date: new Date().toISOString() } };
  writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
  console.log([...progressiveLines(p), 'Written to bench/results.json (progressive only; the other keys kept).'].join('\n'));
}

async function main() {
  if (ONLY.length) return onlyProgressive();
  if (engineOnly) {
    log('card engine…');
    const eng = await measureEngine(TODAY, log);
    const file = 'bench/results.json';
    if (existsSync(file)) {
      const results = JSON.parse(readFileSync(file, 'utf8'));
      writeFileSync(file, `${JSON.stringify({ ...results, engine: eng }, null, 2)}\n`);
    }
    console.log(['', ...engineTable(eng), '', existsSync(file) ? `Engine figures written to ${file}.` : ''].join('\n'));
    return;
  }
  log(`bench: local Sellsy with ${LATENCY_MS} ms latency and ${quotaLabel}, ${RUNS} runs each (median)`);
  log('data layer…');
  const d = await dataLayer();
  log('card engine…');
  const eng = await measureEngine(TODAY, log);
  const prompts = whatWouldBeSent(d.summaryForPrompt, { ...DEFAULT_AI_SETTINGS, enabled: true, apiKey: 'bench' }).requests.map((r) => ({
    purpose: r.purpose,
    tokens: r.tokensEstimate,
  }));
  let panel: Awaited<ReturnType<typeof measurePanel>> | null = null;
  if (!skipBrowser) {
    log('panel in Chromium…');
    panel = await measurePanel({ runs: RUNS, latencyMs: LATENCY_MS, ...QUOTAS, today: TODAY });
  }
  const prog = await progressive();
  const size = sizes();

  const results = {
    date: new Date().toISOString(),
    settings: {
      latencyMs: LATENCY_MS,
      perSecondQuota: QUOTA_PER_SECOND,
      perMinuteQuota: QUOTA_PER_MINUTE,
      runs: RUNS,
      naiveRuns: NAIVE_RUNS,
      today: TODAY,
      client: LARGE_CLIENT_ID,
    },
    cold: {
      ...d.cold,
      ratios: {
        oursNaiveRequests: d.cold.naive && ratio(d.cold.ours.quotaUnits, d.cold.naive.quotaUnits),
        oursBoundRequests: ratio(d.cold.ours.quotaUnits, d.cold.bound.requests),
        oursBoundTime: ratio(d.cold.ours.ms, d.cold.bound.quotaMs),
        oursNaiveTime: d.cold.naive && ratio(d.cold.ours.ms, d.cold.naive.ms),
      },
    },
    refresh: {
      ...d.refresh,
      ratios: {
        naiveOursRequests: d.refresh.naive && ratio(d.refresh.naive.quotaUnits, d.refresh.ours.quotaUnits),
        oursBoundRequests: ratio(d.refresh.ours.quotaUnits, d.refresh.bound.requests),
      },
    },
    refreshNew: {
      ...d.refreshNew,
      ratios: {
        naiveOursRequests: d.refreshNew.naive && ratio(d.refreshNew.naive.quotaUnits, d.refreshNew.ours.quotaUnits),
        oursBoundRequests: ratio(d.refreshNew.ours.quotaUnits, d.refreshNew.bound.requests),
      },
    },
    engine: eng,
    panel,
    // Not measured this time (--no-browser): the last figures measured stay, with their date.
    ...(prog ? { progressive: { ...prog, date: new Date().toISOString() } } : previousProgressive()),
    sizes: size,
    prompts,
    detailDocuments: d.rowSets,
  };
  writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);

  const n = (c: Cost | null) => (c ? `${c.quotaUnits} (${c.http} HTTP)`.padEnd(16) + `${(c.ms / 1000).toFixed(1)} s`.padStart(9) : 'n/a'.padEnd(25));
  const b = (x: { requests: number; quotaMs: number }) => `${x.requests}`.padEnd(16) + `${(x.quotaMs / 1000).toFixed(1)} s`.padStart(9);
  const lines = [
    '',
    `Large demo client ${LARGE_CLIENT_ID}: ${LATENCY_MS} ms latency, ${quotaLabel}, median of ${RUNS}. Requests = quota units (batch sub-requests count).`,
    `| scenario                     | ours requests    | ours time | naive requests   | naive time | bound requests | bound time | ours/naive req | ours/bound req | ours/bound time |`,
    `|------------------------------|------------------|-----------|------------------|------------|----------------|------------|----------------|----------------|-----------------|`,
    ...(['cold', 'refresh', 'refreshNew'] as const).map((k) => {
      const r = results[k];
      const label = { cold: 'cold summary', refresh: 'refresh, nothing new', refreshNew: 'refresh, +5 invoices +3 notes' }[k];
      return `| ${label.padEnd(28)} | ${n(r.ours).slice(0, 16).padEnd(16)} | ${n(r.ours).slice(16).trim().padStart(9)} | ${n(r.naive).slice(0, 16).padEnd(16)} | ${n(r.naive).slice(16).trim().padStart(10)} | ${b(r.bound).slice(0, 16).trim().padEnd(14)} | ${b(r.bound).slice(16).trim().padStart(10)} | ${String(r.naive ? ratio(r.ours.quotaUnits, r.naive.quotaUnits) : 'n/a').padStart(14)} | ${String(ratio(r.ours.quotaUnits, r.bound.requests)).padStart(14)} | ${String(ratio(r.ours.ms, r.bound.quotaMs)).padStart(15)} |`;
    }),
    '',
    ...engineTable(eng),
    '',
    panel
      ? `Panel in Chromium, toolbar click → five cards painted: cold ${panel.coldMs} ms, cached ${panel.cachedMs} ms (median of ${panel.runs}).`
      : 'Panel in Chromium: not measured (--no-browser or no Chromium).',
    ...progressiveLines(prog),
    `Bundles (chrome-mv3, gzip): content script ${size.content.gzipKB} KB (raw ${size.content.rawKB} KB), background ${size.background.gzipKB} KB (raw ${size.background.rawKB} KB), options ${size.options.gzipKB} KB (raw ${size.options.rawKB} KB).`,
    `LLM prompts for the large client (estimated tokens): ${prompts.map((p) => `${p.purpose} ${p.tokens}`).join(', ')}.`,
    'Written to bench/results.json.',
  ];
  console.log(lines.join('\n'));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
