// The demo data of the local Sellsy, built from a fixed PRNG seed and anchored on `today`, so a given today
// always gives the same data. Plain arrays of plain objects: tests mutate them to add odd cases.
import {
  COLLEAGUE_NAME,
  COLLEAGUE_STAFF_ID,
  COLLIDING_CONTACT_ID,
  EMPTY_CLIENT_ID,
  HOSTILE_CLIENT_ID,
  INDIVIDUAL_CLIENT_ID,
  INVOICING_ACCOUNT,
  INVOICING_STAFF_ID,
  LARGE_CLIENT_CONTACT_ID,
  LARGE_CLIENT_ID,
  OTHER_CLIENT_ID,
  PROSPECT_ID,
  SALES_ACCOUNT,
  SALES_STAFF_ID,
  SUPPLIER_ID,
} from './demo';
import { addDays, cents, dateTime, daysBetween, makeRng, money, type Rng, withVat } from './util';

// Sellsy objects are open-ended: tests add fields and odd values freely.
export type Obj = Record<string, any>;

export interface AccountDb {
  key: 'invoicing' | 'sales';
  account: { id: number; name: string };
  /** True for the sales-only licence: invoice, credit-note and payment endpoints answer 403. */
  salesOnly: boolean;
  /** The staff member of the main demo credentials; `staffs` lists every staff member of the account. */
  staff: Obj;
  staffs: Obj[];
  subscription: Obj;
  currencies: Obj[];
  scopes: string[];
  companies: Obj[];
  individuals: Obj[];
  contacts: Obj[];
  invoices: Obj[];
  creditNotes: Obj[];
  estimates: Obj[];
  orders: Obj[];
  payments: Obj[];
  opportunities: Obj[];
  pipelines: Obj[];
  /** Steps by pipeline id. */
  steps: Record<number, Obj[]>;
  comments: Obj[];
  tasks: Obj[];
  phoneCalls: Obj[];
  calendarEvents: Obj[];
  items: Obj[];
}
export interface SellsyDb {
  today: string;
  accounts: { invoicing: AccountDb; sales: AccountDb };
}

type Third = { id: number; type: 'company' | 'individual'; contactId: number | null };

const HOSTILE = '<script>alert(1)</script>';
const HOSTILE_IMG = '<img src=x onerror=alert(1)>';
const RLO = '\u202e';
const ZW = '\u200b\u200d\ufeff';
const HOSTILE_NAME = `${HOSTILE} Société ${RLO}evitsoh${'\u202c'} Zé${ZW}ro 🦄 ${HOSTILE_IMG}`;

const STAFF_OWNER = (id: number) => ({ id, type: 'staff' });

// ---------------------------------------------------------------- catalogue
function buildItems(rng: Rng): Obj[] {
  const names: [string, 'product' | 'service' | 'shipping' | 'packaging', number, boolean][] = [
    ['Suspension Lumière Opale', 'product', 18900, true],
    ['Applique murale Laiton', 'product', 12450, true],
    ['Lampe de chevet Céleste', 'product', 8990, true],
    ['Lampadaire Arc 180', 'product', 34900, false],
    ['Ampoule LED filament E27', 'product', 1290, true],
    ['Ruban LED 5 m blanc chaud', 'product', 4590, false],
    ['Variateur tactile', 'product', 6950, false],
    ['Spot encastrable orientable', 'product', 2790, true],
    ['Plafonnier Vasque verre', 'product', 15800, false],
    ['Lustre cristal 8 bras', 'product', 124000, false],
    ['Abat-jour lin naturel', 'product', 3450, true],
    ['Câble textile 3 m', 'product', 1890, true],
    ['Borne extérieure Jardin', 'product', 21900, false],
    ['Guirlande guinguette 10 m', 'product', 5990, false],
    ['Détecteur de présence', 'product', 3990, false],
    ['Transformateur 24 V', 'product', 2490, false],
    ['Projecteur façade 50 W', 'product', 16500, false],
    ['Lampe de bureau Atelier', 'product', 9900, true],
    ['Étude d’éclairage', 'service', 65000, false],
    ['Installation (heure)', 'service', 5500, false],
    ['Déplacement technicien', 'service', 4500, false],
    ['Maintenance annuelle', 'service', 48000, false],
    ['Conception lumière scénographique', 'service', 120000, false],
    ['Formation domotique', 'service', 39000, false],
    ['Audit énergétique', 'service', 85000, false],
    ['Mise en service', 'service', 15000, false],
    ['Contrat d’entretien trimestriel', 'service', 22000, false],
    ['Location nacelle (jour)', 'service', 28000, false],
    ['Livraison', 'shipping', 1500, false],
    ['Emballage renforcé', 'packaging', 800, false],
  ];
  return names.map(([name, type, price, declined], i) => {
    const id = 1001 + i;
    const item: Obj = {
      id,
      type,
      name,
      reference: `${type === 'service' ? 'SRV' : type === 'product' ? 'PRD' : type.slice(0, 3).toUpperCase()}-${String(id).slice(1)}`,
      reference_price_taxes_exc: money(price),
      reference_price_taxes_inc: money(withVat(price)),
      purchase_amount: money(Math.round((price * (0.35 + rng() * 0.2)) / 10) * 10),
      is_reference_price_taxes_free: false,
      tax_id: 1,
      unit_id: type === 'service' ? 2 : 1,
      category_id: type === 'service' ? 20 : 10,
      price_excl_tax: money(price),
      currency: 'EUR',
      standard_quantity: '1',
      description: `<p>${name}</p>`,
      is_name_included_in_description: false,
      accounting_code_id: 706000,
      accounting_purchase_code_id: 607000,
      is_archived: false,
      is_declined: declined,
    };
    if (declined) item.declinations = [1, 2, 3].map((k) => ({ id: id * 10 + k, name: ['Noir', 'Blanc', 'Laiton'][k - 1] }));
    return item;
  });
}

