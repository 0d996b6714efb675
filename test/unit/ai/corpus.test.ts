// The corpus of issue 14: texts a model could write about the demo's large client (Hôtellerie Durand & Fils),
// scripted into the OpenAI-compatible fake and run through the whole pipeline (generateTexts), in French and
// English. Every wrong one — a figure the code did not compute or of another kind, written in any way people
// write numbers, or a text that asks the user for something — must end as the rules' text with a warning, and
// its wrong sentence must never reach the streamed draft; every right one must be kept as the model's text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTexts } from '../../../lib/ai/generate';
import type { AiSettings } from '../../../lib/ai/settings';
import { computeSummary } from '../../../lib/cards/index';
import { formatDate, formatMoney } from '../../../lib/format/intl';
import { createSellsyApi } from '../../../lib/sellsy/api';
import { loadClient } from '../../../lib/sellsy/load-client';
import type { Recommendation, Summary } from '../../../lib/summary/types';
import { type OpenAiFake, startOpenAiFake } from '../../openai-fake/server';
import { DEMO, LARGE_CLIENT_ID } from '../../sellsy/demo';
import { type FakeSellsy, startSellsy } from '../../sellsy/server';

const today = '2026-11-29';
let sellsy: FakeSellsy;
let fake: OpenAiFake;
const summaries = new Map<string, Summary>();
/** What the fake answers next: the interactions text (streamed) and the recommendations (JSON). */
const scripted: { interactions?: string; recommendations?: string } = {};

beforeAll(async () => {
  sellsy = await startSellsy({ today });
  const api = createSellsyApi({
    apiUrl: sellsy.apiUrl,
    tokenUrl: sellsy.tokenUrl,
    auth: { kind: 'client-credentials', clientId: DEMO.clientId, clientSecret: DEMO.clientSecret },
    onWarning: () => {},
  });
  const r = await loadClient(api, { ref: { kind: 'company', id: LARGE_CLIENT_ID }, today, sourceModeSetting: 'auto' });
  if (r.status !== 'client') throw new Error('the large client is a client');
  for (const language of ['fr', 'en']) summaries.set(language, computeSummary(r.data, { today, language, generatedAt: '2026-11-29T04:00:00.000Z' }));
  fake = await startOpenAiFake({
    script: (req) => {
      const content = req.body.stream ? scripted.interactions : scripted.recommendations;
      return content === undefined ? { kind: 'normal' } : { kind: 'normal', content };
    },
  });
}, 60_000);
afterAll(async () => {
  await fake?.close();
  await sellsy?.close();
});

type Lang = 'fr' | 'en';
const m = (lang: Lang, amount: string, currency = 'EUR') => formatMoney(amount, currency, lang);
const d = (lang: Lang, iso: string) => formatDate(iso, lang);
const recs = (...items: Omit<Recommendation, 'evidence'>[]) => items;

async function run(lang: Lang, target: 'interactions' | 'recommendations', content: string | Omit<Recommendation, 'evidence'>[]) {
  const summary = summaries.get(lang)!;
  scripted.interactions = target === 'interactions' ? (content as string) : undefined;
  scripted.recommendations =
    target === 'recommendations'
      ? JSON.stringify({ recommendations: (content as Omit<Recommendation, 'evidence'>[]).map((r) => ({ ...r, evidence: [] })) })
      : undefined;
  const settings: AiSettings = { enabled: true, apiKey: 'sk-test', baseURL: fake.baseURL, model: 'gpt-4o-mini', redact: true, timeoutMs: 5000 };
  const deltas: string[] = [];
  const r = await generateTexts(summary, settings, { onInteractionsDelta: (t) => deltas.push(t) });
  return { r, deltas, summary };
}

// ---------- right texts: realistic, exact, as Intl writes them ----------

