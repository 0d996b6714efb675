// Personal contact data in CRM notes is not needed to summarise a relationship: it is replaced before anything
// leaves the browser. Patterns err on the side of redacting (a false positive costs a word, a miss leaks data),
// but stay clear of the amounts and dates the facts are made of.

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/** IBAN: country code, 2 check digits, then groups of four alphanumerics (spaced or not) and a shorter last one. */
const IBAN = /\b[A-Z]{2}\d{2}(?:[ \u00A0-]?[A-Z0-9]{4}){2,7}(?:[ \u00A0-]?[A-Z0-9]{1,4})?\b/gi;

// FR: 0X XX XX XX XX, +33 (0)X XX XX XX XX, 0033 X...; international: +CC then 6 to 14 digits with separators;
// North-American style (555) 123-4567.
const PHONE_FR = /(?<![\w+])(?:(?:\+|00)33[\s.\-\u00A0]?(?:\(0\)[\s.\-\u00A0]?)?|0)[1-9](?:[\s.\-\u00A0]?\d{2}){4}(?!\d)/g;
const PHONE_INTL = /(?<![\w+])(?:\+|00)[1-9]\d{0,2}[\s.\-\u00A0]?(?:\(0?\d{1,4}\)[\s.\-\u00A0]?)?\d(?:[\s.\-\u00A0]?\d){5,13}(?!\d)/g;
const PHONE_NANP = /(?<![\w+])\(\d{3}\)[\s.\-\u00A0]?\d{3}[\s.\-\u00A0]\d{4}(?!\d)/g;

export const REDACTED = { email: '[EMAIL]', phone: '[PHONE]', iban: '[IBAN]' } as const;

function looksLikeIban(match: string): boolean {
  const compact = match.replace(/[\s\u00A0-]/g, '');
  const digits = compact.replace(/\D/g, '').length;
  return compact.length >= 15 && compact.length <= 34 && digits >= 10;
}

/** The text with e-mail addresses, IBANs and phone numbers replaced by REDACTED's placeholders. */
export function redactPersonalData(text: string): string {
  return text
    .replace(EMAIL, REDACTED.email)
    .replace(IBAN, (m) => {
      // Trailing "groups" of letters only are the next words ("… 7034 pour"), not part of the IBAN.
      const word = /(?:[ \u00A0-][A-Za-z]+)+$/.exec(m)?.[0] ?? '';
      const iban = m.slice(0, m.length - word.length);
      return looksLikeIban(iban) ? REDACTED.iban + word : m;
    })
    .replace(PHONE_FR, REDACTED.phone)
    .replace(PHONE_INTL, REDACTED.phone)
    .replace(PHONE_NANP, REDACTED.phone);
}