// ---------------------------------------------------------------- rows and documents
interface RowPlan {
  rows: Obj[];
  excl: number;
  shipping: number;
}
function buildRows(rng: Rng, items: Obj[], nextRowId: () => number, opts: { scale?: number; hostile?: boolean } = {}): RowPlan {
  const rows: Obj[] = [];
  let excl = 0;
  let shipping = 0;
  const products = items.filter((i) => i.type === 'product' || i.type === 'service');
  const taxes = (ex: number) => ({ tax_id: 1, tax_rate: '20.00', tax_label: 'TVA 20%', tax_amount: money(withVat(ex) - ex) });
  if (rng.chance(0.4))
    rows.push({ id: nextRowId(), type: 'title', text: rng.pick(['Fournitures', 'Prestations', 'Projet éclairage salle', 'Chambres étage 2']) });
  const n = rng.int(1, 4);
  for (let k = 0; k < n; k++) {
    const item = rng.pick(products);
    const qty = item.type === 'service' ? rng.int(1, 6) : rng.int(1, 12) * (opts.scale ?? 1);
    const unit = cents(item.reference_price_taxes_exc);
    const ex = qty * unit;
    const optional = rng.chance(0.06);
    rows.push({
      id: nextRowId(),
      type: 'catalog',
      related: { id: item.id, type: item.type, declination_id: item.is_declined ? rng.pick(item.declinations as Obj[]).id : null },
      unit_amount: money(unit),
      purchase_amount: item.purchase_amount,
      unit_id: item.unit_id,
      ...taxes(ex),
      quantity: `${qty}.00`,
      reference: item.reference,
      description: opts.hostile ? `${item.name} ${HOSTILE_IMG}` : item.name,
      discount: { type: 'amount', value: '0.00', total: '0.00' },
      amount_tax_exc: money(ex),
      amount_tax_inc: money(withVat(ex)),
      accounting_code_id: 706000,
      analytic_code: null,
      is_optional: optional,
    });
    if (!optional) excl += ex;
  }
  if (rng.chance(0.3)) {
    const unit = rng.int(5, 90) * 1000;
    rows.push({
      id: nextRowId(),
      type: 'single',
      unit_id: 1,
      purchase_amount: '0.00',
      unit_amount: money(unit),
      ...taxes(unit),
      quantity: '1.00',
      reference: 'LIBRE',
      description: rng.pick(['Adaptation sur mesure', 'Pose spécifique plafond haut', 'Reprise de câblage']),
      discount: { type: 'amount', value: '0.00', total: '0.00' },
      amount_tax_inc: money(withVat(unit)),
      amount_tax_exc: money(unit),
      accounting_code_id: 706000,
      analytic_code: null,
      is_optional: false,
    });
    excl += unit;
  }
  if (rng.chance(0.25)) {
    rows.push({
      id: nextRowId(),
      type: 'shipping',
      related: { id: 1029, type: 'shipping' },
      unit_amount: '15.00',
      quantity: '1.00',
      reference: 'SHP-029',
      description: 'Livraison',
      discount: { type: 'amount', value: '0.00', total: '0.00' },
      accounting_code_id: 708500,
      analytic_code: null,
      ...taxes(1500),
      amount_tax_inc: '18.00',
      amount_tax_exc: '15.00',
      is_optional: false,
    });
    excl += 1500;
    shipping += 1500;
  }
  if (rng.chance(0.3))
    rows.push({ id: nextRowId(), type: 'comment', text: opts.hostile ? `Remarque ${HOSTILE}` : 'Délai de livraison : 3 semaines.' });
  return { rows, excl, shipping };
}

const BASE_DOC = (owner: number) => ({
  owner: STAFF_OWNER(owner),
  assigned_staff_id: owner,
  fiscal_year_id: 3,
  decimal_number: { unit_price: 2, quantity: 2, main: 2 },
  invoicing_address_id: 501,
  delivery_address_id: 501,
  issuer_address_id: 1,
  rate_category_id: 1,
  note: '',
});
/** `withContact`: invoices, credit notes, orders and opportunities may list a contact; estimates may not (OpenAPI enum). */
function relatedOf(t: Third, extra: Obj[] = [], withContact = true): Obj[] {
  const r: Obj[] = [{ id: t.id, type: t.type }];
  if (withContact && t.contactId !== null && t.type === 'company') r.push({ id: t.contactId, type: 'contact' });
  return [...r, ...(withContact ? extra : extra.filter((x) => x.type !== 'contact'))];
}

// ---------------------------------------------------------------- the generator of one account's documents and activities
interface Plan {
  third: Third;
  date: string;
  status: string;
  currency?: string;
  subject?: string;
  extraRelated?: Obj[];
  hostile?: boolean;
}

class Builder {
  rowId = 1;
  readonly rng: Rng;
  constructor(
    readonly db: AccountDb,
    readonly today: string,
    seed: number,
    readonly staffId: number,
  ) {
    this.rng = makeRng(seed);
  }
  nextRowId = () => this.rowId++;
  age(day: string) {
    return daysBetween(day, this.today);
  }
  created(day: string) {
    return dateTime(day, 480 + this.rng.int(0, 600));
  }

  invoices(plans: Plan[]) {
    plans.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const perYear = new Map<string, number>();
    for (const p of plans) {
      const { rows, excl, shipping } = buildRows(this.rng, this.db.items, this.nextRowId, { hostile: p.hostile });
      const incl = withVat(excl);
      let remaining = incl;
      if (p.status === 'paid' || p.status === 'cancelled') remaining = 0;
      if (p.status === 'payinprogress') remaining = Math.max(5, Math.round((incl * (0.3 + this.rng() * 0.4)) / 5) * 5);
      const y = p.date.slice(0, 4);
      const seq = (perYear.get(y) ?? 0) + 1;
      perYear.set(y, seq);
      const id = 10001 + this.db.invoices.length;
      this.db.invoices.push({
        id,
        number: p.status === 'draft' ? `BR-${id}` : `FAC-${y}-${String(seq).padStart(4, '0')}`,
        status: p.status,
        date: p.date,
        due_date: addDays(p.date, 30),
        created: this.created(p.date),
        subject: p.subject ?? this.subject(),
        amounts: {
          total_raw_excl_tax: money(excl),
          total_after_discount_excl_tax: money(excl),
          total_packaging: '0.00',
          total_shipping: money(shipping),
          total_excl_tax: money(excl),
          total_incl_tax: money(incl),
          total_remaining_due_incl_tax: money(remaining),
          total_primes_incl_tax: '0.00',
        },
        currency: p.currency ?? 'EUR',
        taxes: [{ label: 'TVA 20%', id: 1, rate: '20.00', amount: money(incl - excl) }],
        discount: { percent: '0.00', amount: '0.00', type: 'amount' },
        related: relatedOf(p.third, p.extraRelated),
        public_link: { enabled: false, url: `https://www.sellsy.com/public/invoice/${id}` },
        payment_conditions_acceptance: { enabled: false },
        file_id: 70000 + id,
        pdf_link: `https://file.sellsy.com/pdf/invoice-${id}.pdf`,
        contact_id: p.third.type === 'company' ? p.third.contactId : null,
        order_reference: '',
        is_deposit: false,
        is_sent_to_accounting: p.status === 'paid',
        ...BASE_DOC(this.staffId),
        rows,
      });
    }
  }

