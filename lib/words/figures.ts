// Every figure of a summary: its name (the one label the panel, the Markdown, the terminal text and the
// prompts all show), its unit, a qualifier the short name leaves out, and a one-line explanation of what it
// counts. The definitions behind the explanations are the summary's contract (docs/summary-contract.md §3 to §6).
import { NOUNS } from './documents';
import { type Lang, pick } from './lang';
import { capitalize } from './typography';
import { VALUES } from './values';

export interface FigureWords {
  name: string;
  /** What the value is measured in ("nombre, reste dû TTC", "jours"); null when the name says it. */
  unit: string | null;
  /** What the short name leaves out ("depuis toujours", "sans réponse"); null when nothing is. */
  qualifier: string | null;
  /** One line: what the figure counts, for a reader who wonders. */
  explain: string;
}

/** The summary field each figure is (its `data-figure` in the panel, its key in `sources`). */
export const FIGURE_PATHS = {
  firstPurchase: 'relationship.firstPurchase',
  lastPurchase: 'relationship.lastPurchase',
  totalPurchases: 'relationship.totalPurchases',
  invoicesToPay: 'openDocuments.invoicesToPay',
  invoicesLate: 'openDocuments.invoicesLate',
  estimatesSent: 'openDocuments.estimatesSent',
  estimatesRead: 'openDocuments.estimatesRead',
  opportunities: 'openDocuments.opportunities',
  byYear: 'salesOverview.byYear',
  averagePerYear: 'salesOverview.averagePerYear',
  averageBasket: 'salesOverview.averageBasket',
  topProductsByQuantity: 'salesOverview.topProductsByQuantity',
  topProductsByRevenue: 'salesOverview.topProductsByRevenue',
  averagePaymentDelayDays: 'salesOverview.averagePaymentDelayDays',
  latePayments: 'salesOverview.latePayments',
  comments: 'interactions.counts.comments',
  tasks: 'interactions.counts.tasks',
  calls: 'interactions.counts.calls',
  events: 'interactions.counts.events',
} as const;

export type FigureKey = keyof typeof FIGURE_PATHS;
export const FIGURE_KEYS = Object.keys(FIGURE_PATHS) as FigureKey[];

const f = (name: string, unit: string | null, qualifier: string | null, explain: string): FigureWords => ({ name, unit, qualifier, explain });

function frFigures(): Record<FigureKey, FigureWords> {
  const v = VALUES.fr;
  const n = NOUNS.fr;
  const owed = `${v.count}, ${v.remaining} ${v.includingTax}`;
  const quoted = `${v.count}, ${v.total} ${v.excludingTax}`;
  return {
    firstPurchase: f(
      'Premier achat',
      `${v.amount} ${v.excludingTax}`,
      null,
      'Le plus ancien achat compté : une facture, ou un devis accepté sans licence Facturation.',
    ),
    lastPurchase: f('Dernier achat', `${v.amount} ${v.excludingTax}`, null, 'Le plus récent achat compté.'),
    totalPurchases: f(
      'Total des achats',
      v.excludingTax,
      'depuis toujours',
      'Les factures comptées moins les avoirs (ou les devis acceptés), depuis toujours, hors taxes, dans la devise principale.',
    ),
    invoicesToPay: f('Factures à régler', owed, null, 'Les factures à régler ou en paiement partiel ; le total est ce qui reste dû, TTC.'),
    invoicesLate: f('Factures en retard', owed, null, 'Les factures non payées dont l’échéance est passée ; le total est ce qui reste dû, TTC.'),
    estimatesSent: f('Devis envoyés', quoted, 'sans réponse', 'Les devis envoyés que le client n’a encore ni ouverts, ni acceptés, ni refusés.'),
    estimatesRead: f('Devis lus', quoted, 'sans réponse', 'Les devis que le client a ouverts sans les accepter ni les refuser.'),
    opportunities: f(
      'Opportunités ouvertes',
      `${v.count}, ${v.total}`,
      null,
      'Les opportunités en cours ou en retard ; le total est leur montant potentiel.',
    ),
    byYear: f(
      'Achats par année',
      `${v.total} ${v.excludingTax}, ${v.count}`,
      null,
      'Pour chacune des trois dernières années civiles : les achats moins les avoirs, hors taxes, et le nombre d’achats.',
    ),
    averagePerYear: f('Achats par an en moyenne', null, null, 'Le nombre moyen d’achats par année civile, sur les trois dernières.'),
    averageBasket: f('Panier moyen', v.excludingTax, null, 'Le montant moyen d’un achat, hors taxes, sur les trois dernières années civiles.'),
    topProductsByQuantity: f(
      'Produits les plus achetés (quantité)',
      null,
      null,
      'Les cinq produits du catalogue achetés en plus grande quantité sur les trois dernières années civiles.',
    ),
    topProductsByRevenue: f(
      `Produits les plus achetés (${v.amount} ${v.excludingTax})`,
      null,
      null,
      'Les cinq produits du catalogue au plus fort montant hors taxes sur les trois dernières années civiles.',
    ),
    averagePaymentDelayDays: f(
      'Délai de paiement moyen',
      'jours',
      null,
      'Le nombre moyen de jours entre la date d’une facture payée et son paiement, sur les trois dernières années civiles.',
    ),
    latePayments: f(
      'Factures payées en retard',
      null,
      null,
      'Les factures payées sur les trois dernières années civiles dont le paiement est arrivé après l’échéance.',
    ),
    comments: f(capitalize(n.comment[1]), null, null, 'Les commentaires du CRM des six derniers mois.'),
    tasks: f(capitalize(n.task[1]), null, null, 'Les tâches créées ces six derniers mois, quel que soit leur statut.'),
    calls: f(capitalize(n.call[1]), null, null, 'Les appels téléphoniques des six derniers mois.'),
    events: f(capitalize(n.event[1]), null, null, 'Les rendez-vous du calendrier des six derniers mois (pas ceux à venir).'),
  };
}

