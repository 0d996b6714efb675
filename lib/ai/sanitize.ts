// CRM text is data written by anyone (clients' emails pasted into notes, imports): before it reaches a prompt it
// loses its markup and every character that can hide text from a human reader or reorder it on screen.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * C0/C1 controls except tab and newline, zero-width characters, bidi embeddings/overrides/isolates, the BOM,
 * soft hyphen, word joiner and invisible operators, and Unicode tag characters (invisible ASCII look-alikes).
 */
const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;

/**
 * Drops <script>/<style> blocks and comments in one forward pass: a lazy regex would rescan to the end for every
 * unclosed opener, which a hostile note can repeat thousands of times. An unclosed block drops the rest.
 */
function dropBlocks(text: string): string {
  const lower = text.toLowerCase();
  const opener = /<(script|style)\b|<!--/g;
  let out = '';
  let i = 0;
  for (;;) {
    opener.lastIndex = i;
    const found = opener.exec(lower);
    if (!found) return out + text.slice(i);
    out += text.slice(i, found.index) + ' ';
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

export function stripHtml(text: string): string {
  // A tag starts with a letter ("< 100" is text) and ends before the next "<", so unclosed runs stay linear.
  return dropBlocks(text)
    .replace(/<\s*(br|\/p|\/div|\/li|\/tr|\/h\d)\b[^<>]*>/gi, '\n')
    .replace(/<\/?[a-z!][^<>]*>/gi, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[name.toLowerCase()] ?? all;
    });
}

export function removeInvisible(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(INVISIBLE, '');
}

/** HTML stripped, invisible characters removed (entities decoded first, so `&#8203;` goes too), spaces tidied. */
export function cleanCrmText(text: string): string {
  return removeInvisible(stripHtml(removeInvisible(text)))
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
  return clean.length > MAX_NAME_CHARS ? clean.slice(0, MAX_NAME_CHARS - 1) + '…' : clean;
}

/** A boundary nobody could have typed into the CRM in advance. */
export function randomBoundary(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(20));
  return 'DATA-' + Array.from(bytes, (b) => BOUNDARY_ALPHABET[b % BOUNDARY_ALPHABET.length]).join('');
}

/** Text enclosed between two boundary lines; a boundary found inside the data is cut so it cannot close the block. */
export function fence(text: string, boundary: string): string {
  const safe = text.split(boundary).join('[…]');
  return `<<<${boundary}\n${safe}\n${boundary}>>>`;
}
