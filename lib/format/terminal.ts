// What may reach a terminal. A terminal obeys the escape sequences and direction overrides in what it
// prints, and Sellsy's error texts, CRM names and notes are not ours: one of them cleared the screen. Every
// line the command line prints goes through here; JSON keeps its value exactly, with the risky characters
// written as \u escapes (lib/format/json.ts).
import { ESCAPE_SEQUENCE, INVISIBLE } from './crm-text';

/**
 * `text` with no control or escape character left: ESC and C1 sequences removed whole, the other controls
 * removed (a lone CR too), tabs as spaces, CR LF as LF. Newlines stay (the summary's layout needs them) unless `oneLine`,
 * where every line break becomes a space.
 */
export function terminalSafe(text: string, opts: { oneLine?: boolean } = {}): string {
  const clean = text
    .replace(/\r\n/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/\r/g, '')
    // Escape sequences whole, then the other controls, zero-width and bidi characters: the one list.
    .replace(ESCAPE_SEQUENCE, '')
    .replace(INVISIBLE, '');
  return opts.oneLine ? clean.replace(/\n+/g, ' ') : clean;
}