  subject() {
    return this.rng.pick([
      'Rénovation éclairage du hall',
      'Réassort ampoules chambres',
      'Luminaires salle de restaurant',
      'Maintenance trimestrielle',
      'Éclairage terrasse été',
      'Suspensions bar lounge',
      'Remplacement appliques couloirs',
      'Étude lumière spa',
      'Commande du mois',
    ]);
  }

  creditNotes(plans: Plan[]) {
    plans.sort((a, b) => (a.date < b.date ? -1 : 1));
    for (const p of plans) {
      const { rows, excl, shipping } = buildRows(this.rng, this.db.items, this.nextRowId);
      const incl = withVat(excl);
      const remaining = p.status === 'spent' || p.status === 'cancelled' ? 0 : p.status === 'partialspend' ? Math.round(incl / 10) * 5 : incl;
      const id = 20001 + this.db.creditNotes.length;
      this.db.creditNotes.push({
        id,
        number: p.status === 'draft' ? `BR-AV-${id}` : `AVO-${p.date.slice(0, 4)}-${String(this.db.creditNotes.length + 1).padStart(4, '0')}`,
        status: p.status,
        date: p.date,
        created: this.created(p.date),
        subject: p.subject ?? 'Avoir sur facture (retour marchandise)',
        amounts: {
          total_raw_excl_tax: money(excl),
          total_after_discount_excl_tax: money(excl),
          total_packaging: '0.00',
          total_shipping: money(shipping),
          total_excl_tax: money(excl),
          total_incl_tax: money(incl),
          total_remaining_due_incl_tax: money(remaining),
          total_primes_incl_tax: '0.00',
        },
        currency: p.currency ?? 'EUR',
        taxes: [{ label: 'TVA 20%', id: 1, rate: '20.00', amount: money(incl - excl) }],
        discount: { percent: '0.00', amount: '0.00', type: 'amount' },
        related: relatedOf(p.third, p.extraRelated),
        public_link: { enabled: false, url: `https://www.sellsy.com/public/creditnote/${id}` },
        pdf_link: `https://file.sellsy.com/pdf/credit-${id}.pdf`,
        contact_id: p.third.type === 'company' ? p.third.contactId : null,
        is_deposit: false,
        ...BASE_DOC(this.staffId),
        rows,
      });
    }
  }

  estimates(plans: Plan[]) {
    plans.sort((a, b) => (a.date < b.date ? -1 : 1));
    for (const p of plans) {
      const { rows, excl, shipping } = buildRows(this.rng, this.db.items, this.nextRowId, { hostile: p.hostile });
      const incl = withVat(excl);
      const id = 30001 + this.db.estimates.length;
      this.db.estimates.push({
        id,
        number: p.status === 'draft' ? `BR-DEV-${id}` : `DEV-${p.date.slice(0, 4)}-${String(this.db.estimates.length + 1).padStart(4, '0')}`,
        status: p.status,
        date: p.date,
        expiry_date: addDays(p.date, 30),
        created: this.created(p.date),
        subject: p.subject ?? this.subject(),
        amounts: {
          shipping: money(shipping),
          packaging: '0.00',
          total_raw_excl_tax: money(excl),
          total_after_discount_excl_tax: money(excl),
          total_excl_tax: money(excl),
          total: money(incl),
          total_primes_incl_tax: '0.00',
        },
        currency: p.currency ?? 'EUR',
        taxes: [{ label: 'TVA 20%', id: 1, rate: '20.00', amount: money(incl - excl) }],
        discount: { percent: '0.00', amount: '0.00', type: 'amount' },
        related: relatedOf(p.third, p.extraRelated, false),
        public_link: `https://www.sellsy.com/public/estimate/${id}`,
        pdf_link: `https://file.sellsy.com/pdf/estimate-${id}.pdf`,
        contact_id: p.third.type === 'company' ? p.third.contactId : null,
        ...BASE_DOC(this.staffId),
        rows,
      });
    }
  }

  orders(plans: Plan[]) {
    plans.sort((a, b) => (a.date < b.date ? -1 : 1));
    for (const p of plans) {
      const { rows, excl, shipping } = buildRows(this.rng, this.db.items, this.nextRowId);
      const incl = withVat(excl);
      const id = 40001 + this.db.orders.length;
      this.db.orders.push({
        id,
        number: `CMD-${p.date.slice(0, 4)}-${String(this.db.orders.length + 1).padStart(4, '0')}`,
        status: p.status,
        order_status: p.status === 'invoiced' ? 'sent' : p.status === 'accepted' ? 'picking' : 'none',
        date: p.date,
        due_date: addDays(p.date, 15),
        created: this.created(p.date),
        subject: p.subject ?? this.subject(),
        amounts: {
          total_raw_excl_tax: money(excl),
          total_after_discount_excl_tax: money(excl),
          total_packaging: '0.00',
          total_shipping: money(shipping),
          total_excl_tax: money(excl),
          total_incl_tax: money(incl),
        },
        currency: p.currency ?? 'EUR',
        taxes: [{ label: 'TVA 20%', id: 1, rate: '20.00', amount: money(incl - excl) }],
        related: relatedOf(p.third, p.extraRelated),
        contact_id: p.third.type === 'company' ? p.third.contactId : null,
        ...BASE_DOC(this.staffId),
        rows,
      });
    }
  }

