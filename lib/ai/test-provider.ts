// The options page's "Test" button: one tiny request that proves the address, the key and the model work.

import { aiWarnings } from '../words/ai-warnings';
import { createOpenAiClient, llmFailureMessage, withDeadline } from './openai-client';
import type { AiSettings } from './settings';
import { isDefaultOpenAi, isValidBaseURL } from './settings';

export async function testProvider(
  settings: AiSettings,
  opts: { language?: string; fetch?: typeof fetch; signal?: AbortSignal } = {},
): Promise<{ ok: true; model: string } | { ok: false; message: string }> {
  const w = aiWarnings(opts.language ?? 'en');
  if (!isValidBaseURL(settings.baseURL)) return { ok: false, message: w.badUrl(settings.baseURL) };
  if (!settings.apiKey && isDefaultOpenAi(settings.baseURL)) return { ok: false, message: w.notConfigured };
  try {
    const client = createOpenAiClient(settings, opts.fetch);
    const res = await withDeadline(settings.timeoutMs, opts.signal, (signal) =>
      client.chat.completions.create({ model: settings.model, messages: [{ role: 'user', content: 'Reply with the word OK.' }] }, { signal }),
    );
    return { ok: true, model: res.model || settings.model };
  } catch (e) {
    return { ok: false, message: llmFailureMessage(e, settings, w, 'test') };
  }
}
