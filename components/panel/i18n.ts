// The panel's own words, in French and English. Figures and dates are formatted by lib/format/intl.ts;
// this file only holds the sentences around them.
import { LABELS, type Labels, labelLang, reasonLabel } from '@/lib/format/labels';

export type UiLang = 'fr' | 'en';

/** Any BCP 47 tag → the interface language we have words for (French for fr-*, English otherwise). */
export const uiLang: (tag: string | null | undefined) => UiLang = labelLang;

/** The card and list names the terminal and Markdown renderings use too: one wording everywhere. */
function shared(l: Labels) {
  const {
    firstPurchase,
    lastPurchase,
    totalPurchases,
    noPurchase,
    invoicesToPay,
    invoicesLate,
    estimatesSent,
    estimatesRead,
    opportunities,
    remaining,
    due,
    expires,
  } = l;
  return {
    ...l.cards,
    firstPurchase,
    lastPurchase,
    totalPurchases,
    noPurchase,
    invoicesToPay,
    invoicesLate,
    estimatesSent,
    estimatesRead,
    opportunities,
    remaining,
    due,
    expires,
  };
}

const fr = {
  ...shared(LABELS.fr),
  panel: 'Résumé client',
  close: 'Fermer le résumé',
  refresh: 'Actualiser',
  copy: 'Copier en Markdown',
  copied: 'Copié',
  copyFailed: 'Copie impossible',
  generated: 'Calculé',
  stale: 'Peut-être dépassé : le client a changé depuis ce calcul',
  staleShort: 'peut-être dépassé',
  loading: 'Chargement',
  phases: {
    client: 'fiche client',
    account: 'compte',
    documents: 'documents',
    activity: 'activité',
    details: 'lignes des documents',
    items: 'catalogue',
    done: 'terminé',
  } as Record<string, string>,
  noCredentials: 'Aucun accès Sellsy n’est configuré.',
  openOptions: 'Ouvrir les options',
  signedOut: 'Vous êtes déconnecté de Sellsy.',
  signedOutKept: 'Le résumé affiché est la dernière version enregistrée.',
  signIn: 'Se connecter avec Sellsy',
  signingIn: 'Connexion dans la fenêtre Sellsy…',
  signInDenied: 'Accès refusé sur la page de Sellsy.',
  signInCancelled: 'La fenêtre de connexion a été fermée avant la fin.',
  signInFailed: 'La connexion a échoué.',
  notClient: (kind: 'prospect' | 'supplier') =>
    `Le résumé existe uniquement pour les clients : cette fiche est un ${kind === 'prospect' ? 'prospect' : 'fournisseur'}.`,
  loadError: 'Le résumé n’a pas pu être calculé.',
  keptCached: 'Le résumé affiché est la dernière version enregistrée.',
  textsError: 'Ce texte n’a pas pu être généré.',
  disconnected: 'L’extension a été interrompue (mise à jour ou mise en veille).',
  retry: 'Réessayer',
  unsupported: 'Cette page Sellsy n’est pas une fiche client.',
  // Cards
  daysLate: (n: number) => `${n} j de retard`,
  nothingOpen: 'Rien en cours.',
  showMore: (n: number) => `Voir ${n} de plus`,
  showLess: 'Voir moins',
  byYear: 'Achats par année',
  documentsCount: (n: number) => `${n} document${n > 1 ? 's' : ''}`,
  averagePerYear: 'Achats par an (moyenne)',
  averageBasket: 'Panier moyen',
  topByQuantity: 'Produits les plus achetés (quantité)',
  topByRevenue: 'Produits les plus achetés (montant)',
  averagePaymentDelay: 'Délai de paiement moyen',
  latePayments: 'Paiements en retard',
  days: (n: string) => `${n} j`,
  none: 'aucun',
  invoicingOnly: 'disponible avec une licence Facturation',
  comments: 'Commentaires',
  tasks: 'Tâches',
  calls: 'Appels',
  events: 'Rendez-vous',
  since: 'depuis le',
  showItems: (n: number) => `Voir les ${n} interactions`,
  noInteractions: 'Aucune interaction sur les six derniers mois.',
  writing: 'Rédaction en cours…',
  byLlm: 'rédigé par le modèle de langue',
  byRules: 'rédigé par des règles',
  evidence: 'Sur la base de',
  // Sources drill-down
  sourcesOf: 'Documents retenus',
  included: (n: number) => `${n} document${n > 1 ? 's' : ''} retenu${n > 1 ? 's' : ''}`,
  excluded: (n: number) => `${n} document${n > 1 ? 's' : ''} écarté${n > 1 ? 's' : ''}`,
  noSources: 'Pas de liste de documents pour ce chiffre.',
  paidOn: 'payée le',
  otherCurrency: (n: number) => `${n} document${n > 1 ? 's' : ''} dans une autre devise ${n > 1 ? 'sont écartés' : 'est écarté'} des totaux.`,
  warnings: 'Avertissements',
  docTypes: {
    invoice: 'Facture',
    'credit-note': 'Avoir',
    estimate: 'Devis',
    opportunity: 'Opportunité',
    comment: 'Commentaire',
    task: 'Tâche',
    call: 'Appel',
    event: 'Rendez-vous',
    payment: 'Paiement',
    order: 'Commande',
  } as Record<string, string>,
};

