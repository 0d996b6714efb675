// What was last sent to the LLM, for the options page's "what is sent" view. It holds CRM text, so it
// lives in memory and in the browser's session storage (never written to disk, gone when the browser
// closes), which outlives the service worker being stopped between uses.
import { whatWouldBeSent } from '@/lib/ai/generate';
import type { AiSettings } from '@/lib/ai/settings';
import type { KeyValue } from '@/lib/settings/store';
import type { Summary } from '@/lib/summary/types';
import type { LastSent } from './requests';

export const LAST_SENT_KEY = 'lastSent';

export function createLastSent(now: () => Date = () => new Date(), session?: KeyValue) {
  let last: LastSent = null;
  const persist = (value: LastSent) => {
    // A browser without session storage keeps it in memory only.
    session?.set(LAST_SENT_KEY, value).catch(() => undefined);
  };
  return {
    record(summary: Summary, ai: AiSettings): void {
      const sent = whatWouldBeSent(summary, ai);
      if (!sent.messages.length) return;
      last = {
        at: now().toISOString(),
        messages: sent.messages.map((m) => ({ role: m.role, content: m.content })),
        tokens: sent.tokensEstimate,
      };
      persist(last);
    },
    async get(): Promise<LastSent> {
      if (last || !session) return last;
      try {
        const stored = (await session.get(LAST_SENT_KEY)) as LastSent | undefined;
        return stored && typeof stored === 'object' && Array.isArray(stored.messages) ? stored : null;
      } catch {
        return null;
      }
    },
    clear(): void {
      last = null;
      persist(null);
    },
  };
}
