// docs/summary-contract.md §2: the client's main currency is the one of most counted documents (purchases and credit notes);
// a tie goes to the account's default currency, then to the alphabetically first code.

export function mainCurrency(currencies: string[], defaultCurrency: string | null): string | null {
  const votes = new Map<string, number>();
  for (const c of currencies) votes.set(c, (votes.get(c) ?? 0) + 1);
  return mainCurrencyOf(votes, defaultCurrency);
}

/** The same vote from counts per currency (the engine counts them while it reads the documents). */
export function mainCurrencyOf(votes: ReadonlyMap<string, number>, defaultCurrency: string | null): string | null {
  if (votes.size === 0) return null;
  const best = Math.max(...votes.values());
  const tied = [...votes]
    .filter(([, n]) => n === best)
    .map(([c]) => c)
    .sort();
  if (defaultCurrency && tied.includes(defaultCurrency)) return defaultCurrency;
  return tied[0]!;
}

export function currencyReason(currency: string): string {
  return `currency:${currency}`;
}
