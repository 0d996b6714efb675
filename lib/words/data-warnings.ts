// What the data layer met and worked around (lib/client/warnings.ts codes), as sentences: what was left
// out or retried, naming the record so a reader can find it in Sellsy. Counts are formatted here, from the
// codes' numbers.
import type { RecordType } from '../client/records';
import type { DataWarning, DataWarningCode, Expected, WarnedDoc } from '../client/warnings';
import { formatNumber } from '../format/intl';
import { noun } from './documents';
import { type Lang, pick, toLang } from './lang';
import { capitalize } from './typography';
import { engineWarnings } from './warnings';

type DataWarningWords = { [C in DataWarningCode]: (w: Extract<DataWarning, { code: C }>) => string };

// Activities are named as the interactions card names them; catalogue items are not documents.
const NOUN_OF: Partial<Record<RecordType, string>> = { 'phone-call': 'call', 'calendar-event': 'event' };
const ITEM: Record<Lang, string> = { fr: 'article du catalogue', en: 'catalogue item' };
const recordNoun = (type: RecordType, lang: Lang) => (type === 'item' ? ITEM[lang] : noun(NOUN_OF[type] ?? type, lang));

const EXPECTED: Record<Lang, Record<Expected, string>> = {
  fr: {
    integer: 'un entier',
    decimal: 'un montant décimal',
    date: 'une date AAAA-MM-JJ',
    'date-time': 'une date-heure ISO',
    'date-or-date-time': 'une date',
    string: 'un texte',
    'non-empty-string': 'un texte non vide',
    boolean: 'vrai ou faux',
    'related-list': 'une liste de {id, type}',
    'related-one': 'un objet {id, type}',
    'id-name': 'un objet {id, name}',
    'payment-links': 'une liste de {id, type, amount_linked, linked_date}',
  },
  en: {
    integer: 'an integer',
    decimal: 'a decimal amount',
    date: 'a YYYY-MM-DD date',
    'date-time': 'an ISO date-time',
    'date-or-date-time': 'a date',
    string: 'a string',
    'non-empty-string': 'a non-empty string',
    boolean: 'true or false',
    'related-list': 'a list of {id, type}',
    'related-one': 'an {id, type} object',
    'id-name': 'an {id, name} object',
    'payment-links': 'a list of {id, type, amount_linked, linked_date}',
  },
};

const label = (name: string, id: number, number: string | null) => `${name} ${id}${number ? ` (${number})` : ''}`;
const docName = (d: WarnedDoc, lang: Lang) => capitalize(label(recordNoun(d.type, lang), d.id, d.number));

const fr: DataWarningWords = {
  malformed: (w) =>
    `${capitalize(w.id === null ? `${recordNoun(w.recordType, 'fr')} sans identifiant valable` : label(recordNoun(w.recordType, 'fr'), w.id, w.number))} ignoré(e) : ${isFr(w.field, w.value, w.expected, w.orNull)}.`,
  'not-an-object': (w) => `${capitalize(recordNoun(w.recordType, 'fr'))} ${w.value ?? 'absent'} ignoré(e) : ce n'est pas un objet.`,
  'other-client': (w) => engineWarnings('fr').otherClient(NOUN_OF[w.recordType] ?? w.recordType, w.count),
  'no-rows': (w) => `${docName(w.doc, 'fr')} : son détail n'a pas de liste de lignes (${w.value ?? 'absente'}) ; ses produits sont ignorés.`,
  'malformed-row': (w) =>
    `${docName(w.doc, 'fr')}, ligne ${w.row ?? `n° ${w.position}`} ignorée : ${w.field === null || w.expected === null ? "ce n'est pas une ligne" : isFr(w.field, w.value, w.expected, w.orNull)}.`,
  'detail-unreadable': (w) =>
    `${docName(w.doc, 'fr')} : son détail n'a pas pu être lu (${w.cause === 'not-found' ? 'introuvable' : 'accès refusé'}) ; ses produits sont ignorés.`,
  'cursor-repeated': (w) =>
    `La liste Sellsy « ${w.resource} » a renvoyé deux fois le même curseur de page : lecture arrêtée après ${formatNumber(w.pages, 'fr')} pages et ${formatNumber(w.results, 'fr')} résultats.`,
  duplicates: (w) =>
    `${formatNumber(w.count, 'fr')} résultat(s) de la liste Sellsy « ${w.resource} » présent(s) sur plusieurs pages, gardé(s) une fois.`,
  'cache-not-read': (w) =>
    `Le cache local n'a pas pu être lu (${w.detail}) ; ${w.what === 'rows' ? 'le détail de chaque document est relu' : 'les noms du catalogue sont relus'}.`,
  'cache-not-updated': (w) =>
    w.storageFull
      ? "Le stockage du navigateur est plein : le cache local n'a pas été mis à jour (ce qu'il contenait est intact). Videz le cache dans les options."
      : `Le cache local ${w.what === 'rows' ? 'des lignes de documents' : 'des noms du catalogue'} n'a pas été mis à jour : ${w.detail}.`,
};

