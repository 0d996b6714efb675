// Public API of the AI texts: everything other modules need, nothing else.
export { generateTexts, whatWouldBeSent } from './generate';
export type { GenerateOptions, GenerateResult, SentRequest } from './generate';
export { testProvider } from './test-provider';
export { aiSettingsFromEnv, DEFAULT_AI_SETTINGS, DEFAULT_BASE_URL, DEFAULT_MODEL } from './settings';
export type { AiSettings, StructuredOutputMode } from './settings';
export type { ChatMessage, Purpose } from './prompts';
export type { Usage } from './usage';
export { PRICES_USD_PER_MILLION, estimateCostUsd } from './usage';
export { checkNumbers, allowedFiguresOf } from './number-check';
export { redact } from './redact';
