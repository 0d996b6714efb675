// Card 4 (docs/summary-contract.md §6): six months of comments, tasks, calls and events, newest first, with their whole text
// (HTML removed), and without an LLM an extractive digest: the most recent note and the most substantial ones.

import { COLLECTION } from '../client/collections';
import { type Ownable, type OwnershipRule, ownedBy } from '../client/ownership';
import { datePart } from '../dates';
import { shorten, stripHtml } from '../format/crm-text';
import { formatDate, formatNumber } from '../format/intl';
import type { InteractionItem, InteractionType, Summary } from '../summary/types';
import { noun } from '../words/documents';
import { type Ctx, newestFirst } from './context';

const TYPES: InteractionType[] = ['comment', 'task', 'call', 'event'];
const DIGEST_NOTES = 3;
const DIGEST_CHARS = 180;

const joinText = (...parts: (string | null | undefined)[]) =>
  parts
    .map((p) => (typeof p === 'string' ? stripHtml(p) : ''))
    .filter(Boolean)
    .join('\n');

export function interactionsCard(ctx: Ctx): Summary['interactions'] {
  const { data } = ctx;
  const all: InteractionItem[] = [];
  // Each list through its collection's ownership rule, dated by its collection's date field.
  const add = <T extends Ownable & { id: number }, K extends keyof T>(
    type: InteractionType,
    list: T[],
    c: { owner: OwnershipRule; datedBy: K },
    text: (r: T) => string,
  ) => {
    const mine = ownedBy(data.client, c.owner);
    for (const r of list) {
      if (!mine(r)) continue;
      const date = datePart(r[c.datedBy] as string | null | undefined);
      // Contract §6: in the window, both ends included; a future event is not an interaction yet.
      if (date && date >= ctx.interactionsFrom && date <= ctx.today) all.push({ type, id: r.id, date, text: text(r) });
    }
  };
  add('comment', data.comments, COLLECTION.comments, (c) => joinText(c.description));
  add('task', data.tasks, COLLECTION.tasks, (t) => joinText(t.title, t.description));
  add('call', data.phoneCalls, COLLECTION.phoneCalls, (c) => joinText(c.description));
  add('event', data.calendarEvents, COLLECTION.calendarEvents, (e) => joinText(e.title, e.description));
  // Newest first by (date, id); same date and id across types: a fixed type order keeps it stable.
  all.sort((a, b) => newestFirst(a, b) || TYPES.indexOf(a.type) - TYPES.indexOf(b.type));

  const counts = { comments: 0, tasks: 0, calls: 0, events: 0 };
  for (const i of all) counts[`${i.type}s` as keyof typeof counts] += 1;
  return { from: ctx.interactionsFrom, counts, items: all, summary: digest(ctx, all), generatedBy: 'rules' };
}

/** The most recent note, then the longest of the rest, shown newest first, each shortened. */
export function digest(ctx: Ctx, items: InteractionItem[]): string {
  const { t, lang } = ctx;
  if (!items.length) return t.digest.none;
  const byType = TYPES.map((type) => ({ type, n: items.filter((i) => i.type === type).length })).filter((x) => x.n > 0);
  const parts = byType.map(({ type, n }) => `${formatNumber(n, lang)} ${noun(type, lang, n)}`).join(', ');
  const lines = [t.digest.header(formatNumber(items.length, lang), items.length === 1, parts)];

  const withText = items.filter((i) => i.text.trim());
  const chosen = new Set<InteractionItem>();
  if (withText[0]) chosen.add(withText[0]);
  const rest = withText.slice(1).sort((a, b) => b.text.length - a.text.length || newestFirst(a, b));
  const seen = new Set([...chosen].map((i) => i.text.replace(/\s+/g, ' ').trim().toLowerCase()));
  for (const i of rest) {
    if (chosen.size >= DIGEST_NOTES) break;
    const key = i.text.replace(/\s+/g, ' ').trim().toLowerCase();
    if (seen.has(key)) continue; // the same note logged twice says nothing new
    seen.add(key);
    chosen.add(i);
  }
  if (!chosen.size) chosen.add(items[0]!);
  lines.push(t.digest.notes);
  for (const i of items.filter((x) => chosen.has(x))) {
    const date = formatDate(i.date, lang);
    const text = i.text.trim() ? shorten(i.text, DIGEST_CHARS) : '';
    lines.push(text ? t.digest.line(date, noun(i.type, lang), text) : t.digest.empty(date, noun(i.type, lang)));
  }
  return lines.join('\n');
}
