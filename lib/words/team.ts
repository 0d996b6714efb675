// The words of what the team shares: the panel's "Share with the team" and "Shared by", the comment posted on
// the client's record in Sellsy, and "Since your last look". Figure names come from figures.ts, so a total
// that changed is called what the card calls it.
import { FIGURES } from './figures';
import { type Lang, pick } from './lang';
import { VALUES } from './values';

function frWords() {
  const f = FIGURES.fr;
  const owed = (name: string) => `${name} (${VALUES.fr.remaining})`;
  return {
    share: {
      action: 'Partager avec l’équipe',
      previewing: 'Préparation de l’aperçu…',
      preview:
        'Ce commentaire sera publié sur la fiche du client dans Sellsy, pour tous les collaborateurs qui y ont accès. Voici exactement ce qui sera publié :',
      confirm: 'Confirmer',
      cancel: 'Annuler',
      posting: 'Publication…',
      posted: 'Résumé partagé sur la fiche Sellsy du client.',
      failed: {
        'not-saved': 'Ce résumé n’est pas encore enregistré : actualisez-le, puis partagez-le.',
        expired: 'L’aperçu a expiré : affichez-le de nouveau avant de publier.',
        'no-credentials': 'Aucun accès Sellsy n’est configuré.',
        forbidden:
          'Votre accès Sellsy ne permet pas d’écrire des commentaires (il lui manque l’autorisation comments.write) : rien n’a été publié. Demandez-la à l’administrateur du compte.',
        'not-posted': 'Sellsy n’a pas accepté le commentaire : rien n’a été publié.',
        unknown: 'Sellsy n’a pas répondu : impossible de savoir si le commentaire a été publié. Regardez la fiche avant de réessayer.',
      } as Record<string, string>,
    },
    shared: {
      by: (name: string, date: string) => `Partagé par ${name} le ${date}`,
      aColleague: 'un collaborateur',
      parts: {
        invoices: 'factures',
        creditNotes: 'avoirs',
        payments: 'paiements',
        estimates: 'devis',
        opportunities: 'opportunités',
        interactions: 'interactions',
      } as Record<string, string>,
      reused: 'Mêmes données qu’aujourd’hui : ses textes sont repris ici, sans appel au modèle de langue.',
      sameData: 'Calculé sur les mêmes données qu’aujourd’hui.',
      changed: (parts: string) => `Les données ont changé depuis : ${parts}.`,
      outdated: {
        data: (parts: string) => `Ses textes sont dépassés : ${parts} ont changé depuis.`,
        language: () => 'Ses textes sont dépassés : ils sont dans une autre langue.',
        numbers: () => 'Ses textes sont dépassés : ils ne correspondent plus aux chiffres actuels.',
      } as Record<string, (parts: string) => string>,
      showTexts: 'Voir ses textes (dépassés)',
    },
    comment: {
      intro: (date: string) => `Résumé partagé avec l’équipe depuis l’extension Résumé client, calculé le ${date}.`,
      footer:
        'Les chiffres valent à la date du calcul : l’extension les recalcule depuis Sellsy à chaque ouverture. La ligne suivante est destinée à l’extension.',
    },
    changes: {
      title: 'Depuis votre dernière consultation',
      since: (date: string) => `le ${date}`,
      nothing: (date: string) => `Rien de nouveau depuis votre dernière consultation, le ${date}.`,
      kinds: {
        'invoice-new': 'Nouvelles factures',
        'credit-note-new': 'Nouveaux avoirs',
        'payment-received': 'Paiements reçus',
        'invoice-late': 'Factures passées en retard',
        'invoice-paid': 'Factures payées',
        'estimate-sent': 'Devis envoyés',
        'estimate-accepted': 'Devis acceptés',
        'estimate-refused': 'Devis refusés',
        'opportunity-new': 'Nouvelles opportunités',
        'opportunity-moved': 'Opportunités qui ont bougé',
        'interaction-new': 'Nouvelles interactions',
      } as Record<string, string>,
      totals: 'Totaux',
      totalNames: {
        totalPurchases: f.totalPurchases.name,
        invoicesToPay: owed(f.invoicesToPay.name),
        invoicesLate: owed(f.invoicesLate.name),
        estimatesSent: f.estimatesSent.name,
        estimatesRead: f.estimatesRead.name,
        opportunities: f.opportunities.name,
      } as Record<string, string>,
      settles: 'règle',
      opportunityStatus: { open: 'ouverte', won: 'gagnée', lost: 'perdue', cancelled: 'annulée', closed: 'fermée', late: 'en retard' } as Record<
        string,
        string
      >,
      none: 'aucune',
    },
  };
}

