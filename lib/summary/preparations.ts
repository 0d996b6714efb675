// Summaries prepared before the click (the setting "prepare the summary when I open a client page"): phase 1
// of lib/summary/build.ts, started by the page's `prepare` request and kept a few minutes for the `open` that
// follows. A preparation runs while some request holds it: the `prepare` of a page that is still open, or the
// `open` that took it over (the click came before phase 1 ended). When the last holder lets go (the page was
// left, the port closed), it is cancelled: it never spends requests nobody will see.
import type { LoadProgress } from '../client/progress';
import type { PageRef } from '../messages';
import type { FirstStage } from './build';

/** How long a prepared phase 1 waits for its click. Lists read longer ago are read again. */
export const PREPARED_FOR_MS = 5 * 60_000;
/** Pages prepared at once (a rep opening tabs in a row); the oldest goes first. */
const MAX_PREPARED = 8;

export interface Preparation {
  /** What the preparation was made with (connection, language, source mode, date): an `open` with other settings ignores it. */
  readonly settingsKey: string;
  /** Phase 1's stage; null when it failed, was cancelled or is not a client's. */
  readonly stage: Promise<FirstStage | null>;
  /** Relays phase 1's progress to a holder (the `open` that took it over shows it). */
  listen(listener: (p: LoadProgress) => void): void;
}

export interface Preparations {
  /**
   * The page's preparation (running, or done within PREPARED_FOR_MS), held until `signal` aborts; null when
   * there is none. Synchronous: the port aborts the `prepare` just before it hands over the `open`.
   */
  hold(page: PageRef, signal: AbortSignal): Preparation | null;
  /** Starts preparing `page`, held by `signal`. `run` gets the signal that cancels it. */
  start(
    page: PageRef,
    settingsKey: string,
    run: (signal: AbortSignal, onProgress: (p: LoadProgress) => void) => Promise<FirstStage | null>,
    signal: AbortSignal,
  ): Preparation;
  /** The page's stage is being finished by an `open`: it is not handed out again. */
  consume(page: PageRef): void;
}

interface Entry extends Omit<Preparation, 'stage'> {
  stage: Promise<FirstStage | null>;
  holders: number;
  settled: boolean;
  /** When phase 1 ended (ms), once it has. */
  doneAt: number | null;
  controller: AbortController;
}

const keyOf = (page: PageRef) => `${page.origin} ${page.thirdType} ${page.id}`;

export function createPreparations(now: () => number): Preparations {
  const entries = new Map<string, Entry>();

  function prune(): void {
    for (const [key, e] of entries) {
      if (e.doneAt !== null && now() - e.doneAt > PREPARED_FOR_MS) entries.delete(key);
    }
    while (entries.size > MAX_PREPARED) entries.delete(entries.keys().next().value!);
  }

  function holdEntry(e: Entry, signal: AbortSignal): void {
    e.holders += 1;
    const release = () => {
      e.holders -= 1;
      // Left for a task: the port aborts the `prepare` right before it hands over the `open` of the click.
      setTimeout(() => {
        if (e.holders === 0 && !e.settled) e.controller.abort();
      }, 0);
    };
    if (signal.aborted) release();
    else signal.addEventListener('abort', release, { once: true });
  }

  return {
    hold(page, signal) {
      prune();
      const e = entries.get(keyOf(page));
      if (!e) return null;
      holdEntry(e, signal);
      return e;
    },
    start(page, settingsKey, run, signal) {
      const key = keyOf(page);
      entries.get(key)?.controller.abort();
      const listeners = new Set<(p: LoadProgress) => void>();
      const controller = new AbortController();
      const e: Entry = {
        settingsKey,
        holders: 0,
        settled: false,
        doneAt: null,
        controller,
        listen: (l) => {
          listeners.add(l);
        },
        stage: Promise.resolve(null),
      };
      e.stage = run(controller.signal, (p) => {
        for (const l of listeners) l(p);
      }).then(
        (stage) => {
          e.settled = true;
          e.doneAt = now();
          if (!stage && entries.get(key) === e) entries.delete(key);
          return stage;
        },
        () => {
          e.settled = true;
          if (entries.get(key) === e) entries.delete(key);
          return null;
        },
      );
      entries.set(key, e);
      prune();
      holdEntry(e, signal);
      return e;
    },
    consume(page) {
      entries.delete(keyOf(page));
    },
  };
}
