// The demo data: deterministic for a given today, valid (every status, consistent amounts), and shaped as the
// brief says (the large client's five years, the empty one, the hostile one, the sales-only twin).
import { describe, expect, it } from 'vitest';
import {
  EMPTY_CLIENT_ID,
  HOSTILE_CLIENT_ID,
  INDIVIDUAL_CLIENT_ID,
  LARGE_CLIENT_ID,
  OTHER_CLIENT_ID,
  PROSPECT_ID,
  SUPPLIER_ID,
} from '../../sellsy/demo';
import { type Obj, seed } from '../../sellsy/seed';
import { addDays, cents, daysBetween, money, parseDay, withVat } from '../../sellsy/util';
import { TODAY } from './helpers';

const db = seed(TODAY);
const inv = db.accounts.invoicing;
const of = (list: Obj[], type: string, id: number) => list.filter((d) => d.related.some((r: Obj) => r.type === type && r.id === id));
const count = (list: Obj[], key = 'status') => {
  const m: Record<string, number> = {};
  for (const o of list) m[o[key]] = (m[o[key]] ?? 0) + 1;
  return m;
};

describe('determinism', () => {
  it('the same today gives the same data; another today shifts every date', () => {
    expect(seed(TODAY)).toEqual(db);
    const later = seed(addDays(TODAY, 10));
    expect(later.accounts.invoicing.invoices.length).toBe(inv.invoices.length);
    expect(later.accounts.invoicing.invoices[0]!.date).toBe(addDays(inv.invoices[0]!.date, 10));
    expect(later.accounts.invoicing.invoices.map((i) => i.amounts)).toEqual(inv.invoices.map((i) => i.amounts));
  });
  it('rejects a today that is not a calendar date', () => {
    expect(() => seed('2026-02-30')).toThrow(/calendar date/);
    expect(() => seed('29/11/2026')).toThrow(/YYYY-MM-DD/);
  });
  it('ids are unique per list, and the two accounts share ids', () => {
    for (const account of [inv, db.accounts.sales]) {
      for (const list of [
        account.invoices,
        account.creditNotes,
        account.estimates,
        account.orders,
        account.payments,
        account.opportunities,
        account.comments,
        account.tasks,
        account.phoneCalls,
        account.calendarEvents,
        account.items,
      ]) {
        expect(new Set(list.map((o) => o.id)).size).toBe(list.length);
      }
    }
    expect(db.accounts.sales.companies.map((c) => c.id)).toEqual(inv.companies.map((c) => c.id));
    expect(db.accounts.sales.estimates[0]!.id).toBe(inv.estimates[0]!.id);
  });
});

