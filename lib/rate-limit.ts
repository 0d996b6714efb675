// A sliding-window limiter over named budgets ("this client: 1 per 10 s", "this tab: 10 per minute"): a
// request takes one from each of its budgets, or from none when any is spent, and is then told how long
// until all of them have room again. Pure: the clock is handed in, so tests and the background share it.

export interface RateRule {
  /** Names the budget, e.g. "client:https://www.sellsy.com/client/48201". */
  key: string;
  max: number;
  windowMs: number;
}

export type Admission = { ok: true } | { ok: false; retryInMs: number; rule: RateRule };

export interface RateLimiter {
  /** Takes one from every rule's budget, or none when one of them is spent. */
  take(rules: readonly RateRule[]): Admission;
  /** Gives back the latest take from these budgets (work that was called off before it was done). */
  giveBack(rules: readonly RateRule[]): void;
}

/** Budgets kept at most; the ones whose window has emptied go first. */
const MAX_KEYS = 1000;

export function createRateLimiter(now: () => number): RateLimiter {
  /** Per budget, when it was taken from (oldest first) and its window. */
  const hits = new Map<string, { times: number[]; windowMs: number }>();

  function live(rule: RateRule, t: number): number[] {
    const list = hits.get(rule.key)?.times ?? [];
    while (list.length > 0 && list[0]! <= t - rule.windowMs) list.shift();
    return list;
  }

  function forgetOld(t: number): void {
    if (hits.size <= MAX_KEYS) return;
    for (const [key, h] of hits) if ((h.times.at(-1) ?? 0) <= t - h.windowMs) hits.delete(key);
    // Still too many (someone names budgets faster than they empty): the oldest go.
    for (const key of hits.keys()) {
      if (hits.size <= MAX_KEYS) break;
      hits.delete(key);
    }
  }

  return {
    take(rules) {
      const t = now();
      let refusal: Extract<Admission, { ok: false }> | null = null;
      for (const rule of rules) {
        const list = live(rule, t);
        if (list.length < rule.max) continue;
        // Room comes back when the oldest of the last `max` takes leaves the window.
        const retryInMs = Math.max(1, list[list.length - rule.max]! + rule.windowMs - t);
        if (!refusal || retryInMs > refusal.retryInMs) refusal = { ok: false, retryInMs, rule };
      }
      if (refusal) return refusal;
      for (const rule of rules) {
        const list = live(rule, t);
        list.push(t);
        hits.delete(rule.key); // re-inserted last: the map's order is the order of use
        hits.set(rule.key, { times: list, windowMs: rule.windowMs });
      }
      forgetOld(t);
      return { ok: true };
    },
    giveBack(rules) {
      for (const rule of rules) hits.get(rule.key)?.times.pop();
    },
  };
}
