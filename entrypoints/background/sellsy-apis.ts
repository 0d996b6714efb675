// One API client per connection while the service worker lives: its token and its quota pacing are
// shared by every panel and test instead of starting over on each request.
import { createSellsyApi, type SellsyApi } from '@/lib/sellsy/api';
import type { SellsyConnection } from '@/lib/settings/derive';

const MAX_CLIENTS = 4;

export function createApiPool(make: (conn: SellsyConnection) => SellsyApi = (conn) => createSellsyApi(conn)) {
  const pool = new Map<string, SellsyApi>();
  return function apiFor(conn: SellsyConnection): SellsyApi {
    const key = JSON.stringify([conn.apiUrl, conn.tokenUrl, conn.auth]);
    let api = pool.get(key);
    if (!api) {
      api = make(conn);
      pool.set(key, api);
      while (pool.size > MAX_CLIENTS) pool.delete(pool.keys().next().value as string);
    }
    return api;
  };
}
