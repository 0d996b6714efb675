// The recommendations card's actions when no language model writes them: one sentence pair (action, reason)
// per rule of lib/cards/recommendations.ts. Every number and date arrives formatted from a figure.
import { type Lang, pick } from './lang';

const fr = {
  lateInvoices: (count: string, one: boolean, number: string) =>
    one ? `Relancer la facture ${number}, en retard` : `Relancer les ${count} factures en retard`,
  lateInvoicesReason: (total: string, one: boolean, number: string, days: string) =>
    one ? `${total} restent dus, ${days} jours après l'échéance.` : `${total} restent dus ; la plus ancienne (${number}) a ${days} jours de retard.`,
  readEstimate: (number: string, amount: string) => `Relancer le devis ${number} (${amount}), lu sans réponse`,
  readEstimateReason: (date: string, expiry: string | null, count: string | null) =>
    `Devis du ${date}${expiry ? `, valable jusqu'au ${expiry}` : ''}, lu par le client sans réponse depuis au moins une semaine.${count ? ` ${count} devis lus au total.` : ''}`,
  overdueOpportunity: (name: string) => `Faire le point sur l'opportunité « ${name} »`,
  overdueOpportunityReason: (due: string, amount: string | null, step: string | null) =>
    `Échéance prévue le ${due} dépassée${amount ? `, pour ${amount}` : ''}${step ? ` (étape : ${step})` : ''}.`,
  noRecentPurchase: 'Reprendre contact pour une nouvelle commande',
  noRecentPurchaseReason: (last: string, perYear: string | null) =>
    `Dernier achat le ${last} : plus de deux fois l'intervalle habituel entre ses achats${perYear ? ` (${perYear} par an en moyenne sur 3 ans)` : ''}.`,
  latePayments: 'Revoir les conditions de paiement',
  latePaymentsReason: (late: string, delay: string | null) =>
    `${late} factures payées après leur échéance sur 3 ans${delay ? ` ; délai de paiement moyen : ${delay} jours` : ''}.`,
  expiringEstimate: (number: string) => `Relancer le devis ${number} avant son expiration`,
  expiringEstimateReason: (date: string, expiry: string, amount: string) => `Envoyé le ${date} pour ${amount}, il expire le ${expiry}.`,
  topProduct: (name: string) => `Proposer à nouveau « ${name} »`,
  topProductReason: (revenue: string) => `Premier produit du client en chiffre d'affaires sur 3 ans : ${revenue}.`,
  followUpPurchase: 'Prendre des nouvelles après le dernier achat',
  followUpPurchaseReason: (date: string, number: string, amount: string) => `Dernier achat le ${date} (${number}, ${amount}).`,
  firstOrder: 'Identifier les besoins du client pour une première commande',
  firstOrderReason: 'Aucun achat enregistré pour ce client.',
  planContact: 'Planifier un échange avec le client',
  planContactReason: 'Aucune interaction enregistrée au cours des 6 derniers mois.',
  followContact: 'Donner suite au dernier échange',
  followContactReason: (date: string, type: string) => `Dernière interaction le ${date} (${type}).`,
};

export type RuleWords = typeof fr;

const en: RuleWords = {
  lateInvoices: (count, one, number) => (one ? `Chase late invoice ${number}` : `Chase the ${count} late invoices`),
  lateInvoicesReason: (total, one, number, days) =>
    one ? `${total} still due, ${days} days after the due date.` : `${total} still due; the oldest (${number}) is ${days} days late.`,
  readEstimate: (number, amount) => `Follow up estimate ${number} (${amount}), read with no answer`,
  readEstimateReason: (date, expiry, count) =>
    `Estimate of ${date}${expiry ? `, valid until ${expiry}` : ''}, read by the client with no answer for at least a week.${count ? ` ${count} read estimates in all.` : ''}`,
  overdueOpportunity: (name) => `Review the opportunity "${name}"`,
  overdueOpportunityReason: (due, amount, step) =>
    `Its due date, ${due}, has passed${amount ? `, for ${amount}` : ''}${step ? ` (step: ${step})` : ''}.`,
  noRecentPurchase: 'Get back in touch for a new order',
  noRecentPurchaseReason: (last, perYear) =>
    `Last purchase on ${last}: more than twice the client's usual interval between purchases${perYear ? ` (${perYear} a year on average over 3 years)` : ''}.`,
  latePayments: 'Review the payment terms',
  latePaymentsReason: (late, delay) =>
    `${late} invoices paid after their due date over 3 years${delay ? `; average payment delay: ${delay} days` : ''}.`,
  expiringEstimate: (number) => `Follow up estimate ${number} before it expires`,
  expiringEstimateReason: (date, expiry, amount) => `Sent on ${date} for ${amount}, it expires on ${expiry}.`,
  topProduct: (name) => `Offer "${name}" again`,
  topProductReason: (revenue) => `The client's first product by revenue over 3 years: ${revenue}.`,
  followUpPurchase: 'Check in after the last purchase',
  followUpPurchaseReason: (date, number, amount) => `Last purchase on ${date} (${number}, ${amount}).`,
  firstOrder: "Find out the client's needs for a first order",
  firstOrderReason: 'No purchase recorded for this client.',
  planContact: 'Plan a conversation with the client',
  planContactReason: 'No interaction recorded in the last 6 months.',
  followContact: 'Follow up the last exchange',
  followContactReason: (date, type) => `Last interaction on ${date} (${type}).`,
};

const RULES: Record<Lang, RuleWords> = { fr, en };

export function ruleWords(lang: string): RuleWords {
  return pick(RULES, lang);
}
