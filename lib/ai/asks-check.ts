// A generated text is read by the user as the extension's own words. It may describe the client and suggest
// what the rep does next ("Relancer la facture", "Appeler le client", "Visit the client's shop"); it must never
// ask the user for anything: no address to visit, no e-mail or phone to contact, no instruction to paste,
// type, click, sign in, install, or share a password, key or token. A note in the CRM can make a model write
// exactly that ("paste your API secret on sellsy-secure.co"), so such a text is refused whatever the wording:
// obfuscated addresses ("hxxps", "sellsy[.]com", "sellsy dot com", "s e l l s y . c o m", Cyrillic look-alike
// letters) are undone before matching.
import { foldForMatching, foldForReading } from './unicode-text';

export type AskKind = 'url' | 'email' | 'phone' | 'secret' | 'instruction';

export interface AskFound {
  kind: AskKind;
  match: string;
}

// Top-level domains a link would use. Two-letter country codes are all valid TLDs but "le.fr" style typos are
// rare in model output, so the common ones are enough; any scheme, "www." or IP address is caught apart.
const TLDS =
  'com|net|org|info|biz|io|co|ai|app|dev|me|eu|fr|de|uk|be|ch|ca|us|es|it|nl|pt|pl|ru|cn|jp|in|br|au|lu|mc|re|ly|to|gg|sh|tk|ml|ga|cf|gq|cc|tv|ws|pw|xyz|top|site|online|shop|store|cloud|link|click|live|page|tech|pro|mobi|email|support|help|login|secure|zip|mov|icu|vip|win|bid|loan|work|fun|space|website|services|solutions|digital|network|systems|host|center|group|company|business|finance|bank|money|pay';

/** Undoes the usual ways of hiding an address from a filter. Input: folded for matching (lower case, no accents). */
function deobfuscate(t: string): string {
  return (
    t
      // "s e l l s y . c o m", "h t t p s : / /": single characters spaced out.
      .replace(/(?<!\S)(?:[\p{L}\p{N}.@:/-] ){3,}[\p{L}\p{N}.@:/-](?!\S)/gu, (m) => m.replace(/ /g, ''))
      .replace(/\bh[x*]{2}p(s?)\b/g, 'http$1')
      .replace(/\s*[[({]\s*(?:\.|dot|point)\s*[\])}]\s*/g, '.')
      .replace(/\s*[[({]\s*(?:@|at|arobase)\s*[\])}]\s*/g, '@')
      .replace(/\s*[[({]\s*:\s*[\])}]\s*/g, ':')
      .replace(new RegExp(`([\\p{L}\\p{N}])\\s+(?:dot|point)\\s+(?=(?:${TLDS})\\b)`, 'gu'), '$1.')
      .replace(new RegExp(`([\\p{L}\\p{N}]) \\. (?=(?:${TLDS})\\b)`, 'gu'), '$1.')
      .replace(/\barobase\b/g, '@')
  );
}

const URL_PATTERNS: RegExp[] = [
  /\b(?:https?|ftp|file|javascript|data|vbscript|blob|ws|wss):/,
  /(?<![\p{L}\p{N}])\/\/[\p{L}\p{N}-]+\./u,
  /\bwww\d?\./,
  /\bxn--/,
  /\blocalhost\b/,
  /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])/,
  new RegExp(`(?<![\\p{L}\\p{N}@.-])(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+(?:${TLDS})(?![\\p{L}\\p{N}-])`, 'u'),
];

// Separators within one line only, and never right after a letter, a hyphen or a slash: "FAC-2026-0062" then a
// new line starting with "16 526,76 €" is a document number and an amount, not "+0062 16 526".
const NOT_AFTER = String.raw`(?<![\p{L}\p{N}_+\-/.,])`;
const PHONE_PATTERNS: RegExp[] = [
  // +33 6 12 34 56 78, 0033 6…, +44 20 7946 0958
  new RegExp(String.raw`${NOT_AFTER}(?:\+|00)[1-9]\d{0,2}[ .\-/]?(?:\(0?\d{1,4}\)[ .\-/]?)?\d(?:[ .\-/]?\d){5,13}(?![\d,])`, 'u'),
  // 06 12 34 56 78, 06.12.34.56.78, 0612345678
  new RegExp(String.raw`${NOT_AFTER}0[1-9](?:[ .\-]?\d{2}){4}(?![\d,])`, 'u'),
  // (555) 123-4567, 555-123-4567
  new RegExp(String.raw`${NOT_AFTER}\(\d{3}\)[ .\-]?\d{3}[ .\-]\d{4}(?!\d)`, 'u'),
  new RegExp(String.raw`${NOT_AFTER}\d{3}[.\-]\d{3}[.\-]\d{4}(?!\d)`, 'u'),
];

