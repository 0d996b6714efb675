// The words around a value wherever a summary is shown (panel, Markdown, terminal, prompts): taxes, what is
// owed, due and expiry dates, "none", "… and N more". Numbers arrive already formatted by lib/format/intl.ts;
// where a word agrees with a number, the number comes too (French writes "0 document", English "0 documents").
import { type Lang, pick } from './lang';

const fr = {
  excludingTax: 'HT',
  includingTax: 'TTC',
  total: 'total',
  count: 'nombre',
  amount: 'montant',
  remaining: 'reste dû',
  due: 'échéance',
  expires: 'expire le',
  paidOn: 'payée le',
  daysLate: (_days: number, shown: string) => `${shown} j de retard`,
  days: (n: string) => `${n} j`,
  probability: 'probabilité',
  noDueDate: 'sans échéance',
  none: 'aucun',
  more: (n: string) => `… et ${n} de plus`,
  documents: (count: number, shown: string) => `${shown} document${count > 1 ? 's' : ''}`,
  purchases: (count: number, shown: string) => `${shown} achat${count > 1 ? 's' : ''}`,
  /** The counts beside the yearly amounts' chart: "Nombre d’achats : 85 en 2024 · 86 en 2025". */
  purchaseCounts: (parts: string[]) => `Nombre d’achats : ${parts.join(' · ')}`,
  inYear: (shown: string, year: string) => `${shown} en ${year}`,
  /** Under a total that leaves documents of other currencies out: what, and in which currency. */
  mainCurrencyOnly: (currency: string | null, parts: string[]) =>
    `Devise principale${currency ? ` (${currency})` : ''} seulement, hors ${parts.join(', ')}.`,
  inCurrency: (shown: string, what: string, currency: string) => `${shown} ${what} en ${currency}`,
  invoicingOnly: 'disponible avec une licence Facturation',
  since: 'depuis le',
  declination: (id: string) => `déclinaison ${id}`,
  noPurchase: 'Aucun achat pour l’instant.',
  noProducts: 'aucun produit du catalogue sur la période',
  otherCurrency: (count: number, shown: string, currency: string) =>
    `${shown} document${count > 1 ? 's' : ''} dans une autre devise que ${currency} ${count > 1 ? 'sont écartés' : 'est écarté'} des montants.`,
  byLlm: 'rédigé par le modèle de langue',
  byRules: 'rédigé par des règles',
  evidence: 'Sur la base de',
  /** A recommendation resting on many documents: how many, before the first few are named. */
  evidenceMany: (shown: string, what: string) => `Sur la base de ${shown} ${what}`,
  evidenceMore: (n: string) => `et ${n} de plus`,
};

export type ValueWords = typeof fr;

const en: ValueWords = {
  excludingTax: 'excl. tax',
  includingTax: 'incl. tax',
  total: 'total',
  count: 'count',
  amount: 'amount',
  remaining: 'still owed',
  due: 'due',
  expires: 'expires',
  paidOn: 'paid on',
  daysLate: (days, shown) => `${shown} day${days === 1 ? '' : 's'} late`,
  days: (n) => `${n} days`,
  probability: 'probability',
  noDueDate: 'no due date',
  none: 'none',
  more: (n) => `… and ${n} more`,
  documents: (count, shown) => `${shown} document${count === 1 ? '' : 's'}`,
  purchases: (count, shown) => `${shown} purchase${count === 1 ? '' : 's'}`,
  purchaseCounts: (parts) => `Number of purchases: ${parts.join(' · ')}`,
  inYear: (shown, year) => `${shown} in ${year}`,
  mainCurrencyOnly: (currency, parts) => `Main currency${currency ? ` (${currency})` : ''} only: ${parts.join(', ')} not included.`,
  inCurrency: (shown, what, currency) => `${shown} ${what} in ${currency}`,
  invoicingOnly: 'available with an invoicing licence',
  since: 'since',
  declination: (id) => `variant ${id}`,
  noPurchase: 'No purchase yet.',
  noProducts: 'no catalogue product in the period',
  otherCurrency: (count, shown, currency) =>
    `${shown} document${count === 1 ? '' : 's'} in another currency (not ${currency}) ${count === 1 ? 'is' : 'are'} left out of the amounts.`,
  byLlm: 'written by the language model',
  byRules: 'written by rules',
  evidence: 'Based on',
  evidenceMany: (shown, what) => `Based on ${shown} ${what}`,
  evidenceMore: (n) => `and ${n} more`,
};

export const VALUES: Record<Lang, ValueWords> = { fr, en };

export function valueWords(lang: string): ValueWords {
  return pick(VALUES, lang);
}
