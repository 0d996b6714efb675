// The staged pipeline (lib/summary/build.ts) against the local Sellsy: phases in order, partial summaries
// marked and never final, details newest first, saved per batch so an aborted load resumes without reading a
// detail twice, and the same requests as a load that waits for every row.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { computeSummary } from '@/lib/cards/index';
import { renderMarkdown } from '@/lib/format/markdown';
import { createSellsyApi } from '@/lib/sellsy/api';
import { loadClient } from '@/lib/sellsy/load-client';
import { openStore } from '@/lib/store/open-store';
import type { ResumeStore } from '@/lib/store/types';
import { type BuildOptions, type BuildPhase, buildClientSummary } from '@/lib/summary/build';
import type { Summary } from '@/lib/summary/types';
import { progressiveWords } from '@/lib/words/progressive';
import { DEMO, EMPTY_CLIENT_ID, LARGE_CLIENT_ID } from '@/test/sellsy/demo';
import { DEFAULT_OPTIONS, type FakeSellsy, startSellsy } from '@/test/sellsy/server';
import { schemaErrors } from '../cards/schema';

const TODAY = '2026-11-29';
const NOW = new Date('2026-11-29T09:00:00.000Z');
let sellsy: FakeSellsy;

beforeAll(async () => {
  sellsy = await startSellsy({ today: TODAY });
});
afterAll(async () => {
  await sellsy?.close();
});
beforeEach(() => {
  Object.assign(sellsy.options, DEFAULT_OPTIONS, { perSecondQuota: 5000, perMinuteQuota: 100_000 });
  sellsy.resetLog();
});

const newApi = () =>
  createSellsyApi({ apiUrl: sellsy.apiUrl, tokenUrl: sellsy.tokenUrl, auth: { kind: 'client-credentials', ...DEMO }, onWarning: () => undefined });
const freshStore = (): ResumeStore => openStore({ indexedDB: new IDBFactory(), IDBKeyRange, name: `staged-${Math.random()}` });
const options = (over: Partial<BuildOptions> = {}): BuildOptions => ({
  ref: { kind: 'company', id: LARGE_CLIENT_ID },
  today: TODAY,
  now: NOW,
  languageSetting: 'fr',
  browserLanguage: 'fr-FR',
  sourceModeSetting: 'auto',
  ai: null,
  ...over,
});

/** The detail URIs each POST /batch of the log asked for, in the order the fake received them. */
function detailUris(): string[] {
  return sellsy.log
    .filter((e) => e.path.endsWith('/batch') && typeof e.body === 'string')
    .flatMap((e) =>
      (e.body as string)
        .split('\n')
        .map((l) => /"uri"\s*:\s*"([^"]+)"/.exec(l)?.[1])
        .filter((u): u is string => !!u && u.startsWith('/invoices/')),
    );
}

/** Quota units per endpoint, ids folded. */
function perPath(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of sellsy.log) {
    const key = e.path.replace(/\/\d+$/, '/{id}');
    out[key] = (out[key] ?? 0) + (e.subRequests ?? 1);
  }
  return out;
}

const withoutTime = (s: Summary) => ({ ...s, generatedAt: 'x' });

