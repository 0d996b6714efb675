// The card engine: a pure function from one client's data and today's date to its summary (five cards, the
// documents behind every figure, warnings). Texts here come from rules; lib/ai may replace two of them.
import type { ClientData } from '../client/data';
import { isIsoDate } from '../dates';
import type { Summary } from '../summary/types';
import { dataWarningText } from '../words/data-warnings';
import { createContext } from './context';
import { interactionsCard } from './interactions';
import { openDocumentsCard } from './open-documents';
import { recommendationsCard } from './recommendations';
import { relationshipCard } from './relationship';
import { salesOverviewCard } from './sales-overview';

export interface ComputeOptions {
  /** The user's local date, YYYY-MM-DD. */
  today: string;
  /** Language of the texts ('fr', 'en', ...); see lib/summary/language.ts. */
  language: string;
  /** ISO date-time the summary is stamped with. */
  generatedAt: string;
}

export function computeSummary(data: ClientData, opts: ComputeOptions): Summary {
  if (!isIsoDate(opts.today)) throw new RangeError(`today must be a calendar date YYYY-MM-DD, got ${JSON.stringify(opts.today)}`);
  const ctx = createContext(data, opts.today, opts.language);
  const relationship = relationshipCard(ctx);
  const openDocuments = openDocumentsCard(ctx);
  const salesOverview = salesOverviewCard(ctx);
  const interactions = interactionsCard(ctx);
  const excludedOtherCurrency = [...ctx.purchases, ...ctx.creditNotes].filter((d) => d.counted && d.currency !== ctx.currency).length;
  const figures: Omit<Summary, 'recommendations'> = {
    client: { type: data.client.kind, id: data.client.id, name: data.client.name },
    today: opts.today,
    generatedAt: opts.generatedAt,
    sourceMode: data.sourceMode,
    currency: ctx.currency,
    language: opts.language,
    warnings: [],
    excludedOtherCurrency,
    relationship,
    openDocuments,
    salesOverview,
    interactions,
    sources: ctx.sources,
  };
  const recommendations = recommendationsCard(ctx, figures);
  const warnings = [...new Set([...data.warnings.map((w) => dataWarningText(w, ctx.lang)), ...ctx.warnings])];
  return { ...figures, warnings, recommendations, sources: ctx.sources };
}

export { mainCurrency } from './currency';
