// Summaries built by hand, so these tests do not depend on the card engine. Figures are consistent enough to
// read like a real client; nothing here is checked against the spec's arithmetic.
import type { InteractionItem, Summary } from '../../../lib/summary/types';

export function baseSummary(language: 'fr' | 'en' = 'fr'): Summary {
  return {
    client: { type: 'company', id: 501, name: 'Boulangerie Martin' },
    today: '2026-11-29',
    generatedAt: '2026-11-29T04:00:00.000Z',
    sourceMode: 'invoicing',
    currency: 'EUR',
    language,
    warnings: [],
    excludedOtherCurrency: 0,
    relationship: {
      firstPurchase: { id: 11, number: 'F-2019-0004', date: '2019-03-14', amount: '850.00' },
      lastPurchase: { id: 97, number: 'F-2026-0311', date: '2026-10-02', amount: '2340.75' },
      totalPurchases: '48210.40',
    },
    openDocuments: {
      invoicesToPay: {
        count: 1,
        total: '2808.90',
        items: [{ id: 97, number: 'F-2026-0311', date: '2026-10-02', amount: '2340.75', dueDate: '2026-12-01', remaining: '2808.90' }],
      },
      invoicesLate: {
        count: 1,
        total: '1234.50',
        items: [{ id: 88, number: 'F-2026-0290', date: '2026-08-20', amount: '1028.75', dueDate: '2026-09-19', remaining: '1234.50', daysLate: 71 }],
      },
      estimatesSent: { count: 0, total: '0.00', items: [] },
      estimatesRead: {
        count: 1,
        total: '5600.00',
        items: [{ id: 301, number: 'D-2026-0077', date: '2026-11-05', amount: '5600.00', expiryDate: '2026-12-05' }],
      },
      opportunities: {
        count: 1,
        total: '12000.00',
        items: [
          {
            id: 41,
            number: 'OPP-12',
            name: 'Four à sole 2027',
            amount: '12000.00',
            pipeline: 'Ventes',
            step: 'Négociation',
            probability: 60,
            dueDate: '2026-12-15',
          },
        ],
      },
    },
    salesOverview: {
      byYear: [
        { year: 2024, total: '9870.00', count: 6 },
        { year: 2025, total: '11240.30', count: 7 },
        { year: 2026, total: '10120.65', count: 5 },
      ],
      averagePerYear: 6,
      averageBasket: '1735.05',
      topProductsByQuantity: [
        { itemId: 7, declinationId: null, name: 'Farine T65 25 kg', reference: 'FAR-T65', quantity: '120.000', revenue: '3480.00' },
      ],
      topProductsByRevenue: [{ itemId: 9, declinationId: null, name: 'Pétrin spirale', reference: 'PS-80', quantity: '1.000', revenue: '6200.00' }],
      averagePaymentDelayDays: 38.5,
      latePayments: 3,
    },
    interactions: {
      from: '2026-05-29',
      counts: { comments: 2, tasks: 1, calls: 1, events: 0 },
      items: [
        { type: 'call', id: 9001, date: '2026-11-20', text: 'Appel avec Mme Martin : satisfaite du pétrin, veut un devis pour un second four.' },
        { type: 'comment', id: 9002, date: '2026-10-15', text: '<p>Relance paiement <b>F-2026-0290</b> envoyée.</p>' },
        { type: 'task', id: 9003, date: '2026-09-01', text: 'Envoyer le catalogue 2027' },
        { type: 'comment', id: 9004, date: '2026-06-10', text: 'Visite en boutique, bon accueil.' },
      ],
      summary: 'Appel le 20 nov. 2026 : devis pour un second four demandé.',
      generatedBy: 'rules',
    },
    recommendations: {
      items: [
        { action: 'Relancer la facture F-2026-0290 (71 jours de retard)', reason: 'Reste dû : 1 234,50 €.', evidence: [{ type: 'invoice', id: 88 }] },
        { action: 'Relancer le devis D-2026-0077 lu sans réponse', reason: 'Lu depuis le 5 nov. 2026.', evidence: [{ type: 'estimate', id: 301 }] },
      ],
      generatedBy: 'rules',
    },
  };
}

const TOPICS = [
  'Point téléphonique sur la livraison de farine, le client souhaite décaler au jeudi matin. Il demande aussi une documentation sur le nouveau pétrin et un rappel de la garantie.',
  'Réunion en boutique avec le gérant et la responsable de production : discussion du plan de renouvellement du matériel, intérêt fort pour un four à sole, budget à confirmer avec la banque.',
  '<div>Email reçu : <i>merci pour la réactivité</i>, la pièce détachée est bien arrivée. Contact : jean.martin@boulangerie-martin.fr, tél. 06 12 34 56 78.</div>',
  'Tâche : préparer une offre de maintenance annuelle incluant deux visites préventives et le remplacement des joints.',
  'Le client signale un retard de paiement dû à un changement de banque ; nouvel IBAN communiqué FR76 3000 6000 0112 3456 7890 189.',
];

/** ~150 interactions over six months, newest first: the "large client" of the prompt-size measure. */
export function largeSummary(language: 'fr' | 'en' = 'fr', n = 150): Summary {
  const s = baseSummary(language);
  const items: InteractionItem[] = [];
  const types = ['comment', 'call', 'task', 'event'] as const;
  const start = Date.UTC(2026, 10, 29);
  for (let i = 0; i < n; i++) {
    const day = new Date(start - Math.floor((i * 182) / n) * 86_400_000).toISOString().slice(0, 10);
    items.push({ type: types[i % 4]!, id: 20_000 + i, date: day, text: `${TOPICS[i % TOPICS.length]} (note ${i})` });
  }
  s.interactions.items = items;
  s.interactions.counts = {
    comments: items.filter((x) => x.type === 'comment').length,
    tasks: items.filter((x) => x.type === 'task').length,
    calls: items.filter((x) => x.type === 'call').length,
    events: items.filter((x) => x.type === 'event').length,
  };
  return s;
}
