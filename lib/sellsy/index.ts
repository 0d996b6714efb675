// The data layer's public surface for the extension and the CLI.
export { type ApiStats, type BatchItem, createSellsyApi, type SearchOptions, type SellsyApi, type SellsyApiConfig } from './api';
export type { AuthConfig } from './auth';
export { type Clock, realClock } from './clock';
export { SellsyError, type SellsyErrorKind } from './errors';
export { type ClientRef, type LoadClientOptions, type LoadResult, loadClient } from './load-client';
export { createScheduler, type Scheduler, type SchedulerOptions } from './scheduler';