const en: DataWarningWords = {
  malformed: (w) =>
    `${capitalize(w.id === null ? `${recordNoun(w.recordType, 'en')} with id ${w.value ?? 'missing'}` : label(recordNoun(w.recordType, 'en'), w.id, w.number))} left out: ${isEn(w.field, w.value, w.expected, w.orNull)}.`,
  'not-an-object': (w) => `${capitalize(recordNoun(w.recordType, 'en'))} ${w.value ?? 'missing'} left out: not an object.`,
  'other-client': (w) => engineWarnings('en').otherClient(NOUN_OF[w.recordType] ?? w.recordType, w.count),
  'no-rows': (w) => `${docName(w.doc, 'en')}: its detail has no rows list (${w.value ?? 'missing'}); its products are left out.`,
  'malformed-row': (w) =>
    `${docName(w.doc, 'en')}, row ${w.row ?? `#${w.position}`} left out: ${w.field === null || w.expected === null ? 'not a row' : isEn(w.field, w.value, w.expected, w.orNull)}.`,
  'detail-unreadable': (w) =>
    `${docName(w.doc, 'en')}: its detail could not be read (${w.cause === 'not-found' ? 'not found' : 'access refused'}); its products are left out.`,
  'cursor-repeated': (w) =>
    `The Sellsy list "${w.resource}" sent the same page cursor twice: reading stopped after ${formatNumber(w.pages, 'en')} pages with ${formatNumber(w.results, 'en')} results.`,
  duplicates: (w) => `${formatNumber(w.count, 'en')} result(s) of the Sellsy list "${w.resource}" appeared on more than one page and were kept once.`,
  'cache-not-read': (w) =>
    `The local cache could not be read (${w.detail}); ${w.what === 'rows' ? 'every document detail is fetched again' : 'catalogue names are fetched again'}.`,
  'cache-not-updated': (w) =>
    w.storageFull
      ? "The browser's storage is full: the local cache was not updated (what it held is intact). Clear the cache in the options."
      : `The local cache of ${w.what === 'rows' ? 'document rows' : 'catalogue names'} was not updated: ${w.detail}.`,
};

function isFr(field: string, value: string | null, expected: Expected, orNull: boolean): string {
  return `${field} ${value === null ? 'est absent' : `vaut ${value}`} (attendu : ${EXPECTED.fr[expected]}${orNull ? ' ou null' : ''})`;
}
function isEn(field: string, value: string | null, expected: Expected, orNull: boolean): string {
  return `${field} is ${value ?? 'missing'}, not ${EXPECTED.en[expected]}${orNull ? ' or null' : ''}`;
}

const DATA_WARNINGS: Record<Lang, DataWarningWords> = { fr, en };

/** One data-layer warning in the language of `lang` (any tag). */
export function dataWarningText(w: DataWarning, lang: string): string {
  return (pick(DATA_WARNINGS, toLang(lang))[w.code] as (w: DataWarning) => string)(w);
}