/** Strings that are secrets themselves, whatever is said around them. */
const SECRET_STRINGS: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{8,}/,
  /\b(?:ghp|gho|ghs|github_pat|glpat|xox[abpr])[-_][A-Za-z0-9_-]{8,}/,
  /\bAKIA[0-9A-Z]{12,}\b/,
  /\bBearer\s+[A-Za-z0-9._~+/-]{8,}/i,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{4,}/,
];

// Folded (no accents, lower case). Nouns that name something only the user holds.
const SECRET_NOUNS =
  /\b(?:mots? de passe|mdp|passwords?|passcodes?|passphrases?|cles? (?:d'|de l')?api|cles? secretes?|cles? d'acces|cles? privees?|api[ -]?keys?|secret[ -]keys?|access[ -]keys?|private[ -]keys?|(?:client|api) secrets?|secrets? (?:client|d'api|api)|(?:access|api|auth|bearer|refresh) tokens?|tokens? (?:d'acces|d'api|api)|jetons?(?: d'acces| d'api| api)?|tokens?|identifiants?(?: de connexion)?|credentials?|login details|codes? (?:de verification|de confirmation|d'acces|de securite|secret|pin|a usage unique|2fa|otp|sms|recu par sms)|(?:verification|security|confirmation|one[- ]time|2fa|otp|sms) codes?|one[- ]time passwords?|\b2fa\b|\botp\b|code pin|\bpin\b|numeros? de carte|card numbers?|cvv|cryptogramme)\b/;
// Banking details are fine to mention ("the client sent a new IBAN"); asking the reader for theirs is not.
const BANK_NOUNS = /\b(?:iban|rib|bic|coordonnees bancaires|bank details|bank account|compte bancaire)\b/;
const READER = /\b(?:votre|vos|ton|ta|tes|your|yours|vous-meme|yourself)\b/;
// Verbs of handing something over, every form the two languages use for the reader or as an infinitive.
const HAND_OVER =
  /\b(?:coll(?:er|ez|e)|copi(?:er|ez|e)|saisi(?:r|ssez|s)|entr(?:er|ez)|tap(?:er|ez|e)|envoy(?:er|ez)|envoie|transmett(?:re|ez)|transmets|communiqu(?:er|ez|e)|partag(?:er|ez|e)|fourni(?:r|ssez|s)|donn(?:er|ez|e)|indiqu(?:er|ez|e)|renseign(?:er|ez|e)|confirm(?:er|ez|e)|verifi(?:er|ez|e)|reinitialis(?:er|ez|e)|revel(?:er|ez)|dict(?:er|ez)|demand(?:er|ez)|paste|copy|enter|type|send|share|provide|give|submit|confirm|verify|reset|update|input|tell|reveal|disclose|ask for|fill in)\b/;

// Instructions to act on a screen: never something a rep does toward a client.
const ALWAYS_INSTRUCTION: RegExp[] = [
  /\b(?:cliqu(?:ez|er|e|ant|ons)|clic|clics|click(?:s|ing|ed)?)\b/,
  /\b(?:appuyez|appuie) sur\b|\b(?:press|tap) (?:the |this )?(?:button|key|link|bouton)\b|\btap on\b/,
  /\b(?:coll(?:ez|er)|colle-(?:le|la|les)|paste|pasting|pasted|copier-coller|copy-paste|copy and paste|copiez-collez)\b/,
  /\b(?:connectez-vous|reconnectez-vous|connecte-toi|se (?:re)?connecter (?:a|au|aux|sur)|vous (?:re)?connecter|identifiez-vous|authentifiez-vous|s'identifier|s'authentifier|sign[ -]?in|sign[ -]?on|log[ -]?in|log[ -]?on|logon)\b/,
  /\b(?:qr[ -]?codes?|codes? qr|scannez|scan the)\b/,
  /\b(?:contactez-(?:nous|moi)|contact us|contact me|appelez-(?:nous|moi)|call us|call me|ecrivez-(?:nous|moi)|write to (?:us|me)|e-?mail us|envoyez-(?:nous|moi)|send (?:us|me)|repondez(?:-nous)? (?:a ce|avec|par)|reply (?:to this|with)|respond with)\b/,
  /\b(?:veuillez|merci de|please|kindly) (?:\w+ )?(?:fournir|communiquer|confirmer|envoyer|transmettre|saisir|coller|cliquer|indiquer|renseigner|verifier|nous|me|provide|send|share|confirm|enter|paste|type|click|visit|verify|log|sign|reply|call|contact|update|reset|open|download|install|go)\b/,
];
const WITHIN = String.raw`\b(?:\s+\S+){0,4}?\s+(?:le |la |l'|ce |cet |cette |the |this |our |notre |un |une |a |an )?`;
// Visiting, opening, following toward the client is the rep's job; toward a link, a page or a portal it is not.
const OPEN_LINK = new RegExp(
  String.raw`\b(?:visit(?:ez|er|e|s|ing)?|ouvr(?:ez|ir|e)|open(?:s|ing)?|suiv(?:ez|re)|follow(?:ing)?|allez|aller|go|rendez-vous|se rendre|rends-toi|head|navigate|browse|acced(?:ez|er)|access|consult(?:ez|er))` +
    WITHIN +
    String.raw`(?:lien|liens|link|links|url|page web|site web|site internet|website|webpage|web page|portail|portal|formulaire en ligne|online form|espace client|client area|notre site|our site)\b`,
);
// Installing an oven at the client's is fine; installing a program is not.
const INSTALL = new RegExp(
  String.raw`\b(?:telecharg(?:ez|er|e)|download(?:ing)?|install(?:ez|er|e|ing)?|execut(?:ez|er))` +
    WITHIN +
    String.raw`(?:extension|application|appli|app|logiciel|software|plugin|plug-in|script|fichier|file|piece jointe|attachment|certificat|certificate|mise a jour|update|executable)\b`,
);
// Typing into something: "saisissez votre…", "enter it here", "type in the field"; "entrer en contact" is fine.
const TYPE_INTO =
  /\b(?:saisi(?:ssez|s|r)|tap(?:ez|e|er)|entr(?:ez|er)(?! en )|renseign(?:ez|er)|rempli(?:ssez|r)|type|enter|input|fill (?:in|out))\b(?:\s+\S+){0,3}?\s+(?:votre|vos|ton|ta|tes|your|ici|here|ci-dessous|below|dans le champ|in the field|le champ|the field|le formulaire|the form|la case|the box|the prompt|le terminal|the terminal|la console|the console)\b/;
// The reader's own account: "vérifiez votre compte", "your session has expired".
const READER_ACCOUNT =
  /\b(?:votre|vos|ton|ta|tes|your) (?:compte|account|session|identifiants?|credentials|login|profil|profile|abonnement|subscription|licence|license|acces|access)\b/;

function sentences(t: string): string[] {
  return t.split(/(?<=[.!?;:])\s+|\n+/);
}

/** What a generated text asks of its reader, if anything; empty when it asks nothing. */
export function findAsks(text: string): AskFound[] {
  const found: AskFound[] = [];
  const add = (kind: AskKind, m: RegExpExecArray | null) => {
    if (m) found.push({ kind, match: m[0] });
  };
  const reading = foldForReading(text);
  for (const re of SECRET_STRINGS) add('secret', re.exec(reading));
  const folded = foldForMatching(text);
  const plain = deobfuscate(folded);
  for (const re of URL_PATTERNS) add('url', re.exec(plain));
  add('email', /[\p{L}\p{N}._%+-]*@[\p{L}\p{N}-]*/u.exec(plain));
  for (const re of PHONE_PATTERNS) add('phone', re.exec(reading));
  for (const s of sentences(plain)) {
    const noun = SECRET_NOUNS.exec(s);
    if (noun && (READER.test(s) || HAND_OVER.test(s))) add('secret', noun);
    const bank = BANK_NOUNS.exec(s);
    if (bank && READER.test(s)) add('secret', bank);
    for (const re of ALWAYS_INSTRUCTION) add('instruction', re.exec(s));
    add('instruction', OPEN_LINK.exec(s));
    add('instruction', INSTALL.exec(s));
    add('instruction', TYPE_INTO.exec(s));
    add('instruction', READER_ACCOUNT.exec(s));
  }
  return found;
}
