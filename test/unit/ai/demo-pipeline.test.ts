// The whole path on the demo data: local Sellsy → loadClient → computeSummary → generateTexts against the local
// OpenAI fake. It checks what only real card-engine output can show: the prompts stay within budget and every
// figure the facts state passes the number check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factsOf } from '../../../lib/ai/facts';
import { generateTexts, whatWouldBeSent } from '../../../lib/ai/generate';
import { allowedFiguresOf, checkNumbers } from '../../../lib/ai/number-check';
import { INTERACTIONS_BUDGET_TOKENS, RECOMMENDATIONS_BUDGET_TOKENS } from '../../../lib/ai/prompts';
import type { AiSettings } from '../../../lib/ai/settings';
import { computeSummary } from '../../../lib/cards/index';
import type { ClientData } from '../../../lib/client/data';
import { createSellsyApi } from '../../../lib/sellsy/api';
import { loadClient } from '../../../lib/sellsy/load-client';
import { startOpenAiFake } from '../../openai-fake/server';
import { DEMO, HOSTILE_CLIENT_ID, LARGE_CLIENT_ID } from '../../sellsy/demo';
import { type FakeSellsy, startSellsy } from '../../sellsy/server';

const today = '2026-11-29';
let sellsy: FakeSellsy;
const data = new Map<number, ClientData>();

beforeAll(async () => {
  sellsy = await startSellsy({ today });
  for (const id of [LARGE_CLIENT_ID, HOSTILE_CLIENT_ID]) {
    const api = createSellsyApi({
      apiUrl: sellsy.apiUrl,
      tokenUrl: sellsy.tokenUrl,
      auth: { kind: 'client-credentials', clientId: DEMO.clientId, clientSecret: DEMO.clientSecret },
      onWarning: () => {},
    });
    const r = await loadClient(api, { ref: { kind: 'company', id }, today, sourceModeSetting: 'auto' });
    if (r.status !== 'client') throw new Error(`demo client ${id} is not a client`);
    data.set(id, r.data);
  }
});
afterAll(async () => {
  await sellsy?.close();
});

const summaryOf = (id: number, language: string) => computeSummary(data.get(id)!, { today, language, generatedAt: '2026-11-29T04:00:00.000Z' });

describe.each(['fr', 'en'])('demo data in %s', (language) => {
  it('the large client: prompts within budget, both texts from the model, figures untouched', async () => {
    const summary = summaryOf(LARGE_CLIENT_ID, language);
    const fake = await startOpenAiFake();
    try {
      const settings: AiSettings = { enabled: true, apiKey: 'sk-test', baseURL: fake.baseURL, model: 'gpt-4o-mini', redact: true, timeoutMs: 5000 };
      const w = whatWouldBeSent(summary, settings);
      expect(w.requests.map((r) => r.purpose)).toEqual(['interactions', 'recommendations']);
      expect(w.requests[0]!.tokensEstimate).toBeLessThanOrEqual(INTERACTIONS_BUDGET_TOKENS);
      expect(w.requests[1]!.tokensEstimate).toBeLessThanOrEqual(RECOMMENDATIONS_BUDGET_TOKENS);
      const r = await generateTexts(summary, settings);
      expect(r.warnings).toEqual([]);
      expect(r.summary.interactions.generatedBy).toBe('llm');
      expect(r.summary.recommendations.generatedBy).toBe('llm');
      expect(r.summary.salesOverview).toEqual(summary.salesOverview);
      expect(r.summary.openDocuments).toEqual(summary.openDocuments);
      expect(r.summary.relationship).toEqual(summary.relationship);
    } finally {
      await fake.close();
    }
  });

  it.each([LARGE_CLIENT_ID, HOSTILE_CLIENT_ID])('every figure the facts state for client %i passes the number check', (id) => {
    const summary = summaryOf(id, language);
    const f = factsOf(summary);
    const text = f.text.replace(/\[[a-z-]+:\d+\]/g, '');
    expect(checkNumbers(text, allowedFiguresOf(summary, [6, 3, ...f.extraNumbers]), language)).toEqual({ ok: true, offending: [] });
  });

  it('the hostile client: no markup, invisible or bidi character reaches the model', async () => {
    const fake = await startOpenAiFake();
    try {
      const summary = summaryOf(HOSTILE_CLIENT_ID, language);
      await generateTexts(summary, { enabled: true, apiKey: '', baseURL: fake.baseURL, model: 'm', redact: true, timeoutMs: 5000 });
      expect(fake.requests.length).toBeGreaterThan(0);
      for (const q of fake.requests) {
        const text = JSON.stringify(q.body);
        expect(text).not.toMatch(/<script|<img|onerror/i);
        expect(text).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/);
      }
    } finally {
      await fake.close();
    }
  });
});
