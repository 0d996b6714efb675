// Card 5 (docs/summary-contract.md §7) without an LLM: rules over the figures of cards 1 to 4, most pressing first, 2 to 5 of
// them. Each states only figures the summary holds, formatted by lib/format/intl.ts, and names its evidence, the
// record to look at first leading: the panel and the written forms show the first few and count the rest.
// The CRM names a sentence quotes go through lib/format/crm-name.ts, as in every rendering.

import { addDays, daysBetween } from '../dates';
import { compare, formatAmount } from '../decimal';
import { crmName, docNumberText, productLabel } from '../format/crm-name';
import { formatDate, formatMoney, formatNumber } from '../format/intl';
import type { Evidence, Recommendation, SourceDoc, Summary } from '../summary/types';
import { noun } from '../words/documents';
import { byDateId, type Ctx, newestFirst } from './context';

const MIN = 2;
const MAX = 5;
/** A read estimate with no answer for this many days is worth a call (contract §7). */
const READ_NO_ANSWER_DAYS = 7;
/** A sent estimate expiring within this many days is worth a reminder. */
const EXPIRY_SOON_DAYS = 14;

type Figures = Omit<Summary, 'recommendations'>;

/** What a stable sort would put first, in one pass (lists of a large client hold thousands of documents). */
function first<T>(list: T[], order: (a: T, b: T) => number): T {
  let best = list[0]!;
  for (let i = 1; i < list.length; i++) if (order(list[i]!, best) < 0) best = list[i]!;
  return best;
}

/** The money, date and number writers of a summary's texts. */
function writers(ctx: Ctx, s: Figures) {
  const { lang } = ctx;
  return {
    money: (amount: string, currency?: string | null) => formatMoney(amount, currency ?? s.currency ?? ctx.listCurrency, lang),
    // Dates inside a sentence take the long form ("le 1er octobre 2026").
    date: (d: string) => formatDate(d, lang, 'long'),
    num: (n: number) => formatNumber(n, lang),
  };
}

/** Rules 1 to 6, most pressing first. None of them reads document rows: phase 2 computes them once
 * (lib/cards/index.ts) and only the fillers again. */
export function ruleRecommendations(ctx: Ctx, s: Figures): Recommendation[] {
  const r = ctx.t.rec;
  const { money, date, num } = writers(ctx, s);
  const out: Recommendation[] = [];
  const add = (action: string, reason: string, evidence: Evidence[]) => {
    if (out.length < MAX) out.push({ action, reason, evidence });
  };

  // 1. Late invoices to chase.
  const late = s.openDocuments.invoicesLate;
  if (late && late.count > 0) {
    // Longest overdue first: the one the sentence names, then the next ones to chase.
    const byLateness = [...late.items].sort((a, b) => (b.daysLate ?? 0) - (a.daysLate ?? 0) || byDateId(a, b));
    const oldest = byLateness[0]!;
    const label = docNumberText(oldest);
    add(
      r.lateInvoices(num(late.count), late.count === 1, label),
      r.lateInvoicesReason(money(late.total, ctx.listCurrency), late.count === 1, label, num(oldest.daysLate ?? 0)),
      byLateness.map((i) => ({ type: 'invoice', id: i.id })),
    );
  }

  // 2. Read estimates with no answer for a week or more: the oldest one, with the others as evidence.
  const read = s.openDocuments.estimatesRead.items.filter((e) => daysBetween(e.date, ctx.today) >= READ_NO_ANSWER_DAYS);
  if (read.length) {
    const oldest = first(read, byDateId);
    add(
      r.readEstimate(docNumberText(oldest), money(oldest.amount, oldest.currency)),
      r.readEstimateReason(
        date(oldest.date),
        oldest.expiryDate ? date(oldest.expiryDate) : null,
        s.openDocuments.estimatesRead.count > 1 ? num(s.openDocuments.estimatesRead.count) : null,
      ),
      // The one named first, then the others, newest first.
      [oldest, ...read.filter((e) => e !== oldest).sort(newestFirst)].map((e) => ({ type: 'estimate', id: e.id })),
    );
  }

  // 3. An opportunity past its due date.
  const overdue = s.openDocuments.opportunities.items.find((o) => o.dueDate !== null && o.dueDate < ctx.today);
  if (overdue) {
    add(
      r.overdueOpportunity(crmName(overdue.name) || docNumberText(overdue)),
      r.overdueOpportunityReason(
        date(overdue.dueDate!),
        compare(overdue.amount, '0') > 0 ? money(overdue.amount, overdue.currency) : null,
        crmName(overdue.step) || null,
      ),
      [{ type: 'opportunity', id: overdue.id }],
    );
  }

  // 4. No purchase for more than twice the usual interval between purchases.
  const counted = ctx.purchases.main; // already by (date, id)
  const last = s.relationship.lastPurchase;
  if (counted.length >= 3 && last && last.date <= ctx.today) {
    const dateAt = (k: number) => ctx.purchases.src[counted[k]!]!.date;
    const span = daysBetween(dateAt(0), dateAt(counted.length - 1));
    const usual = span / (counted.length - 1);
    if (usual > 0 && daysBetween(last.date, ctx.today) > 2 * usual) {
      add(
        r.noRecentPurchase,
        r.noRecentPurchaseReason(date(last.date), s.salesOverview.averagePerYear > 0 ? num(s.salesOverview.averagePerYear) : null),
        [{ type: ctx.mode === 'invoicing' ? 'invoice' : 'estimate', id: last.id }],
      );
    }
  }

  // 5. Repeated late payments.
  const latePayments = s.salesOverview.latePayments;
  if (latePayments !== null && latePayments >= 2) {
    // The latest late payments first: they say more about the terms today than the oldest ones.
    const evidence = (s.sources?.['salesOverview.latePayments']?.included ?? [])
      .filter((d) => d.type === 'invoice')
      .sort(latestPaidFirst)
      .map((d) => ({ type: 'invoice', id: d.id }));
    const delay = s.salesOverview.averagePaymentDelayDays;
    add(r.latePayments, r.latePaymentsReason(num(latePayments), delay !== null ? num(delay) : null), evidence);
  }

  // 6. Sent estimates close to expiry.
  const soon = addDays(ctx.today, EXPIRY_SOON_DAYS);
  const expiring = s.openDocuments.estimatesSent.items
    .filter((e) => e.expiryDate && e.expiryDate >= ctx.today && e.expiryDate <= soon)
    .sort((a, b) => (a.expiryDate! < b.expiryDate! ? -1 : a.expiryDate! > b.expiryDate! ? 1 : a.id - b.id));
  for (const e of expiring.slice(0, 2)) {
    add(r.expiringEstimate(docNumberText(e)), r.expiringEstimateReason(date(e.date), date(e.expiryDate!), money(e.amount, e.currency)), [
      { type: 'estimate', id: e.id },
    ]);
  }

  return out;
}

