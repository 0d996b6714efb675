// What a call cost, for the panel. Prices are an ESTIMATE from public list prices (USD per million tokens,
// checked 2026); providers change them, and local models (Ollama, LM Studio) cost nothing we can price: null.

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  /** Estimated, from PRICES_USD_PER_MILLION; null when the model is not in the table. */
  costUsd: number | null;
  /** True when the token counts are our own estimate (the provider sent no usage). */
  estimated?: boolean;
}

/** [input, output] USD per 1 000 000 tokens. Longest matching prefix wins ("gpt-4o-mini-2024-07-18"). */
export const PRICES_USD_PER_MILLION: Record<string, [number, number]> = {
  'gpt-4o-mini': [0.15, 0.6],
  'gpt-4o': [2.5, 10],
  'gpt-4.1-nano': [0.1, 0.4],
  'gpt-4.1-mini': [0.4, 1.6],
  'gpt-4.1': [2, 8],
  'gpt-5-nano': [0.05, 0.4],
  'gpt-5-mini': [0.25, 2],
  'gpt-5': [1.25, 10],
  'mistral-small': [0.1, 0.3],
  'mistral-medium': [0.4, 2],
  'mistral-large': [2, 6],
};

export function estimateCostUsd(model: string, promptTokens: number, completionTokens: number): number | null {
  const name = model.toLowerCase().replace(/^.*\//, '');
  const key = Object.keys(PRICES_USD_PER_MILLION)
    .filter((k) => name.startsWith(k))
    .sort((a, b) => b.length - a.length)[0];
  if (!key) return null;
  const [inp, out] = PRICES_USD_PER_MILLION[key]!;
  // Rounded to a millionth of a dollar: it is an estimate, not an invoice.
  return Math.round(promptTokens * inp + completionTokens * out) / 1e6;
}
