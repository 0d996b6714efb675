// Deterministic clients that go through every branch of the engine at once: both source modes and client kinds,
// several currencies, every status (and unknown ones), odd amounts (other scales, leading zeros, "-0.00", long,
// malformed), other clients' records, the data layer's warnings, invoices without due date, payments of every
// status linked to several invoices, rows of every type with declinations, HTML and whitespace, missing rows,
// opportunities, activities. The golden summaries (fixtures/golden) are computed from these; the seed fixes all.
import type { ClientData, DocKey } from '../../../lib/client/data';
import type {
  CalendarEvent,
  Comment,
  CreditNote,
  DocumentRow,
  Estimate,
  Invoice,
  Opportunity,
  Payment,
  PhoneCall,
  Task,
} from '../../../lib/client/records';

function lcg(seed: number) {
  let s = seed >>> 0 || 1;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

export interface VariedClient {
  data: ClientData;
  today: string;
  language: string;
}

const TODAYS = ['2026-11-29', '2028-02-29', '2026-08-31', '2026-01-01', '2025-12-31'];
const INVOICE_STATUSES = ['draft', 'due', 'payinprogress', 'paid', 'paid', 'paid', 'late', 'cancelled', 'scheduled'];
const CREDIT_STATUSES = ['draft', 'stored', 'partialspend', 'spent', 'cancelled', 'refunded'];
const ESTIMATE_STATUSES = [
  'draft',
  'sent',
  'read',
  'accepted',
  'refused',
  'expired',
  'advanced',
  'partialinvoiced',
  'invoiced',
  'cancelled',
  'signed',
];
const OPPORTUNITY_STATUSES = ['open', 'late', 'won', 'lost', 'cancelled', 'closed', 'paused'];
const PAYMENT_STATUSES = ['confirmed', 'confirmed', 'pending', 'rejected', 'failed'];
const HTML = [
  null,
  '',
  '<p>Maintenance  annuelle</p>',
  'Pack <b>premium</b>&nbsp;inclus',
  '   ',
  '<ul><li>Formation</li><li>Support</li></ul>',
  'Texte simple',
  '<script>x</script>',
];

export function variedClient(seed: number, size = 120): VariedClient {
  const rnd = lcg(seed * 7919 + size);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');

  const today = pick(TODAYS);
  const year = Number(today.slice(0, 4));
  const date = () => `${year - 4 + int(6)}-${pad(1 + int(12))}-${pad(1 + int(28))}`;
  const dateTime = (d: string) => pick([`${d}T10:00:00+01:00`, `${d}T23:30:00-05:00`, `${d} 08:00:00`, `${d}T00:15:00Z`]);
  const kind = chance(0.7) ? 'company' : 'individual';
  const clientId = 100 + int(5);
  const mine = [{ type: kind, id: clientId }];
  const related = () =>
    chance(0.9)
      ? chance(0.2)
        ? [{ type: 'contact', id: 5 }, ...mine]
        : mine
      : pick([[{ type: kind, id: 999 }], [{ type: 'company', id: clientId + 1 }]]);
  const currency = () => pick(['EUR', 'EUR', 'EUR', 'EUR', 'USD', 'CHF']);
  const amount = () => {
    const cents = int(500_000) - (chance(0.05) ? 20_000 : 0);
    if (chance(0.9)) return `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${pad(Math.abs(cents) % 100)}`;
    return pick(['12.5', '12.345', '0012.30', '-0.00', '0.005', '-10.005', '7', '99999999999999999.99', '1e5', 'abc', '', '3.']);
  };
  const sales = chance(0.25);
  // Now and then a client none of whose purchases count: the figures without a purchase (or without any currency).
  const dormant = chance(0.08);
  const purchaseStatus = (statuses: string[]) => (dormant ? pick(['draft', 'cancelled']) : pick(statuses));
  // Ids unique per type, in a shuffled order (Fisher–Yates: the same on every engine, unlike a random comparator).
  const ids = (n: number) => {
    const out = Array.from({ length: n }, (_, i) => i + 1);
    for (let i = n - 1; i > 0; i--) {
      const j = int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };

  const invoices: Invoice[] = ids(Math.round(size * 0.6)).map((id) => {
    const d = date();
    const a = amount();
    return {
      id,
      // The type says string; a null number is still read as one (the engine names the document by its id).
      number: (chance(0.95) ? `F-${id}` : null) as string,
      status: purchaseStatus(INVOICE_STATUSES),
      date: d,
      due_date: (chance(0.85) ? `${year - 4 + int(6)}-${pad(1 + int(12))}-${pad(1 + int(28))}` : null) as string,
      created: dateTime(d),
      currency: currency(),
      amounts: { total_excl_tax: a, total_incl_tax: a, total_remaining_due_incl_tax: chance(0.9) ? amount() : (undefined as unknown as string) },
      related: related(),
    };
  });
  const creditNotes: CreditNote[] = ids(Math.round(size * 0.1)).map((id) => {
    const d = date();
    const a = amount();
    return {
      id,
      number: `A-${id}`,
      status: pick(CREDIT_STATUSES),
      date: d,
      created: dateTime(d),
      currency: currency(),
      amounts: { total_excl_tax: a, total_incl_tax: a },
      related: related(),
    };
  });
  const estimates: Estimate[] = ids(Math.round(size * 0.3)).map((id): Estimate => {
    const d = date();
    const a = amount();
    // expiry_date sometimes absent altogether, as an older list payload may leave it.
    return {
      id,
      number: `D-${id}`,
      status: sales ? purchaseStatus(ESTIMATE_STATUSES) : pick(ESTIMATE_STATUSES),
      date: d,
      ...(chance(0.8) ? { expiry_date: chance(0.8) ? date() : null } : {}),
      created: dateTime(d),
      currency: currency(),
      amounts: { total_excl_tax: a, total: a },
      related: related(),
    } as Estimate;
  });
  const payments: Payment[] = [];
  for (const inv of invoices) {
    for (let k = chance(0.8) ? 1 : int(3); k > 0; k--) {
      const paid = chance(0.9) ? `${inv.date.slice(0, 8)}${pad(1 + int(28))}` : date();
      payments.push({
        id: 10_000 + payments.length,
        number: null,
        paid_at: chance(0.97) ? dateTime(paid) : pick(['yesterday', '2026-02-30T10:00:00Z']),
        status: pick(PAYMENT_STATUSES),
        type: 'credit',
        amounts: { total: '1.00', remaining: '0.00' },
        currency: 'EUR',
        related: chance(0.95) ? { id: clientId, type: kind } : { id: 999, type: kind },
        related_objects: [
          { id: inv.id, type: 'invoice', amount_linked: '1.00', linked_date: paid },
          ...(chance(0.1) ? [{ id: 1 + int(invoices.length), type: 'invoice' as const, amount_linked: '1.00', linked_date: paid }] : []),
          ...(chance(0.05) ? [{ id: inv.id, type: 'credit-note' as const, amount_linked: '1.00', linked_date: paid }] : []),
        ],
      } as Payment);
    }
  }
  const opportunities: Opportunity[] = ids(Math.round(size * 0.05) + 1).map((id) => ({
    id,
    number: chance(0.5) ? `O-${id}` : null,
    name: `Opp ${id}`,
    due_date: chance(0.8) ? (chance(0.5) ? date() : dateTime(date())) : null,
    created: dateTime(date()),
    status: pick(OPPORTUNITY_STATUSES),
    amount: { value: chance(0.9) ? amount() : 'n/a', currency: currency() },
    pipeline: chance(0.5) ? { id: 1, name: 'Ventes' } : null,
    step: chance(0.5) ? { id: 2, name: 'Proposition' } : null,
    probability: chance(0.5) ? int(100) : null,
    company_id: kind === 'company' && chance(0.5) ? clientId : null,
    individual_id: kind === 'individual' && chance(0.5) ? clientId : null,
    related: chance(0.5) ? mine : [],
  }));

  const purchases: { id: number; date: string }[] = sales ? estimates : invoices;
  const rows: ClientData['rows'] = {};
  for (const d of purchases) {
    if (chance(0.12)) continue;
    const list: DocumentRow[] = [];
    for (let r = int(6); r > 0; r--) {
      const itemId = 1 + int(9);
      const type = pick(['catalog', 'catalog', 'catalog', 'catalog', 'single', 'text']);
      const base = {
        id: int(1e6),
        quantity: pick(['1', '2', '2.5', '2.500', '10', '0', '-1', '0.125', 'x', '3']),
        unit_amount: '10.00',
        reference: pick([`REF-${itemId}`, ` REF-${itemId} `, '', '  ']),
        description: pick(HTML),
        amount_tax_exc: chance(0.95) ? amount() : '1,5',
        amount_tax_inc: '12.00',
        is_optional: chance(0.1),
      };
      list.push(
        type === 'catalog'
          ? ({
              ...base,
              type,
              related: {
                id: chance(0.98) ? itemId : 1.5,
                type: 'product',
                declination_id: chance(0.3) ? 1 + int(2) : chance(0.1) ? (undefined as unknown as null) : null,
              },
            } as DocumentRow)
          : ({ ...base, type } as unknown as DocumentRow),
      );
    }
    rows[`${sales ? 'estimate' : 'invoice'}:${d.id}` as DocKey] = list;
  }
  const items: ClientData['items'] = {};
  for (let id = 1; id <= 9; id++) if (chance(0.7)) items[id] = { name: pick([`Produit ${id}`, null, '  ', ` Service ${id} `]), reference: `P-${id}` };

  const activity = <T>(n: number, make: (id: number, when: string, owner: { company_id: number | null; individual_id: number | null }) => T) =>
    Array.from({ length: n }, (_, i) => {
      const when = dateTime(`${year - (chance(0.7) ? 0 : 1)}-${pad(1 + int(12))}-${pad(1 + int(28))}`);
      const owner = chance(0.8)
        ? { company_id: kind === 'company' ? clientId : null, individual_id: kind === 'individual' ? clientId : null }
        : { company_id: 999, individual_id: null };
      return make(500 + i, when, owner);
    });
  const text = () => pick(['Appel de suivi', '<p>Relance <b>devis</b></p>', 'Appel de suivi', '', 'Rendez-vous\nsur place', 'x'.repeat(300)]);
  const comments = activity<Comment>(int(8), (id, created, o) => ({ id, description: text(), created, ...o, related: chance(0.5) ? mine : [] }));
  const tasks = activity<Task>(int(6), (id, created, o) => ({
    id,
    title: text(),
    description: chance(0.5) ? text() : null,
    status: 'todo',
    due_date: created,
    created,
    ...o,
    related: [],
  }));
  const phoneCalls = activity<PhoneCall>(int(5), (id, date, o) => ({ id, description: text(), date, created: date, ...o, related: [] }));
  const calendarEvents = activity<CalendarEvent>(int(5), (id, start, o) => ({
    id,
    title: text(),
    description: text(),
    datetime_start: start,
    datetime_end: start,
    created: start,
    ...o,
    related: [],
  }));

  const data: ClientData = {
    accountId: `seed-${seed}`,
    accountName: 'Varied',
    defaultCurrency: pick(['EUR', 'USD', null]),
    client: { kind, id: clientId, name: `Client ${seed}`, thirdType: 'client' },
    staffLanguage: 'fr',
    sourceMode: sales ? 'sales' : 'invoicing',
    sourceModeReason: 'setting',
    invoices: sales ? null : invoices,
    creditNotes: sales ? null : creditNotes,
    payments: sales ? null : payments,
    estimates,
    opportunities,
    comments,
    tasks,
    phoneCalls,
    calendarEvents,
    rows,
    items,
    // The data layer's own warnings, one of them twice (the summary names it once), in the summary's language.
    warnings: chance(0.5)
      ? [
          { code: 'detail-unreadable', doc: { type: sales ? 'estimate' : 'invoice', id: 1, number: null }, cause: 'not-found' },
          { code: 'duplicates', resource: sales ? 'estimates' : 'invoices', count: 1 + int(3) },
          { code: 'detail-unreadable', doc: { type: sales ? 'estimate' : 'invoice', id: 1, number: null }, cause: 'not-found' },
        ]
      : [],
  };
  return { data, today, language: chance(0.6) ? 'fr' : 'en' };
}