describe('the large client', () => {
  const invoices = of(inv.invoices, 'company', LARGE_CLIENT_ID);
  it('has ~450 invoices over five years in every status, mostly paid', () => {
    expect(invoices.length).toBeGreaterThanOrEqual(430);
    expect(invoices.length).toBeLessThanOrEqual(470);
    const c = count(invoices);
    for (const s of ['draft', 'due', 'payinprogress', 'paid', 'late', 'cancelled']) expect(c[s], s).toBeGreaterThan(0);
    expect(c.paid! / invoices.length).toBeGreaterThan(0.8);
    const oldest = invoices.map((i) => i.date).sort()[0]!;
    expect(daysBetween(oldest, TODAY)).toBeGreaterThan(1790);
    expect(invoices.every((i) => i.date <= TODAY)).toBe(true);
  });
  it('amounts are consistent: incl = excl × 1.2, rows add up, remaining follows the status, due 30 days after', () => {
    for (const i of inv.invoices) {
      const excl = cents(i.amounts.total_excl_tax);
      expect(cents(i.amounts.total_incl_tax)).toBe(withVat(excl));
      expect(i.due_date).toBe(addDays(i.date, 30));
      const rows = i.rows.filter((r: Obj) => 'amount_tax_exc' in r && !r.is_optional).reduce((a: number, r: Obj) => a + cents(r.amount_tax_exc), 0);
      expect(rows).toBe(excl);
      const rem = cents(i.amounts.total_remaining_due_incl_tax);
      if (i.status === 'paid' || i.status === 'cancelled') expect(rem).toBe(0);
      else if (i.status === 'payinprogress') expect(rem > 0 && rem < cents(i.amounts.total_incl_tax)).toBe(true);
      else expect(rem).toBe(cents(i.amounts.total_incl_tax));
      if (i.status === 'late') expect(i.due_date < TODAY).toBe(true);
      if (i.status === 'due') expect(i.due_date >= TODAY).toBe(true);
      expect(i.amounts.total_excl_tax).toMatch(/^\d+\.\d{2}$/);
    }
    for (const e of inv.estimates) expect(cents(e.amounts.total)).toBe(withVat(cents(e.amounts.total_excl_tax)));
  });
  it('rows mix catalog (with declinations), single, shipping, comment, title and optional rows', () => {
    const rows = invoices.flatMap((i) => i.rows);
    const types = new Set(rows.map((r) => r.type));
    for (const t of ['catalog', 'single', 'shipping', 'comment', 'title']) expect(types.has(t), t).toBe(true);
    expect(rows.some((r) => r.is_optional === true)).toBe(true);
    expect(rows.some((r) => r.type === 'catalog' && r.related.declination_id !== null)).toBe(true);
    const itemIds = new Set(inv.items.map((i) => i.id));
    for (const r of rows.filter((x) => x.type === 'catalog')) expect(itemIds.has(r.related.id)).toBe(true);
    expect(inv.items.length).toBeGreaterThanOrEqual(30);
  });
  it('payments link paid and partly paid invoices, mostly on time, some late, a few rejected or failed, two paid invoices without any', () => {
    const byInvoice = new Map<number, Obj[]>();
    for (const p of inv.payments) for (const r of p.related_objects) byInvoice.set(r.id, [...(byInvoice.get(r.id) ?? []), p]);
    const paid = invoices.filter((i) => i.status === 'paid');
    const without = paid.filter((i) => !(byInvoice.get(i.id) ?? []).some((p) => p.status === 'confirmed'));
    expect(without).toHaveLength(2);
    let late = 0;
    for (const i of paid.filter((x) => !without.includes(x))) {
      const ps = byInvoice.get(i.id)!.filter((p) => p.status === 'confirmed');
      const linked = ps.reduce((a, p) => a + cents(p.related_objects.find((r: Obj) => r.id === i.id).amount_linked), 0);
      expect(linked).toBe(cents(i.amounts.total_incl_tax));
      const last = ps
        .map((p) => p.paid_at.slice(0, 10))
        .sort()
        .at(-1)!;
      expect(last <= TODAY).toBe(true);
      if (last > i.due_date) late += 1;
    }
    expect(late).toBeGreaterThan(10);
    expect(late).toBeLessThan(paid.length / 2);
    for (const i of invoices.filter((x) => x.status === 'payinprogress')) {
      const linked = (byInvoice.get(i.id) ?? []).reduce((a, p) => a + cents(p.related_objects[0].amount_linked), 0);
      expect(linked + cents(i.amounts.total_remaining_due_incl_tax)).toBe(cents(i.amounts.total_incl_tax));
    }
    const c = count(inv.payments);
    expect(c.rejected).toBeGreaterThan(0);
    expect(c.failed).toBeGreaterThan(0);
    expect(inv.payments.some((p) => p.related_objects.length === 2)).toBe(true);
  });
  it('credit notes, estimates, opportunities, activities and foreign currency', () => {
    const cn = of(inv.creditNotes, 'company', LARGE_CLIENT_ID);
    expect(cn.length).toBeGreaterThanOrEqual(20);
    for (const s of ['draft', 'stored', 'partialspend', 'spent', 'cancelled']) expect(count(cn)[s], s).toBeGreaterThan(0);
    const est = of(inv.estimates, 'company', LARGE_CLIENT_ID);
    expect(est.length).toBeGreaterThanOrEqual(55);
    for (const s of ['draft', 'sent', 'read', 'accepted', 'refused', 'expired', 'advanced', 'partialinvoiced', 'invoiced', 'cancelled'])
      expect(count(est)[s], s).toBeGreaterThan(0);
    expect(est.some((e) => e.status === 'read' && daysBetween(e.date, TODAY) > 7)).toBe(true);
    for (const e of est) expect(e.expiry_date).toBe(addDays(e.date, 30));
    const opp = inv.opportunities.filter((o) => o.company_id === LARGE_CLIENT_ID);
    expect(opp.length).toBe(12);
    expect(new Set(opp.map((o) => o.pipeline.id)).size).toBe(2);
    for (const s of ['open', 'late', 'won', 'lost']) expect(count(opp)[s], s).toBeGreaterThan(0);
    for (const o of opp.filter((x) => x.status === 'late')) expect(o.due_date < TODAY).toBe(true);
    for (const o of opp) expect(inv.steps[o.pipeline.id]!.some((st) => st.id === o.step.id)).toBe(true);
    const usd = [...inv.invoices, ...inv.estimates, ...inv.creditNotes].filter((d) => d.currency === 'USD');
    expect(usd.length).toBeGreaterThanOrEqual(5);
    expect(usd.length).toBeLessThanOrEqual(10);
    const since = addDays(TODAY, -548);
    for (const list of [inv.comments, inv.tasks, inv.phoneCalls, inv.calendarEvents]) {
      const mine = list.filter((a) => a.company_id === LARGE_CLIENT_ID);
      expect(mine.length).toBeGreaterThanOrEqual(15);
    }
    const dateOf = (a: Obj) => (a.datetime_start ?? a.date ?? a.created).slice(0, 10);
    expect(inv.comments.filter((a) => a.company_id === LARGE_CLIENT_ID).every((a) => dateOf(a) >= since)).toBe(true);
    expect(inv.calendarEvents.some((e) => e.company_id === LARGE_CLIENT_ID && dateOf(e) > TODAY)).toBe(true);
    expect(new Set(inv.tasks.filter((t) => t.company_id === LARGE_CLIENT_ID).map((t) => t.status))).toEqual(new Set(['todo', 'done']));
    expect(inv.comments.some((c) => c.company_id === LARGE_CLIENT_ID && /<br>|<b>/.test(c.description))).toBe(true);
  });
});