  /** Payments for the invoices of `third`: paid ones (but `skip`), partial ones, a few rejected or failed. */
  payments(third: Third, skip: Set<number>) {
    const mine = this.db.invoices.filter((i) => i.related.some((r: Obj) => r.type === third.type && r.id === third.id));
    const out: Obj[] = [];
    const pay = (inv: Obj, amount: number, paidAt: string, status: string) =>
      out.push({
        paid_at: dateTime(paidAt, 600 + this.rng.int(0, 300)),
        status,
        payment_method_id: this.rng.pick([1, 2, 3]),
        type: 'credit',
        amounts: { total: money(amount), remaining: '0.00' },
        currency: inv.currency,
        related: { id: third.id, type: third.type },
        note: '',
        related_objects: [{ id: inv.id, type: 'invoice', amount_linked: money(amount), linked_date: paidAt }],
      });
    let bad = 0;
    for (const inv of mine) {
      const incl = cents(inv.amounts.total_incl_tax);
      const maxDay = (d: string) => (d > this.today ? this.today : d);
      if (inv.status === 'paid' && !skip.has(inv.id)) {
        const late = this.rng.chance(0.18);
        const day = maxDay(late ? addDays(inv.due_date, this.rng.int(1, 45)) : addDays(inv.date, this.rng.int(0, 30)));
        if (incl > 100000 && this.rng.chance(0.3)) {
          const first = Math.round(incl / 10) * 5;
          pay(inv, first, maxDay(addDays(inv.date, this.rng.int(0, 10))), 'confirmed');
          pay(inv, incl - first, day, 'confirmed');
        } else pay(inv, incl, day, 'confirmed');
      } else if (inv.status === 'payinprogress') {
        const remaining = cents(inv.amounts.total_remaining_due_incl_tax);
        pay(inv, incl - remaining, maxDay(addDays(inv.date, this.rng.int(0, 20))), 'confirmed');
      } else if (inv.status === 'late' && bad < 4) {
        pay(inv, incl, maxDay(addDays(inv.due_date, this.rng.int(0, 10))), bad % 2 === 0 ? 'rejected' : 'failed');
        bad += 1;
      }
    }
    this.db.payments.push(...out);
  }

  opportunities(third: Third, count: number, names: string[]) {
    const statuses = ['open', 'open', 'open', 'open', 'late', 'late', 'won', 'won', 'won', 'lost', 'lost', 'cancelled'];
    for (let k = 0; k < count; k++) {
      const status = statuses[k % statuses.length]!;
      const pipeline = this.db.pipelines[k % this.db.pipelines.length]!;
      const steps = this.db.steps[pipeline.id]!;
      const step = status === 'won' ? steps[steps.length - 1]! : this.rng.pick(steps);
      const createdDay = addDays(this.today, -this.rng.int(status === 'open' ? 10 : 60, 500));
      const due =
        status === 'open'
          ? addDays(this.today, this.rng.int(5, 120))
          : status === 'late'
            ? addDays(this.today, -this.rng.int(3, 60))
            : addDays(createdDay, this.rng.int(20, 50));
      const value = this.rng.int(20, 900) * 5000;
      this.db.opportunities.push({
        id: 0,
        number: '',
        name: names[k % names.length]!,
        source: { id: 1, name: 'Salon professionnel' },
        due_date: due,
        created: this.created(createdDay),
        updated_status: this.created(status === 'open' ? createdDay : due),
        status,
        amount: { value: money(value), currency: 'EUR' },
        pipeline: { id: pipeline.id, name: pipeline.name },
        step: { id: step.id, name: step.name },
        probability: status === 'won' ? 100 : status === 'lost' || status === 'cancelled' ? 0 : step.probability,
        note: '<p>Projet suivi par la direction.</p>',
        owner: STAFF_OWNER(this.staffId),
        assigned_staff_ids: [this.staffId],
        contact_ids: third.contactId !== null ? [third.contactId] : [],
        company_id: third.type === 'company' ? third.id : null,
        individual_id: third.type === 'individual' ? third.id : null,
        main_doc_id: null,
        related: relatedOf(third),
      });
    }
  }