/** The rules' recommendations, then fillers until there are two: the top product (from the rows), a follow-up of
 * the last purchase, of the last contact. */
export function withFillers(ctx: Ctx, s: Figures, rules: Recommendation[]): Summary['recommendations'] {
  const { t, lang } = ctx;
  const r = t.rec;
  const { money, date } = writers(ctx, s);
  const out = rules.slice();
  const last = s.relationship.lastPurchase;
  // Fillers, so that every client gets at least two useful suggestions.
  const fillers: Recommendation[] = [];
  const top = s.salesOverview.topProductsByRevenue[0];
  if (top && compare(top.revenue, '0') > 0) {
    const docs = s.sources?.['salesOverview.topProductsByRevenue.0']?.included ?? [];
    fillers.push({
      action: r.topProduct(productLabel(top).name),
      reason: r.topProductReason(money(formatAmount(top.revenue))),
      evidence: docs
        .slice(-3)
        .reverse()
        .map((d) => ({ type: d.type, id: d.id })),
    });
  }
  if (last) {
    fillers.push({
      action: r.followUpPurchase,
      reason: r.followUpPurchaseReason(date(last.date), docNumberText(last), money(last.amount)),
      evidence: [{ type: ctx.mode === 'invoicing' ? 'invoice' : 'estimate', id: last.id }],
    });
  } else {
    fillers.push({ action: r.firstOrder, reason: r.firstOrderReason, evidence: [] });
  }
  const lastInteraction = s.interactions.items[0];
  fillers.push(
    lastInteraction
      ? {
          action: r.followContact,
          reason: r.followContactReason(date(lastInteraction.date), noun(lastInteraction.type, lang)),
          evidence: [{ type: lastInteraction.type, id: lastInteraction.id }],
        }
      : { action: r.planContact, reason: r.planContactReason, evidence: [] },
  );
  for (const f of fillers) if (out.length < MIN) out.push(f);
  return { items: out, generatedBy: 'rules' };
}

/** Paid invoices, latest payment first (then latest invoice, then id). */
function latestPaidFirst(a: SourceDoc, b: SourceDoc): number {
  const pa = a.paidOn ?? a.date ?? '';
  const pb = b.paidOn ?? b.date ?? '';
  if (pa !== pb) return pa < pb ? 1 : -1;
  const da = a.date ?? '';
  const db = b.date ?? '';
  if (da !== db) return da < db ? 1 : -1;
  return b.id - a.id;
}