export type TeamWords = ReturnType<typeof frWords>;

function enWords(): TeamWords {
  const f = FIGURES.en;
  const owed = (name: string) => `${name} (${VALUES.en.remaining})`;
  return {
    share: {
      action: 'Share with the team',
      previewing: 'Preparing the preview…',
      preview: 'This comment will be posted on the client’s record in Sellsy, for every colleague with access to it. Exactly this will be posted:',
      confirm: 'Confirm',
      cancel: 'Cancel',
      posting: 'Posting…',
      posted: 'Summary shared on the client’s Sellsy record.',
      failed: {
        'not-saved': 'This summary is not saved yet: refresh it, then share it.',
        expired: 'The preview expired: show it again before posting.',
        'no-credentials': 'No Sellsy access is set up.',
        forbidden:
          'Your Sellsy access may not write comments (it lacks the comments.write permission): nothing was posted. Ask the account’s administrator for it.',
        'not-posted': 'Sellsy did not take the comment: nothing was posted.',
        unknown: 'Sellsy did not answer: whether the comment was posted cannot be told. Look at the record before trying again.',
      },
    },
    shared: {
      by: (name, date) => `Shared by ${name} on ${date}`,
      aColleague: 'a colleague',
      parts: {
        invoices: 'invoices',
        creditNotes: 'credit notes',
        payments: 'payments',
        estimates: 'estimates',
        opportunities: 'opportunities',
        interactions: 'interactions',
      },
      reused: 'Same data as today: its texts are used here, with no call to the language model.',
      sameData: 'Computed from the same data as today.',
      changed: (parts) => `The data changed since: ${parts}.`,
      outdated: {
        data: (parts) => `Its texts are outdated: ${parts} changed since.`,
        language: () => 'Its texts are outdated: they are in another language.',
        numbers: () => 'Its texts are outdated: they no longer match the current figures.',
      },
      showTexts: 'Show its texts (outdated)',
    },
    comment: {
      intro: (date) => `Summary shared with the team from the Résumé client extension, computed on ${date}.`,
      footer:
        'The figures hold at the time of computing: the extension computes them again from Sellsy each time it opens. The next line is for the extension.',
    },
    changes: {
      title: 'Since your last look',
      since: (date) => `on ${date}`,
      nothing: (date) => `Nothing new since your last look, on ${date}.`,
      kinds: {
        'invoice-new': 'New invoices',
        'credit-note-new': 'New credit notes',
        'payment-received': 'Payments received',
        'invoice-late': 'Invoices now late',
        'invoice-paid': 'Invoices paid',
        'estimate-sent': 'Estimates sent',
        'estimate-accepted': 'Estimates accepted',
        'estimate-refused': 'Estimates refused',
        'opportunity-new': 'New opportunities',
        'opportunity-moved': 'Opportunities that moved',
        'interaction-new': 'New interactions',
      },
      totals: 'Totals',
      totalNames: {
        totalPurchases: f.totalPurchases.name,
        invoicesToPay: owed(f.invoicesToPay.name),
        invoicesLate: owed(f.invoicesLate.name),
        estimatesSent: f.estimatesSent.name,
        estimatesRead: f.estimatesRead.name,
        opportunities: f.opportunities.name,
      },
      settles: 'settles',
      opportunityStatus: { open: 'open', won: 'won', lost: 'lost', cancelled: 'cancelled', closed: 'closed', late: 'late' },
      none: 'none',
    },
  };
}

export const TEAM_WORDS: Record<Lang, TeamWords> = { fr: frWords(), en: enWords() };

export function teamWords(lang: string): TeamWords {
  return pick(TEAM_WORDS, lang);
}