  activities(third: Third, n: { comments: number; tasks: number; calls: number; events: number }, texts: { hostile?: boolean } = {}) {
    const link = {
      company_id: third.type === 'company' ? third.id : null,
      individual_id: third.type === 'individual' ? third.id : null,
      contact_id: third.type === 'company' ? third.contactId : null,
      related: [{ id: third.id, type: third.type }],
    };
    const span = 548;
    const commentTexts = [
      '<p>Appel avec M. Durand : satisfait de la dernière livraison.<br>Souhaite un devis pour la terrasse.</p>',
      '<p>Relance envoyée pour la facture en retard.</p>',
      '<p><b>Important</b> : changement d’interlocuteur comptable.</p>',
      'Visite sur site, prise de mesures pour le hall.',
      '<p>Client très attentif aux délais.<br>Prévoir une marge de 1 semaine.</p>',
      '<p>Retour positif sur les suspensions Opale.</p>',
      'Demande de catalogue 2026 envoyée.',
    ];
    for (let k = 0; k < n.comments; k++) {
      const day = addDays(this.today, -Math.floor(((k + this.rng()) * span) / n.comments));
      const description = texts.hostile
        ? [`<p>${HOSTILE}</p>`, `${HOSTILE_IMG} ${RLO}txet desrever${'\u202c'}`, `Zé${ZW}ro 🦄🔥`][k % 3]!
        : this.rng.pick(commentTexts);
      this.db.comments.push({
        id: 0,
        owner: STAFF_OWNER(this.staffId),
        description,
        created: this.created(day),
        updated: this.created(day),
        parent_id: null,
        ...link,
      });
    }
    for (let k = 0; k < n.tasks; k++) {
      const future = k < 3;
      const day = future ? addDays(this.today, this.rng.int(1, 30)) : addDays(this.today, -Math.floor(((k + this.rng()) * span) / n.tasks));
      const createdDay = future ? addDays(this.today, -this.rng.int(1, 20)) : addDays(day, -this.rng.int(1, 15));
      this.db.tasks.push({
        id: 0,
        title: texts.hostile
          ? `Tâche ${HOSTILE}`
          : this.rng.pick([
              'Relancer le devis',
              'Préparer la réunion annuelle',
              'Envoyer le catalogue',
              'Vérifier le paiement',
              'Planifier la maintenance',
            ]),
        description: '<p>Voir avec la comptabilité.</p>',
        status: future || this.rng.chance(0.15) ? 'todo' : 'done',
        is_private: false,
        due_date: dateTime(day, 540),
        assigned_staff_ids: [this.staffId],
        label: { id: 1, name: 'Commercial', color: '#3b82f6' },
        created: this.created(createdDay),
        updated: this.created(createdDay),
        owner: STAFF_OWNER(this.staffId),
        priority: k % 5 === 0 ? 1 : 0,
        ...link,
        related: link.related.slice(0, 1),
      });
    }
    for (let k = 0; k < n.calls; k++) {
      const day = addDays(this.today, -Math.floor(((k + this.rng()) * span) / n.calls));
      const result = this.rng.pick([
        ['connected', 'Joint'],
        ['noanswer', 'Pas de réponse'],
        ['msgvocal', 'Message vocal'],
      ] as const);
      this.db.phoneCalls.push({
        id: 0,
        source: this.rng.chance(0.5) ? 'incoming' : 'outcoming',
        description: texts.hostile
          ? `Appel ${HOSTILE_IMG}`
          : this.rng.pick(['Point sur la commande en cours', 'Question sur la facture', 'Demande de rendez-vous']),
        date: this.created(day),
        duration: this.rng.int(30, 1500),
        created: this.created(day),
        updated: this.created(day),
        owner: STAFF_OWNER(this.staffId),
        topic: { id: 1, name: 'Suivi client' },
        result: { id: result[0], name: result[1] },
        ...link,
      });
    }
    for (let k = 0; k < n.events; k++) {
      const future = k < Math.min(3, Math.ceil(n.events / 5));
      const day = future ? addDays(this.today, this.rng.int(2, 40)) : addDays(this.today, -Math.floor(((k + this.rng()) * span) / n.events));
      const start = 540 + this.rng.int(0, 16) * 30;
      this.db.calendarEvents.push({
        id: 0,
        title: texts.hostile
          ? `RDV ${HOSTILE}`
          : this.rng.pick(['Rendez-vous showroom', 'Visite chantier', 'Réunion annuelle', 'Démonstration domotique']),
        description: '<p>Ordre du jour :<br>- bilan<br>- projets</p>',
        datetime_start: dateTime(day, start),
        datetime_end: dateTime(day, start + 60),
        all_day: false,
        is_private: false,
        participants: [{ id: this.staffId, type: 'staff' }],
        label: { id: 2, name: 'Rendez-vous', color: '#10b981' },
        created: this.created(addDays(day, -7)),
        updated: this.created(addDays(day, -7)),
        owner: STAFF_OWNER(this.staffId),
        priority: 0,
        ...link,
        related: link.related.slice(0, 1),
      });
    }
  }
}

/** Activity and opportunity ids follow creation order, like Sellsy's auto-increment. */
function numberByCreated(list: Obj[], base: number, key = 'created', numberPrefix?: string) {
  list.sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));
  list.forEach((o, i) => {
    o.id = base + i;
    if (numberPrefix) o.number = `${numberPrefix}-${base + i}`;
  });
}

// ---------------------------------------------------------------- thirds
function company(id: number, type: string, name: string, extra: Obj = {}): Obj {
  return {
    id,
    type,
    name,
    email: `contact@${name
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z]+/g, '')}.fr`.slice(0, 60),
    website: null,
    phone_number: '+33 1 42 00 00 00',
    mobile_number: null,
    fax_number: null,
    legal_france: {
      siret: '41234567800017',
      siren: '412345678',
      vat: 'FR12412345678',
      ape_naf_code: '5510Z',
      company_type: 'SARL',
      rcs_immatriculation: 'RCS Paris',
    },
    capital: '50000.00',
    reference: `CLI-${id}`,
    note: '',
    auxiliary_code: null,
    social: { twitter: null, facebook: null, linkedin: null, viadeo: null },
    rate_category_id: 1,
    main_contact_id: null,
    dunning_contact_id: null,
    invoicing_contact_id: null,
    invoicing_address_id: 501,
    delivery_address_id: 501,
    accounting_code_id: 411000,
    accounting_purchase_code_id: null,
    owner: STAFF_OWNER(INVOICING_STAFF_ID),
    created: '2019-03-12T10:24:00+01:00',
    updated_at: '2026-01-05T16:02:00+01:00',
    is_archived: false,
    business_segment: { id: 3, label: 'Hôtellerie - restauration' },
    number_of_employees: { id: 2, label: '10-49' },
    marketing_campaigns_subscriptions: ['email'],
    ...extra,
  };
}

function thirdsFor(
  names: Record<number, string>,
  individual: { first: string; last: string },
): { companies: Obj[]; individuals: Obj[]; contacts: Obj[] } {
  const companies = [
    company(LARGE_CLIENT_ID, 'client', names[LARGE_CLIENT_ID]!, {
      main_contact_id: LARGE_CLIENT_CONTACT_ID,
      note: '<p>Groupe de 4 hôtels.<br><b>Payeur</b> : siège.</p>',
    }),
    company(PROSPECT_ID, 'prospect', names[PROSPECT_ID]!),
    company(SUPPLIER_ID, 'supplier', names[SUPPLIER_ID]!, { accounting_code_id: null, accounting_purchase_code_id: 401000 }),
    company(EMPTY_CLIENT_ID, 'client', names[EMPTY_CLIENT_ID]!, { created: '2026-10-01T09:00:00+02:00' }),
    company(HOSTILE_CLIENT_ID, 'client', names[HOSTILE_CLIENT_ID]!, { email: null, note: `<p>${HOSTILE}</p>${HOSTILE_IMG}` }),
    company(OTHER_CLIENT_ID, 'client', names[OTHER_CLIENT_ID]!, { main_contact_id: COLLIDING_CONTACT_ID }),
  ];
  const individuals = [
    {
      id: INDIVIDUAL_CLIENT_ID,
      type: 'client',
      last_name: individual.last,
      first_name: individual.first,
      civility: 'mrs',
      email: `${individual.first.toLowerCase()}.${individual.last
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z]/g, '')}@exemple.fr`,
      website: null,
      phone_number: null,
      mobile_number: '+33 6 12 34 56 78',
      fax_number: null,
      reference: `PAR-${INDIVIDUAL_CLIENT_ID}`,
      note: '',
      auxiliary_code: null,
      social: { twitter: null, facebook: null, linkedin: null, viadeo: null },
      rate_category_id: 1,
      main_contact_id: null,
      dunning_contact_id: null,
      invoicing_contact_id: null,
      invoicing_address_id: 502,
      delivery_address_id: 502,
      accounting_code_id: 411000,
      accounting_purchase_code_id: null,
      owner: STAFF_OWNER(INVOICING_STAFF_ID),
      created: '2023-05-20T14:00:00+02:00',
      updated_at: '2025-11-02T11:00:00+01:00',
      is_archived: false,
      marketing_campaigns_subscriptions: [],
    },
  ];
  const contacts = [
    {
      id: LARGE_CLIENT_CONTACT_ID,
      civility: 'mr',
      first_name: 'Henri',
      last_name: 'Durand',
      email: 'h.durand@hotellerie-durand.fr',
      company_ids: [LARGE_CLIENT_ID],
    },
    { id: COLLIDING_CONTACT_ID, civility: 'ms', first_name: 'Inès', last_name: 'Zinc', email: 'ines@petitzinc.fr', company_ids: [OTHER_CLIENT_ID] },
  ];
  return { companies, individuals, contacts };
}