const en: typeof fr = {
  ...shared(LABELS.en),
  panel: 'Client summary',
  close: 'Close the summary',
  refresh: 'Refresh',
  copy: 'Copy as Markdown',
  copied: 'Copied',
  copyFailed: 'Could not copy',
  generated: 'Computed',
  stale: 'May be out of date: the client changed since it was computed',
  staleShort: 'may be out of date',
  loading: 'Loading',
  phases: {
    client: 'client record',
    account: 'account',
    documents: 'documents',
    activity: 'activity',
    details: 'document rows',
    items: 'catalogue',
    done: 'done',
  },
  noCredentials: 'No Sellsy access is set up.',
  openOptions: 'Open the options',
  signedOut: 'Signed out of Sellsy.',
  signedOutKept: 'The summary shown is the last one saved.',
  signIn: 'Sign in with Sellsy',
  signingIn: 'Signing in, in the Sellsy window…',
  signInDenied: 'Access was denied on Sellsy’s page.',
  signInCancelled: 'The sign-in window was closed before the end.',
  signInFailed: 'The sign-in failed.',
  notClient: (kind) => `The summary exists only for clients: this record is a ${kind}.`,
  loadError: 'The summary could not be computed.',
  keptCached: 'The summary shown is the last saved one.',
  textsError: 'This text could not be generated.',
  disconnected: 'The extension was interrupted (updated or put to sleep).',
  retry: 'Retry',
  unsupported: 'This Sellsy page is not a client record.',
  daysLate: (n) => `${n} day${n !== 1 ? 's' : ''} late`,
  nothingOpen: 'Nothing open.',
  showMore: (n) => `Show ${n} more`,
  showLess: 'Show less',
  byYear: 'Purchases by year',
  documentsCount: (n) => `${n} document${n !== 1 ? 's' : ''}`,
  averagePerYear: 'Purchases per year (average)',
  averageBasket: 'Average basket',
  topByQuantity: 'Top products by quantity',
  topByRevenue: 'Top products by revenue',
  averagePaymentDelay: 'Average payment delay',
  latePayments: 'Late payments',
  days: (n) => `${n} days`,
  none: 'none',
  invoicingOnly: 'available with an invoicing licence',
  comments: 'Comments',
  tasks: 'Tasks',
  calls: 'Calls',
  events: 'Events',
  since: 'since',
  showItems: (n) => `Show the ${n} interactions`,
  noInteractions: 'No interaction in the last six months.',
  writing: 'Writing…',
  byLlm: 'written by the language model',
  byRules: 'written by rules',
  evidence: 'Based on',
  sourcesOf: 'Documents counted',
  included: (n) => `${n} document${n !== 1 ? 's' : ''} counted`,
  excluded: (n) => `${n} document${n !== 1 ? 's' : ''} left out`,
  noSources: 'No document list for this figure.',
  paidOn: 'paid on',
  otherCurrency: (n) => `${n} document${n !== 1 ? 's' : ''} in another currency ${n !== 1 ? 'are' : 'is'} left out of the totals.`,
  warnings: 'Warnings',
  docTypes: {
    invoice: 'Invoice',
    'credit-note': 'Credit note',
    estimate: 'Estimate',
    opportunity: 'Opportunity',
    comment: 'Comment',
    task: 'Task',
    call: 'Call',
    event: 'Event',
    payment: 'Payment',
    order: 'Order',
  },
};

export type Strings = typeof fr;
export const STRINGS: Record<UiLang, Strings> = { fr, en };
export function strings(lang: string): Strings {
  return STRINGS[uiLang(lang)];
}

/** A reason code from `sources` ('status:draft', 'currency:USD', 'outside-window'...) in words: the same
 *  words as the command line and the Markdown copy. */
export function reasonText(code: string, lang: string): string {
  return reasonLabel(code, lang);
}

export function docTypeText(type: string, lang: string): string {
  return strings(lang).docTypes[type] ?? type;
}
