// Real summaries and their facts from small ClientData (the card engine's fixture), for the team features'
// tests: fingerprint, "since your last look", shared summaries.

import { computeSummary } from '../../../lib/cards/index';
import type { ClientData } from '../../../lib/client/data';
import { type DataFacts, dataFactsOf } from '../../../lib/summary/fingerprint';
import type { Summary } from '../../../lib/summary/types';
import { call, clientData, comment, creditNote, estimate, invoice, opportunity, payment, task } from '../cards/fixture';

export const TODAY = '2026-11-29';

export async function computed(
  data: ClientData,
  generatedAt = '2026-11-29T08:00:00.000Z',
  language = 'fr',
): Promise<{ summary: Summary; facts: DataFacts }> {
  const summary = computeSummary(data, { today: TODAY, language, generatedAt });
  return { summary, facts: await dataFactsOf(data, summary) };
}

/** A client with a bit of everything, ids fixed so tests can point at them. */
export function sampleData(): ClientData {
  const paid = invoice({ id: 1, status: 'paid', date: '2026-03-02', amount: '1200.00' });
  const due = invoice({ id: 2, status: 'due', date: '2026-11-10', due_date: '2026-12-10', amount: '500.00', remaining: '600.00' });
  const late = invoice({ id: 3, status: 'late', date: '2026-09-01', due_date: '2026-10-01', amount: '300.00', remaining: '360.00' });
  return clientData({
    invoices: [paid, due, late, invoice({ id: 4, status: 'draft', date: '2026-11-20', amount: '80.00' })],
    creditNotes: [creditNote({ id: 21, status: 'spent', date: '2026-04-01', amount: '50.00' })],
    payments: [payment([1], '2026-03-20T10:00:00+01:00', { id: 41, amounts: { total: '1440.00', remaining: '0.00' } })],
    estimates: [
      estimate({ id: 31, status: 'sent', date: '2026-11-20', amount: '900.00' }),
      estimate({ id: 32, status: 'read', date: '2026-11-01', amount: '400.00' }),
      estimate({ id: 33, status: 'draft', date: '2026-11-25', amount: '700.00' }),
    ],
    opportunities: [
      opportunity({ id: 51, name: 'Terrasse', value: '5000.00' }),
      opportunity({ id: 52, name: 'Hall', value: '2000.00', status: 'won' }),
    ],
    comments: [comment('2026-11-02T10:00:00+01:00', '<p>Client satisfait.</p>', { id: 61 })],
    tasks: [task('2026-10-15T09:00:00+02:00', 'Relancer', null, { id: 62 })],
    phoneCalls: [call('2026-09-12T11:00:00+02:00', 'Appel de suivi', { id: 63 })],
  });
}