function enFigures(): Record<FigureKey, FigureWords> {
  const v = VALUES.en;
  const n = NOUNS.en;
  const owed = `${v.count}, ${v.remaining} ${v.includingTax}`;
  const quoted = `${v.count}, ${v.total} ${v.excludingTax}`;
  return {
    firstPurchase: f(
      'First purchase',
      `${v.amount} ${v.excludingTax}`,
      null,
      'The oldest counted purchase: an invoice, or an accepted estimate without an invoicing licence.',
    ),
    lastPurchase: f('Last purchase', `${v.amount} ${v.excludingTax}`, null, 'The newest counted purchase.'),
    totalPurchases: f(
      'Total purchases',
      v.excludingTax,
      'all time',
      'Counted invoices minus credit notes (or accepted estimates), all time, excluding tax, in the main currency.',
    ),
    invoicesToPay: f('Invoices to pay', owed, null, 'Invoices due or partly paid; the total is what is still owed, incl. tax.'),
    invoicesLate: f('Late invoices', owed, null, 'Unpaid invoices past their due date; the total is what is still owed, incl. tax.'),
    estimatesSent: f('Estimates sent', quoted, 'no answer', 'Estimates sent that the client has not opened, accepted or refused yet.'),
    estimatesRead: f('Estimates read', quoted, 'no answer', 'Estimates the client opened without accepting or refusing them.'),
    opportunities: f('Open opportunities', `${v.count}, ${v.total}`, null, 'Opportunities open or late; the total is their potential amount.'),
    byYear: f(
      'Purchases by year',
      `${v.total} ${v.excludingTax}, ${v.count}`,
      null,
      'For each of the last three calendar years: purchases minus credit notes, excluding tax, and the number of purchases.',
    ),
    averagePerYear: f('Average purchases per year', null, null, 'The mean number of purchases per calendar year, over the last three.'),
    averageBasket: f('Average basket', v.excludingTax, null, 'The mean amount of a purchase, excluding tax, over the last three calendar years.'),
    topProductsByQuantity: f(
      'Top products by quantity',
      null,
      null,
      'The five catalogue products bought in the largest quantity over the last three calendar years.',
    ),
    topProductsByRevenue: f(
      `Top products by revenue (${v.excludingTax})`,
      null,
      null,
      'The five catalogue products with the largest amount excluding tax over the last three calendar years.',
    ),
    averagePaymentDelayDays: f(
      'Average payment delay',
      'days',
      null,
      'The mean number of days between a paid invoice’s date and its payment, over the last three calendar years.',
    ),
    latePayments: f('Invoices paid late', null, null, 'Invoices paid over the last three calendar years whose payment came after the due date.'),
    comments: f(capitalize(n.comment[1]), null, null, 'CRM comments of the last six months.'),
    tasks: f(capitalize(n.task[1]), null, null, 'Tasks created in the last six months, whatever their status.'),
    calls: f(capitalize(n.call[1]), null, null, 'Phone calls of the last six months.'),
    events: f(capitalize(n.event[1]), null, null, 'Calendar events of the last six months (not upcoming ones).'),
  };
}

export const FIGURES: Record<Lang, Record<FigureKey, FigureWords>> = { fr: frFigures(), en: enFigures() };

export function figureWords(lang: string): Record<FigureKey, FigureWords> {
  return pick(FIGURES, lang);
}

/** The name with its unit and qualifier, for a reader that has no layout to explain it (the prompts):
 *  "Factures à régler (nombre, reste dû TTC)", "Total des achats (HT, depuis toujours)". */
export function qualifiedName(w: FigureWords): string {
  const more = [w.unit, w.qualifier].filter(Boolean);
  return more.length ? `${w.name} (${more.join(', ')})` : w.name;
}
