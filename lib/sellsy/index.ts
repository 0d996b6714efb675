// The data layer's public surface for the extension and the CLI.
export { createSellsyApi, type SellsyApi, type SellsyApiConfig, type ApiStats, type BatchItem, type SearchOptions } from './api';
export { createScheduler, type Scheduler, type SchedulerOptions } from './scheduler';
export { SellsyError, type SellsyErrorKind } from './errors';
export { loadClient, type LoadClientOptions, type LoadResult, type ClientRef } from './load-client';
export type { AuthConfig } from './auth';
export { realClock, type Clock } from './clock';
