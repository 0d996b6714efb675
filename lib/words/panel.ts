// The panel's own words: its buttons, its states and errors, the progress of a load, the drill-down into a
// figure's documents. The cards' figure names are in figures.ts, the words around values in values.ts.
import { type Lang, pick } from './lang';

const fr = {
  panel: 'Résumé client',
  close: 'Fermer le résumé',
  refresh: 'Actualiser',
  copy: 'Copier en Markdown',
  copied: 'Copié',
  copyFailed: 'Copie impossible',
  generated: 'Calculé',
  stale: 'Peut-être dépassé : le client a changé depuis ce calcul',
  staleShort: 'peut-être dépassé',
  loading: 'Chargement',
  phases: {
    client: 'fiche client',
    account: 'compte',
    documents: 'documents',
    activity: 'activité',
    details: 'lignes des documents',
    items: 'catalogue',
    done: 'terminé',
  } as Record<string, string>,
  noCredentials: 'Aucun accès Sellsy n’est configuré.',
  openOptions: 'Ouvrir les options',
  signedOut: 'Vous êtes déconnecté de Sellsy.',
  signedOutKept: 'Le résumé affiché est la dernière version enregistrée.',
  signIn: 'Se connecter avec Sellsy',
  signingIn: 'Connexion dans la fenêtre Sellsy…',
  signInDenied: 'Accès refusé sur la page de Sellsy.',
  signInCancelled: 'La fenêtre de connexion a été fermée avant la fin.',
  signInFailed: 'La connexion a échoué.',
  notClient: (kind: 'prospect' | 'supplier') =>
    `Le résumé existe uniquement pour les clients : cette fiche est un ${kind === 'prospect' ? 'prospect' : 'fournisseur'}.`,
  loadError: 'Le résumé n’a pas pu être calculé.',
  keptCached: 'Le résumé affiché est la dernière version enregistrée.',
  textsError: 'Ce texte n’a pas pu être généré.',
  disconnected: 'L’extension a été interrompue (mise à jour ou mise en veille).',
  /** The background's limits refused a load (lib/messages.ts WaitReason says which). */
  wait: (reason: 'client' | 'tab' | 'llm', seconds: number) =>
    `Un instant : ${
      reason === 'client'
        ? 'ce client vient d’être calculé'
        : reason === 'tab'
          ? 'beaucoup de résumés ont été calculés dans cet onglet'
          : 'les textes de l’IA ont déjà été demandés plusieurs fois pour ce client'
    }. Réessayez dans ${seconds} s.`,
  retry: 'Réessayer',
  showMore: (n: number) => `Voir ${n} de plus`,
  showLess: 'Voir moins',
  showItems: (n: number) => `Voir les ${n} interactions`,
  noInteractions: 'Aucune interaction sur les six derniers mois.',
  writing: 'Rédaction en cours…',
  draftUnchecked: 'Brouillon, pas encore vérifié : le texte définitif s’affichera une fois ses chiffres contrôlés.',
  included: (n: number) => `${n} document${n > 1 ? 's' : ''} retenu${n > 1 ? 's' : ''}`,
  excluded: (n: number) => `${n} document${n > 1 ? 's' : ''} écarté${n > 1 ? 's' : ''}`,
  noSources: 'Pas de liste de documents pour ce chiffre.',
  /** What the panel's status line tells a screen reader as the summary comes. */
  announce: {
    loading: (what: string) => `Chargement du résumé : ${what}…`,
    computing: 'Calcul des chiffres…',
    figures: 'Chiffres affichés ; textes en cours de rédaction.',
    ready: 'Résumé prêt.',
  },
};

export type PanelWords = typeof fr;

const en: PanelWords = {
  panel: 'Client summary',
  close: 'Close the summary',
  refresh: 'Refresh',
  copy: 'Copy as Markdown',
  copied: 'Copied',
  copyFailed: 'Could not copy',
  generated: 'Computed',
  stale: 'May be out of date: the client changed since it was computed',
  staleShort: 'may be out of date',
  loading: 'Loading',
  phases: {
    client: 'client record',
    account: 'account',
    documents: 'documents',
    activity: 'activity',
    details: 'document rows',
    items: 'catalogue',
    done: 'done',
  },
  noCredentials: 'No Sellsy access is set up.',
  openOptions: 'Open the options',
  signedOut: 'Signed out of Sellsy.',
  signedOutKept: 'The summary shown is the last one saved.',
  signIn: 'Sign in with Sellsy',
  signingIn: 'Signing in, in the Sellsy window…',
  signInDenied: 'Access was denied on Sellsy’s page.',
  signInCancelled: 'The sign-in window was closed before the end.',
  signInFailed: 'The sign-in failed.',
  notClient: (kind) => `The summary exists only for clients: this record is a ${kind}.`,
  loadError: 'The summary could not be computed.',
  keptCached: 'The summary shown is the last saved one.',
  textsError: 'This text could not be generated.',
  disconnected: 'The extension was interrupted (updated or put to sleep).',
  wait: (reason, seconds) =>
    `Wait a moment: ${
      reason === 'client'
        ? 'this client was just computed'
        : reason === 'tab'
          ? 'many summaries were computed in this tab'
          : 'the AI texts were already asked for several times for this client'
    }. Try again in ${seconds} s.`,
  retry: 'Retry',
  showMore: (n) => `Show ${n} more`,
  showLess: 'Show less',
  showItems: (n) => `Show the ${n} interactions`,
  noInteractions: 'No interaction in the last six months.',
  writing: 'Writing…',
  draftUnchecked: 'Draft, not checked yet: the final text will show once its figures are checked.',
  included: (n) => `${n} document${n !== 1 ? 's' : ''} counted`,
  excluded: (n) => `${n} document${n !== 1 ? 's' : ''} left out`,
  noSources: 'No document list for this figure.',
  announce: {
    loading: (what) => `Loading the summary: ${what}…`,
    computing: 'Computing the figures…',
    figures: 'Figures shown; texts being written.',
    ready: 'Summary ready.',
  },
};

export const PANEL_WORDS: Record<Lang, PanelWords> = { fr, en };

export function panelWords(lang: string): PanelWords {
  return pick(PANEL_WORDS, lang);
}
