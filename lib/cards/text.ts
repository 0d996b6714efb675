// CRM notes are HTML written by people (and sometimes pasted from anywhere): the engine keeps their words
// and drops the markup. Nothing here interprets the HTML; tags are removed as text.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x') || lower.startsWith('#')) {
      const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[lower] ?? m;
  });
}

/** Tags removed (block ends become line breaks), entities decoded, blank runs collapsed, trimmed. */
export function stripHtml(html: string): string {
  const text = html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6]|tr)\s*>/gi, '\n')
    .replace(/<\/?[a-z][^>]*>/gi, ' ');
  return decodeEntities(text)
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
  const flat = text.replace(INVISIBLE, '').trim()
    .replace(/([.!?:;…])?[ \t]*\n\s*/g, (_m, stop: string | undefined) => (stop ? `${stop} ` : ' — '))
    .replace(/\s+/g, ' ');
  const chars = [...flat];
  if (chars.length <= max) return flat;
  let cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:.\-–—]+$/, '')}…`;
}
