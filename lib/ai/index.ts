// Public API of the AI texts: everything other modules need, nothing else.

export type { GenerateOptions, GenerateResult, SentRequest } from './generate';
export { generateTexts, whatWouldBeSent } from './generate';
export { allowedFiguresOf, checkNumbers } from './number-check';
export type { ChatMessage, Purpose } from './prompts';
export { redact } from './redact';
export type { AiSettings, StructuredOutputMode } from './settings';
export { aiSettingsFromEnv, DEFAULT_AI_SETTINGS, DEFAULT_BASE_URL, DEFAULT_MODEL } from './settings';
export { testProvider } from './test-provider';
export type { Usage } from './usage';
export { estimateCostUsd, PRICES_USD_PER_MILLION } from './usage';
