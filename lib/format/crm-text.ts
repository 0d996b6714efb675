// CRM text (notes, titles, names) as a reader sees it: HTML to plain text (lib/format/html.ts does the pass), the
// characters that hide or reorder text dropped, blank runs tidied, and shortening for digests. Nothing here
// interprets the HTML; tags are removed as text. Every rendering (panel, Markdown, terminal, prompts) takes its
// CRM text through these functions, so a name reads the same wherever it is shown.
import { htmlToText } from './html';

/**
 * What can hide text from a reader or reorder it on screen: C0/C1 controls but tab and newline, zero-width
 * characters and bidi marks, embeddings, overrides and isolates (U+202E turns "gnp.exe" into "exe.png"), the
 * BOM, soft hyphen, word joiner and invisible operators, interlinear annotations, and Unicode tag characters
 * (invisible ASCII look-alikes). One set for every rendering.
 */
export const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;

/** Terminal escape sequences with parameters as a whole, so no "[2J" is left behind when the ESC itself goes: CSI,
 *  OSC (to BEL or ST), DCS/SOS/PM/APC (to ST), and the 8-bit C1 forms of CSI (U+009B) and OSC (U+009D). A lone ESC,
 *  or one before a single character, is dropped with the invisible characters: without it that character is text. */
export const ESCAPE_SEQUENCE =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[PX^_][^\u001b]*(?:\u001b\\)?)|\u009b[0-?]*[ -/]*[@-~]|\u009d[^\u0007\u009c]*[\u0007\u009c]?/g;

/** Escape sequences, invisible and reordering characters dropped; line ends as "\n". */
export function removeInvisible(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(ESCAPE_SEQUENCE, '').replace(INVISIBLE, '');
}

/** HTML stripped, invisible characters removed (entities decoded first, so `&#8203;` goes too), spaces tidied; lines kept. */
export function cleanCrmText(text: string): string {
  return removeInvisible(htmlToText(removeInvisible(text)))
    .replace(/[ \t\u00A0\u202F]+/g, ' ')
    .replace(/ *\n[ \n]*/g, '\n')
    .trim();
}

/** Tags removed (block ends become line breaks), entities decoded, blank runs collapsed, trimmed. */
export function stripHtml(html: string): string {
  return htmlToText(html)
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}

/** At most `max` characters (code points), cut at a word boundary when one is near, with an ellipsis. */
export function shorten(text: string, max: number): string {
  // A title and its description sit on separate lines: keep them apart when the first has no stop of its own.
  const flat = removeInvisible(text)
    .trim()
    .replace(/([.!?:;…])?[ \t]*\n\s*/g, (_m, stop: string | undefined) => (stop ? `${stop} ` : ' — '))
    .replace(/\s+/g, ' ');
  const chars = [...flat];
  if (chars.length <= max) return flat;
  let cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:.\-–—]+$/, '')}…`;
}