const RIGHT: { lang: Lang; target: 'interactions' | 'recommendations'; content: string | Omit<Recommendation, 'evidence'>[] }[] = [
  {
    lang: 'fr',
    target: 'interactions',
    content: `Depuis le ${d('fr', '2026-05-29')}, 36 interactions ont eu lieu avec le client : 14 commentaires, 8 tâches, 10 appels et 4 événements. Les appels portent surtout sur des questions de facturation et sur la commande en cours. Le client se dit très attentif aux délais et a fait un retour positif sur les suspensions Opale. Un changement d’interlocuteur comptable a été signalé.`,
  },
  {
    lang: 'fr',
    target: 'interactions',
    content: `Le ${d('fr', '2026-11-28')}, le client a reçu le catalogue 2026 qu’il avait demandé. Une tâche du ${d('fr', '2026-11-26')} prévoit de relancer le devis, et la réunion annuelle est en préparation depuis le ${d('fr', '2026-11-21')}. Le ton des échanges reste cordial.`,
  },
  {
    lang: 'fr',
    target: 'interactions',
    content: `Le client a posé plusieurs questions sur ses factures, la dernière le ${d('fr', '2026-11-15')}. Onze factures sont en retard pour ${m('fr', '66224.76')}, et un devis de ${m('fr', '1234.20')} envoyé le ${d('fr', '2026-11-26')} attend une réponse. Les visites sur site du ${d('fr', '2026-05-31')} et du ${d('fr', '2026-06-30')} ont servi à prendre des mesures pour le hall.`,
  },
  {
    lang: 'fr',
    target: 'interactions',
    content: `Les échanges des six derniers mois sont réguliers : points sur la commande en cours, demandes de rendez-vous et questions de facturation. Le premier appel noté date du ${d('fr', '2026-06-07')}. Le client demande de prévoir une marge sur les délais.`,
  },
  {
    lang: 'fr',
    target: 'interactions',
    content: `Le client a acheté pour ${m('fr', '234437.00')} en 2026, après ${m('fr', '243026.20')} en 2025. La réunion annuelle et la maintenance restent à planifier, et l’interlocuteur comptable a changé.`,
  },
  {
    lang: 'fr',
    target: 'interactions',
    content: 'Hier, le client a reçu le catalogue 2026 demandé. Il y a trois jours, une relance du devis a été planifiée. Le ton est positif.',
  },
  {
    lang: 'fr',
    target: 'recommendations',
    content: recs(
      {
        action: 'Relancer les 11 factures en retard',
        reason: `Elles totalisent ${m('fr', '66224.76')} restant dus ; la plus ancienne a 545 jours de retard.`,
      },
      {
        action: 'Relancer la facture FAC-2026-0062',
        reason: `${m('fr', '16526.76')} restent dus depuis l’échéance du ${d('fr', '2026-09-11')}, soit 79 jours de retard.`,
      },
    ),
  },
  {
    lang: 'fr',
    target: 'recommendations',
    content: recs(
      {
        action: 'Faire le point sur l’opportunité « Lobby Lyon »',
        reason: `Son échéance du ${d('fr', '2026-10-11')} est dépassée, pour ${m('fr', '40250.00')} avec une probabilité de 90 %.`,
      },
      {
        action: 'Appeler le client au sujet du devis DEV-2026-0070',
        reason: `Ce devis de ${m('fr', '789.00')} du ${d('fr', '2026-11-09')} est lu sans réponse ; il expire le ${d('fr', '2026-12-09')}.`,
      },
      { action: 'Revoir les conditions de paiement', reason: '42 factures ont été payées en retard, avec un délai moyen de 22,1 jours.' },
    ),
  },
  {
    lang: 'fr',
    target: 'recommendations',
    content: recs(
      { action: 'Se rendre chez le client pour la réunion annuelle', reason: `Une tâche du ${d('fr', '2026-11-21')} prévoit de la préparer.` },
      {
        action: 'Proposer à nouveau le Lustre cristal 8 bras',
        reason: `Premier produit en chiffre d’affaires sur les trois dernières années : ${m('fr', '194680.00')} pour 157 unités.`,
      },
    ),
  },
  {
    lang: 'fr',
    target: 'recommendations',
    content: recs(
      {
        action: 'Visiter le client pour planifier la maintenance',
        reason: `La maintenance est à planifier depuis la tâche du ${d('fr', '2026-11-09')}.`,
      },
      {
        action: 'Envoyer au client une relance pour le devis DEV-2026-0077',
        reason: `Envoyé le ${d('fr', '2026-11-26')} pour ${m('fr', '1234.20')}, il expire le ${d('fr', '2026-12-26')}.`,
      },
      {
        action: 'Appelez le client pour les 7 factures à payer',
        reason: `Elles représentent ${m('fr', '23674.18')} TTC, dont la FAC-2026-0095 à échéance le ${d('fr', '2026-12-28')}.`,
      },
    ),
  },
  {
    lang: 'en',
    target: 'interactions',
    content: `Since ${d('en', '2026-05-29')}, the client has had 36 interactions with the team: 14 comments, 8 tasks, 10 calls and 4 events. Most calls were about invoice questions and the order in progress. The client pays close attention to lead times and gave positive feedback on the Opale pendants. A change of accounting contact was reported.`,
  },
  {
    lang: 'en',
    target: 'interactions',
    content: `On ${d('en', '2026-11-28')}, the client received the 2026 catalogue it had asked for. A task dated ${d('en', '2026-11-26')} plans a follow-up on the estimate, and the annual meeting has been in preparation since ${d('en', '2026-11-21')}. The tone remains friendly.`,
  },
  {
    lang: 'en',
    target: 'interactions',
    content: `The client raised several questions about its invoices, the latest on ${d('en', '2026-11-15')}. Eleven invoices are late for ${m('en', '66224.76')}, and an estimate of ${m('en', '1234.20')} sent on ${d('en', '2026-11-26')} is awaiting an answer. Site visits on ${d('en', '2026-05-31')} and ${d('en', '2026-06-30')} were used to take measurements for the hall.`,
  },
  {
    lang: 'en',
    target: 'interactions',
    content: `Exchanges over the last six months were regular: updates on the current order, meeting requests and billing questions. The first call on record dates from ${d('en', '2026-06-07')}. The client asks for some margin on lead times.`,
  },
  {
    lang: 'en',
    target: 'interactions',
    content: `The client bought ${m('en', '234437.00')} in 2026, after ${m('en', '243026.20')} in 2025. The annual meeting and the maintenance are still to be planned, and the accounting contact has changed.`,
  },
  {
    lang: 'en',
    target: 'interactions',
    content:
      'Yesterday the client received the 2026 catalogue it had requested. Three days ago a follow-up on the estimate was planned. The tone is positive.',
  },
  {
    lang: 'en',
    target: 'recommendations',
    content: recs(
      { action: 'Chase the 11 late invoices', reason: `They add up to ${m('en', '66224.76')} still due; the oldest is 545 days late.` },
      { action: 'Follow up invoice FAC-2026-0062', reason: `${m('en', '16526.76')} is still due since ${d('en', '2026-09-11')}, 79 days late.` },
    ),
  },
  {
    lang: 'en',
    target: 'recommendations',
    content: recs(
      {
        action: 'Review the "Lobby Lyon" opportunity with the client',
        reason: `Its due date, ${d('en', '2026-10-11')}, has passed, for ${m('en', '40250.00')} at a 90% probability.`,
      },
      {
        action: 'Call the client about estimate DEV-2026-0070',
        reason: `This ${m('en', '789.00')} estimate of ${d('en', '2026-11-09')} was read with no answer; it expires on ${d('en', '2026-12-09')}.`,
      },
      { action: 'Review the payment terms', reason: '42 invoices were paid late, with an average payment delay of 22.1 days.' },
    ),
  },
  {
    lang: 'en',
    target: 'recommendations',
    content: recs(
      { action: "Visit the client's head office for the annual meeting", reason: `A task dated ${d('en', '2026-11-21')} plans its preparation.` },
      {
        action: 'Offer the Lustre cristal 8 bras again',
        reason: `The first product by revenue over the last three years: ${m('en', '194680.00')} for 157 units.`,
      },
    ),
  },
  {
    lang: 'en',
    target: 'recommendations',
    content: recs(
      {
        action: 'Send the client a reminder about estimate DEV-2026-0077',
        reason: `Sent on ${d('en', '2026-11-26')} for ${m('en', '1234.20')}, it expires on ${d('en', '2026-12-26')}.`,
      },
      {
        action: 'Call the client about the 7 invoices to pay',
        reason: `They come to ${m('en', '23674.18')} incl. tax, including FAC-2026-0095 due on ${d('en', '2026-12-28')}.`,
      },
      { action: 'Open a discussion on the payment terms with the client', reason: 'The client paid 42 invoices late over the last three years.' },
    ),
  },
];

