// Why a document is left out of a figure, in words: the source lists carry a code ('status:draft',
// 'currency:USD', 'outside-window'...) and the panel and the written forms show this.
import { type Lang, pick } from './lang';
import { quote } from './typography';

const fr = {
  status: (s: string) => `statut ${quote(s, 'fr')} non compté`,
  unknownStatus: (s: string) => `statut inconnu ${quote(s, 'fr')}`,
  currency: (c: string) => `autre devise (${c})`,
  outsideWindow: 'hors de la période',
  noPayment: 'payée, mais aucun paiement trouvé',
  noRows: 'lignes du document illisibles',
  rowsPending: 'pas encore lu',
  noPurchase: 'aucun achat compté',
  other: (code: string) => `écarté (${code})`,
};

type ReasonWords = typeof fr;

const en: ReasonWords = {
  status: (s) => `status ${quote(s, 'en')} not counted`,
  unknownStatus: (s) => `unknown status ${quote(s, 'en')}`,
  currency: (c) => `other currency (${c})`,
  outsideWindow: 'outside the period',
  noPayment: 'paid, but no payment found',
  noRows: 'document rows unreadable',
  rowsPending: 'not read yet',
  noPurchase: 'no purchase counted',
  other: (code) => `left out (${code})`,
};

const REASONS: Record<Lang, ReasonWords> = { fr, en };

/** A source's exclusion code in words; an unknown code is shown as it came, inside a sentence. */
export function reasonLabel(code: string, lang: string): string {
  const r = pick(REASONS, lang);
  const [head = '', ...rest] = code.split(':');
  const arg = rest.join(':');
  switch (head) {
    case 'status':
      return arg ? r.status(arg) : r.other(code);
    case 'status-unknown':
    case 'unknown-status':
      return r.unknownStatus(arg);
    case 'currency':
      return arg ? r.currency(arg) : r.other(code);
    case 'outside-window':
      return r.outsideWindow;
    case 'no-payment':
      return r.noPayment;
    case 'no-rows':
      return r.noRows;
    case 'rows-pending':
      return r.rowsPending;
    case 'no-purchase':
      return r.noPurchase;
    default:
      return r.other(code);
  }
}
