// Where the signed-in rep's Sellsy tokens live: one entry of the extension's local storage (never sync,
// never a page's storage). Sign-out writes null over it.
import type { SessionVault } from '@/lib/sellsy/session';
import type { KeyValue } from '@/lib/settings/store';

export const SESSION_KEY = 'sellsySession';

export function sessionVault(kv: KeyValue): SessionVault {
  return {
    read: () => kv.get(SESSION_KEY),
    write: (session) => kv.set(SESSION_KEY, session),
  };
}
