// CRM text is data written by anyone (clients' emails pasted into notes, imports): before it reaches a prompt it
// loses its markup and every character that can hide text from a human reader or reorder it on screen.
import { crmName } from '../format/crm-name';

// One set of invisible characters and one HTML pass for every rendering (lib/format/crm-text.ts); re-exported
// for the AI modules that import them from here.
export { cleanCrmText, removeInvisible } from '../format/crm-text';

// Consonants only: no digits, so redaction (IBANs, phones) and the number check never see a boundary as data,
// and no vowels, so it never spells a word. 20 letters of 20 give about 86 bits.
const BOUNDARY_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

/** Names in the facts (client, products, opportunities, document numbers) are CRM text too: cleaned and capped. */
const MAX_NAME_CHARS = 120;
export function cleanName(text: string): string {
  const clean = crmName(text);
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
