// What may reach a terminal. A terminal obeys the escape sequences and direction overrides in what it
// prints, and Sellsy's error texts, CRM names and notes are not ours: one of them cleared the screen. Every
// line the command line prints goes through here; JSON keeps its value exactly, with the risky characters
// written as \u escapes.

/** ESC sequences as a whole, so no "[2J" is left behind: CSI, OSC (to BEL or ST), DCS/SOS/PM/APC (to ST), two-character ones; a lone ESC too. */
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[PX^_][^\u001b]*(?:\u001b\\)?|[ -/]*[0-~])?/g;
/** The same in their 8-bit C1 forms: CSI (U+009B) and OSC (U+009D, to BEL or ST U+009C). */
const C1_SEQUENCE = /\u009b[0-?]*[ -/]*[@-~]|\u009d[^\u0007\u009c]*[\u0007\u009c]?/g;
/** C0 controls but tab and newline, DEL, C1 controls; zero-width and bidi controls; the byte-order mark. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]/g;
/** Outside JSON's own escapes: C1 controls, bidi and zero-width controls, line and paragraph separators. */
const JSON_UNSAFE = /[\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u2028\u2029]/g;

/**
 * `text` with no control or escape character left: ESC and C1 sequences removed whole, the other controls
 * removed (a lone CR too), tabs as spaces, CR LF as LF. Newlines stay (the summary's layout needs them) unless `oneLine`,
 * where every line break becomes a space.
 */
export function terminalSafe(text: string, opts: { oneLine?: boolean } = {}): string {
  const clean = text
    .replace(/\r\n/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(ESCAPE_SEQUENCE, '')
    .replace(C1_SEQUENCE, '')
    .replace(/\t/g, ' ')
    .replace(UNSAFE, '');
  return opts.oneLine ? clean.replace(/\n+/g, ' ') : clean;
}

/** JSON text (from JSON.stringify, which escapes C0 already) with the other risky characters as \u escapes: the same JSON value. */
export function terminalSafeJson(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
