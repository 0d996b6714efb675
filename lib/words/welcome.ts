// The welcome page's words (shown once, on install), in French and English.
import { type Lang, pick } from './lang';

const fr = {
  title: 'Bienvenue dans Résumé client',
  intro:
    'Le résumé d’un client Sellsy en un clic : la relation, les documents en cours, les ventes, les interactions et quoi faire ensuite, avec les documents derrière chaque chiffre.',
  steps: 'Deux étapes pour commencer',
  signInTitle: 'Connectez-vous à Sellsy',
  signInText: 'Dans les options, cliquez sur « Se connecter avec Sellsy » et acceptez l’accès : vous n’avez rien à copier.',
  openOptions: 'Ouvrir les options',
  openClientTitle: 'Ouvrez un client dans Sellsy',
  openClientText: (control: string) => `Sur la fiche du client, cliquez sur « ${control} », à côté des onglets de la fiche, ou appuyez sur`,
  toolbar: 'Le bouton de l’extension dans la barre d’outils fait de même.',
  noShortcut: 'le raccourci que vous aurez choisi dans les raccourcis d’extensions du navigateur',
  options: 'Langue, modèle de langue, cache et accès Sellsy avancé : tout se règle dans les',
  optionsLink: 'options',
};
const en: typeof fr = {
  title: 'Welcome to Résumé client',
  intro:
    'A Sellsy client’s summary in one click: the relationship, open documents, sales, interactions and what to do next, with the documents behind every figure.',
  steps: 'Two steps to start',
  signInTitle: 'Sign in to Sellsy',
  signInText: 'In the options, click “Sign in with Sellsy” and accept the access: there is nothing to copy.',
  openOptions: 'Open the options',
  openClientTitle: 'Open a client in Sellsy',
  openClientText: (control: string) => `On the client’s page, click “${control}”, next to the record’s tabs, or press`,
  toolbar: 'The extension’s toolbar button does the same.',
  noShortcut: 'the shortcut you choose in the browser’s extension shortcuts',
  options: 'Language, language model, cache and advanced Sellsy access are all set in the',
  optionsLink: 'options',
};

export type WelcomeStrings = typeof fr;
const WORDS: Record<Lang, WelcomeStrings> = { fr, en };
export function welcomeStrings(lang: string): WelcomeStrings {
  return pick(WORDS, lang);
}
