// Token counts are estimated without a tokenizer (none is bundled, to keep the extension small): about one token
// per 3.5 characters. OpenAI's rule of thumb is 4 for English; French, accents and digits cost more, so 3.5 keeps
// the estimate on the safe side of the budget. Each message adds a few tokens of framing.

export const CHARS_PER_TOKEN = 3.5;
export const TOKENS_PER_MESSAGE = 4;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export function estimateMessagesTokens(messages: { content: string }[]): number {
  return messages.reduce((n, m) => n + TOKENS_PER_MESSAGE + estimateTokens(m.content), 3);
}
