// Labels of the five cards and their figures, French and English, for every place that writes a summary out
// (terminal, Markdown, and the panel if it wants them). Numbers and dates are not here: lib/format/intl.ts.

export type LabelLang = 'fr' | 'en';

export function labelLang(tag: string | null | undefined): LabelLang {
  return (tag ?? '').toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

const fr = {
  title: 'Résumé client',
  clientKind: { company: 'société', individual: 'particulier' } as Record<string, string>,
  asOf: 'au',
  computedAt: 'calculé le',
  sourceMode: { invoicing: 'chiffres issus des factures', sales: 'chiffres issus des devis acceptés' } as Record<string, string>,
  cards: {
    relationship: 'Relation client',
    openDocuments: 'Documents en cours',
    salesOverview: 'Aperçu des ventes',
    interactions: 'Dernières interactions',
    recommendations: 'Recommandations',
  },
  firstPurchase: 'Premier achat',
  lastPurchase: 'Dernier achat',
  totalPurchases: 'Total des achats',
  noPurchase: 'Aucun achat pour l’instant.',
  invoicesToPay: 'Factures à régler',
  invoicesLate: 'Factures en retard',
  estimatesSent: 'Devis envoyés',
  estimatesRead: 'Devis lus',
  opportunities: 'Opportunités ouvertes',
  total: 'total',
  excludingTax: 'HT',
  remaining: 'reste dû',
  due: 'échéance',
  expires: 'expire le',
  daysLate: (n: string) => `${n} j de retard`,
  probability: 'probabilité',
  noDueDate: 'sans échéance',
  nothing: 'aucun',
  more: (n: string) => `… et ${n} de plus`,
  byYear: 'Achats par année',
  documents: (n: string, one: boolean) => `${n} document${one ? '' : 's'}`,
  averagePerYear: 'Achats par an (moyenne)',
  averageBasket: 'Panier moyen',
  topByQuantity: 'Produits les plus achetés (quantité)',
  topByRevenue: 'Produits les plus achetés (montant HT)',
  noProducts: 'aucun produit du catalogue sur la période',
  averagePaymentDelay: 'Délai de paiement moyen',
  latePayments: 'Paiements après échéance',
  days: (n: string) => `${n} j`,
  invoicingOnly: 'disponible avec une licence Facturation',
  since: 'depuis le',
  counts: {
    comments: ['commentaire', 'commentaires'],
    tasks: ['tâche', 'tâches'],
    calls: ['appel', 'appels'],
    events: ['rendez-vous', 'rendez-vous'],
  } as Record<'comments' | 'tasks' | 'calls' | 'events', [string, string]>,
  declination: (id: string) => `déclinaison ${id}`,
  byLlm: 'rédigé par le modèle de langue',
  byRules: 'rédigé par des règles',
  evidence: 'Sur la base de',
  warnings: 'Avertissements',
  otherCurrency: (n: string, one: boolean, currency: string) =>
    `${n} document${one ? '' : 's'} dans une autre devise que ${currency} ${one ? 'est écarté' : 'sont écartés'} des montants.`,
  docTypes: {
    invoice: 'facture',
    'credit-note': 'avoir',
    estimate: 'devis',
    opportunity: 'opportunité',
    comment: 'commentaire',
    task: 'tâche',
    call: 'appel',
    event: 'rendez-vous',
    payment: 'paiement',
    order: 'commande',
  } as Record<string, string>,
  share: {
    intro: (date: string) => `Résumé partagé avec l’équipe depuis l’extension Résumé client, calculé le ${date}.`,
    footer:
      'Les chiffres valent à la date du calcul : l’extension les recalcule depuis Sellsy à chaque ouverture. La ligne suivante est destinée à l’extension.',
  },
  changes: {
    title: 'Depuis votre dernière consultation',
    since: (date: string) => `le ${date}`,
    nothing: (date: string) => `Rien de nouveau depuis votre dernière consultation, le ${date}.`,
    kinds: {
      'invoice-new': 'Nouvelles factures',
      'credit-note-new': 'Nouveaux avoirs',
      'payment-received': 'Paiements reçus',
      'invoice-late': 'Factures passées en retard',
      'invoice-paid': 'Factures payées',
      'estimate-sent': 'Devis envoyés',
      'estimate-accepted': 'Devis acceptés',
      'estimate-refused': 'Devis refusés',
      'opportunity-new': 'Nouvelles opportunités',
      'opportunity-moved': 'Opportunités qui ont bougé',
      'interaction-new': 'Nouvelles interactions',
    } as Record<string, string>,
    totals: 'Totaux',
    totalNames: {
      totalPurchases: 'Total des achats',
      invoicesToPay: 'Factures à régler (reste dû)',
      invoicesLate: 'Factures en retard (reste dû)',
      estimatesSent: 'Devis envoyés',
      estimatesRead: 'Devis lus',
      opportunities: 'Opportunités ouvertes',
    } as Record<string, string>,
    settles: 'règle',
    opportunityStatus: { open: 'ouverte', won: 'gagnée', lost: 'perdue', cancelled: 'annulée', closed: 'fermée', late: 'en retard' } as Record<
      string,
      string
    >,
    none: 'aucune',
  },
  reasons: {
    status: (s: string) => `statut « ${s} » non compté`,
    unknownStatus: (s: string) => `statut inconnu « ${s} »`,
    currency: (c: string) => `autre devise (${c})`,
    outsideWindow: 'hors de la période',
    noPayment: 'payée, mais aucun paiement trouvé',
    noRows: 'lignes du document illisibles',
    noPurchase: 'aucun achat compté',
    other: (code: string) => `écarté (${code})`,
  },
};

export type Labels = typeof fr;

const en: Labels = {
  title: 'Client summary',
  clientKind: { company: 'company', individual: 'individual' },
  asOf: 'as of',
  computedAt: 'computed on',
  sourceMode: { invoicing: 'figures from invoices', sales: 'figures from accepted estimates' },
  cards: {
    relationship: 'Client relationship',
    openDocuments: 'Open documents',
    salesOverview: 'Sales overview',
    interactions: 'Latest interactions',
    recommendations: 'Recommendations',
  },
  firstPurchase: 'First purchase',
  lastPurchase: 'Last purchase',
  totalPurchases: 'Total purchases',
  noPurchase: 'No purchase yet.',
  invoicesToPay: 'Invoices to pay',
  invoicesLate: 'Late invoices',
  estimatesSent: 'Estimates sent',
  estimatesRead: 'Estimates read',
  opportunities: 'Open opportunities',
  total: 'total',
  excludingTax: 'excl. tax',
  remaining: 'still owed',
  due: 'due',
  expires: 'expires',
  daysLate: (n) => `${n} days late`,
  probability: 'probability',
  noDueDate: 'no due date',
  nothing: 'none',
  more: (n) => `… and ${n} more`,
  byYear: 'Purchases by year',
  documents: (n, one) => `${n} document${one ? '' : 's'}`,
  averagePerYear: 'Purchases per year (average)',
  averageBasket: 'Average basket',
  topByQuantity: 'Top products by quantity',
  topByRevenue: 'Top products by revenue (excl. tax)',
  noProducts: 'no catalogue product in the period',
  averagePaymentDelay: 'Average payment delay',
  latePayments: 'Payments after the due date',
  days: (n) => `${n} days`,
  invoicingOnly: 'available with an invoicing licence',
  since: 'since',
  counts: { comments: ['comment', 'comments'], tasks: ['task', 'tasks'], calls: ['call', 'calls'], events: ['event', 'events'] },
  declination: (id) => `variant ${id}`,
  byLlm: 'written by the language model',
  byRules: 'written by rules',
  evidence: 'Based on',
  warnings: 'Warnings',
  otherCurrency: (n, one, currency) =>
    `${n} document${one ? '' : 's'} in a currency other than ${currency} ${one ? 'is' : 'are'} left out of the amounts.`,
  docTypes: {
    invoice: 'invoice',
    'credit-note': 'credit note',
    estimate: 'estimate',
    opportunity: 'opportunity',
    comment: 'comment',
    task: 'task',
    call: 'call',
    event: 'event',
    payment: 'payment',
    order: 'order',
  },
  share: {
    intro: (date) => `Summary shared with the team from the Résumé client extension, computed on ${date}.`,
    footer:
      'The figures hold at the time of computing: the extension computes them again from Sellsy each time it opens. The next line is for the extension.',
  },
  changes: {
    title: 'Since your last look',
    since: (date) => `on ${date}`,
    nothing: (date) => `Nothing new since your last look, on ${date}.`,
    kinds: {
      'invoice-new': 'New invoices',
      'credit-note-new': 'New credit notes',
      'payment-received': 'Payments received',
      'invoice-late': 'Invoices now late',
      'invoice-paid': 'Invoices paid',
      'estimate-sent': 'Estimates sent',
      'estimate-accepted': 'Estimates accepted',
      'estimate-refused': 'Estimates refused',
      'opportunity-new': 'New opportunities',
      'opportunity-moved': 'Opportunities that moved',
      'interaction-new': 'New interactions',
    },
    totals: 'Totals',
    totalNames: {
      totalPurchases: 'Total purchases',
      invoicesToPay: 'Invoices to pay (still owed)',
      invoicesLate: 'Late invoices (still owed)',
      estimatesSent: 'Estimates sent',
      estimatesRead: 'Estimates read',
      opportunities: 'Open opportunities',
    },
    settles: 'settles',
    opportunityStatus: { open: 'open', won: 'won', lost: 'lost', cancelled: 'cancelled', closed: 'closed', late: 'late' },
    none: 'none',
  },
  reasons: {
    status: (s) => `status "${s}" not counted`,
    unknownStatus: (s) => `unknown status "${s}"`,
    currency: (c) => `other currency (${c})`,
    outsideWindow: 'outside the period',
    noPayment: 'paid, but no payment found',
    noRows: 'document rows unreadable',
    noPurchase: 'no purchase counted',
    other: (code) => `left out (${code})`,
  },
};

export const LABELS: Record<LabelLang, Labels> = { fr, en };

export function labels(lang: string): Labels {
  return LABELS[labelLang(lang)];
}

/** A source's exclusion code ('status:draft', 'currency:USD', 'status-unknown:x', ...) in words. */
export function reasonLabel(code: string, lang: string): string {
  const r = labels(lang).reasons;
  const [head = '', ...rest] = code.split(':');
  const arg = rest.join(':');
  switch (head) {
    case 'status':
      return arg ? r.status(arg) : r.other(code);
    case 'status-unknown':
    case 'unknown-status':
      return r.unknownStatus(arg);
    case 'currency':
      return arg ? r.currency(arg) : r.other(code);
    case 'outside-window':
      return r.outsideWindow;
    case 'no-payment':
      return r.noPayment;
    case 'no-rows':
      return r.noRows;
    case 'no-purchase':
      return r.noPurchase;
    default:
      return r.other(code);
  }
}
