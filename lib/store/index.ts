export { DEFAULT_DB_NAME, type OpenStoreOptions, openStore } from './open-store';
export { type CachedItem, type ResumeStore, type StoredSummary, StoreError, type SummaryMeta } from './types';
