// What was last sent to the LLM, for the options page's "what is sent" view. Kept in memory only: it
// holds CRM text, and the summaries' cache is the one place such data is stored.
import { whatWouldBeSent } from '@/lib/ai/generate';
import type { AiSettings } from '@/lib/ai/settings';
import type { Summary } from '@/lib/summary/types';
import type { LastSent } from './requests';

export function createLastSent(now: () => Date = () => new Date()) {
  let last: LastSent = null;
  return {
    record(summary: Summary, ai: AiSettings): void {
      const sent = whatWouldBeSent(summary, ai);
      if (!sent.messages.length) return;
      last = {
        at: now().toISOString(),
        messages: sent.messages.map((m) => ({ role: m.role, content: m.content })),
        tokens: sent.tokensEstimate,
      };
    },
    get: (): LastSent => last,
    clear(): void {
      last = null;
    },
  };
}
