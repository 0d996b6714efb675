// The summary as JSON (`summary --json`): the CRM's values exactly as they came, for programs. JSON.stringify
// leaves bidi controls and zero-width characters as they are, and a terminal or viewer showing the JSON obeys
// them (U+202E in a name reverses the rest of its line); written as \u escapes they are the same data to a parser
// and inert on screen.
import { INVISIBLE } from './crm-text';

// Each UTF-16 unit escaped: a tag character is a surrogate pair, and both halves must be written.
const escapeUnits = (c: string) =>
  c
    .split('')
    .map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('');

/** JSON.stringify(value, null, 2) with every invisible or reordering character written as a \u escape. */
export function toSafeJson(value: unknown): string {
  // Outside strings a JSON text is plain ASCII, so every match is inside a string, where \uXXXX is valid.
  // U+2028 and U+2029 end a line in some viewers, in the middle of a string.
  return JSON.stringify(value, null, 2).replace(new RegExp(`${INVISIBLE.source}|[\u2028\u2029]`, 'g'), escapeUnits);
}
