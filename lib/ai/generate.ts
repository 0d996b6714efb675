// generateTexts: the model's interactions summary and recommendations in place of the rules' ones, each kept
// only if it passes every check; otherwise the rules' text stays (generatedBy 'rules') and a warning says why.
// The figures of the summary are never touched: only those two texts can change.
import type OpenAI from 'openai';
import type { Recommendation, Summary } from '../summary/types';
import { type AiWarnings, aiWarnings } from '../words/ai-warnings';
import { findAsks } from './asks-check';
import { MAX_INTERACTIONS_CHARS, MAX_RECOMMENDATIONS_CHARS } from './limits';
import { type AllowedFigures, checkNumbers } from './number-check';
import { createOpenAiClient, isRejectedParameter, llmFailureMessage, MalformedOutputError, withDeadline } from './openai-client';
import { leaksSystemPrompt, looksLikeLanguage } from './output-check';
import { buildRequests, type ChatMessage, type PromptRequest, type Purpose } from './prompts';
import { parseRecommendations, RECOMMENDATIONS_SCHEMA } from './recommendations-parse';
import { randomBoundary, removeInvisible } from './sanitize';
import { type AiSettings, isDefaultOpenAi, isValidBaseURL, type StructuredOutputMode } from './settings';
import { figuresForTexts, rejectText } from './text-checks';

