// Local builds only (RESUME_LOCAL_SELLSY=1): with no credentials configured, a record page served by
// the local Sellsy fake on a loopback origin is read from that origin with its demo account, so
// `npm start` and the e2e tests need no account and no key. index.ts imports this behind the
// build-time flag: store builds do not contain it (checked by test/unit/extension/bg-build.test.ts).
import type { SellsyConnection } from '@/lib/settings/derive';

export function localConnection(origin: string): SellsyConnection {
  return {
    apiUrl: `${origin}/v2`,
    tokenUrl: `${origin}/oauth2/access-tokens`,
    auth: { kind: 'client-credentials', clientId: 'demo-client', clientSecret: 'demo-secret' },
  };
}
