// CRM text arrives as HTML written by anyone: the card engine and the prompts both read it as plain text.
// One linear pass: a lazy regex would rescan to the end for every unclosed <script> or "<a ", which a
// hostile note can repeat thousands of times (a 1 MB note would take tens of seconds).

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Drops <script>/<style> blocks and comments going forward only. An unclosed block drops the rest. */
function dropBlocks(text: string): string {
  const lower = text.toLowerCase();
  const opener = /<(script|style)\b|<!--/g;
  let out = '';
  let i = 0;
  for (;;) {
    opener.lastIndex = i;
    const found = opener.exec(lower);
    if (!found) return out + text.slice(i);
    out += `${text.slice(i, found.index)} `;
    if (found[1]) {
      const close = lower.indexOf(`</${found[1]}`, found.index);
      const end = close < 0 ? -1 : lower.indexOf('>', close);
      if (end < 0) return out;
      i = end + 1;
    } else {
      const end = lower.indexOf('-->', found.index + 4);
      if (end < 0) return out;
      i = end + 3;
    }
  }
}

/** Entities decoded; one that names no character (a surrogate, 0, past U+10FFFF, an unknown name) is kept as written. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

/** Markup removed (line breaks and block ends become "\n", other tags a space), entities decoded. Whitespace as it falls. */
export function htmlToText(html: string): string {
  // A tag starts with a letter ("< 100" is text) and ends before the next "<", so unclosed runs stay linear.
  return decodeEntities(
    dropBlocks(html)
      .replace(/<\s*(br|\/p|\/div|\/li|\/tr|\/h\d)\b[^<>]*>/gi, '\n')
      .replace(/<\/?[a-z!][^<>]*>/gi, ' '),
  );
}
