// CRM text is data written by anyone (clients' emails pasted into notes, imports): before it reaches a prompt it
// loses its markup and every character that can hide text from a human reader or reorder it on screen.
import { htmlToText } from '../format/html';

/**
 * C0/C1 controls except tab and newline, zero-width characters, bidi embeddings/overrides/isolates, the BOM,
 * soft hyphen, word joiner and invisible operators, and Unicode tag characters (invisible ASCII look-alikes).
 */
const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;

export function removeInvisible(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(INVISIBLE, '');
}

/** HTML stripped, invisible characters removed (entities decoded first, so `&#8203;` goes too), spaces tidied. */
export function cleanCrmText(text: string): string {
  return removeInvisible(htmlToText(removeInvisible(text)))
    .replace(/[ \t\u00A0\u202F]+/g, ' ')
    .replace(/ *\n[ \n]*/g, '\n')
    .trim();
}

// Consonants only: no digits, so redaction (IBANs, phones) and the number check never see a boundary as data,
// and no vowels, so it never spells a word. 20 letters of 20 give about 86 bits.
const BOUNDARY_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

/** Names in the facts (client, products, opportunities, document numbers) are CRM text too: cleaned and capped. */
const MAX_NAME_CHARS = 120;
export function cleanName(text: string): string {
  const clean = cleanCrmText(text).replace(/\s+/g, ' ');
  return clean.length > MAX_NAME_CHARS ? `${clean.slice(0, MAX_NAME_CHARS - 1)}…` : clean;
}

/** A boundary nobody could have typed into the CRM in advance. */
export function randomBoundary(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(20));
  return `DATA-${Array.from(bytes, (b) => BOUNDARY_ALPHABET[b % BOUNDARY_ALPHABET.length]).join('')}`;
}

/** Text enclosed between two boundary lines; a boundary found inside the data is cut so it cannot close the block. */
export function fence(text: string, boundary: string): string {
  const safe = text.split(boundary).join('[…]');
  return `<<<${boundary}\n${safe}\n${boundary}>>>`;
}
