// One of Sellsy's quota windows (a second, a minute) as the scheduler sees it from our side of the
// network: the limit it learned from the X-Quota-Remaining-By-* headers and what is left right now.
// Sellsy documents neither the windows' kind nor their edges. The second looks like a fixed window on
// the wall clock; the minute is assumed to be one too. If Sellsy's edges sit elsewhere, what the
// headers say still keeps the count right within a window, and a 429 at an edge is retried.

/** A request sent and not yet answered: when it was sent, for how many quota units. */
export interface Flight {
  cost: number;
  at: number;
}

// A call waiting for the next window goes this long after its start, so that a server whose clock is a
// few ms behind ours does not count it in the window before.
export const EDGE_MS = 10;

/**
 * One of Sellsy's fixed windows (a wall-clock second or minute) as seen from here: the limit learned
 * from the headers (remaining + cost seen by a request is a lower bound of it, exact for the first
 * request of a window; the largest over `memoryMs` is the estimate, since counting our own sends
 * overestimates when the server's window is fixed and ours slides) and what is left in the current one.
 */
export class QuotaWindow {
  limit: number | null;
  end = 0;
  /** Sent in an earlier window, unanswered when this one began: the server may count it in this one. */
  private carried = 0;
  /** Sent by us in this window. */
  private sent = 0;
  /** The lowest "left" an answer from this window gave, less what we sent since. */
  private toldLeft: number | null = null;
  /** A header was seen: the server does count in such windows (else only a token bucket paces). */
  private seen = false;
  private observed: { at: number; limit: number }[] = [];

  constructor(
    readonly period: number,
    private readonly memoryMs: number,
    initialLimit: number | null,
  ) {
    this.limit = initialLimit;
  }

  index(t: number): number {
    return Math.floor(t / this.period);
  }

  /** Left in the current window as far as we know; null while no header was seen. */
  get remaining(): number | null {
    const byLimit = this.limit !== null && this.seen ? this.limit - this.carried - this.sent : null;
    if (this.toldLeft === null) return byLimit;
    return byLimit === null ? this.toldLeft : Math.min(byLimit, this.toldLeft);
  }

  /**
   * Starts the window `now` is in when the tracked one is over. What we sent before it and is still
   * unanswered is carried into it: such a request was on the wire when the window turned and may be
   * counted in the new one, and counting it twice costs less than a 429.
   */
  roll(now: number, flights: Iterable<Flight>): void {
    if (now < this.end) return;
    this.end = (this.index(now) + 1) * this.period;
    const start = this.end - this.period;
    this.carried = 0;
    for (const f of flights) if (f.at < start) this.carried += f.cost;
    this.sent = 0;
    this.toldLeft = null;
  }

  /** Whether a call costing `cost` may go now (one costing more than the whole limit goes in a full window). */
  fits(cost: number): boolean {
    const left = this.remaining;
    if (left === null) return true;
    const need = this.limit === null ? cost : Math.min(cost, this.limit);
    return left >= need;
  }

  take(cost: number): void {
    this.sent += cost;
    if (this.toldLeft !== null) this.toldLeft -= cost;
  }

  /**
   * What one answer said is left (`left`), for a request of `cost` sent at `sentAt` and answered `now`,
   * while `flights` (this one included) are unanswered. The others may or may not be in `left`, so
   * they are taken off it (they are not when counted after this one, the usual order).
   */
  learn(left: number, cost: number, sentAt: number, now: number, flights: Set<Flight>, self: Flight): void {
    this.observed = this.observed.filter((o) => now - o.at < this.memoryMs);
    this.observed.push({ at: now, limit: Math.max(1, left + Math.max(1, cost)) });
    this.limit = Math.max(...this.observed.map((o) => o.limit));
    this.seen = true;
    // Before this request leaves the flights, so that one sent in the last window is carried.
    this.roll(now, flights);
    // Sent in one window, answered in the next: the server counted it in one of them, we cannot tell
    // which, so the number describes no window we can use (it is carried into this one).
    if (this.index(sentAt) !== this.index(now)) return;
    let others = 0;
    for (const f of flights) if (f !== self) others += f.cost;
    const told = left - others;
    this.toldLeft = this.toldLeft === null ? told : Math.min(this.toldLeft, told);
  }

  /**
   * Paced and still refused: the estimate was too high (or someone else spends the same quota). When
   * the answer says this window is spent (`spent`), nothing more goes in it.
   */
  refused(now: number, sentAt: number, spent: boolean, flights: Iterable<Flight>): void {
    if (this.limit !== null) this.limit = Math.max(1, Math.floor(this.limit * 0.75));
    this.observed = [];
    this.roll(now, flights);
    if (spent && this.index(sentAt) === this.index(now)) {
      this.seen = true;
      this.toldLeft = 0;
    }
  }
}
