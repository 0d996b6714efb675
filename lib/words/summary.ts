// The words that frame a summary as a whole: its title, what kind of client it is about, the day it is
// computed for, where its figures come from, and the heading of its warnings.
import { type Lang, pick } from './lang';

/** The product's name, the same in every language (the toolbar button, the options page). */
export const PRODUCT_NAME = 'Résumé client';

const fr = {
  title: 'Résumé client',
  clientKind: { company: 'société', individual: 'particulier' } as Record<string, string>,
  asOf: 'au',
  sourceMode: { invoicing: 'chiffres issus des factures', sales: 'chiffres issus des devis acceptés' } as Record<string, string>,
  warnings: 'Avertissements',
};

export type SummaryWords = typeof fr;

const en: SummaryWords = {
  title: 'Client summary',
  clientKind: { company: 'company', individual: 'individual' },
  asOf: 'as of',
  sourceMode: { invoicing: 'figures from invoices', sales: 'figures from accepted estimates' },
  warnings: 'Warnings',
};

export const SUMMARY_WORDS: Record<Lang, SummaryWords> = { fr, en };

export function summaryWords(lang: string): SummaryWords {
  return pick(SUMMARY_WORDS, lang);
}
