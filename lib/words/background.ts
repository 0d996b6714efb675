// What the background says by itself: the toolbar button's titles, and the sentences it sends the panel or
// the options page when there is nothing to compute.
import { type Lang, pick } from './lang';
import { PRODUCT_NAME } from './summary';

const fr = {
  toolbar: {
    elsewhere: `${PRODUCT_NAME} fonctionne sur les fiches client de Sellsy : ouvrez un client dans Sellsy.`,
    reload: 'Rechargez la page Sellsy pour afficher le résumé.',
    ready: PRODUCT_NAME,
  },
  contactPage: 'Cette page est celle d’un contact : ouvrez la fiche de sa société ou du particulier pour voir le résumé.',
  noCredentialsSaved: 'Aucun identifiant Sellsy enregistré.',
  signInAppMissing: 'L’identifiant de l’application Sellsy de votre société n’est pas renseigné : demandez-le à votre administrateur.',
};

export type BackgroundWords = typeof fr;

const en: BackgroundWords = {
  toolbar: {
    elsewhere: `${PRODUCT_NAME} works on Sellsy client pages: open a client in Sellsy.`,
    reload: 'Reload the Sellsy page to show the summary.',
    ready: PRODUCT_NAME,
  },
  contactPage: 'This page is a contact’s: open its company’s or the individual’s page to see the summary.',
  noCredentialsSaved: 'No Sellsy credentials saved.',
  signInAppMissing: 'Your company’s Sellsy app client id is not set: ask your administrator for it.',
};

const BACKGROUND_WORDS: Record<Lang, BackgroundWords> = { fr, en };

export function backgroundWords(lang: string): BackgroundWords {
  return pick(BACKGROUND_WORDS, lang);
}