function emptyAccount(key: 'invoicing' | 'sales', account: { id: number; name: string }, staffId: number, salesOnly: boolean): AccountDb {
  const pipelines = [
    { id: 61, name: 'Ventes hôtellerie', is_default: true, step: 4, rank: 1 },
    { id: 62, name: 'Projets éclairage', is_default: false, step: 3, rank: 2 },
  ];
  const steps: Record<number, Obj[]> = {
    61: [
      ['Découverte', 10],
      ['Proposition', 40],
      ['Négociation', 70],
      ['Signature', 90],
    ].map(([name, p], i) => ({ id: 611 + i, name, probability: p, rank: i + 1 })),
    62: [
      ['Qualification', 20],
      ['Étude', 50],
      ['Devis', 75],
    ].map(([name, p], i) => ({ id: 621 + i, name, probability: p, rank: i + 1 })),
  };
  const license = salesOnly ? 'pack_prospecting_sale' : 'pack_all_included';
  return {
    key,
    account,
    salesOnly,
    staff: {
      id: staffId,
      firstname: salesOnly ? 'Léa' : 'Camille',
      lastname: salesOnly ? 'Bernard' : 'Martin',
      email: salesOnly ? 'lea@studio-ventes.example' : 'camille@atelier-lumiere.example',
      language: 'fr',
      timezone: 'Europe/Paris',
      position: 'Gérante',
      status: 'ok',
      civility: 'mrs',
      created: '2021-01-04T09:00:00+01:00',
      _licenses: [{ id: salesOnly ? 'lic-sale-1' : 'lic-all-1', code: license, enabled: true }],
      _account: {
        id: account.id,
        uuid: `00000000-0000-4000-8000-0000000${account.id}`,
        name: account.name,
        country_code: 'FR',
        created: '2021-01-04T09:00:00+01:00',
      },
      _preferences: { timezone: 'Europe/Paris', format_phone_number: 'international', format_date: 'DD-MM-YYYY', currency: 'EUR' },
    },
    staffs: [],
    subscription: {
      licenses: [{ id: salesOnly ? 'lic-sale-1' : 'lic-all-1', code: license, available: 2, total: 3 }],
      plugins: {
        accounting: !salesOnly,
        invoicing: !salesOnly,
        prospection: true,
        saleestimate: true,
        phonecall: true,
        scheduler: true,
        proposal: true,
      },
    },
    currencies: [
      { id: 1, code: 'EUR', symbol: '€', is_default: true },
      { id: 2, code: 'USD', symbol: '$', is_default: false },
      { id: 3, code: 'GBP', symbol: '£', is_default: false },
    ],
    scopes: [
      'companies.read',
      'individuals.read',
      'contacts.read',
      'estimates.read',
      'orders.read',
      'opportunities.read',
      'comments.read',
      'comments.write',
      'tasks.read',
      'phonecalls.read',
      'calendars.read',
      'items.read',
      'staffs.read',
      'accounts.read',
      'scopes.read',
      ...(salesOnly ? [] : ['invoices.read', 'credit-notes.read', 'payments.read', 'invoicing.read']),
    ],
    companies: [],
    individuals: [],
    contacts: [],
    invoices: [],
    creditNotes: [],
    estimates: [],
    orders: [],
    payments: [],
    opportunities: [],
    pipelines,
    steps,
    comments: [],
    tasks: [],
    phoneCalls: [],
    calendarEvents: [],
    items: [],
  };
}

const third = (id: number, type: 'company' | 'individual' = 'company', contactId: number | null = null): Third => ({ id, type, contactId });

