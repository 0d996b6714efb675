// What the user reads when the language model's texts could not be used: each says what happened and that
// the rules' text stands. Shown in the summary's warnings and by the options page's "Test the model".
import { type Lang, pick } from './lang';

const fr = {
  notConfigured: 'IA : aucune clé API pour OpenAI ; textes générés par règles.',
  badUrl: (url: string) => `IA : adresse du fournisseur invalide (« ${url} ») ; textes générés par règles.`,
  auth: 'IA : clé API refusée (401) ; textes générés par règles.',
  forbidden: 'IA : accès refusé par le fournisseur (403) ; textes générés par règles.',
  rateLimit: 'IA : quota ou limite de requêtes atteint (429) ; textes générés par règles.',
  server: (status: number) => `IA : erreur du fournisseur (${status}) ; textes générés par règles.`,
  notFound: (model: string) => `IA : modèle ou adresse introuvable (404, modèle « ${model} ») ; textes générés par règles.`,
  badRequest: (status: number, msg: string) => `IA : requête refusée (${status}) : ${msg} ; textes générés par règles.`,
  timeout: (ms: number) => `IA : pas de réponse en ${String(ms / 1000).replace('.', ',')} s ; textes générés par règles.`,
  network: (msg: string) => `IA : fournisseur injoignable (${msg}) ; textes générés par règles.`,
  aborted: 'IA : génération annulée ; textes générés par règles.',
  redirect:
    'IA : le fournisseur a répondu par une redirection vers une autre adresse ; elle n’a pas été suivie et rien n’y a été envoyé ; textes générés par règles.',
  malformed: (what: string) => `IA : réponse illisible pour ${what} ; texte généré par règles.`,
  tooLarge: (what: string) => `IA : réponse trop volumineuse pour ${what}, lecture arrêtée ; texte généré par règles.`,
  numbers: (what: string, bad: string[]) =>
    `IA : chiffres non calculés par le logiciel dans ${what} (${bad.slice(0, 5).join(', ')}) ; texte généré par règles.`,
  language: (what: string) => `IA : langue incorrecte dans ${what} ; texte généré par règles.`,
  leak: (what: string) => `IA : consignes du système reprises dans ${what} ; texte généré par règles.`,
  asks: (what: string, kind: string) => `IA : demande faite à l’utilisateur dans ${what} (${kind}) ; texte généré par règles.`,
  askKinds: {
    url: 'une adresse web',
    email: 'une adresse e-mail',
    phone: 'un numéro de téléphone',
    secret: 'un mot de passe, une clé ou un identifiant',
    instruction: 'une action à faire',
  },
  tooLong: (what: string, max: number) =>
    `IA : réponse trop longue pour ${what} (plus de ${max.toLocaleString('fr')} caractères), interrompue ; texte généré par règles.`,
  tooFew: (n: number) => `IA : seulement ${n} recommandation(s) valable(s) ; recommandations générées par règles.`,
  droppedRecs: (n: number) => `IA : ${n} recommandation(s) écartée(s) (chiffres non calculés ou sources inventées).`,
  droppedEvidence: (n: number) => `IA : ${n} référence(s) inventée(s) retirée(s) des recommandations.`,
  what: { interactions: 'le résumé des interactions', recommendations: 'les recommandations' },
};

export type AiWarnings = typeof fr;

const en: AiWarnings = {
  notConfigured: 'AI: no API key for OpenAI; texts written by rules.',
  badUrl: (url: string) => `AI: invalid provider address ("${url}"); texts written by rules.`,
  auth: 'AI: API key rejected (401); texts written by rules.',
  forbidden: 'AI: access denied by the provider (403); texts written by rules.',
  rateLimit: 'AI: quota or rate limit reached (429); texts written by rules.',
  server: (status: number) => `AI: provider error (${status}); texts written by rules.`,
  notFound: (model: string) => `AI: model or address not found (404, model "${model}"); texts written by rules.`,
  badRequest: (status: number, msg: string) => `AI: request rejected (${status}): ${msg}; texts written by rules.`,
  timeout: (ms: number) => `AI: no answer within ${ms / 1000} s; texts written by rules.`,
  network: (msg: string) => `AI: provider unreachable (${msg}); texts written by rules.`,
  aborted: 'AI: generation cancelled; texts written by rules.',
  redirect: 'AI: the provider answered a redirect to another address; it was not followed and nothing was sent there; texts written by rules.',
  malformed: (what: string) => `AI: unreadable answer for ${what}; text written by rules.`,
  tooLarge: (what: string) => `AI: answer too large for ${what}, reading stopped; text written by rules.`,
  numbers: (what: string, bad: string[]) =>
    `AI: figures not computed by the software in ${what} (${bad.slice(0, 5).join(', ')}); text written by rules.`,
  language: (what: string) => `AI: wrong language in ${what}; text written by rules.`,
  leak: (what: string) => `AI: system instructions repeated in ${what}; text written by rules.`,
  asks: (what: string, kind: string) => `AI: a request to the user in ${what} (${kind}); text written by rules.`,
  askKinds: {
    url: 'a web address',
    email: 'an e-mail address',
    phone: 'a phone number',
    secret: 'a password, key or credential',
    instruction: 'an action to take',
  },
  tooLong: (what: string, max: number) =>
    `AI: answer too long for ${what} (over ${max.toLocaleString('en')} characters), cut off; text written by rules.`,
  tooFew: (n: number) => `AI: only ${n} valid recommendation(s); recommendations written by rules.`,
  droppedRecs: (n: number) => `AI: ${n} recommendation(s) dropped (figures not computed or invented sources).`,
  droppedEvidence: (n: number) => `AI: ${n} invented reference(s) removed from the recommendations.`,
  what: { interactions: 'the interactions summary', recommendations: 'the recommendations' },
};

const AI_WARNINGS: Record<Lang, AiWarnings> = { fr, en };

export function aiWarnings(lang: string): AiWarnings {
  return pick(AI_WARNINGS, lang);
}
