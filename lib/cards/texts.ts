// The engine's own words (warnings, the interactions digest, the rules' recommendations), French and
// English. Every number and date in them arrives already formatted by lib/format/intl.ts from a figure.

import { LABELS } from '../format/labels';
import type { InteractionType } from '../summary/types';

export type EngineLang = 'fr' | 'en';

// Document and interaction names are the ones the panel and the renderers use.
const DOC_FR = LABELS.fr.docTypes;
const DOC_EN = LABELS.en.docTypes;
const INTERACTION_FR = (type: InteractionType) => LABELS.fr.counts[`${type}s`];
const INTERACTION_EN = (type: InteractionType) => LABELS.en.counts[`${type}s`];

const fr = {
  lang: 'fr' as const,
  quote: (s: string) => `« ${s} »`,
  interaction: (type: InteractionType, n: number, count: string) => `${count} ${INTERACTION_FR(type)[n === 1 ? 0 : 1]}`,
  interactionName: (type: InteractionType) => INTERACTION_FR(type)[0],
  warn: {
    badAmount: (type: string, label: string) => `${DOC_FR[type] ?? type} ${label} ignoré(e) : montant hors taxes illisible.`,
    otherClient: (type: string, n: number) => `${n} ${DOC_FR[type] ?? type}(s) d'un autre client ignoré(s).`,
    unknownStatus: (type: string, status: string) => `Statut inconnu « ${status} » (${DOC_FR[type] ?? type}) : ces documents ne sont pas comptés.`,
    paidWithoutPayment: (number: string) => `Facture ${number} payée sans paiement enregistré : exclue du délai et des retards de paiement.`,
  },
  digest: {
    none: 'Aucune interaction enregistrée au cours des 6 derniers mois.',
    header: (total: string, one: boolean, parts: string) =>
      `${total} ${one ? 'interaction' : 'interactions'} au cours des 6 derniers mois (${parts}).`,
    notes: 'Notes marquantes :',
    line: (date: string, type: string, text: string) => `— ${date}, ${type} : « ${text} »`,
    empty: (date: string, type: string) => `— ${date}, ${type} (sans texte)`,
  },
  rec: {
    lateInvoices: (count: string, one: boolean, number: string) =>
      one ? `Relancer la facture ${number}, en retard` : `Relancer les ${count} factures en retard`,
    lateInvoicesReason: (total: string, one: boolean, number: string, days: string) =>
      one
        ? `${total} restent dus, ${days} jours après l'échéance.`
        : `${total} restent dus ; la plus ancienne (${number}) a ${days} jours de retard.`,
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
      `${late} factures payées après leur échéance sur 3 ans${delay ? ` ; délai moyen de paiement : ${delay} jours` : ''}.`,
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
  },
};

export type EngineTexts = Omit<typeof fr, 'lang'> & { lang: EngineLang };

const en: EngineTexts = {
  lang: 'en',
  quote: (s) => `"${s}"`,
  interaction: (type, n, count) => `${count} ${INTERACTION_EN(type)[n === 1 ? 0 : 1]}`,
  interactionName: (type) => INTERACTION_EN(type)[0],
  warn: {
    badAmount: (type, label) => `${DOC_EN[type] ?? type} ${label} left out: unreadable amount excluding tax.`,
    otherClient: (type, n) => `${n} ${DOC_EN[type] ?? type}(s) of another client left out.`,
    unknownStatus: (type, status) => `Unknown ${DOC_EN[type] ?? type} status "${status}": those documents are not counted.`,
    paidWithoutPayment: (number) => `Invoice ${number} is paid but has no recorded payment: left out of the payment delay and late payments.`,
  },
  digest: {
    none: 'No interaction recorded in the last 6 months.',
    header: (total, one, parts) => `${total} ${one ? 'interaction' : 'interactions'} in the last 6 months (${parts}).`,
    notes: 'Notable notes:',
    line: (date, type, text) => `— ${date}, ${type}: "${text}"`,
    empty: (date, type) => `— ${date}, ${type} (no text)`,
  },
  rec: {
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
  },
};

export function engineLang(language: string): EngineLang {
  return language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function engineTexts(language: string): EngineTexts {
  return engineLang(language) === 'fr' ? fr : en;
}