function seedInvoicing(today: string): AccountDb {
  const db = emptyAccount('invoicing', INVOICING_ACCOUNT, INVOICING_STAFF_ID, false);
  db.staffs = [
    db.staff,
    {
      ...db.staff,
      id: COLLEAGUE_STAFF_ID,
      ...COLLEAGUE_NAME,
      email: 'julien@atelier-lumiere.example',
      position: 'Commercial',
      civility: 'mr',
      created: '2023-03-01T09:00:00+01:00',
    },
  ];
  Object.assign(
    db,
    thirdsFor(
      {
        [LARGE_CLIENT_ID]: 'Hôtellerie Durand & Fils',
        [PROSPECT_ID]: 'Brasserie du Canal',
        [SUPPLIER_ID]: 'Verrerie Artisanale Lemoine',
        [EMPTY_CLIENT_ID]: 'Cabinet Moreau Conseil',
        [HOSTILE_CLIENT_ID]: HOSTILE_NAME,
        [OTHER_CLIENT_ID]: 'Restaurant Le Petit Zinc',
      },
      { first: 'Sophie', last: 'Lefèvre' },
    ),
  );
  const b = new Builder(db, today, 0x5e115e, INVOICING_STAFF_ID);
  const rng = b.rng;
  db.items = buildItems(rng);
  const large = third(LARGE_CLIENT_ID, 'company', LARGE_CLIENT_CONTACT_ID);
  const other = third(OTHER_CLIENT_ID, 'company', COLLIDING_CONTACT_ID);
  const indiv = third(INDIVIDUAL_CLIENT_ID, 'individual');
  const hostile = third(HOSTILE_CLIENT_ID);

  // Invoices: ~450 for the large client over five years, status by age; a handful in USD.
  const inv: Plan[] = [];
  const N = 452;
  for (let k = 0; k < N; k++) {
    const age = Math.max(1, Math.round(1825 - (k * 1822) / (N - 1)) - rng.int(0, 3));
    const date = addDays(today, -age);
    const r = rng();
    let status: string;
    if (age > 120) status = r < 0.955 ? 'paid' : r < 0.99 ? 'cancelled' : 'late';
    else if (age > 30) status = r < 0.55 ? 'paid' : r < 0.78 ? 'late' : r < 0.95 ? 'payinprogress' : 'cancelled';
    else status = r < 0.6 ? 'due' : r < 0.75 ? 'paid' : r < 0.87 ? 'payinprogress' : 'draft';
    inv.push({ third: large, date, status, currency: k % 67 === 5 ? 'USD' : undefined });
  }
  for (const [age, status] of [
    [400, 'paid'],
    [200, 'paid'],
    [45, 'late'],
    [10, 'due'],
  ] as const)
    inv.push({ third: indiv, date: addDays(today, -age), status });
  for (const [age, status] of [
    [300, 'paid'],
    [50, 'late'],
    [5, 'due'],
  ] as const)
    inv.push({ third: hostile, date: addDays(today, -age), status, subject: `Facture ${HOSTILE} ${HOSTILE_IMG} 🦄`, hostile: true });
  for (let k = 0; k < 24; k++) {
    const age = 20 + k * 60 + rng.int(0, 9);
    const both = k % 4 === 0 ? [{ id: LARGE_CLIENT_CONTACT_ID, type: 'contact' }] : [];
    inv.push({ third: other, date: addDays(today, -age), status: age > 120 ? 'paid' : age > 30 ? 'late' : 'due', extraRelated: both });
  }
  b.invoices(inv);
  const largePaid = db.invoices.filter((i) => i.status === 'paid' && i.related[0].id === LARGE_CLIENT_ID);
  const noPayment = new Set([largePaid[40]!.id, largePaid[200]!.id]);
  // Two paid invoices settled by one payment (a payment may link several invoices).
  const [pairA, pairB] = [largePaid[300]!, largePaid[301]!];
  b.payments(large, new Set([...noPayment, pairA.id, pairB.id]));
  const pairDay = addDays(pairB.date, 12);
  db.payments.push({
    paid_at: dateTime(pairDay, 630),
    status: 'confirmed',
    payment_method_id: 2,
    type: 'credit',
    amounts: { total: money(cents(pairA.amounts.total_incl_tax) + cents(pairB.amounts.total_incl_tax)), remaining: '0.00' },
    currency: pairA.currency,
    related: { id: LARGE_CLIENT_ID, type: 'company' },
    note: 'Virement groupé',
    related_objects: [pairA, pairB].map((i) => ({ id: i.id, type: 'invoice', amount_linked: i.amounts.total_incl_tax, linked_date: pairDay })),
  });
  // A rejected payment dated after the confirmed one of the same invoice: the payment date must ignore it.
  const bounced = largePaid[100]!;
  const confirmed = db.payments
    .filter((p) => p.related_objects.some((r: Obj) => r.id === bounced.id))
    .sort((x, y) => (x.paid_at < y.paid_at ? 1 : -1))[0]!;
  db.payments.push({
    ...structuredClone(confirmed),
    status: 'rejected',
    paid_at: dateTime(addDays(confirmed.paid_at.slice(0, 10), 20), 700),
    note: 'Chèque rejeté',
  });
  b.payments(indiv, new Set());
  b.payments(other, new Set());
  b.payments(hostile, new Set());
  numberByCreated(db.payments, 50001, 'paid_at');
  db.payments.forEach((p) => {
    p.number = `REG-${p.id}`;
  });

  // Credit notes: every status.
  const cn: Plan[] = [];
  const cnStatuses = ['spent', 'spent', 'spent', 'stored', 'partialspend', 'spent', 'draft', 'spent', 'cancelled', 'stored'];
  for (let k = 0; k < 25; k++)
    cn.push({
      third: large,
      date: addDays(today, -(15 + k * 70 + rng.int(0, 20))),
      status: cnStatuses[k % cnStatuses.length]!,
      currency: k === 7 ? 'USD' : undefined,
    });
  cn.push({ third: indiv, date: addDays(today, -150), status: 'spent' });
  cn.push({ third: other, date: addDays(today, -90), status: 'stored', extraRelated: [{ id: LARGE_CLIENT_CONTACT_ID, type: 'contact' }] });
  b.creditNotes(cn);

  // Estimates: status by age, some `read` more than 7 days old, some `sent`.
  const est: Plan[] = [];
  for (let k = 0; k < 60; k++) {
    const age = Math.round(1800 - k * 30.3) + rng.int(0, 4);
    const r = rng();
    let status: string;
    if (age > 60)
      status =
        r < 0.22
          ? 'accepted'
          : r < 0.55
            ? 'invoiced'
            : r < 0.6
              ? 'partialinvoiced'
              : r < 0.65
                ? 'advanced'
                : r < 0.8
                  ? 'refused'
                  : r < 0.95
                    ? 'expired'
                    : 'cancelled';
    else if (age > 30) status = r < 0.4 ? 'accepted' : r < 0.7 ? 'refused' : 'expired';
    else status = ['sent', 'read', 'read', 'draft', 'sent', 'accepted'][k % 6]!;
    est.push({ third: large, date: addDays(today, -age), status, currency: k === 33 ? 'USD' : undefined });
  }
  // Always present whatever the PRNG gives: an old unanswered `read`, a fresh `sent`, and one of each remaining status.
  est.push({ third: large, date: addDays(today, -12), status: 'read' }, { third: large, date: addDays(today, -20), status: 'read' });
  est.push({ third: large, date: addDays(today, -3), status: 'sent' }, { third: large, date: addDays(today, -2), status: 'draft' });
  for (const s of ['advanced', 'partialinvoiced', 'cancelled', 'expired', 'refused'])
    est.push({ third: large, date: addDays(today, -rng.int(100, 900)), status: s });
  est.push({ third: indiv, date: addDays(today, -9), status: 'sent' });
  est.push({ third: third(PROSPECT_ID), date: addDays(today, -6), status: 'sent' });
  est.push({ third: hostile, date: addDays(today, -4), status: 'read', subject: `Devis ${HOSTILE}`, hostile: true });
  for (let k = 0; k < 6; k++)
    est.push({
      third: other,
      date: addDays(today, -(8 + k * 50)),
      status: ['sent', 'accepted', 'invoiced', 'read', 'refused', 'expired'][k]!,
      extraRelated: k % 2 === 0 ? [{ id: LARGE_CLIENT_CONTACT_ID, type: 'contact' }] : [],
    });
  b.estimates(est);

  b.orders(
    ['accepted', 'invoiced', 'invoiced', 'sent', 'draft', 'partialinvoiced', 'cancelled', 'read'].map((status, k) => ({
      third: large,
      date: addDays(today, -(10 + k * 90)),
      status,
    })),
  );
  b.orders([{ third: other, date: addDays(today, -40), status: 'accepted' }]);

  b.opportunities(large, 12, [
    'Rénovation hôtel Bordeaux',
    'Éclairage terrasses',
    'Spa Biarritz',
    'Salle de séminaire',
    'Lobby Lyon',
    'Chambres premium',
    'Parking LED',
    'Bar rooftop',
    'Façade illuminée',
    'Restaurant gastronomique',
    'Domotique suites',
    'Contrat maintenance groupe',
  ]);
  b.opportunities(indiv, 1, ['Éclairage maison']);
  b.opportunities(other, 2, ['Nouvelle salle', 'Terrasse couverte']);
  numberByCreated(db.opportunities, 60001, 'created', 'OPP');

  b.activities(large, { comments: 40, tasks: 25, calls: 30, events: 20 });
  b.activities(indiv, { comments: 3, tasks: 2, calls: 1, events: 1 });
  b.activities(other, { comments: 8, tasks: 4, calls: 5, events: 3 });
  b.activities(third(PROSPECT_ID), { comments: 1, tasks: 0, calls: 0, events: 0 });
  b.activities(hostile, { comments: 3, tasks: 1, calls: 1, events: 1 }, { hostile: true });
  // The 1 MB note.
  const unit = `<p>${HOSTILE}${HOSTILE_IMG} ${RLO}abc${'\u202c'}${ZW} 🦄 Lorem ipsum dolor sit amet.</p>\n`;
  db.comments.push({
    id: 0,
    owner: STAFF_OWNER(INVOICING_STAFF_ID),
    description: unit.repeat(Math.ceil(1_048_576 / unit.length)).slice(0, 1_048_576),
    created: dateTime(addDays(today, -2), 600),
    updated: dateTime(addDays(today, -2), 600),
    parent_id: null,
    company_id: HOSTILE_CLIENT_ID,
    individual_id: null,
    contact_id: null,
    related: [{ id: HOSTILE_CLIENT_ID, type: 'company' }],
  });
  for (const [list, base] of [
    [db.comments, 70001],
    [db.tasks, 80001],
    [db.phoneCalls, 85001],
    [db.calendarEvents, 90001],
  ] as const)
    numberByCreated(list, base);
  return db;
}

