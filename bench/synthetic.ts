// A synthetic client of N documents for timing the card engine alone (no network, no store).
// Deterministic: a small LCG, so every run measures the same data.
import type { ClientData, DocKey } from '../lib/client/data';
import type { CatalogRow, CreditNote, Estimate, Invoice, Payment } from '../lib/client/records';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
const pad = (n: number) => String(n).padStart(2, '0');

export function syntheticClient(documents: number, today = '2026-11-29'): ClientData {
  const rnd = lcg(documents);
  const year = Number(today.slice(0, 4));
  const related = [{ type: 'company', id: 1 }];
  const invoices: Invoice[] = [];
  const creditNotes: CreditNote[] = [];
  const estimates: Estimate[] = [];
  const payments: Payment[] = [];
  const rows: Partial<Record<DocKey, CatalogRow[]>> = {};
  const statuses = ['paid', 'paid', 'paid', 'due', 'late', 'payinprogress', 'draft', 'cancelled'];
  const estStatuses = ['accepted', 'sent', 'read', 'refused', 'expired', 'invoiced', 'draft'];
  for (let i = 1; i <= documents; i++) {
    const y = year - Math.floor(rnd() * 5);
    const date = `${y}-${pad(1 + Math.floor(rnd() * 11))}-${pad(1 + Math.floor(rnd() * 28))}`;
    const cents = 1000 + Math.floor(rnd() * 500000);
    const excl = `${Math.floor(cents / 100)}.${pad(cents % 100)}`;
    const kind = rnd();
    if (kind < 0.8) {
      const status = statuses[Math.floor(rnd() * statuses.length)]!;
      invoices.push({
        id: i,
        number: `F-${i}`,
        status,
        date,
        due_date: date,
        created: `${date}T10:00:00+01:00`,
        currency: rnd() < 0.02 ? 'USD' : 'EUR',
        amounts: { total_excl_tax: excl, total_incl_tax: excl, total_remaining_due_incl_tax: status === 'paid' ? '0.00' : excl },
        related,
      });
      if (status === 'paid') {
        payments.push({
          id: i,
          number: null,
          paid_at: `${date}T12:00:00+01:00`,
          status: 'confirmed',
          type: 'credit',
          amounts: { total: excl, remaining: '0.00' },
          currency: 'EUR',
          related: { id: 1, type: 'company' },
          related_objects: [{ id: i, type: 'invoice', amount_linked: excl, linked_date: date }],
        });
      }
      if (y >= year - 2) {
        rows[`invoice:${i}`] = [1, 2, 3].map((r) => ({
          id: i * 10 + r,
          type: 'catalog' as const,
          related: { id: 1 + Math.floor(rnd() * 200), type: 'product' as const, declination_id: null },
          quantity: String(1 + Math.floor(rnd() * 9)),
          unit_amount: '10.00',
          reference: `REF-${r}`,
          description: null,
          amount_tax_exc: '10.00',
          amount_tax_inc: '12.00',
          is_optional: false,
        }));
      }
    } else if (kind < 0.85) {
      creditNotes.push({
        id: i,
        number: `A-${i}`,
        status: 'spent',
        date,
        created: `${date}T10:00:00+01:00`,
        currency: 'EUR',
        amounts: { total_excl_tax: excl, total_incl_tax: excl },
        related,
      });
    } else {
      estimates.push({
        id: i,
        number: `D-${i}`,
        status: estStatuses[Math.floor(rnd() * estStatuses.length)]!,
        date,
        expiry_date: date,
        created: `${date}T10:00:00+01:00`,
        currency: 'EUR',
        amounts: { total_excl_tax: excl, total: excl },
        related,
      });
    }
  }
  const items: ClientData['items'] = {};
  for (let id = 1; id <= 200; id++) items[id] = { name: `Produit ${id}`, reference: `P-${id}` };
  return {
    accountId: 'bench',
    accountName: 'Bench',
    defaultCurrency: 'EUR',
    client: { kind: 'company', id: 1, name: 'Synthetic', thirdType: 'client' },
    staffLanguage: 'fr',
    sourceMode: 'invoicing',
    sourceModeReason: 'setting',
    invoices,
    creditNotes,
    payments,
    estimates,
    opportunities: [],
    comments: [],
    tasks: [],
    phoneCalls: [],
    calendarEvents: [],
    rows,
    items,
    warnings: [],
  };
}
