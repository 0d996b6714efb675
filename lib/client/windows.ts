// docs/summary-contract.md §5 and §6: the two windows, shared by the engine and by the data layer that fetches for them.
import { addMonths, yearOf } from '../dates';

/** First day of the three-calendar-year window of card 3 (1 January two years before today's year). */
export function salesWindowStart(today: string): string {
  return `${yearOf(today) - 2}-01-01`;
}

/** First day of the six-month interactions window: same day number, clamped to the month's last day. */
export function interactionsWindowStart(today: string): string {
  return addMonths(today, -6);
}
