// The card engine: a pure function from one client's data and today's date to its summary (five cards, the
// documents behind every figure, warnings). Texts here come from rules; lib/ai may replace two of them.
// startSummary is the same computation kept open for phase 2: document details (rows) arrive in batches after
// the lists, and only what reads them is computed again.
import type { ClientData, DocKey } from '../client/data';
import { isIsoDate } from '../dates';
import type { FigureSource, Recommendation, Summary } from '../summary/types';
import { dataWarningText } from '../words/data-warnings';
import { type Ctx, createContext } from './context';
import { interactionsCard } from './interactions';
import { openDocumentsCard } from './open-documents';
import { foldRows, type ProductTally, productFigures } from './products';
import { ruleRecommendations, withFillers } from './recommendations';
import { relationshipCard } from './relationship';
import { itemName, salesOverviewCard, windowPurchases } from './sales-overview';
import { positionsOfKey, tallyRows, type WindowKeys, windowKeys } from './window-rows';

export interface ComputeOptions {
  /** The user's local date, YYYY-MM-DD. */
  today: string;
  /** Language of the texts ('fr', 'en', ...); see lib/summary/language.ts. */
  language: string;
  /** ISO date-time the summary is stamped with. */
  generatedAt: string;
}

/** What a batch of phase 2 brings: rows of documents (by DocKey), catalogue names, the data layer's warnings. */
export interface Details {
  /** Rows of documents read since the last call. Documents already read are skipped (an issued document's rows
   * do not change), so passing the whole map so far is allowed too, only slower. */
  rows?: ClientData['rows'];
  /** Catalogue names met since the last call (added to, and overriding, those of ClientData.items). */
  items?: ClientData['items'];
  /** Warnings of the data layer met since the last call, appended to ClientData.warnings. */
  warnings?: ClientData['warnings'];
}

/** A summary that grows with the details read: see startSummary. */
export interface SummaryRun {
  /** The summary over the lists and every row folded in so far. */
  readonly summary: Summary;
  /** Window documents whose rows the top products read: how many there are, and how many were read so far. */
  readonly details: { read: number; total: number };
  /**
   * Folds in a batch of details and returns the new summary (also `summary` from then on). Only what rows and
   * names feed is computed again: the two top-product lists, their sources (the documents of the five products
   * shown, and the window's documents still without rows, `no-rows`), the recommendations (a filler names the top
   * product) and the warnings. Every other figure and source is the previous summary's own object; the previous
   * summary itself is left as it was. The result equals computeSummary over the same data with every batch merged
   * in (the same JSON, byte for byte), whatever the order and size of the batches.
   */
  addDetails(details: Details): Summary;
}

export function computeSummary(data: ClientData, opts: ComputeOptions): Summary {
  return startSummary(data, opts).summary;
}

/**
 * The summary of what `data` holds so far (with the rows it has, possibly none), kept open for more details:
 * phase 2 calls `addDetails` after each batch, which costs a fraction of a full run (the lists are not read
 * again). `data` is read, never changed; it must not change while the run is used, except through addDetails.
 */
export function startSummary(data: ClientData, opts: ComputeOptions): SummaryRun {
  if (!isIsoDate(opts.today)) throw new RangeError(`today must be a calendar date YYYY-MM-DD, got ${JSON.stringify(opts.today)}`);
  const ctx = createContext(data, opts.today, opts.language);
  const relationship = relationshipCard(ctx);
  const openDocuments = openDocumentsCard(ctx);
  const tally = tallyRows(data.rows, windowPurchases(ctx));
  const salesOverview = salesOverviewCard(ctx, tally);
  const interactions = interactionsCard(ctx);
  const figures: Omit<Summary, 'recommendations'> = {
    client: { type: data.client.kind, id: data.client.id, name: data.client.name },
    today: opts.today,
    generatedAt: opts.generatedAt,
    sourceMode: data.sourceMode,
    currency: ctx.currency,
    language: opts.language,
    warnings: [],
    excludedOtherCurrency: ctx.excludedOtherCurrency,
    relationship,
    openDocuments,
    salesOverview,
    interactions,
    sources: ctx.sources,
  };
  return new Run(ctx, tally, figures, data.warnings);
}

class Run implements SummaryRun {
  summary: Summary;
  private readonly dataWarnings: ClientData['warnings'];
  private readonly names = new Map<number, string | null | undefined>();
  private keys: WindowKeys | null = null;
  /** The recommendations of rules 1 to 6: no rule reads rows, so batches only change the fillers. */
  private readonly rules: Recommendation[];

  constructor(
    private readonly ctx: Ctx,
    private readonly tally: ProductTally,
    private figures: Omit<Summary, 'recommendations'>,
    dataWarnings: ClientData['warnings'],
  ) {
    this.dataWarnings = dataWarnings.slice();
    this.rules = ruleRecommendations(ctx, figures);
    this.summary = this.finish();
  }

  get details() {
    return { read: this.tally.documentsRead, total: this.tally.docs.length };
  }

  addDetails(details: Details): Summary {
    for (const [id, item] of Object.entries(details.items ?? {})) this.names.set(Number(id), item.name);
    const rows = details.rows ?? {};
    for (const key in rows) {
      const list = rows[key as DocKey];
      if (!list) continue;
      this.keys ??= windowKeys(this.tally.docs);
      for (const w of positionsOfKey(this.keys, key)) foldRows(this.tally, w, list);
    }
    if (details.warnings) this.dataWarnings.push(...details.warnings);

    // The product figures' sources take the place of the previous ones, in the same order among the others.
    const fresh: Record<string, FigureSource> = {};
    const fallback = itemName(this.ctx);
    const products = productFigures(
      this.tally,
      {
        source(path, included, excluded) {
          fresh[path] = { included, excluded };
        },
      },
      (id) => (this.names.has(id) ? this.names.get(id) : fallback(id)),
    );
    const sources: Record<string, FigureSource> = {};
    let placed = false;
    for (const [path, s] of Object.entries(this.figures.sources ?? {})) {
      if (!path.startsWith(PRODUCT_SOURCES)) sources[path] = s;
      else if (!placed) {
        Object.assign(sources, fresh);
        placed = true;
      }
    }
    if (!placed) Object.assign(sources, fresh);
    this.figures = { ...this.figures, salesOverview: { ...this.figures.salesOverview, ...products }, sources };
    this.summary = this.finish();
    return this.summary;
  }

  /** The figures with their recommendations and warnings, as computeSummary gives them. */
  private finish(): Summary {
    const recommendations = withFillers(this.ctx, this.figures, this.rules);
    const warnings = [...new Set([...this.dataWarnings.map((w) => dataWarningText(w, this.ctx.lang)), ...this.ctx.warnings])];
    return { ...this.figures, warnings, recommendations, sources: this.figures.sources };
  }
}

/** Every source path of the top-product figures starts so, and they come one after the other. */
const PRODUCT_SOURCES = 'salesOverview.topProducts';

export { mainCurrency } from './currency';
