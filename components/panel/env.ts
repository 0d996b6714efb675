// What every card needs besides its own slice of the summary: the language, the words, the sources of
// each figure and how to link to a Sellsy record.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { crmName } from '@/lib/format/crm-name';
import type { FigureSource, Summary } from '@/lib/summary/types';
import { type CardKey, type CardWords, cardWords } from '@/lib/words/cards';
import { type FigureKey, type FigureWords, figureWords } from '@/lib/words/figures';
import { type PanelWords, panelWords } from '@/lib/words/panel';
import { type SummaryWords, summaryWords } from '@/lib/words/summary';
import { type ValueWords, valueWords } from '@/lib/words/values';

/** The panel's share of the catalogue (lib/words) in one language. */
export interface Words {
  panel: PanelWords;
  figures: Record<FigureKey, FigureWords>;
  cards: Record<CardKey, CardWords>;
  values: ValueWords;
  summary: SummaryWords;
}

export function wordsFor(lang: string): Words {
  return { panel: panelWords(lang), figures: figureWords(lang), cards: cardWords(lang), values: valueWords(lang), summary: summaryWords(lang) };
}

/** A link to a record in Sellsy's web app, or null when we do not know its page. */
export type LinkFor = (type: string, id: number) => string | null;

export interface PanelEnv {
  lang: string;
  w: Words;
  summary: Summary;
  linkFor: LinkFor;
}

export const EnvContext = createContext<PanelEnv | null>(null);

export function useEnv(): PanelEnv {
  const env = useContext(EnvContext);
  if (!env) throw new Error('panel cards must be rendered inside <EnvContext.Provider>');
  return env;
}

export function makeEnv(summary: Summary, linkFor: LinkFor): PanelEnv {
  return { lang: summary.language, w: wordsFor(summary.language), summary, linkFor };
}

const numberCache = new WeakMap<Summary, Map<string, string>>();
/** The number a document carries ("FAC-2026-0084"), cleaned, found anywhere in the summary; evidence only has type and id. */
export function docNumber(summary: Summary, type: string, id: number): string | null {
  let map = numberCache.get(summary);
  if (!map) {
    map = new Map();
    const add = (t: string, d: { id: number; number?: string | null }) => {
      const shown = crmName(d.number);
      if (shown) map!.set(`${t}:${d.id}`, shown);
    };
    const r = summary.relationship;
    if (r.firstPurchase) add(summary.sourceMode === 'sales' ? 'estimate' : 'invoice', r.firstPurchase);
    if (r.lastPurchase) add(summary.sourceMode === 'sales' ? 'estimate' : 'invoice', r.lastPurchase);
    const o = summary.openDocuments;
    for (const d of [...(o.invoicesToPay?.items ?? []), ...(o.invoicesLate?.items ?? [])]) add('invoice', d);
    for (const d of [...o.estimatesSent.items, ...o.estimatesRead.items]) add('estimate', d);
    for (const d of o.opportunities.items) add('opportunity', d);
    for (const src of Object.values(summary.sources ?? {})) for (const d of [...src.included, ...src.excluded]) add(d.type, d);
    numberCache.set(summary, map);
  }
  return map.get(`${type}:${id}`) ?? null;
}

/** The sources of a figure: its own path, else the nearest parent path that has some. */
export function sourcesFor(summary: Summary, path: string): FigureSource | null {
  const all = summary.sources;
  if (!all) return null;
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const found = all[p];
    if (found) return found;
  }
  return null;
}