describe('the other demo thirds', () => {
  it('types, the empty client, the prospect, the individual', () => {
    const type = (id: number) => inv.companies.find((c) => c.id === id)?.type;
    expect([
      type(LARGE_CLIENT_ID),
      type(PROSPECT_ID),
      type(SUPPLIER_ID),
      type(EMPTY_CLIENT_ID),
      type(HOSTILE_CLIENT_ID),
      type(OTHER_CLIENT_ID),
    ]).toEqual(['client', 'prospect', 'supplier', 'client', 'client', 'client']);
    expect(inv.companies.some((c) => c.id === INDIVIDUAL_CLIENT_ID)).toBe(false);
    expect(inv.individuals[0]).toMatchObject({
      id: INDIVIDUAL_CLIENT_ID,
      type: 'client',
      first_name: expect.any(String),
      last_name: expect.any(String),
    });
    for (const list of [inv.invoices, inv.creditNotes, inv.estimates, inv.orders, inv.opportunities])
      expect(of(list, 'company', EMPTY_CLIENT_ID)).toEqual([]);
    for (const list of [inv.comments, inv.tasks, inv.phoneCalls, inv.calendarEvents])
      expect(list.filter((a) => a.company_id === EMPTY_CLIENT_ID)).toEqual([]);
    expect(of(inv.estimates, 'company', PROSPECT_ID)).toHaveLength(1);
    expect(inv.comments.filter((c) => c.company_id === PROSPECT_ID)).toHaveLength(1);
    expect(of(inv.invoices, 'individual', INDIVIDUAL_CLIENT_ID).length).toBeGreaterThanOrEqual(3);
    expect(of(inv.estimates, 'individual', INDIVIDUAL_CLIENT_ID).length).toBeGreaterThanOrEqual(1);
    expect(inv.comments.filter((c) => c.individual_id === INDIVIDUAL_CLIENT_ID).length).toBeGreaterThan(0);
  });
  it('the hostile client holds markup, RTL and zero-width marks, emoji and a 1 MB note', () => {
    const h = inv.companies.find((c) => c.id === HOSTILE_CLIENT_ID)!;
    for (const needle of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '\u202e', '\u200b', '🦄']) expect(h.name).toContain(needle);
    expect(of(inv.invoices, 'company', HOSTILE_CLIENT_ID).every((i) => i.subject.includes('<script>'))).toBe(true);
    const notes = inv.comments.filter((c) => c.company_id === HOSTILE_CLIENT_ID);
    expect(notes.some((c) => c.description.length >= 1_000_000)).toBe(true);
  });
  it('the sales-only account: other names, estimates, opportunities, activities', () => {
    const s = db.accounts.sales;
    expect(s.salesOnly).toBe(true);
    expect(s.companies.find((c) => c.id === LARGE_CLIENT_ID)!.name).not.toBe(inv.companies.find((c) => c.id === LARGE_CLIENT_ID)!.name);
    expect(s.estimates.length).toBeGreaterThan(5);
    expect(s.opportunities.length).toBeGreaterThan(3);
    expect(s.comments.length).toBeGreaterThan(5);
    expect(s.creditNotes).toEqual([]);
    expect(s.payments).toEqual([]);
  });
});

describe('util', () => {
  it('money and cents round-trip, refuse what would round', () => {
    for (const c of [0, 5, 100, 123450, -305, 99]) expect(cents(money(c))).toBe(c);
    expect(money(-305)).toBe('-3.05');
    expect(() => cents('1.234')).toThrow();
    expect(() => cents('abc')).toThrow();
    expect(() => withVat(3)).toThrow(/multiple of 5/);
    expect(() => money(0.5)).toThrow();
    expect(parseDay('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  });
});
