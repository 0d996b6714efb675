// A hand-built summary: every card has something, and every figure has a value we can look for.
import type { Summary } from '@/lib/summary/types';

export function invoicingSummary(language = 'fr'): Summary {
  return {
    client: { type: 'company', id: 1001, name: 'Boulangerie Martin' },
    today: '2026-11-29',
    generatedAt: '2026-11-29T09:00:00.000Z',
    sourceMode: 'invoicing',
    currency: 'EUR',
    language,
    warnings: ['invoice 77: unknown status "archived"'],
    excludedOtherCurrency: 1,
    relationship: {
      firstPurchase: { id: 11, number: 'F-2019-0011', date: '2019-03-04', amount: '1200.00' },
      lastPurchase: { id: 98, number: 'F-2026-0098', date: '2026-11-02', amount: '349.90' },
      totalPurchases: '45210.35',
    },
    openDocuments: {
      invoicesToPay: {
        count: 1,
        total: '419.88',
        items: [{ id: 98, number: 'F-2026-0098', date: '2026-11-02', amount: '349.90', dueDate: '2026-12-02', remaining: '419.88' }],
      },
      invoicesLate: {
        count: 1,
        total: '1500.00',
        items: [{ id: 90, number: 'F-2026-0090', date: '2026-09-01', amount: '1250.00', dueDate: '2026-10-01', remaining: '1500.00', daysLate: 59 }],
      },
      estimatesSent: { count: 0, total: '0.00', items: [] },
      estimatesRead: {
        count: 1,
        total: '800.00',
        items: [{ id: 55, number: 'D-2026-0055', date: '2026-11-10', amount: '800.00', expiryDate: '2026-12-10' }],
      },
      opportunities: {
        count: 1,
        total: '5000.00',
        items: [
          {
            id: 7,
            number: 'O-7',
            name: 'Agrandissement du fournil',
            amount: '5000.00',
            pipeline: 'Ventes',
            step: 'Proposition',
            probability: 60,
            dueDate: '2026-12-15',
          },
        ],
      },
    },
    salesOverview: {
      byYear: [
        { year: 2024, total: '12000.00', count: 10 },
        { year: 2025, total: '15000.50', count: 12 },
        { year: 2026, total: '9000.25', count: 8 },
      ],
      averagePerYear: 10,
      averageBasket: '1200.03',
      topProductsByQuantity: [{ itemId: 5, declinationId: null, name: 'Farine T65', reference: 'FAR-65', quantity: '120.5', revenue: '2410.00' }],
      topProductsByRevenue: [{ itemId: 9, declinationId: 2, name: 'Four à sole', reference: 'FOUR-2', quantity: '1', revenue: '8000.00' }],
      averagePaymentDelayDays: 23.5,
      latePayments: 3,
    },
    interactions: {
      from: '2026-05-29',
      counts: { comments: 2, tasks: 1, calls: 1, events: 0 },
      items: [
        { type: 'call', id: 301, date: '2026-11-20', text: 'Appel : veut un devis pour un second four.' },
        { type: 'comment', id: 302, date: '2026-10-02', text: 'Relance facture F-2026-0090.' },
      ],
      summary: 'Le client envisage un second four et doit encore régler une facture en retard.',
      generatedBy: 'rules',
    },
    recommendations: {
      items: [
        { action: 'Relancer la facture F-2026-0090', reason: 'En retard de 59 jours.', evidence: [{ type: 'invoice', id: 90 }] },
        { action: 'Préparer le devis du second four', reason: 'Demandé lors de l’appel du 20 novembre.', evidence: [{ type: 'call', id: 301 }] },
      ],
      generatedBy: 'rules',
    },
    sources: {
      'relationship.totalPurchases': {
        included: [
          { type: 'invoice', id: 11, number: 'F-2019-0011', date: '2019-03-04', amount: '1200.00', status: 'paid' },
          { type: 'credit-note', id: 4, number: 'A-0004', date: '2024-02-01', amount: '100.00', status: 'spent' },
        ],
        excluded: [
          { type: 'invoice', id: 12, number: 'F-2019-0012', date: '2019-04-01', amount: '50.00', status: 'draft', reason: 'status:draft' },
          {
            type: 'invoice',
            id: 13,
            number: 'F-2020-0013',
            date: '2020-01-01',
            amount: '70.00',
            currency: 'USD',
            status: 'paid',
            reason: 'currency:USD',
          },
        ],
      },
      'salesOverview.byYear.2025': {
        included: [{ type: 'invoice', id: 60, number: 'F-2025-0060', date: '2025-06-01', amount: '1500.00' }],
        excluded: [],
      },
    },
  };
}

export function salesSummary(language = 'fr'): Summary {
  const s = invoicingSummary(language);
  s.sourceMode = 'sales';
  s.openDocuments.invoicesToPay = null;
  s.openDocuments.invoicesLate = null;
  s.salesOverview.averagePaymentDelayDays = null;
  s.salesOverview.latePayments = null;
  return s;
}

export function emptySummary(language = 'en'): Summary {
  const s = invoicingSummary(language);
  s.client = { type: 'company', id: 1004, name: 'Nouvelle SARL' };
  s.currency = null;
  s.excludedOtherCurrency = 0;
  s.warnings = [];
  s.relationship = { firstPurchase: null, lastPurchase: null, totalPurchases: null };
  s.openDocuments = {
    invoicesToPay: { count: 0, total: '0.00', items: [] },
    invoicesLate: { count: 0, total: '0.00', items: [] },
    estimatesSent: { count: 0, total: '0.00', items: [] },
    estimatesRead: { count: 0, total: '0.00', items: [] },
    opportunities: { count: 0, total: '0.00', items: [] },
  };
  s.salesOverview = {
    byYear: [
      { year: 2024, total: '0.00', count: 0 },
      { year: 2025, total: '0.00', count: 0 },
      { year: 2026, total: '0.00', count: 0 },
    ],
    averagePerYear: 0,
    averageBasket: null,
    topProductsByQuantity: [],
    topProductsByRevenue: [],
    averagePaymentDelayDays: null,
    latePayments: 0,
  };
  s.interactions = { from: '2026-05-29', counts: { comments: 0, tasks: 0, calls: 0, events: 0 }, items: [], summary: '', generatedBy: 'rules' };
  s.sources = {};
  return s;
}
