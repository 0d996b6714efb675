// `npm run sellsy -- [--port 8787] [--today YYYY-MM-DD] [--latency 50] [--quota 5] [--minute-quota 150]`:
// the local Sellsy in a terminal. --quota is per second, --minute-quota per minute. On Ctrl+C it says how
// many API requests it served and how many it answered 429, so a run by hand can be checked for 429s.
import {
  DEMO,
  DEMO_APP,
  DEMO_COLLEAGUE,
  DEMO_SALES,
  DEMO_USERS,
  EMPTY_CLIENT_ID,
  HOSTILE_CLIENT_ID,
  INDIVIDUAL_CLIENT_ID,
  LARGE_CLIENT_ID,
  OTHER_CLIENT_ID,
  PROSPECT_ID,
  SUPPLIER_ID,
} from './demo';
import { startSellsy } from './server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
function num(name: string): number | undefined {
  const v = arg(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} expects a non-negative number, got ${JSON.stringify(v)}`);
    process.exit(2);
  }
  return n;
}

const sellsy = await startSellsy({
  port: num('port') ?? 8787,
  today: arg('today'),
  ...(num('latency') !== undefined ? { latencyMs: num('latency') } : {}),
  ...(num('quota') !== undefined ? { perSecondQuota: num('quota') } : {}),
  ...(num('minute-quota') !== undefined ? { perMinuteQuota: num('minute-quota') } : {}),
}).catch((e: Error) => {
  console.error(`Could not start the local Sellsy: ${e.message}`);
  process.exit(1);
});
const o = sellsy.origin;
console.log(`Local Sellsy (fake) — data anchored on ${sellsy.db.today}
  API        ${sellsy.apiUrl}
  token URL  ${sellsy.tokenUrl}
  invoicing account: client_id=${DEMO.clientId} client_secret=${DEMO.clientSecret}
  same account, a colleague: client_id=${DEMO_COLLEAGUE.clientId} client_secret=${DEMO_COLLEAGUE.clientSecret}
  sales-only account: client_id=${DEMO_SALES.clientId} client_secret=${DEMO_SALES.clientSecret}
Sign in with Sellsy (authorization code + PKCE):
  authorization URL  ${sellsy.authorizationUrl}
  app: client_id=${DEMO_APP.clientId} client_secret=${DEMO_APP.clientSecret}
  invoicing user: ${DEMO_USERS.invoicing.email} / ${DEMO_USERS.invoicing.password}
  sales-only user: ${DEMO_USERS.sales.email} / ${DEMO_USERS.sales.password}
Pages:
  home        ${o}/
  large       ${o}/thirds/client/${LARGE_CLIENT_ID}
  individual  ${o}/thirds/client/${INDIVIDUAL_CLIENT_ID}
  prospect    ${o}/thirds/prospect/${PROSPECT_ID}
  supplier    ${o}/thirds/supplier/${SUPPLIER_ID}
  empty       ${o}/thirds/client/${EMPTY_CLIENT_ID}
  hostile     ${o}/thirds/client/${HOSTILE_CLIENT_ID}
  other       ${o}/thirds/client/${OTHER_CLIENT_ID}
  legacy      ${o}/?_f=third&thirdid=${LARGE_CLIENT_ID}&thirdtype=client
Ctrl+C to stop.`);
const stop = () => {
  const api = sellsy.log.filter((e) => e.path.startsWith('/v2'));
  const units = api.reduce((n, e) => n + (e.subRequests ?? 1), 0);
  console.log(`\nServed ${api.length} API requests (${units} quota units); ${api.filter((e) => e.status === 429).length} answered 429.`);
  void sellsy.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
