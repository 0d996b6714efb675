// What the data layer met and worked around, as codes with their parameters. The data layer never writes a
// sentence: the card engine words each code in the summary's language (lib/words/data-warnings.ts).
import type { RecordType } from './records';

/** What a malformed field should have been. */
export type Expected =
  | 'integer'
  | 'decimal'
  | 'date'
  | 'date-time'
  | 'date-or-date-time'
  | 'string'
  | 'non-empty-string'
  | 'boolean'
  | 'related-list'
  | 'related-one'
  | 'id-name'
  | 'payment-links';

/** A purchase document whose detail was read (or not), as warnings name it. */
export interface WarnedDoc {
  type: 'invoice' | 'estimate';
  id: number;
  number: string | null;
}

/** A value as a warning shows it: JSON cut to 40 characters; null when the field is absent. */
export type ShownValue = string | null;

export type DataWarning =
  /** A record left out: its first malformed field. `id` is null when the id itself is the malformed field. */
  | {
      code: 'malformed';
      recordType: RecordType;
      id: number | null;
      number: string | null;
      field: string;
      value: ShownValue;
      expected: Expected;
      orNull: boolean;
    }
  /** An element of a list that is not an object at all. */
  | { code: 'not-an-object'; recordType: RecordType; value: ShownValue }
  /** Records a list returned for this client that another client owns (lib/client/ownership.ts). */
  | { code: 'other-client'; recordType: RecordType; count: number }
  /** A document detail without a `rows` list: its products are left out. */
  | { code: 'no-rows'; doc: WarnedDoc; value: ShownValue }
  /** A row of a document detail left out. `row` is its id, or null (then `position`, from 1, names it);
   * `field` is null when the row is not a row object at all. */
  | {
      code: 'malformed-row';
      doc: WarnedDoc;
      row: number | null;
      position: number;
      field: string | null;
      value: ShownValue;
      expected: Expected | null;
      orNull: boolean;
    }
  /** A detail Sellsy refused or no longer has: its products are left out. */
  | { code: 'detail-unreadable'; doc: WarnedDoc; cause: 'not-found' | 'forbidden' }
  /** A list whose page cursor came back: reading stopped there. `resource` is the API's, e.g. "invoices". */
  | { code: 'cursor-repeated'; resource: string; cursor: string; pages: number; results: number }
  /** Results served on more than one page, kept once. */
  | { code: 'duplicates'; resource: string; count: number }
  /** The local cache could not be read: that part is fetched again. */
  | { code: 'cache-not-read'; what: 'rows' | 'items'; detail: string }
  /** The local cache could not be written; what it held before is intact. */
  | { code: 'cache-not-updated'; what: 'rows' | 'items'; storageFull: boolean; detail: string };

export type DataWarningCode = DataWarning['code'];