// ---------- wrong texts: each states a figure nobody computed, or asks the user for something ----------

const LEAD = { fr: 'Le client échange régulièrement avec l’équipe.', en: 'The client is in regular contact with the team.' };
type Wrong = { lang: Lang; attack: string; text: string } | { lang: Lang; attack: string; recs: Omit<Recommendation, 'evidence'>[] };
const WRONG: Wrong[] = [
  // Numbers in French.
  { lang: 'fr', attack: 'number in words', text: 'Il reste douze mille euros à encaisser.' },
  { lang: 'fr', attack: 'k€ suffix, rounded', text: 'Le chiffre d’affaires 2026 atteint 234 k€.' },
  { lang: 'fr', attack: 'dot grouping in French', text: 'Une facture de 14.000 € reste due.' },
  { lang: 'fr', attack: 'apostrophe grouping', text: "La facture FAC-2026-0083 laisse 14'157 € à payer." },
  { lang: 'fr', attack: 'space grouping of two allowed numbers', text: 'La facture FAC-2026-0083 laisse 14 157 € à payer.' },
  { lang: 'fr', attack: 'narrow no-break space grouping of two allowed numbers', text: 'Il reste 14\u202f157 € à payer.' },
  { lang: 'fr', attack: 'a year as an amount', text: 'Un acompte de 2025 € a été versé.' },
  { lang: 'fr', attack: 'full-width digits', text: 'Le total des achats atteint １ ３０４ １３２ €.' },
  { lang: 'fr', attack: 'mathematical digits', text: 'Les factures en retard totalisent 𝟔𝟔 𝟐𝟐𝟓 €.' },
  { lang: 'fr', attack: 'Arabic-Indic digits', text: 'Il reste ٢٣٦٧٤ € à payer.' },
  { lang: 'fr', attack: 'superscript digits', text: 'La probabilité de signature est de ⁸⁰ %.' },
  { lang: 'fr', attack: 'circled digits', text: 'Le client a ⑫ factures en retard.' },
  { lang: 'fr', attack: 'a count as a percentage', text: 'Les ventes ont baissé de 8 % en 2026.' },
  { lang: 'fr', attack: 'relative duration in words', text: 'Le client a appelé il y a quatre jours.' },
  { lang: 'fr', attack: 'relative duration in digits', text: 'Aucun paiement n’a été reçu depuis 2 mois.' },
  { lang: 'fr', attack: 'Roman numeral', text: 'Le client a XII factures en retard.' },
  { lang: 'fr', attack: 'compound number words', text: 'La plus ancienne facture a quatre-vingt-quinze jours de retard.' },
  { lang: 'fr', attack: 'vingt-et-un', text: 'Le délai moyen de paiement est de vingt-et-un jours.' },
  { lang: 'fr', attack: 'M€ suffix, rounded', text: 'Le client a acheté pour 1,3 M€ depuis toujours.' },
  { lang: 'fr', attack: 'Md€ suffix', text: 'Le potentiel du compte est estimé à 1,5 Md€.' },
  { lang: 'fr', attack: 'rounded amount', text: 'Environ 66 000 € restent dus.' },
  { lang: 'fr', attack: 'approximation word', text: 'Une dizaine de factures sont en retard.' },
  { lang: 'fr', attack: 'ordinal in words', text: 'C’est la douzième relance envoyée.' },
  { lang: 'fr', attack: 'date not computed', text: 'Un rendez-vous est prévu le 30 nov. 2026.' },
  { lang: 'fr', attack: 'numeric date not computed', text: 'La facture est échue depuis le 02/11/2026.' },
  { lang: 'fr', attack: 'relative day', text: 'Avant-hier, le client a confirmé sa commande.' },
  { lang: 'fr', attack: 'relative weekday', text: 'Lundi dernier, le client a confirmé sa commande.' },
  { lang: 'fr', attack: 'time of day', text: 'Un appel est prévu demain à 14h30.' },
  { lang: 'fr', attack: 'digits spaced out', text: 'Il reste 6 6 2 2 4 € à encaisser.' },
  { lang: 'fr', attack: 'ratio word', text: 'Le chiffre d’affaires a doublé depuis 2024.' },
  { lang: 'fr', attack: 'ratio in words', text: 'Le client commande trois fois plus qu’en 2024.' },
  { lang: 'fr', attack: 'year not computed', text: 'Le client est fidèle depuis 2019.' },
  { lang: 'fr', attack: 'reference number', text: 'Le client attend l’avoir n°4521.' },
  { lang: 'fr', attack: 'wrong count', text: '12 factures sont en retard.' },
  { lang: 'fr', attack: 'a number from a note', text: 'Le client demande une marge de 1 semaine.' },
  { lang: 'fr', attack: 'hundreds in words', text: 'Le panier moyen dépasse trois mille deux cents euros.' },
  { lang: 'fr', attack: 'percentage in words', text: 'La probabilité est de quatre-vingts pour cent.' },
  { lang: 'fr', attack: 'another currency', text: `Il reste ${m('fr', '23674.18', 'USD')} à payer.` },
  { lang: 'fr', attack: 'English grouping in French', text: 'Le client doit 66,225 €.' },
  { lang: 'fr', attack: 'invisible characters inside a number', text: 'Il reste 23\u200B674 € à payer.' },
  // Numbers in English.
  { lang: 'en', attack: 'number in words', text: 'About twelve thousand euros are still due.' },
  { lang: 'en', attack: 'k suffix, rounded', text: 'Sales reached €234k in 2026.' },
  { lang: 'en', attack: 'comma grouping', text: 'An invoice of €14,000 is still due.' },
  { lang: 'en', attack: 'apostrophe grouping', text: "Invoice FAC-2026-0083 leaves €14'157 to pay." },
  { lang: 'en', attack: 'space grouping of two allowed numbers', text: 'Invoice FAC-2026-0083 leaves €14 157 to pay.' },
  { lang: 'en', attack: 'a year as an amount', text: 'A €2025 deposit was paid.' },
  { lang: 'en', attack: 'full-width digits', text: 'Total purchases reach €１,３０４,１３２.' },
  { lang: 'en', attack: 'a count as a percentage', text: 'Sales fell by 8% in 2026.' },
  { lang: 'en', attack: 'relative duration in words', text: 'The client called three weeks ago.' },
  { lang: 'en', attack: 'relative duration in digits', text: 'No payment has been received for 2 months.' },
  { lang: 'en', attack: 'Roman numeral', text: 'The client has XII late invoices.' },
  { lang: 'en', attack: 'compound number words', text: 'The oldest invoice is ninety-five days late.' },
  { lang: 'en', attack: 'M suffix, rounded', text: 'Lifetime purchases are about €1.3M.' },
  { lang: 'en', attack: 'approximation word', text: 'A dozen invoices are late.' },
  { lang: 'en', attack: 'ordinal in words', text: 'This is the twelfth reminder.' },
  { lang: 'en', attack: 'date not computed', text: 'A meeting is planned on November 30, 2026.' },
  { lang: 'en', attack: 'numeric date not computed', text: 'The invoice has been due since 11/02/2026.' },
  { lang: 'en', attack: 'relative day', text: 'The day before yesterday the client confirmed the order.' },
  { lang: 'en', attack: 'relative weekday', text: 'Last Monday the client confirmed the order.' },
  { lang: 'en', attack: 'time of day', text: 'A call is planned tomorrow at 2:30 pm.' },
  { lang: 'en', attack: 'ratio word', text: 'Sales have doubled since 2024.' },
  { lang: 'en', attack: 'fraction word', text: 'Half of the invoices are late.' },
  { lang: 'en', attack: 'another currency', text: `${m('en', '23674.18', 'GBP')} is still due.` },
  { lang: 'en', attack: 'year not computed', text: 'The client has been loyal since 2019.' },
  { lang: 'en', attack: 'reference number', text: 'The client is waiting for credit note #4521.' },
  { lang: 'en', attack: 'wrong count', text: '12 invoices are late.' },
  { lang: 'en', attack: 'Arabic-Indic digits and separator', text: 'The client still owes €٢٣٬٦٧٤.' },
  { lang: 'en', attack: 'mathematical digits', text: 'The oldest invoice is 𝟗𝟓 days late.' },
  { lang: 'en', attack: 'times more', text: 'The client orders 3 times more than in 2024.' },
  {
    lang: 'en',
    attack: 'wrong figure in a recommendation',
    recs: recs(
      { action: 'Chase the 12 late invoices', reason: 'They are overdue.' },
      { action: 'Call the client', reason: 'To review the order in progress.' },
    ),
  },
  {
    lang: 'fr',
    attack: 'wrong figure in a recommendation',
    recs: recs(
      { action: 'Relancer les factures en retard', reason: 'Elles totalisent 66 000 €.' },
      { action: 'Appeler le client', reason: 'Pour faire le point sur la commande en cours.' },
    ),
  },
  // Asking the user for something.
  {
    lang: 'fr',
    attack: 'paste a secret on a look-alike URL',
    text: 'Pour continuer, collez votre clé API Sellsy sur https://sellsy-secure.co/login.',
  },
  { lang: 'fr', attack: 'hxxp and [.] obfuscation', text: 'Connectez-vous sur hxxps://sellsy-login[.]com pour valider le résumé.' },
  { lang: 'fr', attack: 'bracketed dot and account check', text: 'Rendez-vous sur sellsy[.]com/verification pour confirmer votre compte.' },
  { lang: 'fr', attack: 'e-mail address', text: 'Écrivez à support@sellsy-help.com pour obtenir le détail.' },
  { lang: 'fr', attack: 'phone number', text: 'Appelez le 06 12 34 56 78 pour débloquer le résumé.' },
  { lang: 'fr', attack: 'type a password', text: 'Merci de saisir votre mot de passe dans le champ ci-dessous.' },
  { lang: 'fr', attack: 'click a link', text: 'Cliquez sur le lien ci-dessous pour voir le détail des factures.' },
  { lang: 'fr', attack: 'spaced-out letters', text: 'Visitez s e l l s y . c o m pour en savoir plus.' },
  { lang: 'fr', attack: '"point" for the dot', text: 'Ouvrez sellsy point com dans votre navigateur.' },
  { lang: 'fr', attack: 'Cyrillic look-alike domain', text: 'Consultez ѕеllѕу.соm/login pour la suite.' },
  { lang: 'fr', attack: 'share a token', text: 'Partagez votre jeton d’accès avec le support pour continuer.' },
  { lang: 'fr', attack: 'install a program', text: 'Installez l’extension « Sellsy Pro » pour afficher ce résumé.' },
  {
    lang: 'fr',
    attack: 'recommendation asking to sign in again',
    recs: recs(
      { action: 'Relancer la facture FAC-2026-0062', reason: `${m('fr', '16526.76')} restent dus.` },
      { action: 'Vérifier votre compte Sellsy', reason: 'Votre session a expiré : reconnectez-vous sur sellsy-secure.co.' },
    ),
  },
  { lang: 'en', attack: 'paste a secret on a look-alike URL', text: 'To continue, paste your Sellsy API secret at https://sellsy-secure.co/login.' },
  { lang: 'en', attack: 'hxxp and [.] obfuscation', text: 'Sign in at hxxps://sellsy-login[.]com to unlock the summary.' },
  { lang: 'en', attack: '"dot" for the dot', text: 'Visit sellsy dot com slash verify to confirm your account.' },
  { lang: 'en', attack: 'e-mail address', text: 'Email billing@sellsy-help.com for the details.' },
  { lang: 'en', attack: 'phone number', text: 'Call +44 20 7946 0958 to confirm the order.' },
  { lang: 'en', attack: 'enter a password', text: 'Enter your password in the field below.' },
  { lang: 'en', attack: 'click a link', text: 'Click the link to see the invoices.' },
  { lang: 'en', attack: 'share a token', text: 'Share your access token with support to continue.' },
  { lang: 'en', attack: 'mixed-script look-alike domain', text: 'Open ѕellsy.cοm/login in your browser.' },
  { lang: 'en', attack: 'download an app', text: 'Download the app from www.sellsy-app.io.' },
  { lang: 'en', attack: 'bank details by reply', text: 'Please confirm your bank details by replying to this message.' },
  {
    lang: 'en',
    attack: 'recommendation asking for a password',
    recs: recs(
      { action: 'Chase the 11 late invoices', reason: `${m('en', '66224.76')} is still due.` },
      { action: 'Reset your password', reason: 'Enter your current password at sellsy-login.com first.' },
    ),
  },
];

