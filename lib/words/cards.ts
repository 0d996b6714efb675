// The five cards' names, and the period a card covers when its name does not say it (the prompts need it;
// the panel's layout shows it with the dates).
import { type Lang, pick } from './lang';

export type CardKey = 'relationship' | 'openDocuments' | 'salesOverview' | 'interactions' | 'recommendations';

export interface CardWords {
  name: string;
  period: string | null;
}

const fr: Record<CardKey, CardWords> = {
  relationship: { name: 'Relation client', period: null },
  openDocuments: { name: 'Documents en cours', period: null },
  salesOverview: { name: 'Aperçu des ventes', period: 'trois dernières années civiles' },
  interactions: { name: 'Dernières interactions', period: 'six derniers mois' },
  recommendations: { name: 'Recommandations', period: null },
};

const en: Record<CardKey, CardWords> = {
  relationship: { name: 'Client relationship', period: null },
  openDocuments: { name: 'Open documents', period: null },
  salesOverview: { name: 'Sales overview', period: 'last three calendar years' },
  interactions: { name: 'Latest interactions', period: 'last six months' },
  recommendations: { name: 'Recommendations', period: null },
};

export const CARDS: Record<Lang, Record<CardKey, CardWords>> = { fr, en };

export function cardWords(lang: string): Record<CardKey, CardWords> {
  return pick(CARDS, lang);
}