function seedSales(today: string): AccountDb {
  const db = emptyAccount('sales', SALES_ACCOUNT, SALES_STAFF_ID, true);
  db.staffs = [db.staff];
  Object.assign(
    db,
    thirdsFor(
      {
        [LARGE_CLIENT_ID]: 'Groupe Vasseur Événements',
        [PROSPECT_ID]: 'Librairie des Quais',
        [SUPPLIER_ID]: 'Imprimerie Roux',
        [EMPTY_CLIENT_ID]: 'Agence Nord Média',
        [HOSTILE_CLIENT_ID]: 'Collectif Ombre & Lumière',
        [OTHER_CLIENT_ID]: 'Théâtre du Marais',
      },
      { first: 'Julien', last: 'Perrin' },
    ),
  );
  db.companies.forEach((c) => {
    c.owner = STAFF_OWNER(SALES_STAFF_ID);
    c.business_segment = { id: 5, label: 'Culture - événementiel' };
  });
  const b = new Builder(db, today, 0xa1e5, SALES_STAFF_ID);
  db.items = buildItems(b.rng);
  const large = third(LARGE_CLIENT_ID, 'company', LARGE_CLIENT_CONTACT_ID);
  const indiv = third(INDIVIDUAL_CLIENT_ID, 'individual');
  // Invoices exist (same ids as the other account) but the licence hides them: the endpoints answer 403.
  b.invoices(Array.from({ length: 10 }, (_, k) => ({ third: large, date: addDays(today, -(20 + k * 40)), status: k === 0 ? 'due' : 'paid' })));
  b.estimates(
    Array.from({ length: 14 }, (_, k) => ({
      third: large,
      date: addDays(today, -(5 + k * 45)),
      status: ['sent', 'read', 'accepted', 'refused', 'expired', 'accepted', 'draft'][k % 7]!,
    })),
  );
  b.estimates([{ third: indiv, date: addDays(today, -30), status: 'accepted' }]);
  b.opportunities(large, 6, ['Festival d’été', 'Gala annuel', 'Tournée régionale', 'Salon du livre', 'Soirée clients', 'Séminaire direction']);
  numberByCreated(db.opportunities, 60001, 'created', 'OPP');
  b.activities(large, { comments: 12, tasks: 6, calls: 8, events: 5 });
  b.activities(indiv, { comments: 2, tasks: 1, calls: 1, events: 0 });
  for (const [list, base] of [
    [db.comments, 70001],
    [db.tasks, 80001],
    [db.phoneCalls, 85001],
    [db.calendarEvents, 90001],
  ] as const)
    numberByCreated(list, base);
  return db;
}

export function seed(today: string): SellsyDb {
  return { today, accounts: { invoicing: seedInvoicing(today), sales: seedSales(today) } };
}