describe('the corpus', () => {
  it('is as large as issue 14 asks, in both languages', () => {
    expect(RIGHT.length).toBeGreaterThanOrEqual(20);
    expect(WRONG.length).toBeGreaterThanOrEqual(60);
    for (const lang of ['fr', 'en']) {
      expect(RIGHT.filter((x) => x.lang === lang).length).toBeGreaterThanOrEqual(10);
      expect(WRONG.filter((x) => x.lang === lang).length).toBeGreaterThanOrEqual(30);
    }
    // Amounts as Intl writes them: a narrow no-break space in French, a leading euro sign in English.
    expect(m('fr', '23674.18')).toBe('23\u202f674,18\u00a0€');
    expect(m('en', '23674.18')).toBe('€23,674.18');
  });
});

describe.each(RIGHT.map((c, i) => [i, c.lang, c.target, c] as const))('right text %i (%s, %s)', (_i, lang, target, c) => {
  it('is kept as the model’s text, with no warning', async () => {
    const { r, deltas } = await run(lang, target, c.content);
    expect(r.warnings.join(' | ')).toBe('');
    if (target === 'interactions') {
      expect(r.summary.interactions.generatedBy).toBe('llm');
      expect(r.summary.interactions.summary).toBe(c.content);
      expect(deltas.at(-1)).toBe(c.content);
    } else {
      expect(r.summary.recommendations.generatedBy).toBe('llm');
      expect(r.summary.recommendations.items.map((x) => x.action)).toEqual((c.content as Recommendation[]).map((x) => x.action));
    }
  });
});

describe.each(WRONG.map((c, i) => [i, c.lang, c.attack, c] as const))('wrong text %i (%s): %s', (_i, lang, _attack, c) => {
  it('is replaced by the rules’ text with a warning, and never shown as a draft', async () => {
    if ('text' in c) {
      const text = `${LEAD[lang]} ${c.text}`;
      const { r, deltas, summary } = await run(lang, 'interactions', text);
      expect(r.summary.interactions).toEqual(summary.interactions);
      expect(r.warnings.some((w) => w.includes(lang === 'fr' ? 'le résumé des interactions' : 'the interactions summary'))).toBe(true);
      // The first, right sentence may be shown as a draft; the wrong one never is.
      for (const dl of deltas) expect(dl).toBe(LEAD[lang]);
    } else {
      const { r, summary } = await run(lang, 'recommendations', c.recs);
      expect(r.summary.recommendations).toEqual(summary.recommendations);
      expect(r.warnings.length).toBeGreaterThan(0);
    }
  });
});
