// The background's key-value storage (lib/settings/store.ts's KeyValue) in memory, for tests of what reads and
// writes it. Values are cloned on the way in and out, as extension storage serialises them.
import type { KeyValue } from '@/lib/settings/store';

export function memoryKv(): KeyValue {
  const data = new Map<string, unknown>();
  return {
    get: async (k) => structuredClone(data.get(k)),
    set: async (k, v) => {
      data.set(k, structuredClone(v));
    },
  };
}