export interface GenerateOptions {
  /** Called with the interactions text so far, each time it grows by whole sentences that pass the checks (a
   * sentence that fails is held back). The whole text may still be replaced by the rules' one when it is
   * checked at the end: show it as a draft, and the returned summary once the promise resolves. */
  onInteractionsDelta?: (textSoFar: string) => void;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

export interface GenerateResult {
  summary: Summary;
  warnings: string[];
}

const MAX_RECOMMENDATIONS = 5;
const MIN_RECOMMENDATIONS = 2;

export async function generateTexts(summary: Summary, settings: AiSettings, opts: GenerateOptions = {}): Promise<GenerateResult> {
  const out: GenerateResult = { summary: structuredClone(summary), warnings: [] };
  const w = aiWarnings(summary.language);
  if (!settings.enabled) return out;
  if (!isValidBaseURL(settings.baseURL)) {
    out.warnings.push(w.badUrl(settings.baseURL));
    return out;
  }
  if (!settings.apiKey && isDefaultOpenAi(settings.baseURL)) {
    out.warnings.push(w.notConfigured);
    return out;
  }
  const boundary = randomBoundary();
  const requests = buildRequests(summary, settings, boundary);
  const client = createOpenAiClient(settings, opts.fetch);
  const figures = figuresForTexts(summary, requests);
  const ctx: Ctx = {
    summary,
    settings,
    opts,
    client,
    w,
    boundary,
    allowed: figures.interactions,
    out,
    warnings: { interactions: [], recommendations: [] },
  };

  await Promise.all(
    requests.map((req) => {
      const own: Ctx = { ...ctx, allowed: figures[req.purpose] };
      return req.purpose === 'interactions' ? interactions(own, req) : recommendations(own, req);
    }),
  );
  // Requests run side by side; report them in a stable order.
  out.warnings.push(...ctx.warnings.interactions, ...ctx.warnings.recommendations);
  return out;
}

interface Ctx {
  summary: Summary;
  settings: AiSettings;
  opts: GenerateOptions;
  client: OpenAI;
  w: AiWarnings;
  boundary: string;
  allowed: AllowedFigures;
  out: GenerateResult;
  warnings: Record<Purpose, string[]>;
}

/** Thrown inside a stream that went past its cap: the rest is not read. */
class TooLongError extends Error {}

/** The text asks the user for something (an address, a secret, an action): the reason, else null. */
function askReason(ctx: Ctx, text: string, what: string): string | null {
  const ask = findAsks(text)[0];
  return ask ? ctx.w.asks(what, ctx.w.askKinds[ask.kind]) : null;
}

/** The common checks of a generated text: no leak, right language, asks nothing, only computed numbers. Null when it passes. */
function rejectReason(ctx: Ctx, req: PromptRequest, text: string, what: string): string | null {
  const { w } = ctx;
  if (leaksSystemPrompt(text, req.messages[0]?.content ?? '', ctx.boundary)) return w.leak(what);
  const rejected = rejectText(text, ctx.allowed, ctx.summary.language);
  if (!rejected) return null;
  if (rejected.kind === 'language') return w.language(what);
  if (rejected.kind === 'asks') return w.asks(what, w.askKinds[rejected.ask]);
  return w.numbers(what, rejected.offending);
}

/**
 * End of the last whole sentence of a text being streamed, or 0: a full stop once the next sentence has begun
 * (a capital after the space), so that "nov. 2026" or "s e l l s y . c o m" is not taken for two sentences.
 */
function lastSentenceEnd(text: string): number {
  let end = 0;
  for (const m of text.matchAll(/[.!?…](?=\s+[\p{Lu}«"“(])|\n/gu)) end = m.index + 1;
  return end;
}

async function interactions(ctx: Ctx, req: PromptRequest): Promise<void> {
  const what = ctx.w.what.interactions;
  const onDelta = ctx.opts.onInteractionsDelta;
  let text = '';
  try {
    let checkedEnd = 0;
    await withDeadline(ctx.settings.timeoutMs, ctx.opts.signal, async (signal) => {
      const stream = await ctx.client.chat.completions.create({ model: ctx.settings.model, messages: req.messages, stream: true }, { signal });
      for await (const chunk of stream) {
        const delta = chunk.choices?.[0]?.delta?.content;
        if (!delta) continue;
        text += delta;
        if (text.length > MAX_INTERACTIONS_CHARS) {
          // Not one character more is read or shown: the connection is closed.
          stream.controller.abort();
          throw new TooLongError();
        }
        // The draft grows by whole sentences, each shown only once the text up to it passes the checks.
        const end = onDelta ? lastSentenceEnd(text) : 0;
        if (end > checkedEnd) {
          checkedEnd = end;
          const prefix = removeInvisible(text.slice(0, end)).trim();
          if (!rejectReason(ctx, req, prefix, what)) onDelta?.(prefix);
        }
      }
    });
    // The model may echo invisible characters from the notes; the panel shows none.
    text = removeInvisible(text).trim();
    if (!text) throw new MalformedOutputError();
  } catch (e) {
    ctx.warnings[req.purpose].push(
      e instanceof TooLongError ? ctx.w.tooLong(what, MAX_INTERACTIONS_CHARS) : llmFailureMessage(e, ctx.settings, ctx.w, what),
    );
    return;
  }
  const reason = rejectReason(ctx, req, text, what);
  if (reason) {
    ctx.warnings[req.purpose].push(reason);
    return;
  }
  onDelta?.(text);
  ctx.out.summary.interactions.summary = text;
  ctx.out.summary.interactions.generatedBy = 'llm';
}

function responseFormat(mode: StructuredOutputMode) {
  if (mode === 'json_schema')
    return {
      response_format: {
        type: 'json_schema' as const,
        json_schema: { name: 'recommendations', strict: true, schema: RECOMMENDATIONS_SCHEMA as unknown as Record<string, unknown> },
      },
    };
  if (mode === 'json_object') return { response_format: { type: 'json_object' as const } };
  return {};
}

async function recommendations(ctx: Ctx, req: PromptRequest): Promise<void> {
  const { w } = ctx;
  const what = w.what.recommendations;
  // Without a setting, try the strictest format first and step down when the provider refuses it.
  const modes: StructuredOutputMode[] = ctx.settings.structuredOutput ? [ctx.settings.structuredOutput] : ['json_schema', 'json_object', 'none'];
  let text = '';
  try {
    for (let i = 0; ; i++) {
      const mode = modes[i]!;
      try {
        const res = await withDeadline(ctx.settings.timeoutMs, ctx.opts.signal, (signal) =>
          ctx.client.chat.completions.create({ model: ctx.settings.model, messages: req.messages, ...responseFormat(mode) }, { signal }),
        );
        text = res.choices?.[0]?.message?.content ?? '';
        break;
      } catch (e) {
        if (i + 1 < modes.length && isRejectedParameter(e)) continue;
        throw e;
      }
    }
  } catch (e) {
    ctx.warnings[req.purpose].push(llmFailureMessage(e, ctx.settings, ctx.w, what));
    return;
  }
  if (text.length > MAX_RECOMMENDATIONS_CHARS) {
    ctx.warnings[req.purpose].push(w.tooLong(what, MAX_RECOMMENDATIONS_CHARS));
    return;
  }
  const parsed = parseRecommendations(removeInvisible(text), req.evidence);
  if (!parsed) {
    ctx.warnings[req.purpose].push(w.malformed(what));
    return;
  }
  const kept: Recommendation[] = [];
  let dropped = parsed.droppedItems;
  const all = parsed.items.map((r) => `${r.action}\n${r.reason}`).join('\n');
  if (leaksSystemPrompt(all, req.messages[0]?.content ?? '', ctx.boundary)) {
    ctx.warnings[req.purpose].push(w.leak(what));
    return;
  }
  if (!looksLikeLanguage(all, ctx.summary.language)) {
    ctx.warnings[req.purpose].push(w.language(what));
    return;
  }
  // One recommendation that asks the user for something means the model followed someone else: none is kept.
  const ask = askReason(ctx, all, what);
  if (ask) {
    ctx.warnings[req.purpose].push(ask);
    return;
  }
  for (const r of parsed.items) {
    if (checkNumbers(`${r.action}\n${r.reason}`, ctx.allowed, ctx.summary.language).ok) kept.push(r);
    else dropped++;
  }
  const items = kept.slice(0, MAX_RECOMMENDATIONS);
  if (items.length < MIN_RECOMMENDATIONS) {
    ctx.warnings[req.purpose].push(w.tooFew(items.length));
    return;
  }
  if (dropped > 0) ctx.warnings[req.purpose].push(w.droppedRecs(dropped));
  if (parsed.droppedEvidence > 0) ctx.warnings[req.purpose].push(w.droppedEvidence(parsed.droppedEvidence));
  ctx.out.summary.recommendations = { items, generatedBy: 'llm' };
}

/** Exactly what generateTexts would send for this summary (the fence's random boundary aside). */
export function whatWouldBeSent(
  summary: Summary,
  settings: AiSettings,
): { messages: ChatMessage[]; requests: { purpose: Purpose; messages: ChatMessage[]; tokensEstimate: number }[]; tokensEstimate: number } {
  if (!settings.enabled || !isValidBaseURL(settings.baseURL) || (!settings.apiKey && isDefaultOpenAi(settings.baseURL)))
    return { messages: [], requests: [], tokensEstimate: 0 };
  const requests = buildRequests(summary, settings).map((r) => ({ purpose: r.purpose, messages: r.messages, tokensEstimate: r.tokensEstimate }));
  return {
    messages: requests.flatMap((r) => r.messages),
    requests,
    tokensEstimate: requests.reduce((n, r) => n + r.tokensEstimate, 0),
  };
}
