// Builds the Intl formatters the cards use before the first click, in idle time: creating them is a
// noticeable part of the first render otherwise. lib/format/intl.ts caches them by language and options.
import { formatDate, formatMoney, formatNumber, formatQuantity } from '@/lib/format/intl';

export function warmUpFormatters(languages: string[], currency = 'EUR'): void {
  for (const lang of new Set(languages)) {
    // A tag Intl rejects only means nothing to warm up for it.
    try {
      warm(lang, currency);
    } catch {
      /* ignored */
    }
  }
}

function warm(lang: string, currency: string): void {
  formatMoney('1234.50', currency, lang);
  formatMoney('1234.50', null, lang);
  formatNumber(1.5, lang);
  formatQuantity('2.5', lang);
  for (const form of ['short', 'long'] as const) formatDate('2026-01-31', lang, form);
}
