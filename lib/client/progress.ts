// The steps of a load, as the panel's progress bar and the command line show them.

/** Phases of a load, in order. */
export type LoadPhase = 'client' | 'account' | 'documents' | 'activity' | 'details' | 'items' | 'done';

export interface LoadProgress {
  phase: LoadPhase;
  done: number;
  total: number;
}
