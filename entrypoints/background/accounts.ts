// Which Sellsy account a set of credentials opens. The cache is keyed by account (ids are unique only
// within one), and the account id is only known after a first GET /staffs/me: remember it, in memory
// and in the extension's local storage so a restarted service worker finds cached summaries at once.
import type { SellsyApi } from '@/lib/sellsy/api';
import type { Staff } from '@/lib/sellsy/api-types';
import { SellsyError } from '@/lib/sellsy/errors';
import type { SellsyConnection } from '@/lib/settings/derive';
import type { KeyValue } from '@/lib/settings/store';

export const ACCOUNTS_KEY = 'accounts';
/** Plenty for one user's few credentials; older entries go first. */
const MAX_ENTRIES = 20;

export interface AccountMap {
  get(conn: SellsyConnection): Promise<string | null>;
  set(conn: SellsyConnection, accountId: string): Promise<void>;
  /** Drops what one connection was known to open (a sign-in or sign-out may change the account behind it). */
  forget(conn: SellsyConnection): Promise<void>;
  clear(): Promise<void>;
}

async function sha256Hex(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A key that names the credentials without holding a secret: the client id, a hash of a pasted token, or
 * the sign-in app's client id. One app serves every rep who signs in, so for that kind the key says
 * which app, not which account: the background forgets the key's account at each sign-in and sign-out
 * and learns it again from the new tokens' GET /staffs/me.
 */
export async function connectionKey(conn: SellsyConnection): Promise<string> {
  const a = conn.auth;
  const who =
    a.kind === 'client-credentials'
      ? `id:${a.clientId}`
      : a.kind === 'sign-in'
        ? `app:${a.clientId}`
        : `token:${(await sha256Hex(a.accessToken)).slice(0, 32)}`;
  return `${conn.apiUrl}|${who}`;
}

export function createAccountMap(kv: KeyValue): AccountMap {
  const memory = new Map<string, string>();
  let loaded = false;
  async function load(): Promise<void> {
    if (loaded) return;
    const stored = await kv.get(ACCOUNTS_KEY);
    if (stored && typeof stored === 'object') {
      for (const [k, v] of Object.entries(stored as Record<string, unknown>)) if (typeof v === 'string') memory.set(k, v);
    }
    loaded = true;
  }
  return {
    async get(conn) {
      await load();
      return memory.get(await connectionKey(conn)) ?? null;
    },
    async set(conn, accountId) {
      await load();
      const key = await connectionKey(conn);
      memory.delete(key);
      memory.set(key, accountId);
      while (memory.size > MAX_ENTRIES) memory.delete(memory.keys().next().value as string);
      await kv.set(ACCOUNTS_KEY, Object.fromEntries(memory));
    },
    async forget(conn) {
      await load();
      if (memory.delete(await connectionKey(conn))) await kv.set(ACCOUNTS_KEY, Object.fromEntries(memory));
    },
    async clear() {
      memory.clear();
      loaded = true;
      await kv.set(ACCOUNTS_KEY, {});
    },
  };
}

/** The user and account behind the credentials (one request). */
export async function fetchStaff(api: SellsyApi, signal?: AbortSignal): Promise<Staff> {
  const staff = await api.get<Staff>('/staffs/me', { 'embed[]': ['licenses', 'account'] }, { signal });
  const id = staff?._embed?.account?.id;
  if (typeof id !== 'number' && typeof id !== 'string') {
    throw new SellsyError('invalid-data', 'GET /staffs/me answered without the account (embed[]=account)');
  }
  return staff;
}
