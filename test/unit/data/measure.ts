// Request counts and wall times of loadClient on the demo's large client against the local Sellsy:
// cold, refresh with nothing new, refresh after 5 new invoices; run with `npx tsx test/unit/data/measure.ts [perSecondQuota] [latencyMs] [perMinuteQuota]`.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createSellsyApi } from '../../../lib/sellsy/api';
import { loadClient } from '../../../lib/sellsy/load-client';
import { createScheduler } from '../../../lib/sellsy/scheduler';
import { openStore } from '../../../lib/store/open-store';
import { DEMO, LARGE_CLIENT_ID } from '../../sellsy/demo';
import { startSellsy } from '../../sellsy/server';

const TODAY = '2026-11-29';

async function main() {
  const perSecondQuota = Number(process.argv[2] ?? 50);
  const latencyMs = Number(process.argv[3] ?? 0);
  const perMinuteQuota = process.argv[4] === undefined ? undefined : Number(process.argv[4]);
  const sellsy = await startSellsy({ today: TODAY, perSecondQuota, latencyMs, ...(perMinuteQuota ? { perMinuteQuota } : {}) });
  const store = openStore({ indexedDB: new IDBFactory(), IDBKeyRange, name: 'measure' });
  // One scheduler for every load, as in the extension: what it learned of the quota carries over.
  const scheduler = createScheduler();
  const run = async (label: string) => {
    sellsy.resetLog();
    const api = createSellsyApi({ apiUrl: sellsy.apiUrl, tokenUrl: sellsy.tokenUrl, auth: { kind: 'client-credentials', ...DEMO }, scheduler });
    const t0 = performance.now();
    const r = await loadClient(api, { ref: { kind: 'company', id: LARGE_CLIENT_ID }, today: TODAY, sourceModeSetting: 'auto', store });
    const ms = Math.round(performance.now() - t0);
    const s = api.stats();
    const subs = sellsy.log.reduce((n, e) => n + (e.subRequests ?? 0), 0);
    const batches = sellsy.log.filter((e) => e.path === '/v2/batch').length;
    if (r.status === 'client' && r.data.warnings.length) console.log(r.data.warnings);
    console.log(
      `${label.padEnd(26)} ${String(ms).padStart(6)} ms  requests ${String(s.requests).padStart(3)} (batches ${batches}, sub-requests ${subs})  retries ${s.retries}  429s ${s.quota429}  ${Math.round(s.bytes / 1024)} KiB  ${r.status === 'client' ? `${r.data.invoices?.length} invoices, ${Object.keys(r.data.rows).length} row sets` : r.status}`,
    );
  };
  console.log(`quota ${perSecondQuota}/s${perMinuteQuota ? ` and ${perMinuteQuota}/min` : ''}, latency ${latencyMs} ms`);
  await run('cold');
  await run('refresh, nothing new');
  const inv = sellsy.db.accounts.invoicing.invoices;
  const template = inv.find(
    (i) => i.status === 'paid' && i.date >= '2026-01-01' && (i.related as { id: number }[]).some((r) => r.id === LARGE_CLIENT_ID),
  )!;
  const maxId = Math.max(...inv.map((i) => i.id as number));
  for (let k = 1; k <= 5; k++)
    inv.push({ ...structuredClone(template), id: maxId + k, number: `FAC-NEW-${k}`, status: 'due', date: `2026-11-2${k}` });
  await run('refresh, 5 new invoices');
  store.close();
  await sellsy.close();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
