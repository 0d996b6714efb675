// CRM text (notes, titles) as a reader sees it: HTML to plain text (lib/format/html.ts does the pass), blank runs
// tidied, and shortening for digests. Nothing here interprets the HTML; tags are removed as text.
import { htmlToText } from './html';

/** Tags removed (block ends become line breaks), entities decoded, blank runs collapsed, trimmed. */
export function stripHtml(html: string): string {
  return htmlToText(html)
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}

// Direction overrides and isolates reorder what a reader sees; zero-width characters hide text. A digest
// quotes notes to be read, so it keeps neither (the items keep the CRM text as it is).
const INVISIBLE = /[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]/g;

/** At most `max` characters (code points), cut at a word boundary when one is near, with an ellipsis. */
export function shorten(text: string, max: number): string {
  // A title and its description sit on separate lines: keep them apart when the first has no stop of its own.
  const flat = text
    .replace(INVISIBLE, '')
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