describe('the staged pipeline', { timeout: 60_000 }, () => {
  it('emits lists, then details batch by batch, then the complete figures; only the first ones are partial', async () => {
    const seen: { phase: BuildPhase; summary: Summary }[] = [];
    const r = await buildClientSummary(
      { api: newApi(), store: freshStore() },
      options({ onSummary: (summary, phase) => seen.push({ phase, summary }) }),
    );
    if (r.status !== 'client') throw new Error('expected a client');
    const phases = seen.map((s) => s.phase);
    expect(phases[0]).toBe('lists');
    expect(phases.at(-1)).toBe('figures');
    expect(phases.slice(1, -1).length).toBeGreaterThan(1);
    expect(phases.slice(1, -1).every((p) => p === 'details')).toBe(true);

    const lists = seen[0]!.summary;
    const final = seen.at(-1)!.summary;
    expect(final).toBe(r.summary);
    const total = lists.partial!.detailsTotal;
    expect(lists.partial).toEqual({ detailsRead: 0, detailsTotal: total });
    expect(total).toBeGreaterThan(100);
    // Phase 1 already has every figure but the top products.
    expect(lists.salesOverview.topProductsByQuantity).toEqual([]);
    expect(lists.relationship).toEqual(final.relationship);
    expect(lists.openDocuments).toEqual(final.openDocuments);
    expect(lists.interactions).toEqual(final.interactions);
    const { topProductsByQuantity: _q, topProductsByRevenue: _r, ...others } = final.salesOverview;
    expect(lists.salesOverview).toMatchObject(others);
    // Documents not read yet are "pending", not "unreadable", in the top products' sources.
    const excluded = lists.sources!['salesOverview.topProductsByRevenue']!.excluded;
    // (Every detail read, in any currency: the few in another currency than the main one are not products' sources.)
    expect(excluded.length).toBeGreaterThan(total - 10);
    expect(new Set(excluded.map((d) => d.reason))).toEqual(new Set(['rows-pending']));

    // Each batch reads more, the lists fill in, and the last partial one is still marked.
    const reads = seen.filter((s) => s.phase === 'details').map((s) => s.summary.partial!.detailsRead);
    expect(reads).toEqual([...reads].sort((a, b) => a - b));
    expect(new Set(reads).size).toBe(reads.length);
    expect(reads.at(-1)).toBe(total);
    const early = seen[1]!.summary.salesOverview.topProductsByQuantity;
    expect(early.length).toBeGreaterThan(0);
    // Named from the catalogue already (listed once it paid, after the first batch), not by their reference.
    const names = new Map(sellsy.db.accounts.invoicing.items.map((i) => [i.id as number, i.name as string]));
    for (const p of early) expect(p.name).toBe(names.get(p.itemId));
    for (const s of seen.slice(0, -1)) {
      expect(s.summary.partial).toBeDefined();
      expect(schemaErrors(s.summary)).toBeNull();
    }

    // The complete summary carries no partial mark: the --json and the Markdown give it as it is.
    expect(final.partial).toBeUndefined();
    expect(schemaErrors(final)).toBeNull();
    const json = JSON.stringify(final);
    expect(json).not.toContain('"partial"');
    expect(json).not.toContain('rows-pending');
    const md = renderMarkdown(final, 'fr');
    expect(md).not.toContain(progressiveWords('fr').partialProducts);
    expect(md).not.toMatch(/documents? lus? sur/);
  });

  it('the complete figures equal the engine over the whole data, for the requests a whole load makes', async () => {
    const staged = await buildClientSummary({ api: newApi() }, options());
    const stagedPaths = perPath();
    sellsy.resetLog();
    const loaded = await loadClient(newApi(), { ref: { kind: 'company', id: LARGE_CLIENT_ID }, today: TODAY, sourceModeSetting: 'auto' });
    if (staged.status !== 'client' || loaded.status !== 'client') throw new Error('expected a client');
    const whole = computeSummary(loaded.data, { today: TODAY, language: 'fr', generatedAt: NOW.toISOString() });
    expect(withoutTime(staged.summary)).toEqual(withoutTime(whole));
    expect(stagedPaths).toEqual(perPath());
    // The catalogue, listed while the details arrive (its first page before them), costs one page as before;
    // each detail is read once.
    expect(stagedPaths['/v2/items/search']).toBe(1);
    expect(stagedPaths['/v2/batch']).toBe(Object.keys(loaded.data.rows).length);
  });

  it('reads details newest first', async () => {
    await buildClientSummary({ api: newApi() }, options());
    const asked = detailUris().map((u) => Number(u.split('/').pop()));
    const byId = new Map(sellsy.db.accounts.invoicing.invoices.map((i) => [i.id as number, i.date as string]));
    const dates = asked.map((id) => byId.get(id)!);
    // Batches go side by side, so arrival order can swap neighbours; the order asked is strictly newest first.
    const expected = [...asked].sort((a, b) => (byId.get(b)! < byId.get(a)! ? -1 : byId.get(b)! > byId.get(a)! ? 1 : b - a));
    expect(asked.length).toBeGreaterThan(100);
    expect(dates[0]! >= dates.at(-1)!).toBe(true);
    // Within one POST /batch the order is exact.
    const firstBatch = sellsy.log.find((e) => e.path.endsWith('/batch'))!;
    const firstIds = (firstBatch.body as string).match(/\/invoices\/(\d+)/g)!.map((m) => Number(m.split('/').pop()));
    expect(firstIds).toEqual(expected.slice(0, firstIds.length));
    expect(new Set(asked)).toEqual(new Set(expected));
  });

  it('aborted halfway, the next load reads only the details the first did not, each once', async () => {
    const store = freshStore();
    const stop = new AbortController();
    let batches = 0;
    // A slower quota so the abort lands between batches.
    Object.assign(sellsy.options, { perSecondQuota: 50 });
    const first = buildClientSummary(
      { api: newApi(), store },
      options({
        signal: stop.signal,
        onSummary: (_s, phase) => {
          if (phase === 'details' && ++batches === 3) stop.abort();
        },
      }),
    );
    await expect(first).rejects.toThrow();
    // What was in flight lands (and is saved) before the next load looks.
    await new Promise((r) => setTimeout(r, 300));
    const firstUris = detailUris();
    sellsy.resetLog();
    Object.assign(sellsy.options, { perSecondQuota: 5000 });

    const seen: Summary[] = [];
    const second = await buildClientSummary({ api: newApi(), store }, options({ onSummary: (s) => seen.push(s) }));
    if (second.status !== 'client') throw new Error('expected a client');
    const secondUris = detailUris();
    expect(firstUris.length).toBeGreaterThan(0);
    expect(secondUris.filter((u) => firstUris.includes(u))).toEqual([]);
    expect(new Set(secondUris).size).toBe(secondUris.length);
    // Its first summary already counts the rows the first load saved.
    const total = seen[0]!.partial!.detailsTotal;
    expect(seen[0]!.partial!.detailsRead).toBe(total - secondUris.length);
    expect(firstUris.length + secondUris.length).toBeGreaterThanOrEqual(total);

    // And the result is the clean one.
    sellsy.resetLog();
    const clean = await buildClientSummary({ api: newApi() }, options());
    if (clean.status !== 'client') throw new Error('expected a client');
    expect(withoutTime(second.summary)).toEqual(withoutTime(clean.summary));
  });

  it('a client whose rows are all cached (or who has none) gets its complete figures at once, no partial phase', async () => {
    const store = freshStore();
    await buildClientSummary({ api: newApi(), store }, options());
    sellsy.resetLog();
    const phases: BuildPhase[] = [];
    await buildClientSummary({ api: newApi(), store }, options({ onSummary: (_s, p) => phases.push(p) }));
    expect(phases).toEqual(['figures']);
    expect(detailUris()).toEqual([]);
    const empty: BuildPhase[] = [];
    await buildClientSummary({ api: newApi() }, options({ ref: { kind: 'company', id: EMPTY_CLIENT_ID }, onSummary: (_s, p) => empty.push(p) }));
    expect(empty).toEqual(['figures']);
  });
});
