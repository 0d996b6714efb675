export { openStore, DEFAULT_DB_NAME, type OpenStoreOptions } from './open-store';
export { StoreError, type ResumeStore, type StoredSummary, type SummaryMeta, type CachedItem } from './types';
